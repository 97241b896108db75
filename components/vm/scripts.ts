/**
 * The shell scripts the VM component runs over SSH (POSIX sh, as root or through passwordless sudo). Every file
 * is written to a temporary file beside it and renamed into place, so a failed or interrupted update never leaves
 * a half-written file; secrets reach the VM only on the command's stdin, never in the command line.
 */
import { posix } from "node:path";
import { shellQuote } from "../quoting";
import { PROXY_CONFIG_PATH, TLS_CERTIFICATE_PATH, TLS_DIR, TLS_PRIVATE_KEY_PATH } from "./proxy";
import { APPLIED_DIGEST_FILE } from "../openmetadata/security-config";
import {
  ENV_FILE_DIR,
  ENV_FILE_PATH,
  SERVICE_NAME,
  SSO_RESET_SCRIPT_PATH,
  STATE_DIR,
  UNIT_PATH,
  unitExecutables,
} from "./unit";

const PREAMBLE = ["set -eu", 'S=; [ "$(id -u)" -eq 0 ] || S="sudo -n"'];
const q = shellQuote;

/** Where a file's bytes come from: text in the script, base64 in the script, or base64 on stdin (secrets). */
export type FileSource = { text: string } | { base64: string } | "stdin-base64" | "stdin-text";

export interface RemoteFile {
  path: string;
  mode: "0600" | "0640" | "0644";
  owner: string;
  /** @default owner */
  group?: string;
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
  const group = file.group ?? file.owner;
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
 * Creates the service user when missing and the config and key directories, and checks Java. The release itself is
 * the install step's (installReleaseScript). Nothing here is removed on delete: the user and directories may own
 * logs and backups.
 */
export function prepareScript(o: PrepareOptions): string {
  const user = q(o.serviceUser);
  return script([
    `if ! id -u ${user} >/dev/null 2>&1; then`,
    `  $S useradd --system --user-group --home-dir ${q(o.installDir)} --no-create-home --shell /usr/sbin/nologin ${user}`,
    "fi",
    `$S install -d -m 0750 -o root -g ${user} ${q(ENV_FILE_DIR)} ${q(o.keyDir)}`,
    ...javaCheckLines(o.javaMajor),
  ]);
}

/**
 * The file in a release directory that says which release it holds: written by the install step (and by cloud-init,
 * which runs the same lines) once the tarball is checked and extracted, read by the next install to skip a release
 * that is already in place. Nothing else is written into the release directory.
 */
export const RELEASE_MARKER = ".openmetadata-entra-release";
/** Where the install step extracts a new release, beside the install directory (same file system: a rename). */
export const stagedReleaseDir = (installDir: string): string => `${installDir}.next`;
/** Where the release a swap replaced is kept, for a rollback by hand (one previous release). */
export const previousReleaseDir = (installDir: string): string => `${installDir}.previous`;

/** The release marker's text for a release (what the install step writes and compares). */
export function releaseMarkerText(version: string, sha256: string): string {
  return `version=${version}\nsha256=${sha256}\n`;
}

export interface ReleaseInstall {
  /** Directory of the extracted release. */
  installDir: string;
  version: string;
  /** sha256 of the tarball: a download that differs is refused before anything is extracted. */
  sha256: string;
  /** Where the tarball is downloaded from. */
  url: string;
}

/** The install directory's variables, shared by the stage and swap lines (each value a quoted word). */
function releaseVars(installDir: string): string[] {
  return [
    `om_dir=${q(installDir)}`,
    `om_next=${q(stagedReleaseDir(installDir))}`,
    `om_prev=${q(previousReleaseDir(installDir))}`,
    `om_marker=${q(RELEASE_MARKER)}`,
  ];
}

/**
 * Lines that put the release beside the install directory, ready to be swapped in (POSIX sh, `$S` for sudo): when
 * the install directory's marker already names this version and checksum, nothing is downloaded (and a stale staged
 * release is removed); when the staged one does, neither. Otherwise the tarball is downloaded (curl, or wget) to
 * /var/tmp, its sha256 compared with the expected one before anything is extracted, extracted into
 * `<installDir>.next` (files owned by root), checked for the two scripts the unit runs, and marked last, so only
 * a complete extraction counts as staged. Nothing outside `<installDir>.next` and the temporary file is written;
 * the running server is not touched. No `exit` on success, so cloud-init's runcmd goes on after them.
 */
export function stageReleaseLines(o: ReleaseInstall): string[] {
  const exe = unitExecutables(stagedReleaseDir(o.installDir));
  const fail = (format: string, ...args: string[]) =>
    `  printf ${q(`${format}\\n`)} ${args.join(" ")} >&2; exit 1`;
  return [
    ...releaseVars(o.installDir),
    `om_version=${q(o.version)}`,
    `om_sha256=${q(o.sha256)}`,
    `om_url=${q(o.url)}`,
    `om_want=$(printf 'version=%s\\nsha256=%s' "$om_version" "$om_sha256")`,
    "om_tmp=",
    `trap '[ -z "$om_tmp" ] || $S rm -f "$om_tmp"' EXIT`,
    `if [ "$($S cat "$om_dir/$om_marker" 2>/dev/null || true)" = "$om_want" ]; then`,
    '  $S rm -rf "$om_next"',
    `  printf 'OpenMetadata %s (sha256 %s) is installed in %s\\n' "$om_version" "$om_sha256" "$om_dir"`,
    `elif [ "$($S cat "$om_next/$om_marker" 2>/dev/null || true)" = "$om_want" ]; then`,
    `  printf 'OpenMetadata %s is staged in %s; the restart puts it in place\\n' "$om_version" "$om_next"`,
    "else",
    "  om_tmp=$($S mktemp /var/tmp/openmetadata-release.XXXXXXXX)",
    "  if command -v curl >/dev/null 2>&1; then",
    '    $S curl -fsSL --retry 5 -o "$om_tmp" "$om_url"',
    "  elif command -v wget >/dev/null 2>&1; then",
    '    $S wget -q -O "$om_tmp" "$om_url"',
    "  else",
    `  ${fail("Downloading the OpenMetadata release needs curl or wget on the VM (apt-get install -y curl): %s", '"$om_url"')}`,
    "  fi",
    `  om_got=$($S sha256sum "$om_tmp" | cut -d ' ' -f 1)`,
    '  if [ "$om_got" != "$om_sha256" ]; then',
    `  ${fail("The download of %s has sha256 %s, not %s (vmReleaseSha256 / release.sha256): nothing was installed", '"$om_url"', '"$om_got"', '"$om_sha256"')}`,
    "  fi",
    '  $S rm -rf "$om_next"',
    '  $S install -d -m 0755 "$om_next"',
    '  $S tar -xzf "$om_tmp" -C "$om_next" --strip-components=1 --no-same-owner',
    `  for om_f in ${q(exe.migrate)} ${q(exe.start)}; do`,
    '    if ! $S test -x "$om_f"; then',
    `    ${fail("The release tarball from %s has no %s: is it an OpenMetadata release?", '"$om_url"', '"$om_f"')}`,
    "    fi",
    "  done",
    `  printf '%s\\n' "$om_want" | $S tee "$om_next/$om_marker" >/dev/null`,
    '  $S rm -f "$om_tmp"',
    "  om_tmp=",
    `  printf 'Staged OpenMetadata %s (sha256 %s) in %s\\n' "$om_version" "$om_sha256" "$om_next"`,
    "fi",
  ];
}

/**
 * Lines that put a staged release in place (run by the restart, and by cloud-init after staging): when
 * `<installDir>.next` holds a complete release, the service is stopped (a running JVM must not load classes from
 * another release's jars; one that does not stop is not swapped under), the install directory becomes `<installDir>.previous` (replacing an older one) and the
 * staged release takes its place, both renames on one file system; `logs/` moves over from the previous release.
 * Then the logs directory is made the service user's. Files outside the release directories (env file, JWT keys,
 * unit, state directory) are never touched.
 */
export function swapReleaseLines(installDir: string, serviceUser: string): string[] {
  const user = q(serviceUser);
  const unit = q(SERVICE_NAME);
  return [
    ...releaseVars(installDir),
    'if $S test -f "$om_next/$om_marker"; then',
    // Stopped whatever its state (running, or waiting to restart); a unit that is still active is not swapped under.
    `  $S systemctl stop ${unit} 2>/dev/null || true`,
    `  if $S systemctl is-active --quiet ${unit}; then`,
    `    printf '%s is still running; the staged release stays in %s\\n' ${unit} "$om_next" >&2`,
    "    exit 1",
    "  fi",
    '  if $S test -e "$om_dir"; then $S rm -rf "$om_prev"; $S mv "$om_dir" "$om_prev"; fi',
    '  $S mv "$om_next" "$om_dir"',
    '  if $S test -d "$om_prev/logs"; then',
    '    $S rmdir "$om_dir/logs" 2>/dev/null || true',
    '    if ! $S test -e "$om_dir/logs"; then $S mv "$om_prev/logs" "$om_dir/logs"; fi',
    "  fi",
    `  printf 'Put the staged OpenMetadata release in place in %s (the previous one is in %s)\\n' "$om_dir" "$om_prev"`,
    "fi",
    `$S install -d -m 0750 -o ${user} -g ${user} "$om_dir/logs"`,
  ];
}

/**
 * The install step over SSH: stages the pinned release beside the install directory (stageReleaseLines); the
 * restart that follows swaps it in while the service is stopped and starts it, so the new release's migration runs
 * first. Idempotent: the same version and checksum again downloads nothing.
 */
export function installReleaseScript(o: ReleaseInstall): string {
  return script(stageReleaseLines(o));
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

/**
 * Writes the stored-SSO reset script (sso-reset.ts; no secret in it, only paths and the settings' digest) that the
 * unit runs after the migration: 0640 root:<service user>, read by /bin/sh as the service user.
 */
export function writeResetScript(resetScriptText: string, serviceUser: string): string {
  return script([
    cleanup(`${SSO_RESET_SCRIPT_PATH}.new`),
    ...atomicWriteLines({
      path: SSO_RESET_SCRIPT_PATH,
      mode: "0640",
      owner: "root",
      group: serviceUser,
      source: { text: resetScriptText },
    }),
  ]);
}

/**
 * Removes the reset script and the digest it recorded (ssoConfigSource `database`, or the component deleted), so
 * a later return to `stack` resets again: the UI may have changed the stored settings meanwhile. The backups of
 * the stored settings stay in the state directory.
 */
export function deleteResetScript(): string {
  return script([
    `$S rm -f ${q(SSO_RESET_SCRIPT_PATH)} ${q(`${SSO_RESET_SCRIPT_PATH}.new`)} ${q(`${STATE_DIR}/${APPLIED_DIGEST_FILE}`)}`,
  ]);
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

/** The release directory the restart swaps a staged release into (swapReleaseLines). */
export interface RestartRelease {
  installDir: string;
  serviceUser: string;
}

/**
 * Puts a staged release in place (swapReleaseLines: the service stopped for the swap), restarts the service, whose
 * ExecStartPre migrates with the release now in place, then polls the health URL a bounded number of times; fails
 * with the journal's tail.
 */
export function restartScript(h: HealthOptions, release?: RestartRelease): string {
  const unit = q(SERVICE_NAME);
  const journal = `$S journalctl -u ${unit} -n ${q(String(h.journalLines ?? 100))} --no-pager >&2 || true`;
  const url = q(h.url);
  const retries = q(String(h.retries));
  const interval = q(String(h.intervalSeconds));
  return script([
    ...(release ? swapReleaseLines(release.installDir, release.serviceUser) : []),
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
