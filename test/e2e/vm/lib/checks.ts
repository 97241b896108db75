/**
 * Assertions on a stand-in VM's end state, all derived from the plan (its userData declarations and its outputs)
 * and from what the VM really does (stat, systemd, the running server's environment and answers).
 */
import { createHash, createPublicKey } from "node:crypto";
import * as http from "node:http";
import * as https from "node:https";
import { posix } from "node:path";
import { previousReleaseDir, RELEASE_MARKER, stagedReleaseDir } from "../../../../components/vm/scripts";
import { declaredFiles, userDataOf, type PlanDocument } from "./plan";
import { log, type Report } from "./report";
import { handshake, nonLoopbackAddresses, tcpConnect, type TlsFront } from "./tls";
import type { StandInVm } from "./vm";

/** Where the deployment lives on the VM, from the stack config and the plan. */
export interface Layout {
  installDir: string;
  serviceUser: string;
  /** The systemd unit's file name, e.g. openmetadata.service. */
  unit: string;
  unitPath: string;
  envFile: string;
  /** The unit's StateDirectory (/var/lib/<name>), when it has one (1.10+ with ssoConfigSource stack). */
  stateDir?: string;
}

/** The stand-in's ports (its conf/openmetadata.yaml defaults; the component sets no SERVER_PORT). */
export const APP_PORT = 8585;
export const ADMIN_PORT = 8586;

export function layoutOf(plan: PlanDocument, installDir: string, serviceUser: string): Layout {
  const unitFile = declaredFiles(plan).find((f) => /^\/etc\/systemd\/system\/[^/]+\.service$/.test(f.path));
  if (!unitFile) throw new Error("the userData declares no systemd unit under /etc/systemd/system");
  const envFile = typeof plan.outputs.vmEnvFilePath === "string" ? plan.outputs.vmEnvFilePath : undefined;
  if (!envFile) throw new Error("the plan has no vmEnvFilePath output");
  // systemd's StateDirectory= (the stored-SSO reset's record and backups), from the declared unit.
  const stateDirectory = /^StateDirectory=(\S+)$/m.exec(unitFile.content.toString("utf8"))?.[1];
  return {
    installDir,
    serviceUser,
    unit: posix.basename(unitFile.path),
    unitPath: unitFile.path,
    envFile,
    ...(stateDirectory ? { stateDir: `/var/lib/${stateDirectory}` } : {}),
  };
}

/** The release directories (installed, staged, previous): each one's marker text, or "absent". */
export async function releaseDirs(
  vm: StandInVm,
  l: Layout,
): Promise<{ installed: string; staged: string; previous: string; version: string }> {
  const marker = (dir: string) =>
    vm.out(
      `cat ${q(`${dir}/${RELEASE_MARKER}`)} 2>/dev/null || { [ -e ${q(dir)} ] && echo unmarked || echo absent; }`,
    );
  return {
    installed: (await marker(l.installDir)).trim(),
    staged: (await marker(stagedReleaseDir(l.installDir))).trim(),
    previous: (await marker(previousReleaseDir(l.installDir))).trim(),
    // The stand-in release's own version file.
    version: (await vm.out(`cat ${q(`${l.installDir}/standin/VERSION`)} 2>/dev/null || true`)).trim(),
  };
}

/** One line per logged call of the stand-in's ops tool (logs/standin-ops.log). */
export interface OpsCall {
  time: string;
  command: string;
  args: string[];
  version: string;
  uid: number;
}

export async function opsCalls(vm: StandInVm, l: Layout): Promise<OpsCall[]> {
  const text = await vm.out(`cat ${q(`${l.installDir}/logs/standin-ops.log`)} 2>/dev/null || true`);
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as OpsCall);
}

/** The JSON lines of one of the stand-in's logs (starts, migrations). */
export async function standinLog(
  vm: StandInVm,
  l: Layout,
  name: "starts" | "migrations",
): Promise<Array<Record<string, unknown>>> {
  const text = await vm.out(`cat ${q(`${l.installDir}/logs/standin-${name}.log`)} 2>/dev/null || true`);
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/**
 * Path → `type mode owner size sha256 mtime inode` for each path, and for every entry below the directories among
 * them (a whole tree, e.g. the state directory): what "unchanged" means for files an upgrade must not touch.
 */
export async function treeState(vm: StandInVm, paths: string[]): Promise<Record<string, string>> {
  const listing = await vm.out(
    `for p in ${paths.map(q).join(" ")}; do [ -e "$p" ] || { echo "$p|absent"; continue; }; ` +
      `find "$p" -printf '%p|%y %m %u:%g %s %T@ %i|' -exec sh -c '[ -f "$1" ] && sha256sum "$1" | cut -c1-16 || echo -' sh {} \\; ; done`,
  );
  const out: Record<string, string> = {};
  for (const line of listing.trim().split("\n")) {
    const [path, ...rest] = line.split("|");
    out[path] = rest.join("|");
  }
  return out;
}

export const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** GET on the host's loopback (the VM shares it); JSON body. */
export function getJson(url: string, timeoutMs = 5000): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        try {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) });
        } catch {
          resolve({ status: res.statusCode ?? 0, body: text });
        }
      });
    });
    req.on("timeout", () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
    req.on("error", reject);
  });
}

/** GET over TLS to a loopback address, with SNI and Host for `host`, certificate not verified (the plan's is fake). */
export function getJsonTls(
  url: string,
  host: string,
  timeoutMs = 5000,
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = https.get(
      url,
      { timeout: timeoutMs, rejectUnauthorized: false, servername: host, headers: { Host: host } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) });
          } catch {
            resolve({ status: res.statusCode ?? 0, body: text });
          }
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
    req.on("error", reject);
  });
}

/** True when the plan's userData has the TLS front (an nginx site). */
export function hasTlsFront(plan: PlanDocument): boolean {
  return declaredFiles(plan).some((f) => f.path.startsWith("/etc/nginx/"));
}

/** `ss -ltnpH` inside the VM: the listening TCP sockets, address (without port) and process names per port. */
async function listeners(vm: StandInVm): Promise<Map<number, Array<{ address: string; process: string }>>> {
  const out = new Map<number, Array<{ address: string; process: string }>>();
  for (const line of (await vm.out("ss -ltnpH")).split("\n")) {
    const local = line.trim().split(/\s+/)[3];
    if (!local) continue;
    const at = local.lastIndexOf(":");
    const port = Number(local.slice(at + 1));
    const process = /users:\(\("([^"]+)"/.exec(line)?.[1] ?? "?";
    out.set(port, [...(out.get(port) ?? []), { address: local.slice(0, at), process }]);
  }
  return out;
}

/**
 * The TLS front with the run's real certificate: it presents the given chain, which a client trusting only the
 * root verifies for the public URL's host and for 127.0.0.1; OpenMetadata's ports are bound to loopback only and
 * nginx to every address; from a non-loopback address of the VM (the host's: they share the network namespace)
 * 8585 and 8586 refuse connections while the TLS front answers.
 */
export async function checkTlsFront(
  report: Report,
  vm: StandInVm,
  front: TlsFront,
  label: string,
): Promise<void> {
  const c = (name: string) => `${label}: ${name}`;
  const local = await handshake("127.0.0.1", front.port, front.host, front.caPem);
  report.check(
    c(
      `TLS front 127.0.0.1:${front.port} (SNI ${front.host}): trusted with only the throw-away root CA (nginx sends the intermediate)`,
    ),
    local.ok,
    local.error,
  );
  report.equal(
    c("TLS front: it serves the given vmTlsCertificate, not the plan's fake"),
    local.chain[0],
    front.leafFingerprint,
  );

  const sockets = await listeners(vm);
  const show = (port: number) =>
    (sockets.get(port) ?? []).map((s) => `${s.address}:${port} (${s.process})`).join(", ") || "none";
  for (const port of [APP_PORT, ADMIN_PORT]) {
    const bound = sockets.get(port) ?? [];
    report.check(
      c(`ss -ltn: port ${port} is bound to loopback only`),
      bound.length > 0 && bound.every((s) => s.address === "127.0.0.1" || s.address === "[::1]"),
      show(port),
    );
  }
  const nginx = sockets.get(front.port) ?? [];
  report.check(
    c(`ss -ltn: nginx listens on ${front.port} on 0.0.0.0 and [::]`),
    ["0.0.0.0", "[::]"].every((a) => nginx.some((s) => s.address === a && s.process === "nginx")) &&
      nginx.every((s) => s.process === "nginx"),
    show(front.port),
  );

  const addresses = nonLoopbackAddresses();
  if (addresses.length === 0)
    log(`  ${c("no non-loopback address to probe the VM from: only the ss -ltn checks apply")}`);
  for (const address of addresses) {
    for (const port of [APP_PORT, ADMIN_PORT]) {
      const r = await tcpConnect(address, port);
      report.check(c(`${address} port ${port} is not reachable (${r})`), r !== "open", r);
    }
    const h = await handshake(address, front.port, front.host, front.caPem);
    report.check(
      c(`${address} port ${front.port}: the TLS front answers with the verified certificate`),
      h.ok && h.chain[0] === front.leafFingerprint,
      h.error ?? h.chain[0],
    );
  }
}

/** Counts of the stand-in's start-ups and migrations (lines in its logs). */
export async function counters(vm: StandInVm, l: Layout): Promise<{ starts: number; migrations: number }> {
  const count = async (file: string) =>
    Number((await vm.out(`cat ${q(`${l.installDir}/logs/${file}`)} 2>/dev/null | wc -l`)).trim());
  return { starts: await count("standin-starts.log"), migrations: await count("standin-migrations.log") };
}

export async function serviceProps(vm: StandInVm, unit: string): Promise<Record<string, string>> {
  const text = await vm.out(
    `systemctl show ${unit} -p ActiveState -p SubState -p UnitFileState -p MainPID -p NRestarts -p ExecMainStartTimestampMonotonic -p EnvironmentFiles -p User -p Result`,
  );
  return Object.fromEntries(
    text
      .trim()
      .split("\n")
      .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
  );
}

/**
 * The variables systemd reads from an EnvironmentFile=: a port of `parse_env_file_internal` in systemd's
 * src/basic/env-file.c (comments with # or ;, blanks around keys and unquoted values trimmed, '…' literal,
 * "…" with \\ \" \` \$ unescaped and other backslashes kept, unquoted backslash escapes, continuation lines).
 */
export function systemdEnvFile(text: string): Array<[string, string]> {
  const WHITESPACE = " \t\n\r";
  const NEWLINE = "\n\r";
  const out: Array<[string, string]> = [];
  type S =
    | "preKey"
    | "key"
    | "preValue"
    | "value"
    | "valueEscape"
    | "single"
    | "double"
    | "doubleEscape"
    | "comment"
    | "commentEscape";
  let state: S = "preKey";
  let key = "";
  let value = "";
  let trimValueAt = -1;
  let trimKeyAt = -1;
  const push = (chomp: boolean) => {
    const k = trimKeyAt >= 0 ? key.slice(0, trimKeyAt) : key;
    out.push([k, chomp && trimValueAt >= 0 ? value.slice(0, trimValueAt) : value]);
    key = "";
    value = "";
  };
  for (const c of text) {
    switch (state) {
      case "preKey":
        if ("#;".includes(c)) state = "comment";
        else if (!WHITESPACE.includes(c)) {
          state = "key";
          trimKeyAt = -1;
          key = c;
        }
        break;
      case "key":
        if (NEWLINE.includes(c)) {
          state = "preKey";
          key = "";
        } else if (c === "=") {
          state = "preValue";
          trimValueAt = -1;
        } else {
          if (!WHITESPACE.includes(c)) trimKeyAt = -1;
          else if (trimKeyAt < 0) trimKeyAt = key.length;
          key += c;
        }
        break;
      case "preValue":
        if (NEWLINE.includes(c)) {
          state = "preKey";
          push(false);
        } else if (c === "'") state = "single";
        else if (c === '"') state = "double";
        else if (c === "\\") state = "valueEscape";
        else if (!WHITESPACE.includes(c)) {
          state = "value";
          value += c;
        }
        break;
      case "value":
        if (NEWLINE.includes(c)) {
          state = "preKey";
          push(true);
        } else if (c === "\\") {
          state = "valueEscape";
          trimValueAt = -1;
        } else {
          if (!WHITESPACE.includes(c)) trimValueAt = -1;
          else if (trimValueAt < 0) trimValueAt = value.length;
          value += c;
        }
        break;
      case "valueEscape":
        state = "value";
        if (!NEWLINE.includes(c)) value += c;
        break;
      case "single":
        if (c === "'") state = "preValue";
        else value += c;
        break;
      case "double":
        if (c === '"') state = "preValue";
        else if (c === "\\") state = "doubleEscape";
        else value += c;
        break;
      case "doubleEscape":
        state = "double";
        if ('"\\`$'.includes(c)) value += c;
        else if (c !== "\n") value += `\\${c}`;
        break;
      case "comment":
        if (c === "\\") state = "commentEscape";
        else if (NEWLINE.includes(c)) state = "preKey";
        break;
      case "commentEscape":
        state = NEWLINE.includes(c) ? "preKey" : "comment";
        break;
    }
  }
  if (["preValue", "value", "valueEscape", "single", "double", "doubleEscape"].includes(state))
    push(state === "value");
  return out;
}

/** Paths, modes, owners and content hashes of the deployed files and their directories (for comparisons). */
export async function fingerprint(
  vm: StandInVm,
  plan: PlanDocument,
  l: Layout,
): Promise<Record<string, string>> {
  const files = declaredFiles(plan).map((f) => f.path);
  const dirs = [...new Set(files.map((f) => posix.dirname(f)))].filter((d) => d !== "/etc/systemd/system");
  // The release's marker (what the next install compares) and the state directory with its backups folder.
  const state = l.stateDir ? [l.stateDir, `${l.stateDir}/security-config-backups`] : [];
  const paths = [
    ...files,
    ...dirs,
    l.installDir,
    `${l.installDir}/logs`,
    `${l.installDir}/${RELEASE_MARKER}`,
    ...state,
    ...(l.stateDir ? [`${l.stateDir}/applied-sso-digest`] : []),
  ];
  const listing = await vm.out(
    `for p in ${paths.map(q).join(" ")}; do [ -e "$p" ] || { echo "$p|absent"; continue; }; ` +
      `if [ -f "$p" ]; then h=$(sha256sum "$p" | cut -c1-16); else h=-; fi; echo "$(stat -c '%n|%a|%U:%G|%F' "$p")|$h"; done; ` +
      `for d in ${dirs.map(q).join(" ")}; do find "$d" -mindepth 1 -maxdepth 1 -printf '%p|%m|%u:%g|extra\\n'; done`,
  );
  const out: Record<string, string> = {};
  for (const line of listing.trim().split("\n")) {
    const [path, ...rest] = line.split("|");
    if (rest[rest.length - 1] === "extra") {
      if (!(path in out)) out[path] = `${rest.slice(0, 2).join("|")}|not declared`;
    } else out[path] = rest.join("|");
  }
  return out;
}

/** Everything the deployment must have made true on this VM. */
export async function checkEndState(
  report: Report,
  vm: StandInVm,
  plan: PlanDocument,
  l: Layout,
  label: string,
): Promise<void> {
  const c = (name: string) => `${label}: ${name}`;

  // The service user, as the userData declares it.
  const declaredUser = ((userDataOf(plan).doc.users ?? []) as Array<string | Record<string, unknown>>).find(
    (u) => typeof u === "object" && u.name === l.serviceUser,
  ) as Record<string, unknown> | undefined;
  const passwd = (await vm.exec(`getent passwd ${l.serviceUser}`, { check: false })).stdout.trim().split(":");
  if (report.check(c(`service user ${l.serviceUser} exists`), passwd.length >= 7, passwd.join(":"))) {
    report.check(
      c("service user is a system user (uid < 1000)"),
      Number(passwd[2]) < 1000,
      `uid ${passwd[2]}`,
    );
    if (declaredUser?.shell) report.equal(c("service user's shell"), passwd[6], declaredUser.shell);
    if (declaredUser?.homedir) report.equal(c("service user's home"), passwd[5], declaredUser.homedir);
  }

  // Each declared file: mode, owner and exact bytes.
  for (const f of declaredFiles(plan)) {
    const r = await vm.exec(`stat -c '%a %U:%G' ${q(f.path)} && sha256sum ${q(f.path)}`, { check: false });
    if (!report.check(c(`${f.path} exists`), r.code === 0, r.stderr.trim())) continue;
    const [modeOwner, sum] = r.stdout.trim().split("\n");
    const [mode, owner] = modeOwner.split(" ");
    report.equal(
      c(`${f.path} mode and owner`),
      `${mode.padStart(4, "0")} ${owner}`,
      `${f.permissions} ${f.owner}`,
    );
    report.equal(
      c(`${f.path} content equals the userData's`),
      sum.split(" ")[0],
      createHash("sha256").update(f.content).digest("hex"),
    );
  }
  const secretFiles = [
    l.envFile,
    ...declaredFiles(plan)
      .filter((f) => f.permissions === "0600")
      .map((f) => f.path),
  ];
  for (const path of [...new Set(secretFiles)]) {
    const other = (await vm.out(`stat -c %A ${q(path)} 2>/dev/null || echo absent`)).trim();
    report.check(c(`${path} is not readable by other users`), /^-.{6}---$/.test(other), other);
  }
  const readable = await vm.exec(
    declaredFiles(plan)
      .filter((f) => f.owner.split(":")[0] === l.serviceUser)
      .map((f) => `runuser -u ${l.serviceUser} -- test -r ${q(f.path)} || echo ${q(f.path)}`)
      .join("; "),
    { check: false },
  );
  report.check(
    c(`the service user can read its files`),
    readable.stdout.trim() === "",
    `unreadable: ${readable.stdout.trim()}`,
  );

  // systemd: the unit is valid, enabled and running, with the env file.
  const verify = await vm.exec(`systemd-analyze verify ${q(l.unitPath)} 2>&1`, { check: false });
  const unitWarnings = verify.stdout
    .split("\n")
    .filter((line) => line.includes(l.unit) || line.includes(l.unitPath))
    .join("\n");
  report.check(
    c("systemd-analyze verify: the unit is clean"),
    verify.code === 0 && unitWarnings === "",
    verify.stdout.trim(),
  );
  const props = await serviceProps(vm, l.unit);
  report.equal(
    c(`${l.unit} is active (running)`),
    `${props.ActiveState} (${props.SubState})`,
    "active (running)",
  );
  report.equal(c(`${l.unit} is enabled`), props.UnitFileState, "enabled");
  report.check(
    c(`${l.unit} reads ${l.envFile}`),
    (props.EnvironmentFiles ?? "").includes(l.envFile),
    props.EnvironmentFiles,
  );
  report.equal(c(`${l.unit} runs as ${l.serviceUser}`), props.User, l.serviceUser);

  // The running server's environment holds every line of the env file, unchanged (systemd parsed it as written).
  const envText = await vm.out(`cat ${q(l.envFile)}`);
  const environ = (await vm.out(`cat /proc/${props.MainPID}/environ | tr '\\0' '\\n'`)).split("\n");
  const env = new Map(environ.map((e) => [e.slice(0, e.indexOf("=")), e.slice(e.indexOf("=") + 1)]));
  const lines = systemdEnvFile(envText);
  const differing = lines.filter(([k, v]) => env.get(k) !== v).map(([k]) => k);
  report.check(
    c(`the server's environment has all ${lines.length} env file entries as systemd's syntax reads them`),
    lines.length > 0 && differing.length === 0,
    `MainPID ${props.MainPID}; differing or missing: ${differing.join(", ")}; the process has: ${environ.slice(0, 5).join(" ")}`,
  );

  // The server serves the SSO settings the plan's `sso` output describes.
  const sso = plan.outputs.sso as Record<string, Record<string, unknown>>;
  const base = `http://127.0.0.1:${APP_PORT}/api/v1/system/config`;
  const auth = (await getJson(`${base}/auth`)).body as Record<string, unknown>;
  for (const [key, value] of Object.entries(sso.authenticationConfiguration))
    report.equal(c(`served auth.${key} equals the plan's sso output`), auth[key], value);
  const authorizer = (await getJson(`${base}/authorizer`)).body as Record<string, unknown>;
  for (const [key, value] of Object.entries(sso.authorizerConfiguration))
    report.equal(c(`served authorizer.${key} equals the plan's sso output`), authorizer[key], value);
  const jwks = (await getJson(`${base}/jwks`)).body as { keys?: Array<Record<string, string>> };
  const jwt = sso.jwtTokenConfiguration as Record<string, string>;
  report.equal(
    c("served JWKS kid is the plan's keyId"),
    jwks.keys?.map((k) => k.kid),
    [jwt.keyId],
  );
  const publicDer = declaredFiles(plan).find((f) => f.path === jwt.rsapublicKeyFilePath);
  if (publicDer) {
    const expected = createPublicKey({ key: publicDer.content, format: "der", type: "spki" }).export({
      format: "jwk",
    });
    report.equal(
      c("served JWKS key is the deployed public key"),
      { n: jwks.keys?.[0]?.n, e: jwks.keys?.[0]?.e },
      {
        n: expected.n,
        e: expected.e,
      },
    );
  }
  // A TLS front (an nginx site in the userData): it serves the same API on the public URL's port, and OpenMetadata
  // itself is asked to listen on loopback only.
  if (hasTlsFront(plan)) {
    const pub = new URL(String(plan.outputs.publicUrl));
    const url = `https://127.0.0.1:${pub.port || 443}/api/v1/system/config/auth`;
    const viaProxy = await getJsonTls(url, pub.hostname).catch((e: Error) => ({
      status: 0,
      body: e.message,
    }));
    report.equal(
      c(`the TLS front (${url}, Host ${pub.hostname}) serves the same auth settings`),
      viaProxy.body,
      auth,
    );
    const standin = (await getJson(`http://127.0.0.1:${APP_PORT}/api/v1/standin/config`)).body as {
      server?: {
        applicationConnectors?: Array<{ bindHost?: string }>;
        adminConnectors?: Array<{ bindHost?: string }>;
      };
    };
    const asked = [
      standin.server?.applicationConnectors?.[0]?.bindHost,
      standin.server?.adminConnectors?.[0]?.bindHost,
    ];
    report.check(
      c("behind the TLS front, OpenMetadata is told to listen on loopback only (SERVER_HOST)"),
      asked.every((h) => h === "127.0.0.1" || h === "::1" || h === "localhost"),
      `bindHost asked: ${asked.join(", ")}`,
    );
  }
  const migration = (
    await vm.out(`tail -n 1 ${q(`${l.installDir}/logs/standin-migrations.log`)} 2>/dev/null || true`)
  ).trim();
  report.check(
    c("the migration ran with the database password from the env file's secret part"),
    migration !== "" && (JSON.parse(migration) as { passwordSet?: boolean }).passwordSet === true,
    migration,
  );
}
