import { createHash } from "node:crypto";
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

/** A Fernet key from random bytes in base64: URL-safe base64 (written out here, not taken from the code). */
const toFernetKey = (base64: string): string => base64.replace(/\+/g, "-").replace(/\//g, "_");

type ChartValues = ReturnType<typeof openMetadataValues>;

const CLIENT_ID = CLIENT;
const PUBLIC_URL = "https://om.example.com";

/**
 * The release these tests install: the seed line 1.8 (flat pipeline layout, airflow-helm). What differs per line is
 * asserted row by row in kubernetes-lines.test.ts.
 */
const VERSION = "1.8.12";

/** The model the component should build for itself: the in-cluster Service of namespace `om`. */
function model(clientType: "public" | "confidential", admins = ["jane.doe"]): SsoModel {
  return buildSsoModel({
    openmetadataVersion: VERSION,
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
    version: VERSION,
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
      "command:local:Command om-version-guard",
      "kubernetes:core/v1:Namespace om-namespace",
      "kubernetes:core/v1:Secret om-airflow-keys-secret",
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
      "random:index/randomBytes:RandomBytes om-airflow-fernet-key",
      "random:index/randomBytes:RandomBytes om-fernet-key",
      "random:index/randomPassword:RandomPassword om-airflow-mysql-password",
      "random:index/randomPassword:RandomPassword om-airflow-password",
      "random:index/randomPassword:RandomPassword om-airflow-webserver-secret-key",
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
      ["openmetadata-airflow-keys", "om", "[secret]"],
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
      ["openmetadata-airflow-keys", ["fernet-key", "webserver-secret-key"]],
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
    // 1.8's flat layout and airflow-helm's webserver Service (every line: kubernetes-lines.test.ts).
    expect(c.pipelineServiceClientConfig).toMatchObject({
      enabled: true,
      apiEndpoint: "http://openmetadata-dependencies-web:8080",
    });
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

  it("protects and retains the data by default, and nothing else", () => {
    expect(
      run.resources
        .filter((r) => r.protect || r.retainOnDelete)
        .map((r) => [r.name, r.protect, r.retainOnDelete])
        .sort(),
    ).toEqual(
      [
        "om-airflow-fernet-key",
        "om-airflow-keys-secret",
        "om-airflow-mysql-password",
        "om-airflow-mysql-secret",
        "om-airflow-password",
        "om-airflow-secret",
        "om-airflow-webserver-secret-key",
        "om-dependencies",
        "om-fernet-key",
        "om-fernet-secret",
        "om-mysql-password",
        "om-mysql-root-password",
        "om-mysql-root-secret",
        "om-mysql-secret",
        "om-namespace",
      ].map((n) => [n, true, true]),
    );
  });

  it("makes both releases wait for the version guard, the openmetadata release for its Secrets and the dependencies", () => {
    const names = (urns: string[]) => urns.map((u) => run.resources.find((r) => r.urn === u)?.name).sort();
    expect(names(byName(run.resources, "om-openmetadata").dependsOn)).toEqual([
      "om-airflow-secret",
      "om-dependencies",
      "om-fernet-secret",
      "om-jwt-keys-secret",
      "om-mysql-secret",
      "om-version-guard",
    ]);
    expect(names(byName(run.resources, "om-dependencies").dependsOn)).toEqual([
      "om-airflow-keys-secret",
      "om-airflow-mysql-secret",
      "om-airflow-secret",
      "om-mysql-root-secret",
      "om-mysql-secret",
      "om-version-guard",
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
      "om-airflow-fernet-key",
      "om-airflow-keys-secret",
      "om-airflow-mysql-password",
      "om-airflow-mysql-secret",
      "om-airflow-password",
      "om-airflow-secret",
      "om-airflow-webserver-secret-key",
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
      "om-airflow-keys-secret",
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

describe("OpenMetadataKubernetes rolls, keys, transport and data protection (issue 14)", () => {
  const build = async (a: OpenMetadataKubernetesArgs) =>
    runComponents(() => {
      new OpenMetadataKubernetes("om", a);
    });
  const values = (run: Awaited<ReturnType<typeof build>>) =>
    inputs(byName(run.resources, "om-openmetadata")).values as ChartValues;

  /** External dependencies with an Airflow, every secret given, so each one can be changed on its own. */
  const external = (
    change: { db?: string; search?: string; airflow?: string } = {},
  ): OpenMetadataKubernetesArgs["dependencies"] => ({
    mode: "external",
    database: {
      engine: "postgresql",
      host: "db.example.com",
      password: pulumi.secret(change.db ?? "db-pw-1"),
    },
    search: {
      host: "search.example.com",
      user: "om",
      password: pulumi.secret(change.search ?? "search-pw-1"),
    },
    pipelineClient: {
      apiEndpoint: "https://airflow.example.com",
      password: pulumi.secret(change.airflow ?? "airflow-pw-1"),
    },
  });

  const digestOf = async (a: OpenMetadataKubernetesArgs) => {
    const annotations = values(await build(a)).podAnnotations;
    expect(Object.keys(annotations)).toEqual([
      "openmetadata-entra/secrets-digest",
      "openmetadata-entra/sso-digest",
    ]);
    return annotations["openmetadata-entra/secrets-digest"];
  };

  it("puts a digest of the server's Secrets on the pod template: it changes when a Secret changes, and only then", async () => {
    const confidential = (secret: string, publicDer = "UFVCTElD", privateDer = "UFJJVkFURQ==") =>
      ssoSource({
        settings: { publicUrl: PUBLIC_URL, clientType: "confidential" },
        clientSecret: pulumi.secret(secret),
        privateKeyDerBase64: privateDer,
        publicKeyDerBase64: publicDer,
      });
    const base = (over: Partial<OpenMetadataKubernetesArgs> = {}) =>
      args({ dependencies: external(), sso: confidential("entra-1"), ...over });
    const before = await digestOf(base());
    expect(before).toMatch(/^[0-9a-f]{64}$/);
    // Readable in the plan: the digest is not a secret (it reveals nothing of the values).
    const shown = inputs(byName((await build(base())).resources, "om-openmetadata")).values as ChartValues;
    expect(shown.podAnnotations["openmetadata-entra/secrets-digest"]).toBe(before);

    const secretChanges: [string, Partial<OpenMetadataKubernetesArgs>][] = [
      ["database password", { dependencies: external({ db: "db-pw-2" }) }],
      ["search password", { dependencies: external({ search: "search-pw-2" }) }],
      ["Airflow password", { dependencies: external({ airflow: "airflow-pw-2" }) }],
      ["Entra client secret", { sso: confidential("entra-2") }],
      ["JWT private key", { sso: confidential("entra-1", "UFVCTElD", "T1RIRVI=") }],
      ["JWT public key", { sso: confidential("entra-1", "T1RIRVI=") }],
    ];
    const changed: Record<string, boolean> = {};
    for (const [what, over] of secretChanges) changed[what] = (await digestOf(base(over))) !== before;
    expect(changed).toEqual(Object.fromEntries(secretChanges.map(([w]) => [w, true])));

    const otherChanges: [string, Partial<OpenMetadataKubernetesArgs>][] = [
      ["same arguments", {}],
      [
        "admins (values, not a Secret)",
        {
          sso: ssoSource({
            settings: { publicUrl: PUBLIC_URL, clientType: "confidential", adminPrincipals: ["john.doe"] },
            clientSecret: pulumi.secret("entra-1"),
            privateKeyDerBase64: "UFJJVkFURQ==",
            publicKeyDerBase64: "UFVCTElD",
          }),
        },
      ],
      ["ingress", { ingress: { className: "traefik", tlsSecretName: "om-tls" } }],
      [
        "resources",
        { resources: { requests: { cpu: "1", memory: "2Gi" }, limits: { cpu: "2", memory: "4Gi" } } },
      ],
      ["helm timeout", { helmTimeoutSeconds: 1200 }],
    ];
    const same: Record<string, boolean> = {};
    for (const [what, over] of otherChanges) same[what] = (await digestOf(base(over))) === before;
    expect(same).toEqual(Object.fromEntries(otherChanges.map(([w]) => [w, true])));
  });

  it("gives the bundled Airflow generated Fernet and webserver keys from Secret openmetadata-airflow-keys", async () => {
    const run = await build(args());
    const airflow = (
      inputs(byName(run.resources, "om-dependencies")).values as {
        airflow: { airflow: Record<string, unknown> };
      }
    ).airflow.airflow;
    expect([airflow.fernetKey, airflow.webserverSecretKey, airflow.extraEnv]).toEqual([
      "",
      "",
      [
        {
          name: "AIRFLOW__CORE__FERNET_KEY",
          valueFrom: { secretKeyRef: { name: "openmetadata-airflow-keys", key: "fernet-key" } },
        },
        {
          name: "AIRFLOW__WEBSERVER__SECRET_KEY",
          valueFrom: { secretKeyRef: { name: "openmetadata-airflow-keys", key: "webserver-secret-key" } },
        },
      ],
    ]);
    const keys = byName(run.resources, "om-airflow-keys-secret");
    expect(inputs(keys).stringData).toBe("[secret]");
    const sha = (s: string) => createHash("sha256").update(s).digest("hex");
    // The mocks' RandomBytes and RandomPassword results for these names, as the component converts them.
    const fernet = toFernetKey(Buffer.alloc(32, sha("om-airflow-fernet-key")).toString("base64"));
    expect(clearInputs(keys).stringData).toEqual({
      "fernet-key": fernet,
      "webserver-secret-key": `fake-password-om-airflow-webserver-secret-key-${sha("om-airflow-webserver-secret-key").slice(0, 12)}`,
    });
    expect(fernet).not.toBe("7T512UXSSmBOkpWimFHIVb8jK6lfmSAvx4mO6Arehnc=");
    expect(Buffer.from(fernet, "base64url")).toHaveLength(32);
    expect([byName(run.resources, "om-airflow-fernet-key").protect, keys.protect]).toEqual([true, true]);
  });

  it("sets PIPELINE_SERVICE_CLIENT_ENABLED=false exactly in external mode without a pipeline client", async () => {
    const ssoEnvs = renderHelmValues(model("public")).extraEnvs;
    const withoutAirflow = values(
      await build(args({ dependencies: { ...EXTERNAL, pipelineClient: undefined } })),
    );
    expect(withoutAirflow.extraEnvs).toEqual([
      ...ssoEnvs,
      { name: "PIPELINE_SERVICE_CLIENT_ENABLED", value: "false" },
    ]);
    expect(withoutAirflow.openmetadata.config.pipelineServiceClientConfig).toEqual({ enabled: false });
    expect(values(await build(args())).extraEnvs).toEqual(ssoEnvs);
    expect(
      values(
        await build(
          args({
            dependencies: {
              ...EXTERNAL,
              pipelineClient: {
                apiEndpoint: "https://airflow.example.com",
                password: pulumi.secret("a-pw-1"),
              },
            },
          }),
        ),
      ).extraEnvs,
    ).toEqual(ssoEnvs);
  });

  it("refuses cleartext connections in production: JDBC without TLS, http search, an http pipeline endpoint", async () => {
    const attempt = async (dependencies: OpenMetadataKubernetesArgs["dependencies"]) => {
      let message: string | undefined;
      const run = await runComponents(() => {
        try {
          new OpenMetadataKubernetes("om", args({ production: true, dependencies }));
        } catch (e) {
          message = (e as Error).message;
        }
      });
      return { message, registered: run.resources.length };
    };
    expect(
      await attempt({
        mode: "external",
        database: {
          host: "db.example.com",
          password: pulumi.secret("db-pw-1"),
          params: "allowPublicKeyRetrieval=true&useSSL=false&serverTimezone=UTC",
        },
        search: { host: "search.example.com", scheme: "http" },
        pipelineClient: { apiEndpoint: "http://airflow.example.com", password: pulumi.secret("a-pw-1") },
      }),
    ).toEqual({
      message:
        'OpenMetadataKubernetes "om": invalid arguments (3):\n' +
        "  dependencies.database.params: must use TLS in production: the database at db.example.com would be reached in cleartext\n" +
        "  dependencies.search.scheme: must use TLS in production: the search engine at search.example.com would be reached in cleartext\n" +
        "  dependencies.pipelineClient.apiEndpoint: must be an https URL in production: OpenMetadata sends Airflow's password to it",
      registered: 0,
    });
    // useSSL=true alone only prefers TLS (Connector/J falls back to cleartext): still refused.
    expect(
      (
        await attempt({
          mode: "external",
          database: { host: "db.example.com", password: pulumi.secret("db-pw-1"), params: "useSSL=true" },
          search: { host: "search.example.com" },
        })
      ).message,
    ).toBe(
      'OpenMetadataKubernetes "om": invalid arguments (1):\n' +
        "  dependencies.database.params: must use TLS in production: the database at db.example.com would be reached in cleartext",
    );
    // The defaults (TLS, https) and an https pipeline endpoint pass.
    expect(
      (
        await attempt({
          mode: "external",
          database: { host: "db.example.com", password: pulumi.secret("db-pw-1") },
          search: { host: "search.example.com" },
          pipelineClient: { apiEndpoint: "https://airflow.example.com", password: pulumi.secret("a-pw-1") },
        })
      ).message,
    ).toBeUndefined();
  });

  it("protects the data by default; protectData false unprotects it and keeps retainOnDelete", async () => {
    const data = (run: Awaited<ReturnType<typeof build>>) =>
      run.resources
        .filter((r) => r.retainOnDelete || r.protect)
        .map((r) => [r.name, r.protect, r.retainOnDelete])
        .sort();
    const names = [
      "om-airflow-fernet-key",
      "om-airflow-keys-secret",
      "om-airflow-mysql-password",
      "om-airflow-mysql-secret",
      "om-airflow-password",
      "om-airflow-secret",
      "om-airflow-webserver-secret-key",
      "om-dependencies",
      "om-fernet-key",
      "om-fernet-secret",
      "om-mysql-password",
      "om-mysql-root-password",
      "om-mysql-root-secret",
      "om-mysql-secret",
      "om-namespace",
    ];
    expect(data(await build(args()))).toEqual(names.map((n) => [n, true, true]));
    expect(data(await build(args({ protectData: false })))).toEqual(names.map((n) => [n, false, true]));
    // The openmetadata release is never protected: an upgrade or an SSO change updates it.
    expect(byName((await build(args())).resources, "om-openmetadata").protect).toBe(false);
  });
});
