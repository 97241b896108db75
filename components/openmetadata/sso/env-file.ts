import { envValueProblem, systemdEnvValue } from "../../quoting";
import type { EnvEntry } from "./render-server-env";

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * `KEY="VALUE"` lines (newline-terminated) for a systemd `EnvironmentFile=`, every value double-quoted and escaped
 * for systemd (quoting.ts), so quotes, `$`, `#`, `;`, backslashes and blanks arrive as written. Throws, naming the
 * variable but never printing a secret value, for a value no environment can carry (control characters) or one
 * OpenMetadata would expand (`${`); the stack config refuses those first. The text holds secrets whenever an
 * entry is secret: wrap it in `pulumi.secret` and write it with mode 0600.
 */
export function renderEnvFile(entries: readonly EnvEntry[]): string {
  const problems: string[] = [];
  for (const { name, value, secret } of entries) {
    if (!NAME.test(name)) problems.push(`${JSON.stringify(name)} is not an environment variable name`);
    const problem = envValueProblem(value);
    if (problem)
      problems.push(`${name} ${secret ? "(secret value hidden)" : JSON.stringify(value)} ${problem}`);
  }
  if (problems.length > 0) throw new Error(`cannot write env file: ${problems.join("; ")}`);
  return entries.map(({ name, value }) => `${name}=${systemdEnvValue(value)}\n`).join("");
}
