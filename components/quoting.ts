import { parse } from "yaml";

/**
 * Quoting by construction, one helper per language a value reaches: POSIX shell, a systemd EnvironmentFile, a
 * systemd unit's command line, and OpenMetadata's own YAML environment substitution. Every caller quotes through
 * these; nothing pastes a value into a script or file as it is. The strict forms (components/forms.ts) decide what
 * is accepted at all; these make sure what is accepted reaches the target unchanged.
 */

/** A POSIX shell word that stands for `value` exactly: single quotes, with each `'` written as `'\''`. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Words joined into one shell command line, each quoted. */
export function shellCommand(...words: string[]): string {
  return words.map(shellQuote).join(" ");
}

/**
 * A value for a systemd `EnvironmentFile=` line, double-quoted: systemd removes the quotes and reads `\\`, `\"`,
 * `` \` `` and `\$` as the escaped character; everything else inside double quotes, `#`, `;`, `'` and blanks
 * included, is literal. Newlines cannot be represented and are refused by the env-safe form before this is called.
 */
export function systemdEnvValue(value: string): string {
  if (/[\n\r]/.test(value)) throw new Error("a systemd environment value cannot hold a newline");
  return `"${value.replace(/[\\"`$]/g, (c) => `\\${c}`)}"`;
}

/**
 * A path for a systemd setting that takes one path and no quotes (`WorkingDirectory=`, `EnvironmentFile=`):
 * `%` doubled (specifiers); a blank, quote or backslash cannot be written there and is refused (the strict path
 * forms never let one through).
 */
export function systemdPath(value: string): string {
  if (/[\s"'\\]/.test(value))
    throw new Error(
      `a systemd path setting cannot hold blanks, quotes or backslashes: ${JSON.stringify(value)}`,
    );
  return value.replace(/%/g, "%%");
}

/**
 * An argument of a systemd unit's `ExecStart=`: `%` doubled (systemd specifiers) and double-quoted when it holds a
 * blank or quote, with `\` and `"` escaped. Paths from the strict forms never need quoting; this keeps it so.
 */
export function systemdArgument(value: string): string {
  if (/[\n\r]/.test(value)) throw new Error("a systemd argument cannot hold a newline");
  const escaped = value.replace(/%/g, "%%");
  return /[\s"'\\;$]/.test(escaped) ? `"${escaped.replace(/[\\"]/g, (c) => `\\${c}`)}"` : escaped;
}

/**
 * Why a value cannot be given to OpenMetadata through its environment, or undefined when it can. OpenMetadata reads
 * its environment through `openmetadata.yaml`: Dropwizard's substitutor pastes each `${VAR}` value into the YAML
 * before parsing, and substitutes recursively, so `${` in a value would be expanded again; control characters
 * (newlines above all) would end the YAML scalar.
 */
export function envValueProblem(value: string): string | undefined {
  // Tabs are plain text in YAML; every other control character is refused.
  if ([...value].some((c) => c !== "\t" && (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)))
    return "must not contain control characters such as newlines (OpenMetadata pastes it into its YAML configuration)";
  if (value.includes("${")) return "must not contain ${ (OpenMetadata would expand it as a variable)";
  return undefined;
}

/** True when a YAML 1.1 parser (OpenMetadata's SnakeYAML) reads `text` back as exactly `expected`. */
function readsBackAs(text: string, expected: unknown): boolean {
  try {
    return JSON.stringify(parse(text, { version: "1.1" })) === JSON.stringify(expected);
  } catch {
    return false;
  }
}

/**
 * A string for an environment variable that OpenMetadata pastes into `openmetadata.yaml` as a whole scalar
 * (`password: ${DB_USER_PASSWORD:-…}`): the value itself when YAML 1.1 reads it back unchanged, else a
 * double-quoted scalar (a JSON string is one), so `#secret`, `a: b`, `yes` or `"x"` arrive as written. Only for
 * variables that are whole scalars; values spliced into a longer scalar (the JDBC URL's host) must be plain by form.
 */
export function yamlScalarEnvValue(value: string): string {
  return readsBackAs(value, value) ? value : JSON.stringify(value);
}

/** Characters a plain item in a flow sequence may hold without ending the item or the list. */
const PLAIN_ITEM = /^[A-Za-z0-9_./:~@+-]+$/;

/**
 * `["a", "b"]` → `[a, b]`, OpenMetadata's list syntax in its environment (a YAML flow sequence). An item a YAML 1.1
 * parser would not read back as that same string (`yes`, `1_000`, anything with a blank or a comma) is written as a
 * JSON string, which is also a YAML double-quoted scalar.
 */
export function yamlFlowListEnvValue(items: readonly string[]): string {
  const plain = (item: string): boolean =>
    PLAIN_ITEM.test(item) && !item.endsWith(":") && readsBackAs(`[${item}]`, [item]);
  return `[${items.map((item) => (plain(item) ? item : JSON.stringify(item))).join(", ")}]`;
}
