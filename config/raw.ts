/**
 * Turns Pulumi config strings into typed values by each key's declared type. The CLI hands every value to the
 * program as a string (lists as JSON), so this is where `"true"` becomes `true` and a YAML list an array.
 */
import { ConfigKeyDeclaration, fullKey } from "./keys";

export interface RawSource {
  /** The value of a full key (`project:key`), or undefined when unset. */
  get(fullKey: string): string | undefined;
  /** Whether the value was set as a secret. */
  isSecret(fullKey: string): boolean;
  /** Every full key that is set, to report unknown keys of this project. */
  keys(): string[];
}

export interface RawReadResult {
  /** Every set key's typed value, and the declared default of every unset key that has one (as the CLI applies). */
  values: Record<string, unknown>;
  problems: string[];
  /** Keys that were set but unreadable; later rules stay silent about them, their problem is reported. */
  failedKeys: Set<string>;
}

const TYPE_FORM: Record<ConfigKeyDeclaration["type"], string> = {
  string: "a string",
  integer: "a whole number",
  boolean: "true or false",
  array: "a list of strings (a YAML list in the stack file)",
  object: "a mapping of names to lists of strings (a YAML mapping in the stack file)",
};

function convert(decl: ConfigKeyDeclaration, raw: string): { value?: unknown; ok: boolean } {
  switch (decl.type) {
    case "string":
      return { value: raw, ok: true };
    case "boolean":
      return raw === "true" || raw === "false" ? { value: raw === "true", ok: true } : { ok: false };
    case "integer":
      return /^-?\d+$/.test(raw.trim()) ? { value: Number(raw.trim()), ok: true } : { ok: false };
    case "array": {
      try {
        const parsed: unknown = JSON.parse(raw);
        const ok = Array.isArray(parsed) && parsed.every((e) => typeof e === "string");
        return ok ? { value: parsed, ok } : { ok: false };
      } catch {
        return { ok: false };
      }
    }
    case "object": {
      try {
        const parsed: unknown = JSON.parse(raw);
        const ok =
          parsed !== null &&
          typeof parsed === "object" &&
          !Array.isArray(parsed) &&
          Object.values(parsed).every((v) => Array.isArray(v) && v.every((e) => typeof e === "string"));
        return ok ? { value: parsed, ok } : { ok: false };
      } catch {
        return { ok: false };
      }
    }
  }
}

/**
 * Reads and converts every declared key; unknown keys of this project and wrong types become problems. Unset keys
 * get their declared default, exactly as the Pulumi CLI applies `Pulumi.yaml`'s defaults (which it does not under
 * mocks), so the program sees the same values either way.
 */
export function readRaw(
  declarations: Record<string, ConfigKeyDeclaration>,
  source: RawSource,
  project: string,
): RawReadResult {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  const failedKeys = new Set<string>();
  for (const [key, decl] of Object.entries(declarations)) {
    const name = fullKey(key);
    const raw = source.get(name);
    if (raw === undefined) {
      if (decl.default !== undefined)
        values[key] = Array.isArray(decl.default)
          ? [...decl.default]
          : typeof decl.default === "object"
            ? structuredClone(decl.default)
            : decl.default;
      continue;
    }
    if (decl.secret && !source.isSecret(name)) {
      problems.push(`${name}: must be set as a secret: pulumi config set --secret ${key} <value>`);
      failedKeys.add(key);
      continue;
    }
    const { value, ok } = convert(decl, raw);
    if (ok) values[key] = value;
    else {
      problems.push(`${name}: must be ${TYPE_FORM[decl.type]}; got ${JSON.stringify(raw)}`);
      failedKeys.add(key);
    }
  }
  for (const name of source.keys()) {
    const [ns, key] = [name.slice(0, name.indexOf(":")), name.slice(name.indexOf(":") + 1)];
    if (ns === project && !(key in declarations)) {
      problems.push(`${name}: is not a known key of this project (see the config block in Pulumi.yaml)`);
    }
  }
  return { values, problems, failedKeys };
}
