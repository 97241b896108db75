/**
 * No published default key or password survives in any rendering: every shipped stack, and each target's other
 * modes, planned with secrets shown, contains none of the values upstream publishes in its config files, charts
 * and compose files (anyone who read them could decrypt or sign in).
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { plan } from "../tools/plan/plan";

/** Published values, with where upstream publishes them. */
const PUBLISHED: [string, string][] = [
  [
    "jJ/9sz0g0OHxsfxOoSfdFdmk3ysNmPRnH3TUAbz3IHA=",
    "OpenMetadata's FERNET_KEY default (openmetadata.yaml, Helm chart)",
  ],
  ["Gb389a-9f76-gdjs-a92j-0242bk94356", "OpenMetadata's JWT_KEY_ID default"],
  ["7T512UXSSmBOkpWimFHIVb8jK6lfmSAvx4mO6Arehnc=", "airflow-helm's airflow.fernetKey"],
  ["THIS IS UNSAFE!", "airflow-helm's airflow.webserverSecretKey"],
  [
    "a5f8c3e2d1b9a7f6e4c3b2a1f9e8d7c6b5a4f3e2d1c9b8a7f6e5d4c3b2a1f0e9",
    "the official Airflow chart's webserverSecretKey",
  ],
  ["openmetadata_password", "the quickstart's and the dependencies chart's database password"],
  ["airflow_pass", "the quickstart's and the dependencies chart's Airflow database password"],
];
/** Values that are published defaults only as a password (the word itself may appear elsewhere). */
const PUBLISHED_PASSWORDS = ["password", "admin"];

const ROOT = join(__dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "published-"));
const stackConfig = (stack: string) =>
  parse(readFileSync(join(ROOT, "stacks", `Pulumi.${stack}.yaml`), "utf8")).config as Record<string, unknown>;

/** The shipped stacks, plus the modes they do not use (bundled Kubernetes, PostgreSQL and OpenSearch on Docker). */
const VARIANTS: [string, string, Record<string, unknown>][] = [
  ["dev", "dev", {}],
  ["staging", "staging", {}],
  ["prod", "prod", {}],
  [
    "kubernetes bundled",
    "prod",
    {
      "openmetadata-entra:production": false,
      "openmetadata-entra:k8sDependencies": "bundled",
      "openmetadata-entra:k8sDatabaseEngine": undefined,
      "openmetadata-entra:k8sDatabaseHost": undefined,
      "openmetadata-entra:k8sSearchType": undefined,
      "openmetadata-entra:k8sSearchHost": undefined,
      "openmetadata-entra:k8sSearchUsername": undefined,
    },
  ],
  [
    "docker postgresql + opensearch",
    "dev",
    {
      "openmetadata-entra:dockerDatabaseEngine": "postgresql",
      "openmetadata-entra:dockerSearchEngine": "opensearch",
    },
  ],
];

/** Every string in a value, recursively (a password hides in one list element or map entry). */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

const SECRET_NAME = /password|passwd|secret|fernet|_key$|token/i;

/** Every value held under a secret-like name: map entries, and `NAME=value` lines (env, env files, SQL-free). */
function secretValues(value: unknown, name = ""): string[] {
  if (typeof value === "string") {
    const lines = value
      .split("\n")
      .map((line) => /^([A-Za-z_][A-Za-z0-9_]*)="?(.*?)"?$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null && SECRET_NAME.test(m[1]))
      .map((m) => m[2]);
    return SECRET_NAME.test(name) ? [value, ...lines] : lines;
  }
  if (Array.isArray(value)) return value.flatMap((v) => secretValues(v, name));
  if (value && typeof value === "object") {
    const obj = value as Record<string, unknown>;
    // Kubernetes env entries name their variable beside the value.
    const entryName = typeof obj.name === "string" && "value" in obj ? obj.name : undefined;
    return Object.entries(obj).flatMap(([k, v]) =>
      secretValues(v, k === "value" && entryName ? entryName : k),
    );
  }
  return [];
}

describe.each(VARIANTS)("%s", (name, stack, changes) => {
  let text: string;
  let values: string[];
  let doc: unknown;
  beforeAll(async () => {
    const config: Record<string, unknown> = { ...stackConfig(stack), ...changes };
    for (const [k, v] of Object.entries(changes)) if (v === undefined) delete config[k];
    const file = join(dir, `Pulumi.${name.replace(/\W+/g, "-")}.yaml`);
    writeFileSync(file, stringify({ config }));
    doc = (await plan({ stack, stackFile: file, showSecrets: true })).plan;
    text = JSON.stringify(doc);
    values = strings(doc);
  });

  it.each(PUBLISHED)("never holds %s (%s)", (value) => {
    expect(text).not.toContain(value);
  });

  it("sets no published default as a password or key (secret-named entries and NAME=value lines)", () => {
    const secrets = secretValues(doc);
    expect(secrets.length).toBeGreaterThanOrEqual(2);
    expect(secrets.filter((v) => PUBLISHED_PASSWORDS.includes(v))).toEqual([]);
  });

  it("plans something to search (the check cannot pass on an empty plan)", () => {
    expect(values.length).toBeGreaterThan(50);
  });
});

/**
 * Leaving a setting out is how a published default gets in: the server falls back to openmetadata.yaml's FERNET_KEY
 * and JWT_KEY_ID, the Airflow chart to its own keys. So each rendering must set them itself.
 */
describe("every published default is overridden, not just absent", () => {
  const byName = (doc: { resources: { name: string; inputs: Record<string, unknown> }[] }, name: string) =>
    doc.resources.find((r) => r.name === name)?.inputs ?? {};

  it("docker: the server's env sets FERNET_KEY and JWT_KEY_ID", async () => {
    const doc = (await plan({ stack: "dev", showSecrets: true })).plan;
    const envs = byName(doc, "openmetadata-server").envs as string[];
    expect(envs.filter((e) => /^(FERNET_KEY|JWT_KEY_ID)=.+/.test(e)).map((e) => e.split("=")[0])).toEqual([
      "JWT_KEY_ID",
      "FERNET_KEY",
    ]);
  });

  it("vm: the env file sets FERNET_KEY (secret, on stdin) and JWT_KEY_ID", async () => {
    const doc = (await plan({ stack: "staging", showSecrets: true })).plan;
    const env = byName(doc, "openmetadata-env");
    expect(String(env.stdin)).toMatch(/^FERNET_KEY="[A-Za-z0-9_-]{43}="$/m);
    expect(String(env.create)).toMatch(/^JWT_KEY_ID="[0-9a-f-]{36}"$/m);
  });

  /** The prod stack with the bundled dependencies chart, at `version`. */
  const bundledAt = (version: string): Record<string, unknown> => {
    const config: Record<string, unknown> = {
      ...stackConfig("prod"),
      "openmetadata-entra:production": false,
      "openmetadata-entra:k8sDependencies": "bundled",
      "openmetadata-entra:openmetadataVersion": version,
    };
    for (const k of [
      "k8sDatabaseEngine",
      "k8sDatabaseHost",
      "k8sSearchType",
      "k8sSearchHost",
      "k8sSearchUsername",
    ])
      delete config[`openmetadata-entra:${k}`];
    return config;
  };

  it("kubernetes bundled, Airflow 3 (apache-airflow chart, 1.11.3+): every published key, user and password is replaced", async () => {
    const file = join(dir, "Pulumi.bundled-airflow3.yaml");
    writeFileSync(file, stringify({ config: bundledAt("1.13.1") }));
    const doc = (await plan({ stack: "prod", stackFile: file, showSecrets: true })).plan;
    const values = byName(doc, "openmetadata-dependencies").values as { airflow: Record<string, unknown> };
    const airflow = values.airflow as {
      webserverSecretKey: unknown;
      fernetKeySecretName: string;
      webserverSecretKeySecretName: string;
      data: { metadataSecretName: string; metadataConnection: Record<string, unknown> };
      webserver: { defaultUser: Record<string, unknown> };
    };
    // The chart's published webserver key is removed (null), every key comes from the generated Secret.
    expect(airflow.webserverSecretKey).toBeNull();
    expect([airflow.fernetKeySecretName, airflow.webserverSecretKeySecretName]).toEqual([
      "openmetadata-airflow-keys",
      "openmetadata-airflow-keys",
    ]);
    // The database URL (with the generated password) comes from a Secret; the published `airflow_pass` is gone.
    expect(airflow.data.metadataSecretName).toBe("openmetadata-airflow-metadata");
    expect(airflow.data.metadataConnection.pass).toBe("");
    // The admin's password is the generated one, expanded from the Secret by Kubernetes, never `admin`.
    expect(airflow.webserver.defaultUser.password).toBe("$(OPENMETADATA_AIRFLOW_ADMIN_PASSWORD)");
    const text = JSON.stringify(values);
    for (const published of [
      "a5f8c3e2d1b9a7f6e4c3b2a1f9e8d7c6b5a4f3e2d1c9b8a7f6e5d4c3b2a1f0e9",
      "airflow_pass",
    ])
      expect(text).not.toContain(published);
    expect(airflow.webserver.defaultUser.password).not.toBe("admin");
  });

  it("kubernetes bundled, Airflow 2 (airflow-helm chart, before 1.11.3): the chart's fernetKey and webserverSecretKey are emptied and come from a Secret", async () => {
    const config = bundledAt("1.8.12");
    const file = join(dir, "Pulumi.bundled-airflow.yaml");
    writeFileSync(file, stringify({ config }));
    const doc = (await plan({ stack: "prod", stackFile: file, showSecrets: true })).plan;
    const airflow = (
      byName(doc, "openmetadata-dependencies").values as { airflow: { airflow: Record<string, unknown> } }
    ).airflow.airflow;
    expect([airflow.fernetKey, airflow.webserverSecretKey]).toEqual(["", ""]);
    expect(airflow.extraEnv).toEqual([
      {
        name: "AIRFLOW__CORE__FERNET_KEY",
        valueFrom: { secretKeyRef: { name: "openmetadata-airflow-keys", key: "fernet-key" } },
      },
      {
        name: "AIRFLOW__WEBSERVER__SECRET_KEY",
        valueFrom: { secretKeyRef: { name: "openmetadata-airflow-keys", key: "webserver-secret-key" } },
      },
    ]);
    const keys = byName(doc, "openmetadata-airflow-keys-secret").stringData as Record<string, string>;
    expect(Object.keys(keys).sort()).toEqual(["fernet-key", "webserver-secret-key"]);
    expect(keys["fernet-key"]).toMatch(/^[A-Za-z0-9_-]{43}=$/);
    const om = byName(doc, "openmetadata-openmetadata").values as {
      openmetadata: { config: Record<string, unknown> };
    };
    expect(om.openmetadata.config.fernetkey).toEqual({
      value: "",
      secretRef: "openmetadata-fernet-key",
      secretKey: "fernet-key",
    });
  });
});
