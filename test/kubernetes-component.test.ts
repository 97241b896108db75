import * as pulumi from "@pulumi/pulumi";
import { Namespace, Secret } from "kubernetes-models/v1";
import {
  KubernetesArgsError,
  OpenMetadataKubernetes,
  type OpenMetadataKubernetesArgs,
  unknownChartConfigKeys,
} from "../components/kubernetes";
import { buildSsoModel, renderHelmValues, type SsoModel } from "../components/openmetadata/sso";
import { clearInputs, inputs, ofType, one, runComponents } from "./helpers/offline";
import type { RecordedResource } from "../tools/plan/mock-runtime";
import type { openMetadataValues } from "../components/kubernetes";

type ChartValues = ReturnType<typeof openMetadataValues>;

const CLIENT_ID = "11111111-1111-1111-1111-111111111111";
const TENANT_ID = "22222222-2222-2222-2222-222222222222";

function model(clientType: "public" | "confidential", admins = ["jane.doe"]): SsoModel {
  return buildSsoModel({
    clientId: CLIENT_ID,
    tenantId: TENANT_ID,
    publicUrl: "https://om.example.com",
    internalUrl: "http://openmetadata.om.svc.cluster.local:8585",
    clientType,
    adminPrincipals: admins,
    principalDomain: "example.com",
    jwt: { keyId: "33333333-3333-4333-8333-333333333333", issuer: "om.example.com" },
  });
}

const EXTERNAL: OpenMetadataKubernetesArgs["dependencies"] = {
  mode: "external",
  database: { engine: "postgresql", host: "db.example.com", password: pulumi.secret("db-password-xyz") },
  search: {
    host: "search.example.com",
    auth: { username: "om", password: pulumi.secret("search-password-xyz") },
  },
};

function args(overrides: Partial<OpenMetadataKubernetesArgs> = {}): OpenMetadataKubernetesArgs {
  return {
    cluster: { kubeconfig: pulumi.secret("apiVersion: v1\nkind: Config\n") },
    namespace: "om",
    publicUrl: "https://om.example.com",
    sso: model("public"),
    clientType: "public",
    jwtKeys: { privateKeyDerBase64: pulumi.secret("UFJJVkFURQ=="), publicKeyDerBase64: "UFVCTElD" },
    dependencies: { mode: "bundled" },
    ingress: { className: "nginx", certManagerIssuer: "letsencrypt" },
    ...overrides,
  };
}

const byName = (resources: RecordedResource[], name: string) => {
  const found = resources.find((r) => r.name === name);
  if (!found) throw new Error(`no resource ${name}`);
  return found;
};

describe("OpenMetadataKubernetes, bundled dependencies", () => {
  let run: Awaited<ReturnType<typeof runComponents>>;
  beforeAll(async () => {
    run = await runComponents(() => {
      new OpenMetadataKubernetes("om", args());
    });
  });

  it("registers exactly these children", () => {
    expect(run.resources.map((r) => `${r.type} ${r.name}`).sort()).toEqual([
      "kubernetes:core/v1:Namespace om-namespace",
      "kubernetes:core/v1:Secret om-airflow-mysql-secret",
      "kubernetes:core/v1:Secret om-airflow-secret",
      "kubernetes:core/v1:Secret om-fernet-secret",
      "kubernetes:core/v1:Secret om-jwt-keys-secret",
      "kubernetes:core/v1:Secret om-mysql-root-secret",
      "kubernetes:core/v1:Secret om-mysql-secret",
      "kubernetes:helm.sh/v3:Release om-dependencies",
      "kubernetes:helm.sh/v3:Release om-openmetadata",
      "openmetadata-entra:kubernetes:OpenMetadataKubernetes om",
      "pulumi:providers:kubernetes om-cluster",
      "random:index/randomBytes:RandomBytes om-fernet-key",
      "random:index/randomPassword:RandomPassword om-airflow-mysql-password",
      "random:index/randomPassword:RandomPassword om-airflow-password",
      "random:index/randomPassword:RandomPassword om-mysql-password",
      "random:index/randomPassword:RandomPassword om-mysql-root-password",
    ]);
  });

  it("uses an explicit provider from the given kubeconfig, masked", () => {
    const provider = one(run, "pulumi:providers:kubernetes");
    expect(inputs(provider).kubeconfig).toBe("[secret]");
    expect(clearInputs(provider).kubeconfig).toBe("apiVersion: v1\nkind: Config\n");
    expect(clearInputs(provider).context).toBeUndefined();
  });

  it("installs both charts from the official repository, pinned, in the namespace", () => {
    const deps = inputs(byName(run.resources, "om-dependencies"));
    const om = inputs(byName(run.resources, "om-openmetadata"));
    const pick = (r: Record<string, unknown>) => [
      r.name,
      r.chart,
      r.version,
      r.namespace,
      r.repositoryOpts,
      r.atomic,
      r.cleanupOnFail,
      r.timeout,
    ];
    const repo = { repo: "https://helm.open-metadata.org" };
    expect(pick(deps)).toEqual([
      "openmetadata-dependencies",
      "openmetadata-dependencies",
      "1.8.12",
      "om",
      repo,
      true,
      true,
      900,
    ]);
    expect(pick(om)).toEqual(["openmetadata", "openmetadata", "1.8.12", "om", repo, true, true, 900]);
    expect(deps.allowNullValues).toBe(true);
  });

  it("creates the chart Secrets under the names and keys the charts expect, values masked", () => {
    const secrets = ofType(run, "kubernetes:core/v1:Secret").map(inputs);
    const shape = secrets
      .map((s) => {
        const meta = s.metadata as { name: string; namespace: string };
        return [meta.name, meta.namespace, s.stringData ?? s.data];
      })
      .sort();
    expect(shape).toEqual([
      ["airflow-mysql-secrets", "om", "[secret]"],
      ["airflow-secrets", "om", "[secret]"],
      ["mysql-secrets", "om", "[secret]"],
      ["openmetadata-fernet-key", "om", "[secret]"],
      ["openmetadata-jwt-keys", "om", "[secret]"],
      ["openmetadata-mysql-root", "om", "[secret]"],
    ]);
    const keys = ofType(run, "kubernetes:core/v1:Secret")
      .map((r) => clearInputs(r))
      .map((s) => [(s.metadata as { name: string }).name, Object.keys((s.stringData ?? s.data) as object)])
      .sort();
    expect(keys).toEqual([
      ["airflow-mysql-secrets", ["airflow-mysql-password"]],
      ["airflow-secrets", ["openmetadata-airflow-password"]],
      ["mysql-secrets", ["openmetadata-mysql-password"]],
      ["openmetadata-fernet-key", ["fernet-key"]],
      ["openmetadata-jwt-keys", ["private_key.der", "public_key.der"]],
      ["openmetadata-mysql-root", ["mysql-root-password"]],
    ]);
  });

  it("generates a URL-safe 32-byte Fernet key and 32-character passwords", () => {
    const fernet = clearInputs(byName(run.resources, "om-fernet-secret")).stringData as Record<
      string,
      string
    >;
    expect(Buffer.from(fernet["fernet-key"], "base64url")).toHaveLength(32);
    expect(fernet["fernet-key"]).toMatch(/^[A-Za-z0-9_-]{43}=$/);
    for (const p of ofType(run, "random:index/randomPassword:RandomPassword"))
      expect(inputs(p)).toEqual({ length: 32, special: false });
  });

  it("writes Kubernetes objects that validate against the upstream OpenAPI schemas", () => {
    const ns = inputs(one(run, "kubernetes:core/v1:Namespace"));
    expect(() => new Namespace(ns as ConstructorParameters<typeof Namespace>[0]).validate()).not.toThrow();
    for (const r of ofType(run, "kubernetes:core/v1:Secret")) {
      const s = clearInputs(r);
      expect(() => new Secret(s as ConstructorParameters<typeof Secret>[0]).validate()).not.toThrow();
    }
  });

  it("puts exactly the SSO rendering under authentication, authorizer and jwtTokenConfiguration", () => {
    const values = inputs(byName(run.resources, "om-openmetadata")).values as {
      openmetadata: { config: Record<string, unknown> };
      extraEnvs: unknown[];
    };
    const sso = renderHelmValues(model("public"));
    const { authentication, authorizer, jwtTokenConfiguration } = values.openmetadata.config;
    expect({ authentication, authorizer, jwtTokenConfiguration }).toEqual(sso.openmetadata.config);
    expect(values.extraEnvs).toEqual(sso.extraEnvs);
    expect(unknownChartConfigKeys(values.openmetadata.config)).toEqual([]);
  });

  it("points the server at the bundled MySQL, OpenSearch and Airflow, and mounts the JWT keys", () => {
    const values = inputs(byName(run.resources, "om-openmetadata")).values as ChartValues;
    const c = values.openmetadata.config;
    expect([c.database.host, c.database.port, c.database.dbScheme, c.database.auth.password]).toEqual([
      "mysql",
      3306,
      "mysql",
      { secretRef: "mysql-secrets", secretKey: "openmetadata-mysql-password" },
    ]);
    expect([c.elasticsearch.host, c.elasticsearch.port, c.elasticsearch.scheme]).toEqual([
      "opensearch",
      9200,
      "http",
    ]);
    expect(c.pipelineServiceClientConfig.apiEndpoint).toBe("http://openmetadata-dependencies-web:8080");
    expect(c.fernetkey).toEqual({ value: "", secretRef: "openmetadata-fernet-key", secretKey: "fernet-key" });
    expect(values.extraVolumes).toEqual([
      { name: "jwt-keys", secret: { secretName: "openmetadata-jwt-keys" } },
    ]);
    expect(values.extraVolumeMounts).toEqual([
      { name: "jwt-keys", mountPath: "/etc/openmetadata/jwtkeys", readOnly: true },
    ]);
    expect(values.resources).toEqual({
      requests: { cpu: "500m", memory: "1Gi" },
      limits: { cpu: "1", memory: "2Gi" },
    });
  });

  it("does not protect anything when data protection is off", () => {
    expect(run.resources.filter((r) => r.protect || r.retainOnDelete).map((r) => r.name)).toEqual([]);
  });

  it("makes the openmetadata release wait for its Secrets and the dependencies only", () => {
    const names = (urns: string[]) => urns.map((u) => run.resources.find((r) => r.urn === u)?.name).sort();
    expect(names(byName(run.resources, "om-openmetadata").dependsOn)).toEqual([
      "om-airflow-secret",
      "om-dependencies",
      "om-fernet-secret",
      "om-jwt-keys-secret",
      "om-mysql-secret",
    ]);
    expect(names(byName(run.resources, "om-dependencies").dependsOn)).toEqual([
      "om-airflow-mysql-secret",
      "om-airflow-secret",
      "om-mysql-root-secret",
      "om-mysql-secret",
    ]);
  });
});

describe("OpenMetadataKubernetes, external dependencies, confidential client, production", () => {
  let run: Awaited<ReturnType<typeof runComponents>>;
  beforeAll(async () => {
    run = await runComponents(() => {
      new OpenMetadataKubernetes(
        "om",
        args({
          production: true,
          dependencies: EXTERNAL,
          sso: model("confidential"),
          clientType: "confidential",
          oidcClientSecret: pulumi.secret("entra-secret-xyz"),
          createNamespace: false,
        }),
      );
    });
  });

  it("installs no dependency chart and generates no database password", () => {
    expect(ofType(run, "kubernetes:helm.sh/v3:Release").map((r) => inputs(r).chart)).toEqual([
      "openmetadata",
    ]);
    expect(ofType(run, "random:index/randomPassword:RandomPassword")).toEqual([]);
    expect(ofType(run, "kubernetes:core/v1:Namespace")).toEqual([]);
  });

  it("writes the given credentials and the OIDC client into the chart's Secrets", () => {
    const data = ofType(run, "kubernetes:core/v1:Secret")
      .map((r) => clearInputs(r))
      .filter((s) => s.stringData)
      .map((s) => [(s.metadata as { name: string }).name, s.stringData])
      .sort();
    expect(data.filter(([n]) => n !== "openmetadata-fernet-key")).toEqual([
      ["elasticsearch-secrets", { "openmetadata-elasticsearch-password": "search-password-xyz" }],
      ["mysql-secrets", { "openmetadata-mysql-password": "db-password-xyz" }],
      [
        "oidc-secrets",
        { "openmetadata-oidc-client-id": CLIENT_ID, "openmetadata-oidc-client-secret": "entra-secret-xyz" },
      ],
    ]);
    expect(JSON.stringify(run.resources.map(inputs))).not.toMatch(/-xyz/);
  });

  it("points the server at the managed services and Entra's confidential flow", () => {
    const values = inputs(byName(run.resources, "om-openmetadata")).values as ChartValues;
    const c = values.openmetadata.config;
    expect(c.database).toEqual({
      enabled: true,
      host: "db.example.com",
      port: 5432,
      driverClass: "org.postgresql.Driver",
      dbScheme: "postgresql",
      databaseName: "openmetadata_db",
      auth: {
        username: "openmetadata_user",
        password: { secretRef: "mysql-secrets", secretKey: "openmetadata-mysql-password" },
      },
      dbParams: "sslmode=require",
    });
    expect(c.elasticsearch).toEqual({
      enabled: true,
      host: "search.example.com",
      searchType: "opensearch",
      port: 443,
      scheme: "https",
      auth: {
        enabled: true,
        username: "om",
        password: { secretRef: "elasticsearch-secrets", secretKey: "openmetadata-elasticsearch-password" },
      },
    });
    expect(c.pipelineServiceClientConfig).toEqual({ enabled: false });
    expect(c.authentication).toEqual(
      renderHelmValues(model("confidential")).openmetadata.config.authentication,
    );
    expect(unknownChartConfigKeys(c)).toEqual([]);
  });

  it("protects credentials in production, and never the openmetadata release", () => {
    expect(
      run.resources
        .filter((r) => r.protect)
        .map((r) => [r.name, r.retainOnDelete])
        .sort(),
    ).toEqual([
      ["om-fernet-key", true],
      ["om-fernet-secret", true],
      ["om-mysql-secret", true],
    ]);
  });
});

describe("OpenMetadataKubernetes, data protection with bundled dependencies", () => {
  it("protects and retains the namespace, the dependency release and their credentials", async () => {
    const run = await runComponents(() => {
      new OpenMetadataKubernetes("om", args({ protectData: true }));
    });
    expect(
      run.resources
        .filter((r) => r.protect && r.retainOnDelete)
        .map((r) => r.name)
        .sort(),
    ).toEqual([
      "om-airflow-mysql-password",
      "om-airflow-mysql-secret",
      "om-airflow-password",
      "om-airflow-secret",
      "om-dependencies",
      "om-fernet-key",
      "om-fernet-secret",
      "om-mysql-password",
      "om-mysql-root-password",
      "om-mysql-root-secret",
      "om-mysql-secret",
      "om-namespace",
    ]);
  });
});

describe("OpenMetadataKubernetes, invalid args", () => {
  async function rejected(bad: OpenMetadataKubernetesArgs): Promise<{ error: unknown; count: number }> {
    let error: unknown;
    const run = await runComponents(() => {
      try {
        new OpenMetadataKubernetes("om", bad);
      } catch (e) {
        error = e;
      }
    });
    return { error, count: run.resources.length };
  }

  it("rejects an http public URL in production, listing every problem, registering nothing", async () => {
    const { error, count } = await rejected(
      args({ production: true, publicUrl: "http://localhost:8585", cluster: {}, ingress: undefined }),
    );
    expect(error).toBeInstanceOf(KubernetesArgsError);
    expect((error as KubernetesArgsError).problems).toEqual([
      "cluster: needs kubeconfig (the contents of a kubeconfig, secret) or context (a context name); the ambient kubeconfig is never used silently",
      'publicUrl: must be an https URL in production; got "http://localhost:8585"',
      "dependencies.mode: must be external in production (bundled dependencies are for dev and staging)",
    ]);
    expect(count).toBe(0);
  });

  it("rejects a missing ingress host and an unknown dependency mode", async () => {
    const { error, count } = await rejected(
      args({
        publicUrl: "",
        dependencies: { mode: "managed" } as unknown as OpenMetadataKubernetesArgs["dependencies"],
      }),
    );
    expect((error as Error).message).toBe(
      "Invalid OpenMetadataKubernetes args:\n" +
        "  publicUrl: is required: the ingress host and every SSO URL derive from it\n" +
        '  dependencies.mode: must be bundled or external; got "managed"',
    );
    expect(count).toBe(0);
  });

  it("rejects an IP address or single-label host as the ingress host and https without TLS", async () => {
    const { error } = await rejected(
      args({ publicUrl: "https://10.0.0.5", ingress: { className: "nginx" } }),
    );
    expect((error as KubernetesArgsError).problems).toEqual([
      'publicUrl: the ingress needs a DNS host name such as openmetadata.example.com; got "10.0.0.5"',
      "ingress: an https publicUrl needs tlsSecretName or certManagerIssuer",
    ]);
  });

  it("rejects a client secret that does not fit the client type", async () => {
    const { error } = await rejected(args({ clientType: "confidential" }));
    expect((error as KubernetesArgsError).problems).toEqual([
      "oidcClientSecret: is required for clientType confidential (the Entra client secret)",
    ]);
    const pub = await rejected(args({ oidcClientSecret: pulumi.secret("x") }));
    expect((pub.error as KubernetesArgsError).problems).toEqual([
      "oidcClientSecret: must be omitted for clientType public (a SPA has no secret)",
    ]);
  });
});
