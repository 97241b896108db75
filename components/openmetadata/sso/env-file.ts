import type { EnvEntry } from "./render-server-env";

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/**
 * Values are written unquoted, which systemd's EnvironmentFile= and docker's --env-file / compose env_file read
 * identically as long as the value does not start with a quote (systemd and compose strip it, docker keeps it),
 * has no backslash (systemd unescapes), `$` (compose interpolates), `#` (compose cuts ` #` comments), backtick,
 * newline, or blank at either end (trimmed by some). Quotes inside the value are kept by all three.
 */
const FORBIDDEN_ANYWHERE = /[\n\r\\$`#]/;
const portable = (value: string): boolean =>
  value === "" || (!FORBIDDEN_ANYWHERE.test(value) && !/^["'\s]/.test(value) && !/\s$/.test(value));

/**
 * `KEY=VALUE` lines (newline-terminated) for a systemd EnvironmentFile or a docker env file. Throws, naming the
 * variable but never printing a secret value, when a value cannot be written the same way for both. The text
 * holds secrets whenever an entry is secret: wrap it in `pulumi.secret` and write it with mode 0600.
 */
export function renderEnvFile(entries: readonly EnvEntry[]): string {
  const problems: string[] = [];
  for (const { name, value, secret } of entries) {
    if (!NAME.test(name)) problems.push(`${JSON.stringify(name)} is not an environment variable name`);
    else if (!portable(value)) {
      const shown = secret ? "(secret value hidden)" : JSON.stringify(value);
      problems.push(
        `${name} ${shown} has a leading quote, newline, backslash, $, backtick, # or surrounding blank, ` +
          "which systemd and docker env files read differently",
      );
    }
  }
  if (problems.length > 0) throw new Error(`cannot write env file: ${problems.join("; ")}`);
  return entries.map(({ name, value }) => `${name}=${value}\n`).join("");
}
