/**
 * The shell scripts the VM component runs over SSH (POSIX sh, as root or through passwordless sudo). Every file
 * is written to a temporary file beside it and renamed into place, so a failed or interrupted update never leaves
 * a half-written file; secrets reach the VM only on the command's stdin, never in the command line.
 */
import { posix } from "node:path";
import { shellQuote } from "../quoting";
import { PROXY_CONFIG_PATH, TLS_CERTIFICATE_PATH, TLS_DIR, TLS_PRIVATE_KEY_PATH } from "./proxy";
import { ENV_FILE_DIR, ENV_FILE_PATH, SERVICE_NAME, UNIT_PATH, unitExecutables } from "./unit";

const PREAMBLE = ["set -eu", 'S=; [ "$(id -u)" -eq 0 ] || S="sudo -n"'];
const q = shellQuote;

/** Where a file's bytes come from: text in the script, base64 in the script, or base64 on stdin (secrets). */
export type FileSource = { text: string } | { base64: string } | "stdin-base64" | "stdin-text";

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
    `$S install -m ${q(file.mode)} -o ${q(file.owner)} -g ${q(group)} /dev/null ${tmp}`,
  ];
  const src = file.source;
  // `base64 -d` writes the file itself, so a decoding error fails the script (a pipe would hide it).
  const decodeTo = `$S sh -c 'base64 -d > "$1"' sh ${tmp}`;
  if (src === "stdin-base64") lines.push(decodeTo);
  else if (src === "stdin-text") lines.push(`$S tee ${tmp} >/dev/null`);
  else if ("base64" in src) {
    const doc = heredoc(src.base64, tag);
    lines.push(`${decodeTo} ${doc.redirect}`, doc.lines);
  } else {
    const doc = heredoc(src.text, tag);
    lines.push(`$S tee ${tmp} >/dev/null ${doc.redirect}`, doc.lines);
  }
  if (file.appendStdin) lines.push(`$S tee -a ${tmp} >/dev/null`);
  // The directory may be closed to the login user (0750 root:<service user>): test through sudo too.
  if (file.backup) lines.push(`if $S test -f ${path}; then $S cp -p ${path} ${q(`${file.path}.bak`)}; fi`);
  lines.push(`$S mv -f ${tmp} ${path}`);
  return lines;
}

const script = (lines: string[]): string => [...PREAMBLE, ...lines, ""].join("\n");

/** Removes the temporary files if the script stops early: a function over quoted words, called on exit. */
const cleanup = (...paths: string[]): string =>
  `cleanup() { $S rm -f ${paths.map(q).join(" ")}; }; trap cleanup EXIT`;

export interface PrepareOptions {
  installDir: string;
  serviceUser: string;
  keyDir: string;
  /** The Java major version the release needs. */
  javaMajor: number;
}

/**
 * Shell lines that fail with a clear message unless `java` on the PATH is at least `major` (OpenMetadata's start
 * script runs that java): on an image without the package, cloud-init carries on and only the unit would fail.
 */
export function javaCheckLines(major: number): string[] {
  const need = q(String(major));
  return [
    `java_major=$(java -version 2>&1 | sed -n '1s/^[^"]*"\\([0-9][0-9]*\\).*/\\1/p' || true)`,
    `if [ -z "$java_major" ] || [ "$java_major" -lt ${need} ]; then`,
    `  printf 'OpenMetadata needs Java %s or newer; found %s. Install a Java %s runtime on the VM (the package named by vmJavaPackage).\\n' ${need} "\${java_major:-none}" ${need} >&2`,
    "  exit 1",
    "fi",
  ];
}

/**
 * Creates the service user when missing, the config and key directories, and checks that the release is
 * installed. Nothing here is removed on delete: the user and directories may own logs and backups.
 */
export function prepareScript(o: PrepareOptions): string {
  const exe = unitExecutables(o.installDir);
  const user = q(o.serviceUser);
  return script([
    `if ! id -u ${user} >/dev/null 2>&1; then`,
    `  $S useradd --system --user-group --home-dir ${q(o.installDir)} --no-create-home --shell /usr/sbin/nologin ${user}`,
    "fi",
    `$S install -d -m 0750 -o root -g ${user} ${q(ENV_FILE_DIR)} ${q(o.keyDir)}`,
    `for f in ${q(exe.migrate)} ${q(exe.start)}; do`,
    `  if [ ! -x "$f" ]; then printf 'OpenMetadata is not installed: %s is missing; extract the release to %s (or use the userData output)\\n' "$f" ${q(o.installDir)} >&2; exit 1; fi`,
    "done",
    `$S install -d -m 0750 -o ${user} -g ${user} ${q(`${o.installDir}/logs`)}`,
    ...javaCheckLines(o.javaMajor),
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
    `$S systemctl enable ${q(SERVICE_NAME)}`,
  ]);
}

/** Stops and removes the unit; the release, logs and all data stay. */
export function deleteUnitScript(): string {
  return script([
    `$S systemctl disable --now ${q(SERVICE_NAME)} || true`,
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
  const unit = q(SERVICE_NAME);
  const journal = `$S journalctl -u ${unit} -n ${q(String(h.journalLines ?? 100))} --no-pager >&2 || true`;
  const url = q(h.url);
  const retries = q(String(h.retries));
  const interval = q(String(h.intervalSeconds));
  return script([
    `if ! $S systemctl restart ${unit}; then`,
    `  printf '%s failed to start (migration or start script); last journal lines:\\n' ${unit} >&2`,
    `  ${journal}`,
    "  exit 1",
    "fi",
    "i=0",
    `while [ "$i" -lt ${retries} ]; do`,
    `  if curl -fsS -o /dev/null --max-time 5 ${url} 2>/dev/null || wget -q -O /dev/null -T 5 ${url} 2>/dev/null; then`,
    `    printf 'OpenMetadata is healthy at %s\\n' ${url}`,
    "    exit 0",
    "  fi",
    "  i=$((i + 1))",
    `  sleep ${interval}`,
    "done",
    `printf 'OpenMetadata did not become healthy at %s after %s tries %ss apart; last journal lines:\\n' ${url} ${retries} ${interval} >&2`,
    journal,
    "exit 1",
  ]);
}

/** The directory of a key path (for prepareScript). */
export const dirOf = (path: string): string => posix.dirname(path);

/** The TLS front's files, in the order they are written. */
const PROXY_FILES = [TLS_PRIVATE_KEY_PATH, TLS_CERTIFICATE_PATH, PROXY_CONFIG_PATH];

export interface ProxyFiles {
  /** nginx's site configuration (proxy.ts). */
  configText: string;
  /** The certificate chain (public). */
  certificatePem: string;
}

/**
 * Installs the TLS front: the certificate inline, its private key from stdin (0600, root), nginx's site config;
 * checks the whole nginx configuration before reloading, so a bad file never replaces a working one.
 */
export function writeProxyScript(p: ProxyFiles): string {
  return script([
    // Through sudo: /usr/sbin is on sudo's secure_path, not on an ordinary login user's PATH (Debian).
    "if ! $S sh -c 'command -v nginx' >/dev/null 2>&1; then",
    "  echo 'nginx is not installed on the VM: install it (apt-get install -y nginx), or use the userData output' >&2",
    "  exit 1",
    "fi",
    cleanup(`${TLS_CERTIFICATE_PATH}.new`, `${TLS_PRIVATE_KEY_PATH}.new`, `${PROXY_CONFIG_PATH}.new`),
    `$S install -d -m 0750 -o root -g root ${q(TLS_DIR)}`,
    // Keep the working files: if nginx refuses the new ones, they go back and nothing is reloaded.
    ...PROXY_FILES.map((f) => `if $S test -f ${q(f)}; then $S cp -p ${q(f)} ${q(`${f}.previous`)}; fi`),
    ...atomicWriteLines({ path: TLS_PRIVATE_KEY_PATH, mode: "0600", owner: "root", source: "stdin-text" }),
    ...atomicWriteLines({
      path: TLS_CERTIFICATE_PATH,
      mode: "0644",
      owner: "root",
      source: { text: p.certificatePem },
    }),
    ...atomicWriteLines({
      path: PROXY_CONFIG_PATH,
      mode: "0644",
      owner: "root",
      source: { text: p.configText },
    }),
    "if ! $S nginx -t; then",
    ...PROXY_FILES.map(
      (f) =>
        `  if $S test -f ${q(`${f}.previous`)}; then $S mv -f ${q(`${f}.previous`)} ${q(f)}; else $S rm -f ${q(f)}; fi`,
    ),
    "  echo 'nginx refused the new TLS front; the previous files are back in place and nginx was not reloaded' >&2",
    "  exit 1",
    "fi",
    `$S rm -f ${PROXY_FILES.map((f) => q(`${f}.previous`)).join(" ")}`,
    "$S systemctl enable nginx",
    "$S systemctl reload-or-restart nginx",
  ]);
}

/** Removes the TLS front's files and reloads nginx; OpenMetadata stays on loopback. */
export function deleteProxyScript(): string {
  return script([
    `$S rm -f ${q(PROXY_CONFIG_PATH)} ${q(TLS_CERTIFICATE_PATH)} ${q(TLS_PRIVATE_KEY_PATH)}`,
    "if $S sh -c 'command -v nginx' >/dev/null 2>&1; then $S systemctl reload nginx || true; fi",
  ]);
}
