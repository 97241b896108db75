/**
 * The shell scripts the VM component runs over SSH (POSIX sh, as root or through passwordless sudo). Every file
 * is written to a temporary file beside it and renamed into place, so a failed or interrupted update never leaves
 * a half-written file; secrets reach the VM only on the command's stdin, never in the command line.
 */
import { posix } from "node:path";
import { ENV_FILE_DIR, ENV_FILE_PATH, SERVICE_NAME, UNIT_PATH, unitExecutables } from "./unit";

const PREAMBLE = ["set -eu", 'S=; [ "$(id -u)" -eq 0 ] || S="sudo -n"'];
const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** Where a file's bytes come from: text in the script, base64 in the script, or base64 on stdin (secrets). */
export type FileSource = { text: string } | { base64: string } | "stdin-base64";

export interface RemoteFile {
  path: string;
  mode: "0600" | "0640" | "0644";
  owner: string;
  source: FileSource;
  /** Keep the previous version as `<path>.bak`. */
  backup?: boolean;
  /** Append stdin (text) after the inline text: the secret lines of an otherwise readable file. */
  appendStdin?: boolean;
}

/** A quoted heredoc (no expansion inside): the redirection for the command line, and the lines after it. */
function heredoc(body: string, tag: string): { redirect: string; lines: string } {
  if (body.split("\n").includes(tag)) throw new Error(`file content contains the heredoc delimiter ${tag}`);
  const text = body === "" || body.endsWith("\n") ? body : `${body}\n`;
  return { redirect: `<<'${tag}'`, lines: `${text}${tag}` };
}

/** Lines that write one file atomically (temp file + rename), owned by `owner`, with `mode` from the start. */
export function atomicWriteLines(file: RemoteFile, tag = "OPENMETADATA_FILE"): string[] {
  const path = q(file.path);
  const tmp = q(`${file.path}.new`);
  const group = file.owner;
  const lines = [
    `$S rm -f ${tmp}`,
    `$S install -m ${file.mode} -o ${file.owner} -g ${group} /dev/null ${tmp}`,
  ];
  const src = file.source;
  // `base64 -d` writes the file itself, so a decoding error fails the script (a pipe would hide it).
  const decodeTo = `$S sh -c 'base64 -d > "$1"' sh ${tmp}`;
  if (src === "stdin-base64") lines.push(decodeTo);
  else if ("base64" in src) {
    const doc = heredoc(src.base64, tag);
    lines.push(`${decodeTo} ${doc.redirect}`, doc.lines);
  } else {
    const doc = heredoc(src.text, tag);
    lines.push(`$S tee ${tmp} >/dev/null ${doc.redirect}`, doc.lines);
  }
  if (file.appendStdin) lines.push(`$S tee -a ${tmp} >/dev/null`);
  if (file.backup) lines.push(`if [ -f ${path} ]; then $S cp -p ${path} ${q(`${file.path}.bak`)}; fi`);
  lines.push(`$S mv -f ${tmp} ${path}`);
  return lines;
}

const script = (lines: string[]): string => [...PREAMBLE, ...lines, ""].join("\n");

/** Removes the temporary files if the script stops early ($S is expanded when the trap is set). */
const cleanup = (...paths: string[]): string => `trap "$S rm -f ${paths.map(q).join(" ")}" EXIT`;

export interface PrepareOptions {
  installDir: string;
  serviceUser: string;
  keyDir: string;
}

/**
 * Creates the service user when missing, the config and key directories, and checks that the release is
 * installed. Nothing here is removed on delete: the user and directories may own logs and backups.
 */
export function prepareScript(o: PrepareOptions): string {
  const exe = unitExecutables(o.installDir);
  return script([
    `if ! id -u ${o.serviceUser} >/dev/null 2>&1; then`,
    `  $S useradd --system --user-group --home-dir ${q(o.installDir)} --no-create-home --shell /usr/sbin/nologin ${o.serviceUser}`,
    "fi",
    `$S install -d -m 0750 -o root -g ${o.serviceUser} ${q(ENV_FILE_DIR)} ${q(o.keyDir)}`,
    `for f in ${q(exe.migrate)} ${q(exe.start)}; do`,
    `  if [ ! -x "$f" ]; then echo "OpenMetadata is not installed: $f is missing; extract the release to ${o.installDir} (or use the userData output)" >&2; exit 1; fi`,
    "done",
    `$S install -d -m 0750 -o ${o.serviceUser} -g ${o.serviceUser} ${q(`${o.installDir}/logs`)}`,
  ]);
}

/** Writes the env file: the readable entries inline, the secret entries (KEY=VALUE lines) from stdin. */
export function writeEnvScript(publicText: string, serviceUser: string): string {
  return script([
    cleanup(`${ENV_FILE_PATH}.new`),
    ...atomicWriteLines({
      path: ENV_FILE_PATH,
      mode: "0600",
      owner: serviceUser,
      source: { text: publicText },
      backup: true,
      appendStdin: true,
    }),
  ]);
}

export function deleteEnvScript(): string {
  return script([`$S rm -f ${q(ENV_FILE_PATH)} ${q(`${ENV_FILE_PATH}.bak`)} ${q(`${ENV_FILE_PATH}.new`)}`]);
}

export interface KeyFiles {
  privateKeyPath: string;
  publicKeyPath: string;
  publicKeyDerBase64: string;
  serviceUser: string;
}

/** Writes OpenMetadata's JWT keys as DER: the public key inline, the private key (base64) from stdin. */
export function writeKeysScript(k: KeyFiles): string {
  return script([
    cleanup(`${k.privateKeyPath}.new`, `${k.publicKeyPath}.new`),
    ...atomicWriteLines({
      path: k.privateKeyPath,
      mode: "0600",
      owner: k.serviceUser,
      source: "stdin-base64",
    }),
    ...atomicWriteLines({
      path: k.publicKeyPath,
      mode: "0644",
      owner: k.serviceUser,
      source: { base64: k.publicKeyDerBase64 },
    }),
  ]);
}

export function deleteKeysScript(k: Pick<KeyFiles, "privateKeyPath" | "publicKeyPath">): string {
  return script([`$S rm -f ${q(k.privateKeyPath)} ${q(k.publicKeyPath)}`]);
}

/** Installs the unit and enables it (not started here: the restart command starts it once files are in place). */
export function writeUnitScript(unitText: string): string {
  return script([
    cleanup(`${UNIT_PATH}.new`),
    ...atomicWriteLines({ path: UNIT_PATH, mode: "0644", owner: "root", source: { text: unitText } }),
    "$S systemctl daemon-reload",
    `$S systemctl enable ${SERVICE_NAME}`,
  ]);
}

/** Stops and removes the unit; the release, logs and all data stay. */
export function deleteUnitScript(): string {
  return script([
    `$S systemctl disable --now ${SERVICE_NAME} || true`,
    `$S rm -f ${q(UNIT_PATH)}`,
    "$S systemctl daemon-reload",
  ]);
}

export interface HealthOptions {
  /** The admin health endpoint, e.g. http://127.0.0.1:8586/healthcheck. */
  url: string;
  retries: number;
  intervalSeconds: number;
  /** Journal lines shown when the server stays unhealthy. */
  journalLines?: number;
}

/** Restarts the service, then polls the health URL a bounded number of times; fails with the journal's tail. */
export function restartScript(h: HealthOptions): string {
  const journal = `$S journalctl -u ${SERVICE_NAME} -n ${h.journalLines ?? 100} --no-pager >&2 || true`;
  const url = q(h.url);
  return script([
    `if ! $S systemctl restart ${SERVICE_NAME}; then`,
    `  echo "${SERVICE_NAME} failed to start (migration or start script); last journal lines:" >&2`,
    `  ${journal}`,
    "  exit 1",
    "fi",
    "i=0",
    `while [ "$i" -lt ${h.retries} ]; do`,
    `  if curl -fsS -o /dev/null --max-time 5 ${url} 2>/dev/null || wget -q -O /dev/null -T 5 ${url} 2>/dev/null; then`,
    `    echo "OpenMetadata is healthy at ${h.url}"`,
    "    exit 0",
    "  fi",
    "  i=$((i + 1))",
    `  sleep ${h.intervalSeconds}`,
    "done",
    `echo "OpenMetadata did not become healthy at ${h.url} after ${h.retries} tries ${h.intervalSeconds}s apart; last journal lines:" >&2`,
    journal,
    "exit 1",
  ]);
}

/** The directory of a key path (for prepareScript). */
export const dirOf = (path: string): string => posix.dirname(path);
