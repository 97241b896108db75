import * as pulumi from "@pulumi/pulumi";
import { Namespace, Secret } from "kubernetes-models/v1";
import {
  OpenMetadataKubernetes,
  type OpenMetadataKubernetesArgs,
  unknownChartConfigKeys,
} from "../components/kubernetes";
import { openMetadataSso, type OpenMetadataSso } from "../components/openmetadata/server-sso";
import {
  buildSsoModel,
  renderHelmValues,
  type SsoModel,
  type SsoSettings,
} from "../components/openmetadata/sso";
import { ArgsError } from "../components/problems";
import { clearInputs, inputs, ofType, one, runComponents } from "./helpers/offline";
import { CLIENT, KEY_ID, ssoSettings, ssoSource, TENANT } from "./helpers/sso-source";
import type { RecordedResource } from "../tools/plan/mock-runtime";
import type { openMetadataValues } from "../components/kubernetes";

type ChartValues = ReturnType<typeof openMetadataValues>;

const CLIENT_ID = CLIENT;
const PUBLIC_URL = "https://om.example.com";

/** The model the component should build for itself: the in-cluster Service of namespace `om`. */
function model(clientType: "public" | "confidential", admins = ["jane.doe"]): SsoModel {
  return buildSsoModel({
    ...ssoSettings({ publicUrl: PUBLIC_URL, clientType, adminPrincipals: admins }),
    clientId: CLIENT,
    tenantId: TENANT,
    internalUrl: "http://openmetadata.om.svc.cluster.local:8585",
    jwt: { keyId: KEY_ID, issuer: "om.example.com" },
  });
}

/** The SSO source: a confidential client passes `clientSecret`. */
function sso(settings: Partial<SsoSettings> = {}, clientSecret?: pulumi.Input<string>): OpenMetadataSso {
  return ssoSource({
    settings: { publicUrl: PUBLIC_URL, ...settings },
    clientSecret,
    privateKeyDerBase64: "UFJJVkFURQ==",
    publicKeyDerBase64: "UFVCTElD",
  });
}

const KUBECONFIG =
  "apiVersion: v1\nkind: Config\nclusters:\n  - name: c\n    cluster: { server: https://k8s.invalid }\n" +
  "contexts:\n  - name: c\n    context: { cluster: c, user: u }\nusers:\n  - name: u\n    user: { token: t }\n";

const EXTERNAL: OpenMetadataKubernetesArgs["dependencies"] = {
  mode: "external",
  database: { engine: "postgresql", host: "db.example.com", password: pulumi.secret("db-password-xyz") },
  search: {
    host: "search.example.com",
    user: "om",
    password: pulumi.secret("search-password-xyz"),
  },
};

function args(overrides: Partial<OpenMetadataKubernetesArgs> = {}): OpenMetadataKubernetesArgs {
  return {
    cluster: { kubeconfig: pulumi.secret(KUBECONFIG) },
    namespace: "om",
    sso: sso(),
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
    expect(clearInputs(provider).kubeconfig).toBe(KUBECONFIG);
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
          sso: sso({ clientType: "confidential" }, pulumi.secret("entra-secret-xyz")),
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

describe("OpenMetadataKubernetes, the oidc Secret follows sso.clientSecret", () => {
  const secretNames = async (a: OpenMetadataKubernetesArgs) => {
    const run = await runComponents(() => {
      new OpenMetadataKubernetes("om", a);
    });
    return ofType(run, "kubernetes:core/v1:Secret")
      .map((r) => r.name)
      .sort();
  };

  it("creates om-oidc-secret exactly when the SSO source carries a client secret", async () => {
    const bundled = [
      "om-airflow-mysql-secret",
      "om-airflow-secret",
      "om-fernet-secret",
      "om-jwt-keys-secret",
      "om-mysql-root-secret",
      "om-mysql-secret",
    ];
    expect(await secretNames(args())).toEqual(bundled);
    expect(
      await secretNames(
        args({ sso: sso({ clientType: "confidential" }, pulumi.secret("entra-secret-xyz")) }),
      ),
    ).toEqual([...bundled, "om-oidc-secret"].sort());
  });
});

describe("OpenMetadataKubernetes, ingress class and namespace names", () => {
  it("accepts a dotted IngressClass name (a DNS subdomain) and passes it to the chart", async () => {
    let error: unknown;
    const run = await runComponents(() => {
      try {
        new OpenMetadataKubernetes(
          "om",
          args({ ingress: { className: "nginx.ingress.example.com", certManagerIssuer: "letsencrypt" } }),
        );
      } catch (e) {
        error = e;
      }
    });
    expect(error).toBeUndefined();
    const values = inputs(byName(run.resources, "om-openmetadata")).values as {
      ingress: { className: string };
    };
    expect(values.ingress.className).toBe("nginx.ingress.example.com");
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
  const lines = (error: unknown) => (error as ArgsError).problems.map((p) => `${p.path}: ${p.message}`);

  it("rejects an http public URL in production, listing every problem, registering nothing", async () => {
    const { error, count } = await rejected(
      args({
        production: true,
        sso: sso({ publicUrl: "http://localhost:8585" }),
        cluster: {},
        ingress: undefined,
      }),
    );
    expect(error).toBeInstanceOf(ArgsError);
    // The production https rule was the component's (HEAD's validate-args.ts); the redesign dropped it.
    expect(lines(error)).toEqual([
      "cluster.kubeconfig: is required (the contents of a kubeconfig, unless a context of the deployer's kubeconfig is named; the ambient kubeconfig is never used silently)",
      "publicUrl: must be an https URL on a real host in production (localhost is for development)",
      "dependencies.mode: must be external in production (bundled MySQL, OpenSearch and Airflow are for dev and staging)",
    ]);
    expect(count).toBe(0);
  });

  it("rejects an unknown dependency mode", async () => {
    const { error, count } = await rejected(
      args({
        dependencies: { mode: "managed" } as unknown as OpenMetadataKubernetesArgs["dependencies"],
      }),
    );
    expect((error as Error).message).toBe(
      'OpenMetadataKubernetes "om": invalid arguments (1):\n' +
        '  dependencies.mode: must be one of bundled, external; got "managed"',
    );
    expect(count).toBe(0);
  });

  it("refuses a missing public URL in the SSO source, before any component exists", () => {
    const settings = ssoSettings({ publicUrl: "" });
    const jwtKeys = {
      keyId: KEY_ID,
      issuer: "om.example.com",
      privateKeyDerBase64: "UFJJVkFURQ==",
      publicKeyDerBase64: "UFVCTElD",
    };
    let error: unknown;
    try {
      openMetadataSso({ settings, clientId: CLIENT, tenantId: TENANT, jwtKeys });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ArgsError);
    expect((error as Error).message).toBe(
      "OpenMetadata SSO: invalid arguments (1):\n" +
        '  publicUrl: must be https://host[:port][/base-path] (a DNS name or IPv4 address; http only for localhost or 127.0.0.1), without credentials, query or fragment; got ""',
    );
  });

  it("rejects an IP address or single-label host as the ingress host and https without TLS", async () => {
    const { error } = await rejected(
      args({ sso: sso({ publicUrl: "https://10.0.0.5" }), ingress: { className: "nginx" } }),
    );
    expect(lines(error)).toEqual([
      'publicUrl: must have a DNS host name such as openmetadata.example.com for the ingress; got "10.0.0.5"',
      "ingress.tlsSecretName: is required for an https public URL unless a cert-manager issuer is named (the ingress must terminate TLS)",
    ]);
    const single = await rejected(args({ sso: sso({ publicUrl: "https://openmetadata" }) }));
    expect(lines(single.error)).toEqual([
      'publicUrl: must have a DNS host name such as openmetadata.example.com for the ingress; got "openmetadata"',
    ]);
  });

  it("rejects a namespace with a dot (namespaces are DNS labels)", async () => {
    const { error, count } = await rejected(args({ namespace: "open.metadata" }));
    expect((error as Error).message).toBe(
      'OpenMetadataKubernetes "om": invalid arguments (1):\n' +
        '  namespace: must be a DNS label: lower-case letters, digits and inner hyphens, at most 63 characters; got "open.metadata"',
    );
    expect(count).toBe(0);
  });

  it("refuses, in the SSO source, a client secret that does not fit the client type", () => {
    const attempt = (settings: Partial<SsoSettings>, clientSecret?: pulumi.Input<string>) => {
      try {
        sso(settings, clientSecret);
      } catch (e) {
        return e;
      }
      return undefined;
    };
    const confidential = attempt({ clientType: "confidential" });
    expect(confidential).toBeInstanceOf(ArgsError);
    expect((confidential as ArgsError).problems).toEqual([
      {
        path: "clientSecret",
        message: "is required (for a confidential client: the Entra client secret)",
        missing: true,
      },
    ]);
    expect((confidential as Error).message).toBe(
      "OpenMetadata SSO: invalid arguments (1):\n" +
        "  clientSecret: is required (for a confidential client: the Entra client secret)",
    );
    const pub = attempt({ clientType: "public" }, pulumi.secret("x"));
    expect(pub).toBeInstanceOf(ArgsError);
    expect((pub as Error).message).toBe(
      "OpenMetadata SSO: invalid arguments (1):\n" +
        "  clientSecret: must not be given for a public client (a SPA has no secret)",
    );
  });
});
