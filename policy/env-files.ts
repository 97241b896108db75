import { readKnown, readOrUnknown, UNKNOWN } from "./known";

/**
 * The OpenMetadata server's environment as the program hands it over: a docker Container's `NAME=value` list, and
 * the VM's systemd EnvironmentFile written by a `command:remote:Command`.
 */

/** The env file the VM's systemd unit reads (`EnvironmentFile=`); the VM component writes it over SSH. */
export const VM_ENV_FILE = "/etc/openmetadata/openmetadata.env";

/**
 * A shell write of the env file or of a temporary file beside it (`openmetadata.env.new`): `tee [-a] <path>` or
 * `> <path>`, the path bare or quoted. `install … /dev/null <path>`, `mv` and `cp` only create or move the file.
 */
const WRITES_ENV_FILE = new RegExp(
  `(?:\\btee\\s+(?:-a\\s+)?|>>?\\s*)(['"]?)${VM_ENV_FILE.replace(/[.]/g, "\\.")}(?:\\.[A-Za-z0-9_-]+)?\\1(?=$|[\\s;&|)])`,
);
/** The start of a heredoc: `<<TAG`, `<<'TAG'`, `<<"TAG"` (or `<<-`). */
const HEREDOC = /<<-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1/;

/**
 * A server environment as far as it is known. `complete` is false when part of it is unknown during preview (an
 * entry holding a generated secret, the whole list, a secret stdin): a setting missing from `values` may be there.
 */
export interface KnownEnv {
  values: Map<string, string>;
  complete: boolean;
}

/**
 * Docker-style `NAME=value` entries (a later entry wins). Unknown entries (generated secrets) are left out;
 * {@link UNKNOWN} (the whole list unknown) gives an empty, incomplete env.
 */
export function envListToMap(envs: readonly string[] | undefined | typeof UNKNOWN): KnownEnv {
  const values = new Map<string, string>();
  if (envs === UNKNOWN) return { values, complete: false };
  if (envs === undefined) return { values, complete: true };
  let complete = true;
  // Index loop, not forEach: forEach reads every element itself, and an unknown one would throw.
  for (let index = 0; index < envs.length; index++) {
    const entry = readKnown(() => envs[index]);
    if (entry === undefined) complete = false;
    const eq = typeof entry === "string" ? entry.indexOf("=") : -1;
    if (entry === undefined || eq <= 0) continue;
    values.set(entry.slice(0, eq), entry.slice(eq + 1));
  }
  return { values, complete };
}

/** What a script writes to {@link VM_ENV_FILE}. */
export interface EnvFileWrite {
  text: string;
  /** Part of the file comes from the command's stdin. */
  readsStdin: boolean;
}

/**
 * What a shell script writes to {@link VM_ENV_FILE}, or `undefined` when the script does not write it: the
 * bodies of the heredocs fed to a write of the file, and `stdin` where a write reads the command's stdin (the VM
 * component appends the secret lines that way). `stdin` undefined (unknown during preview) is left out.
 */
export function envFileWrittenBy(script: string, stdin: string | undefined): EnvFileWrite | undefined {
  const lines = script.split("\n");
  const parts: string[] = [];
  let writes = false;
  let readsStdin = false;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    const tag = HEREDOC.exec(line)?.[2];
    const body: string[] = [];
    if (tag !== undefined) {
      while (++index < lines.length && lines[index] !== tag) body.push(lines[index]);
    }
    if (!WRITES_ENV_FILE.test(line)) continue;
    writes = true;
    if (tag !== undefined) parts.push(body.join("\n"));
    else {
      readsStdin = true;
      if (stdin !== undefined) parts.push(stdin);
    }
  }
  return writes ? { text: parts.join("\n"), readsStdin } : undefined;
}

/**
 * A value of a systemd EnvironmentFile line as systemd reads it: double quotes removed with `\` escaping the next
 * character (the VM component writes every line as `KEY="escaped"`), single quotes removed, bare text as it is.
 */
export function systemdEnvValue(text: string): string {
  let value = "";
  let quote: string | undefined;
  for (let index = 0; index < text.length; index++) {
    const c = text[index];
    if (quote === undefined && (c === '"' || c === "'")) quote = c;
    else if (c === quote) quote = undefined;
    else if (c === "\\" && quote !== "'" && index + 1 < text.length) value += text[++index];
    else value += c;
  }
  return value;
}

/** A systemd EnvironmentFile's assignments (a later one wins); blank lines and `#`/`;` comments are skipped. */
export function parseSystemdEnvFile(text: string): Map<string, string> {
  const env = new Map<string, string>();
  for (const raw of text.split("\n")) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(raw.trim());
    if (match) env.set(match[1], systemdEnvValue(match[2]));
  }
  return env;
}

/** The part of a `command:remote:Command`'s inputs this pack reads. */
interface CommandInputs {
  create?: unknown;
  stdin?: unknown;
}

/**
 * The environment a `command:remote:Command` writes to the VM's env file, or `undefined` when its `create`
 * does not write that file (or is unknown during preview: it is checked when the update runs). Incomplete when
 * the file takes the command's stdin (the secret lines) and that is unknown.
 */
export function vmEnvFileOf(props: CommandInputs): KnownEnv | undefined {
  const create = readKnown(() => props.create);
  if (typeof create !== "string") return undefined;
  const stdin = readOrUnknown(() => props.stdin);
  const known = stdin === UNKNOWN ? undefined : typeof stdin === "string" ? stdin : "";
  const written = envFileWrittenBy(create, known);
  if (written === undefined) return undefined;
  return { values: parseSystemdEnvFile(written.text), complete: known !== undefined || !written.readsStdin };
}

/** The type token of the command provider's remote command. */
export const REMOTE_COMMAND = "command:remote:Command";
