/**
 * The Kubernetes target on every supported release line, one row per line: the component planned under mocks, its
 * values validated against that chart version's values.schema.json (ajv) and rendered by the real chart with
 * `helm template` (the vendored charts under test/fixtures/helm/, see SOURCE.txt there).
 */
import * as pulumi from "@pulumi/pulumi";
import {
  OpenMetadataKubernetes,
  type OpenMetadataKubernetesArgs,
  unknownChartConfigKeys,
} from "../components/kubernetes";
import type { SsoModel } from "../components/openmetadata/sso";
import { ArgsError } from "../components/problems";
import { securityConfigDigest } from "../components/openmetadata/security-config";
import {
  coalesce,
  chartDefaults,
  find,
  helmTemplate,
  type K8sObject,
  schemaErrors,
  secretData,
} from "./helpers/helm-chart";
import { clearInputs, inputs, runComponents, valueOf } from "./helpers/offline";
import { ssoSource, TENANT } from "./helpers/sso-source";
import type { RecordedResource } from "../tools/plan/mock-runtime";

const KUBECONFIG =
  "apiVersion: v1\nkind: Config\nclusters:\n  - name: c\n    cluster: { server: https://k8s.invalid }\n" +
  "contexts:\n  - name: c\n    context: { cluster: c, user: u }\nusers:\n  - name: u\n    user: { token: t }\n";
const PUBLIC_URL = "https://om.example.com";
const OPS = "/opt/openmetadata/bootstrap/openmetadata-ops.sh";
/** The reset tail the chart appends to `migrate` (written out here, not taken from the code). */
const RESET =
  `&& { '${OPS}' remove-security-config --force || echo openmetadata-entra: remove-security-config failed, ` +
  "the server keeps its stored SSO settings >&2; }";
const TENANT_KEYS = `https://login.microsoftonline.com/${TENANT}/discovery/v2.0/keys`;
const COMMON_KEYS = "https://login.microsoftonline.com/common/discovery/keys";

interface Line {
  version: string;
  layout: "flat" | "nested";
  airflowService: "web" | "api-server";
  airflowChart: "airflow-helm" | "apache-airflow";
  /** The stored SSO settings are reset at every pod start (1.10+ with the default ssoConfigSource stack). */
  reset: boolean;
  entraKeys: string;
  /** Bitnami's MySQL image must be overridden (the chart pins bitnamilegacy itself from 1.9.4). */
  mysqlOverride: boolean;
  /**
   * The chart itself gives the server PIPELINE_SERVICE_CLIENT_ENABLED=false for a disabled client (1.12.2 on: it
   * renders the value from 1.10.9, but mounts its Secret only for an enabled client before 1.12.2).
   */
  chartRendersDisabled: boolean;
}

const LINES: Line[] = [
  {
    version: "1.8.12",
    layout: "flat",
    airflowService: "web",
    airflowChart: "airflow-helm",
    reset: false,
    entraKeys: COMMON_KEYS,
    mysqlOverride: true,
    chartRendersDisabled: false,
  },
  {
    version: "1.9.17",
    layout: "flat",
    airflowService: "web",
    airflowChart: "airflow-helm",
    reset: false,
    entraKeys: COMMON_KEYS,
    mysqlOverride: false,
    chartRendersDisabled: false,
  },
  {
    version: "1.10.14",
    layout: "flat",
    airflowService: "web",
    airflowChart: "airflow-helm",
    reset: true,
    entraKeys: TENANT_KEYS,
    mysqlOverride: false,
    chartRendersDisabled: false,
  },
  {
    version: "1.11.2",
    layout: "flat",
    airflowService: "web",
    airflowChart: "airflow-helm",
    reset: true,
    entraKeys: TENANT_KEYS,
    mysqlOverride: false,
    chartRendersDisabled: false,
  },
  {
    version: "1.11.13",
    layout: "nested",
    airflowService: "api-server",
    airflowChart: "apache-airflow",
    reset: true,
    entraKeys: TENANT_KEYS,
    mysqlOverride: false,
    chartRendersDisabled: false,
  },
  {
    version: "1.12.12",
    layout: "nested",
    airflowService: "api-server",
    airflowChart: "apache-airflow",
    reset: true,
    entraKeys: TENANT_KEYS,
    mysqlOverride: false,
    chartRendersDisabled: true,
  },
  {
    version: "1.13.1",
    layout: "nested",
    airflowService: "api-server",
    airflowChart: "apache-airflow",
    reset: true,
    entraKeys: TENANT_KEYS,
    mysqlOverride: false,
    chartRendersDisabled: true,
  },
];

type Values = {
  openmetadata: { config: Record<string, Record<string, unknown>> };
  extraEnvs: { name: string; value: string }[];
  podAnnotations: Record<string, string>;
};

const confidential = (admins = ["jane.doe"], secret = "entra-secret-1") =>
  ssoSource({
    settings: { publicUrl: PUBLIC_URL, clientType: "confidential", adminPrincipals: admins },
    clientSecret: pulumi.secret(secret),
  });

function args(version: string, over: Partial<OpenMetadataKubernetesArgs> = {}): OpenMetadataKubernetesArgs {
  return {
    cluster: { kubeconfig: pulumi.secret(KUBECONFIG) },
    namespace: "om",
    version,
    sso: confidential(),
    dependencies: { mode: "bundled" },
    ingress: { className: "nginx", certManagerIssuer: "letsencrypt" },
    ...over,
  };
}

async function build(a: OpenMetadataKubernetesArgs) {
  let component: OpenMetadataKubernetes | undefined;
  const run = await runComponents(() => {
    component = new OpenMetadataKubernetes("om", a);
  });
  const model = await valueOf((component as OpenMetadataKubernetes).sso);
  const byName = (name: string): RecordedResource => {
    const found = run.resources.find((r) => r.name === name);
    if (!found) throw new Error(`no resource ${name}`);
    return found;
  };
  return { run, model, byName, values: clearInputs(byName("om-openmetadata")).values as Values };
}

type Built = Awaited<ReturnType<typeof build>>;

const deployment = (objects: K8sObject[]) =>
  find(objects, "Deployment", "openmetadata") as K8sObject & {
    spec: {
      template: {
        metadata: { annotations?: Record<string, string> };
        spec: {
          initContainers: {
            name: string;
            command: string[];
            envFrom: { secretRef: { name: string } }[];
            env?: { name: string }[];
          }[];
          containers: { name: string; image: string; env?: { name: string; value?: string }[] }[];
        };
      };
    };
  };

describe.each(LINES)("OpenMetadata $version on Kubernetes", (line) => {
  let built: Built;
  let rendered: K8sObject[];
  beforeAll(async () => {
    built = await build(args(line.version));
    rendered = helmTemplate(line.version, built.values);
  });

  it("installs both charts at exactly this version, after the version guard", () => {
    const om = inputs(built.byName("om-openmetadata"));
    const deps = inputs(built.byName("om-dependencies"));
    expect([om.chart, om.version, deps.chart, deps.version]).toEqual([
      "openmetadata",
      line.version,
      "openmetadata-dependencies",
      line.version,
    ]);
    const guard = built.byName("om-version-guard");
    expect(guard.type).toBe("command:local:Command");
    expect(clearInputs(guard).create).toBe(`printf '%s' '${line.version}'`);
    for (const release of ["om-openmetadata", "om-dependencies"])
      expect(built.byName(release).dependsOn).toContain(guard.urn);
  });

  it("runs the server image of this version (the chart's default tag is its appVersion)", () => {
    const image = deployment(rendered).spec.template.spec.containers[0].image;
    expect(image).toBe(`docker.getcollate.io/openmetadata/server:${line.version}`);
  });

  it(`renders pipelineServiceClientConfig ${line.layout}, pointing at the bundled Airflow's ${line.airflowService} Service`, () => {
    const endpoint = `http://openmetadata-dependencies-${line.airflowService}:8080`;
    const auth = {
      enabled: true,
      username: "admin",
      password: { secretRef: "airflow-secrets", secretKey: "openmetadata-airflow-password" },
    };
    const metadataApiEndpoint = "http://openmetadata:8585/api";
    expect(built.values.openmetadata.config.pipelineServiceClientConfig).toEqual(
      line.layout === "flat"
        ? { enabled: true, apiEndpoint: endpoint, metadataApiEndpoint, auth }
        : { enabled: true, type: "airflow", metadataApiEndpoint, airflow: { apiEndpoint: endpoint, auth } },
    );
    // Where this version's templates read them: the pipeline Secret's endpoint and the Airflow password's env.
    const pipeline = secretData(find(rendered, "Secret", "openmetadata-pipeline-secret"));
    expect([
      pipeline.PIPELINE_SERVICE_CLIENT_ENDPOINT,
      pipeline.SERVER_HOST_API_URL,
      pipeline.AIRFLOW_USERNAME,
    ]).toEqual([endpoint, metadataApiEndpoint, "admin"]);
    const env = deployment(rendered).spec.template.spec.containers[0].env ?? [];
    expect(env.find((e) => e.name === "AIRFLOW_PASSWORD")).toEqual({
      name: "AIRFLOW_PASSWORD",
      valueFrom: { secretKeyRef: { name: "airflow-secrets", key: "openmetadata-airflow-password" } },
    });
  });

  it(
    line.reset
      ? "chains the reset of the stored SSO settings to the migration, in the init container with the server's env"
      : "runs the migration alone (the server reads its SSO settings from the env at every start)",
    () => {
      const cfg = built.values.openmetadata.config;
      if (line.reset) expect(cfg.upgradeMigrationConfigs).toEqual({ additionalArgs: RESET });
      else expect(cfg.upgradeMigrationConfigs).toBeUndefined();
      const init = deployment(rendered).spec.template.spec.initContainers.find(
        (c) => c.name === "run-db-migrations",
      );
      expect(init?.command).toEqual(["/bin/bash", "-c", `${OPS} migrate ${line.reset ? RESET : ""}`]);
      // The reset runs with the same SSO env the server starts with, so the next start seeds the stack's settings.
      expect(init?.envFrom.map((e) => e.secretRef.name)).toContain("openmetadata-authentication-secret");
      expect(init?.envFrom.map((e) => e.secretRef.name)).toContain("openmetadata-authorizer-secret");
    },
  );

  it("maps the SSO model to the chart's authentication env exactly", () => {
    const model: SsoModel = built.model;
    const auth = secretData(find(rendered, "Secret", "openmetadata-authentication-secret"));
    const a = model.authenticationConfiguration;
    const oidc = a.oidcConfiguration!;
    expect(auth.AUTHENTICATION_PUBLIC_KEYS).toEqual([
      line.entraKeys,
      "http://openmetadata.om.svc.cluster.local:8585/api/v1/system/config/jwks",
    ]);
    expect({
      AUTHENTICATION_PROVIDER: auth.AUTHENTICATION_PROVIDER,
      AUTHENTICATION_CLIENT_TYPE: auth.AUTHENTICATION_CLIENT_TYPE,
      AUTHENTICATION_AUTHORITY: auth.AUTHENTICATION_AUTHORITY,
      AUTHENTICATION_CLIENT_ID: auth.AUTHENTICATION_CLIENT_ID,
      AUTHENTICATION_CALLBACK_URL: auth.AUTHENTICATION_CALLBACK_URL,
      AUTHENTICATION_JWT_PRINCIPAL_CLAIMS: auth.AUTHENTICATION_JWT_PRINCIPAL_CLAIMS,
      OIDC_TENANT: auth.OIDC_TENANT,
      OIDC_DISCOVERY_URI: auth.OIDC_DISCOVERY_URI,
      OIDC_CALLBACK: auth.OIDC_CALLBACK,
      OIDC_SCOPE: auth.OIDC_SCOPE,
      OIDC_SESSION_EXPIRY: auth.OIDC_SESSION_EXPIRY,
    }).toEqual({
      AUTHENTICATION_PROVIDER: "azure",
      AUTHENTICATION_CLIENT_TYPE: "confidential",
      AUTHENTICATION_AUTHORITY: `https://login.microsoftonline.com/${TENANT}`,
      AUTHENTICATION_CLIENT_ID: a.clientId,
      AUTHENTICATION_CALLBACK_URL: a.callbackUrl,
      AUTHENTICATION_JWT_PRINCIPAL_CLAIMS: ["email", "preferred_username", "sub"],
      OIDC_TENANT: TENANT,
      OIDC_DISCOVERY_URI: `https://login.microsoftonline.com/${TENANT}/v2.0/.well-known/openid-configuration`,
      OIDC_CALLBACK: oidc.callbackUrl,
      OIDC_SCOPE: "openid email profile offline_access",
      OIDC_SESSION_EXPIRY: "604800",
    });
    const authz = secretData(find(rendered, "Secret", "openmetadata-authorizer-secret"));
    expect(authz.AUTHORIZER_ADMIN_PRINCIPALS).toEqual(["jane.doe"]);
    expect(authz.AUTHORIZER_PRINCIPAL_DOMAIN).toBe("example.com");
    const env = deployment(rendered).spec.template.spec.containers[0].env ?? [];
    expect(env.filter((e) => e.name.startsWith("OIDC_"))).toEqual([
      {
        name: "OIDC_CLIENT_ID",
        valueFrom: { secretKeyRef: { name: "oidc-secrets", key: "openmetadata-oidc-client-id" } },
      },
      {
        name: "OIDC_CLIENT_SECRET",
        valueFrom: { secretKeyRef: { name: "oidc-secrets", key: "openmetadata-oidc-client-secret" } },
      },
    ]);
  });

  it("puts the SSO digest on the pod template, readable, next to the secrets digest", () => {
    const annotations = deployment(rendered).spec.template.metadata.annotations ?? {};
    const digest = securityConfigDigest(built.model, "entra-secret-1");
    expect(digest).toMatch(/^[0-9a-f]{16}$/);
    expect(annotations["openmetadata-entra/sso-digest"]).toBe(digest);
    expect(Object.keys(annotations).sort()).toEqual([
      "openmetadata-entra/secrets-digest",
      "openmetadata-entra/sso-digest",
    ]);
    expect(inputs(built.byName("om-openmetadata")).values).toEqual(built.values);
  });

  it("passes this chart version's values.schema.json, and only accepted keys are written", () => {
    expect(schemaErrors(line.version, built.values)).toEqual([]);
    expect(unknownChartConfigKeys(built.values.openmetadata.config, line.layout)).toEqual([]);
    // The schema check can fail: a key the chart does not know is refused.
    const bad = coalesce(built.values, {
      openmetadata: { config: { authentication: { tenantId: TENANT } } },
    });
    expect(schemaErrors(line.version, bad).join("\n")).toMatch(
      /authentication must NOT have additional properties/,
    );
  });

  it(`gives the dependencies chart the ${line.airflowChart} layout with generated secrets only`, () => {
    const values = clearInputs(built.byName("om-dependencies")).values as {
      mysql: { image?: unknown };
      airflow: Record<string, unknown>;
    };
    expect(values.mysql.image).toEqual(
      line.mysqlOverride
        ? { registry: "docker.io", repository: "bitnamilegacy/mysql", tag: "8.0.37-debian-12-r2" }
        : undefined,
    );
    const effective = JSON.stringify(
      coalesce(chartDefaults(line.version, "openmetadata-dependencies"), values),
    );
    // The dependencies chart's published secrets at this version, none of which may survive the merge.
    const published = [
      "openmetadata_password",
      "airflow_pass",
      "rootPassword",
      "a5f8c3e2d1b9a7f6e4c3b2a1f9e8d7c6b5a4f3e2d1c9b8a7f6e5d4c3b2a1f0e9",
      '"password":"admin"',
    ];
    expect(published.filter((p) => effective.includes(p))).toEqual([]);
    const subchart = chartDefaults(line.version, "openmetadata-dependencies");
    if (line.airflowChart === "apache-airflow") {
      // The layout of the dependencies chart of this version (its own values.yaml) is apache-airflow's.
      expect(Object.keys(subchart.airflow as object)).toContain("webserverSecretKey");
      expect(values.airflow).toMatchObject({
        fernetKeySecretName: "openmetadata-airflow-keys",
        webserverSecretKeySecretName: "openmetadata-airflow-keys",
        apiSecretKeySecretName: "openmetadata-airflow-keys",
        jwtSecretName: "openmetadata-airflow-keys",
        data: { metadataSecretName: "openmetadata-airflow-metadata" },
        webserver: { defaultUser: { username: "admin", password: "$(OPENMETADATA_AIRFLOW_ADMIN_PASSWORD)" } },
        createUserJob: {
          env: [
            {
              name: "OPENMETADATA_AIRFLOW_ADMIN_PASSWORD",
              valueFrom: { secretKeyRef: { name: "airflow-secrets", key: "openmetadata-airflow-password" } },
            },
          ],
        },
      });
    } else {
      expect(Object.keys(subchart.airflow as object)).toContain("airflow");
      expect(values.airflow).toMatchObject({
        airflow: {
          fernetKey: "",
          webserverSecretKey: "",
          usersTemplates: { ADMIN_PASSWORD: { kind: "secret" } },
        },
      });
    }
  });

  it("creates Airflow 3's keys and metadata connection exactly where the apache-airflow chart is bundled", () => {
    const keys = clearInputs(built.byName("om-airflow-keys-secret")).stringData as Record<string, string>;
    const names = built.run.resources.map((r) => r.name);
    if (line.airflowChart === "apache-airflow") {
      expect(Object.keys(keys).sort()).toEqual([
        "api-secret-key",
        "fernet-key",
        "jwt-secret",
        "webserver-secret-key",
      ]);
      const metadata = built.byName("om-airflow-metadata-secret");
      expect(inputs(metadata).stringData).toBe("[secret]");
      const airflowDb = (
        clearInputs(built.byName("om-airflow-mysql-secret")).stringData as Record<string, string>
      )["airflow-mysql-password"];
      expect(clearInputs(metadata).stringData).toEqual({
        connection: `mysql://airflow_user:${airflowDb}@mysql:3306/airflow_db`,
      });
      expect(built.byName("om-dependencies").dependsOn).toContain(metadata.urn);
      expect([metadata.protect, metadata.retainOnDelete]).toEqual([true, true]);
    } else {
      expect(Object.keys(keys).sort()).toEqual(["fernet-key", "webserver-secret-key"]);
      expect(names).not.toContain("om-airflow-metadata-secret");
    }
  });

  it("without Airflow, disables the pipeline client in this chart's way (no env pointing at a missing Secret)", async () => {
    const external = await build(
      args(line.version, {
        production: true,
        dependencies: {
          mode: "external",
          database: { host: "db.example.com", password: pulumi.secret("db-pw-1") },
          search: { host: "search.example.com" },
        },
      }),
    );
    const cfg = external.values.openmetadata.config.pipelineServiceClientConfig;
    expect(cfg).toEqual(
      line.layout === "flat" ? { enabled: false } : { enabled: false, airflow: { auth: { enabled: false } } },
    );
    expect(external.values.extraEnvs).toEqual(
      line.chartRendersDisabled ? [] : [{ name: "PIPELINE_SERVICE_CLIENT_ENABLED", value: "false" }],
    );
    expect(schemaErrors(line.version, external.values)).toEqual([]);
    const objects = helmTemplate(line.version, external.values);
    const container = deployment(objects).spec.template.spec.containers[0];
    const env = container.env ?? [];
    expect(env.map((e) => e.name)).not.toContain("AIRFLOW_PASSWORD");
    // What the server reads: the chart's pipeline Secret (when it is mounted) or the extra env.
    const mounted = JSON.stringify(deployment(objects).spec.template.spec).includes(
      "openmetadata-pipeline-secret",
    );
    const fromChart = mounted
      ? secretData(find(objects, "Secret", "openmetadata-pipeline-secret")).PIPELINE_SERVICE_CLIENT_ENABLED
      : undefined;
    const fromEnv = env.find((e) => e.name === "PIPELINE_SERVICE_CLIENT_ENABLED")?.value;
    expect(fromEnv ?? fromChart).toBe("false");
  });

  it("puts an external Airflow's endpoint and credentials where this chart's templates read them", async () => {
    const external = await build(
      args(line.version, {
        dependencies: {
          mode: "external",
          database: { host: "db.example.com", password: pulumi.secret("db-pw-1") },
          search: { host: "search.example.com" },
          pipelineClient: {
            apiEndpoint: "https://airflow.example.com",
            username: "om-bot",
            password: pulumi.secret("a-pw-1"),
          },
        },
      }),
    );
    expect(schemaErrors(line.version, external.values)).toEqual([]);
    const objects = helmTemplate(line.version, external.values);
    const pipeline = secretData(find(objects, "Secret", "openmetadata-pipeline-secret"));
    expect({
      enabled: pipeline.PIPELINE_SERVICE_CLIENT_ENABLED,
      endpoint: pipeline.PIPELINE_SERVICE_CLIENT_ENDPOINT,
      verifySsl: pipeline.PIPELINE_SERVICE_CLIENT_VERIFY_SSL,
      username: pipeline.AIRFLOW_USERNAME,
      serverUrl: pipeline.SERVER_HOST_API_URL,
    }).toEqual({
      enabled: "true",
      endpoint: "https://airflow.example.com",
      verifySsl: "validate",
      username: "om-bot",
      serverUrl: `${PUBLIC_URL}/api`,
    });
    const env = deployment(objects).spec.template.spec.containers[0].env ?? [];
    expect(env.find((e) => e.name === "AIRFLOW_PASSWORD")).toEqual({
      name: "AIRFLOW_PASSWORD",
      valueFrom: { secretKeyRef: { name: "airflow-secrets", key: "openmetadata-airflow-password" } },
    });
  });

  it("on an SSO-only change, changes the digest and the openmetadata release alone; nothing stateful", async () => {
    const after = await build(args(line.version, { sso: confidential(["jane.doe", "max.mustermann"]) }));
    const stable = (r: RecordedResource) =>
      JSON.stringify({ inputs: r.inputs, protect: r.protect, deps: r.dependsOn.length });
    const changed = after.run.resources
      .filter((r) => stable(r) !== stable(built.byName(r.name)))
      .map((r) => r.name);
    expect(changed).toEqual(["om-openmetadata"]);
    expect(after.run.resources.map((r) => r.name)).toEqual(built.run.resources.map((r) => r.name));
    const [before, now] = [built.values.podAnnotations, after.values.podAnnotations];
    expect(now["openmetadata-entra/sso-digest"]).not.toBe(before["openmetadata-entra/sso-digest"]);
    expect(now["openmetadata-entra/secrets-digest"]).toBe(before["openmetadata-entra/secrets-digest"]);
    // The rolled pods run the reset exactly on the lines that store the settings.
    expect(after.values.openmetadata.config.upgradeMigrationConfigs !== undefined).toBe(line.reset);
  });
});

describe("ssoConfigSource on Kubernetes", () => {
  it("database on 1.13 leaves the stored settings to the UI: no reset, the SSO digest still rolls the pods", async () => {
    const built = await build(args("1.13.1", { ssoConfigSource: "database" }));
    expect(built.values.openmetadata.config.upgradeMigrationConfigs).toBeUndefined();
    expect(built.values.podAnnotations["openmetadata-entra/sso-digest"]).toBe(
      securityConfigDigest(built.model, "entra-secret-1"),
    );
    const init = deployment(helmTemplate("1.13.1", built.values)).spec.template.spec.initContainers[0];
    expect(init.command).toEqual(["/bin/bash", "-c", `${OPS} migrate `]);
  });

  it("stack (the default) on 1.13 resets", async () => {
    const built = await build(args("1.13.1", { ssoConfigSource: "stack" }));
    expect(built.values.openmetadata.config.upgradeMigrationConfigs).toEqual({ additionalArgs: RESET });
  });

  it.each([
    [
      "1.8.12",
      "database",
      'ssoConfigSource: must be "stack" on OpenMetadata 1.8: the server reads its SSO settings from the environment on every start (stored settings exist from 1.10)',
    ],
    ["1.13.1", "ui", 'ssoConfigSource: must be one of stack, database; got "ui"'],
  ])("refuses %s with %s before any resource exists", async (version, source, problem) => {
    let error: unknown;
    const run = await runComponents(() => {
      try {
        new OpenMetadataKubernetes("om", args(version, { ssoConfigSource: source as "database" }));
      } catch (e) {
        error = e;
      }
    });
    expect(error).toBeInstanceOf(ArgsError);
    expect((error as ArgsError).problems.map((p) => `${p.path}: ${p.message}`)).toEqual([problem]);
    expect(run.resources).toEqual([]);
  });
});
