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
