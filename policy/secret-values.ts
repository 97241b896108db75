import { readKnown } from "./known";

/** Names of settings that hold a password, key or token. */
const SECRET_NAME = /PASSWORD|SECRET|FERNET|TOKEN|KEY$/i;
/**
 * Endings of names that merely point at or describe a secret (`secretRef`, `SECRET_MANAGER`,
 * `OIDC_OM_REFRESH_TOKEN_VALIDITY`, `AWS_ACCESS_KEY_ID`, `rsaprivateKeyFilePath`): their values are not secrets.
 */
const DESCRIPTIVE_SUFFIX =
  /(VALIDITY|EXPIRY|ALGORITHM|MANAGER|PREFIX|TAGS|REGION|ID|NAME|PATH|FILE|URLS?|URI|TYPE|ENABLED|REF|ALIAS)$/i;
/** Chart keys that name an existing Kubernetes Secret rather than hold a value (bitnami/airflow style). */
const SECRET_REFERENCE_KEYS = new Set([
  "existingsecret",
  "existingsecretkey",
  "passwordsecret",
  "passwordsecretkey",
]);

/**
 * A reference to a key of a Kubernetes Secret or ConfigMap in the Airflow chart's style
 * (`usersTemplates.ADMIN_PASSWORD: {kind: secret, name, key}`): its strings name the secret, they are not it.
 */
function isSecretReference(object: Record<string, unknown>): boolean {
  const kind = readKnown(() => object.kind);
  const keys = Object.keys(object);
  return (
    typeof kind === "string" &&
    /^(secret|configmap)$/i.test(kind) &&
    keys.includes("name") &&
    keys.includes("key") &&
    keys.every((key) => ["kind", "name", "key"].includes(key))
  );
}

/** Minimum length of a literal secret; generated ones (random.RandomPassword) are longer. */
export const MIN_SECRET_LENGTH = 16;

/**
 * Well-known defaults from OpenMetadata's compose files, Helm charts and docs (and the usual suspects),
 * compared case-insensitively. The Fernet key is the one OpenMetadata ships as its public default.
 */
export const WEAK_DEFAULTS: ReadonlySet<string> = new Set(
  [
    "password",
    "admin",
    "changeme",
    "changeit",
    "secret",
    "root",
    "airflow",
    "airflow_pass",
    "openmetadata",
    "openmetadata_password",
    "openmetadata_user",
    "postgres",
    "mysql",
    "elastic",
    "opensearch",
    "jJ/9sz0g0OHxsfxOoSfdFdmk3ysNmPRnH3TUAbz3IHA=",
  ].map((value) => value.toLowerCase()),
);

/** True when a setting of this name holds a secret value (and does not just refer to one). */
export function isSecretName(name: string): boolean {
  return (
    SECRET_NAME.test(name) && !DESCRIPTIVE_SUFFIX.test(name) && !SECRET_REFERENCE_KEYS.has(name.toLowerCase())
  );
}

/** Why a literal secret value is unacceptable, or `undefined` when it is fine. Empty means "not set": fine. */
export function weakSecretProblem(value: string): string | undefined {
  if (value === "") return undefined;
  if (WEAK_DEFAULTS.has(value.toLowerCase())) return "a known default value";
  if (value.length < MIN_SECRET_LENGTH) return `a literal shorter than ${MIN_SECRET_LENGTH} characters`;
  return undefined;
}

/** One weak secret: where it is (a dotted values path or an env name) and what is wrong with it. */
export interface WeakSecret {
  where: string;
  problem: string;
}

/** Weak values among docker-style `NAME=value` env entries. Unknown entries (generated secrets) pass. */
export function weakSecretsInEnvs(envs: readonly string[]): WeakSecret[] {
  const found: WeakSecret[] = [];
  // Index loop, not forEach: forEach reads every element itself, and an unknown one would throw.
  for (let index = 0; index < envs.length; index++) {
    const entry = readKnown(() => envs[index]);
    const eq = typeof entry === "string" ? entry.indexOf("=") : -1;
    if (entry === undefined || eq < 0) continue;
    const name = entry.slice(0, eq);
    const problem = isSecretName(name) ? weakSecretProblem(entry.slice(eq + 1)) : undefined;
    if (problem) found.push({ where: name, problem });
  }
  return found;
}

/**
 * Weak values anywhere in a Helm values tree: strings under a secret-like key (`rootPassword`,
 * `fernetkey.value`) and the `value` of `{name, value}` env pairs whose name is secret-like.
 * Kubernetes Secret references (`{secretRef, secretKey}`) are skipped. Unknown values (generated secrets) pass.
 */
export function weakSecretsInValues(values: unknown): WeakSecret[] {
  const found: WeakSecret[] = [];
  walk(values, "values", false, found);
  return found;
}

function walk(node: unknown, path: string, secret: boolean, found: WeakSecret[]): void {
  if (typeof node === "string") {
    const problem = secret ? weakSecretProblem(node) : undefined;
    if (problem) found.push({ where: path, problem });
  } else if (Array.isArray(node)) {
    const items: readonly unknown[] = node;
    for (let index = 0; index < items.length; index++) {
      walk(
        readKnown(() => items[index]),
        `${path}[${index}]`,
        secret,
        found,
      );
    }
  } else if (node !== null && typeof node === "object") {
    const object = node as Record<string, unknown>;
    if (isSecretReference(object)) return;
    const keys = Object.keys(object);
    const pairName = readKnown(() => object.name);
    const secretPair = typeof pairName === "string" && isSecretName(pairName);
    for (const key of keys) {
      // Kubernetes env `valueFrom` (secretKeyRef, configMapKeyRef, fieldRef): always a reference, never a value.
      if (key === "valueFrom") continue;
      // A key that names or describes a secret: its own strings are no secrets, but keys below it may be.
      const describes =
        SECRET_REFERENCE_KEYS.has(key.toLowerCase()) ||
        DESCRIPTIVE_SUFFIX.test(key) ||
        // `secretKey` next to `secretRef` names a key inside a Kubernetes Secret (OpenMetadata chart style).
        (key === "secretKey" && keys.includes("secretRef"));
      const childSecret = !describes && (secret || isSecretName(key) || (key === "value" && secretPair));
      walk(
        readKnown(() => object[key]),
        `${path}.${key}`,
        childSecret,
        found,
      );
    }
  }
}
