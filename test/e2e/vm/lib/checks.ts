/**
 * Assertions on a stand-in VM's end state, all derived from the plan (its userData declarations and its outputs)
 * and from what the VM really does (stat, systemd, the running server's environment and answers).
 */
import { createHash, createPublicKey } from "node:crypto";
import * as http from "node:http";
import { posix } from "node:path";
import { declaredFiles, userDataOf, type PlanDocument } from "./plan";
import type { Report } from "./report";
import type { StandInVm } from "./vm";

/** Where the deployment lives on the VM, from the stack config and the plan. */
export interface Layout {
  installDir: string;
  serviceUser: string;
  /** The systemd unit's file name, e.g. openmetadata.service. */
  unit: string;
  unitPath: string;
  envFile: string;
}

/** The stand-in's ports (its conf/openmetadata.yaml defaults; the component sets no SERVER_PORT). */
export const APP_PORT = 8585;
export const ADMIN_PORT = 8586;

export function layoutOf(plan: PlanDocument, installDir: string, serviceUser: string): Layout {
  const unitFile = declaredFiles(plan).find((f) => /^\/etc\/systemd\/system\/[^/]+\.service$/.test(f.path));
  if (!unitFile) throw new Error("the userData declares no systemd unit under /etc/systemd/system");
  const envFile = typeof plan.outputs.vmEnvFilePath === "string" ? plan.outputs.vmEnvFilePath : undefined;
  if (!envFile) throw new Error("the plan has no vmEnvFilePath output");
  return { installDir, serviceUser, unit: posix.basename(unitFile.path), unitPath: unitFile.path, envFile };
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

/** KEY=VALUE lines of an env file, as written (no unquoting: they must reach the process unchanged). */
export function envLines(text: string): Array<[string, string]> {
  return text
    .split("\n")
    .filter((l) => l.trim() !== "" && !/^\s*[#;]/.test(l))
    .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]);
}

/** Paths, modes, owners and content hashes of the deployed files and their directories (for comparisons). */
export async function fingerprint(
  vm: StandInVm,
  plan: PlanDocument,
  l: Layout,
): Promise<Record<string, string>> {
  const files = declaredFiles(plan).map((f) => f.path);
  const dirs = [...new Set(files.map((f) => posix.dirname(f)))].filter((d) => d !== "/etc/systemd/system");
  const paths = [...files, ...dirs, l.installDir, `${l.installDir}/logs`];
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
      .filter((f) => f.path !== l.unitPath)
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
  const lines = envLines(envText);
  const differing = lines.filter(([k, v]) => env.get(k) !== v).map(([k]) => k);
  report.check(
    c(`the server's environment has all ${lines.length} env file entries unchanged`),
    lines.length > 0 && differing.length === 0,
    `differing or missing: ${differing.join(", ")}`,
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
  const migration = (
    await vm.out(`tail -n 1 ${q(`${l.installDir}/logs/standin-migrations.log`)} 2>/dev/null || true`)
  ).trim();
  report.check(
    c("the migration ran with the database password from the env file's secret part"),
    migration !== "" && (JSON.parse(migration) as { passwordSet?: boolean }).passwordSet === true,
    migration,
  );
}
