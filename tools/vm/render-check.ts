/**
 * `node -r sucrase/register/ts tools/vm/render-check.ts`
 * For every stack whose target is `vm`: runs the offline plan with secrets shown, then checks with the real tools
 * what the VM would receive: the user-data with `cloud-init schema --config-file`, the unit with
 * `systemd-analyze verify` (on a copy whose executables point at stubs, because verify looks them up on this
 * machine; any warning on stderr fails too, since bad keys only warn), the TLS front's site with `nginx -t` when
 * nginx is installed, and every SSH script with `sh -n`.
 * Exit 0 all good, 1 a check failed, 3 a tool is missing (install the Debian packages cloud-init and systemd).
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { plan, REPO_ROOT } from "../plan/plan";
import { UNIT_PATH, unitExecutables } from "../../components/vm/unit";
import { PROXY_CONFIG_PATH, TLS_CERTIFICATE_PATH, TLS_PRIVATE_KEY_PATH } from "../../components/vm/proxy";

export interface CheckResult {
  name: string;
  ok: boolean;
  output: string;
}

/** Whether an executable is on PATH. */
export function hasTool(tool: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${tool}`], { encoding: "utf8" }).status === 0;
}

function run(cmd: string, args: string[], input?: string): { status: number | null; out: string } {
  const r = spawnSync(cmd, args, { encoding: "utf8", input });
  return { status: r.status, out: `${r.stdout ?? ""}${r.stderr ?? ""}`.trim() };
}

/** `cloud-init schema` on the user-data text. */
export function checkUserData(userData: string, dir: string): CheckResult {
  const file = join(dir, "user-data.yaml");
  writeFileSync(file, userData, { mode: 0o600 });
  const r = run("cloud-init", ["schema", "--config-file", file]);
  return { name: "cloud-init schema", ok: r.status === 0, output: r.out };
}

/**
 * `systemd-analyze verify` on a copy of the unit whose install directory is replaced by a stub tree holding
 * executable stand-ins for the start and migration scripts.
 */
export function checkUnit(unitText: string, dir: string): CheckResult {
  const start = /^ExecStart=(\S+)\/bin\/openmetadata-server-start\.sh /m.exec(unitText);
  if (!start)
    return { name: "systemd-analyze verify", ok: false, output: "no ExecStart with the start script" };
  const installDir = start[1];
  const stubDir = join(dir, "install");
  for (const exe of Object.values(unitExecutables(stubDir))) {
    mkdirSync(join(exe, ".."), { recursive: true });
    writeFileSync(exe, "#!/bin/sh\nexit 0\n");
    chmodSync(exe, 0o755);
  }
  const unitDir = join(dir, "unit");
  mkdirSync(unitDir, { recursive: true });
  const file = join(unitDir, "openmetadata.service");
  writeFileSync(file, unitText.split(installDir).join(stubDir));
  const r = spawnSync("systemd-analyze", ["verify", file], { encoding: "utf8" });
  const stderr = (r.stderr ?? "").trim();
  return { name: "systemd-analyze verify", ok: r.status === 0 && stderr === "", output: stderr };
}

/** `sh -n` (syntax only) on one script. */
export function checkScript(name: string, script: string): CheckResult {
  const r = run("sh", ["-n"], script);
  return { name: `sh -n ${name}`, ok: r.status === 0, output: r.out };
}

/**
 * `nginx -t` on the TLS front's site config from the user-data, with its certificate and key, inside a scratch
 * prefix (an nginx.conf that includes only this site, a pid and log in the scratch dir): nginx parses every
 * directive and loads the certificate pair, as it would on the VM.
 */
export function checkNginx(userData: string, dir: string): CheckResult | undefined {
  const files = (parse(userData) as { write_files?: { path: string; content: string }[] }).write_files ?? [];
  const site = files.find((f) => f.path === PROXY_CONFIG_PATH);
  if (!site) return undefined;
  const prefix = join(dir, "nginx");
  mkdirSync(join(prefix, "logs"), { recursive: true });
  let text = site.content;
  for (const path of [TLS_CERTIFICATE_PATH, TLS_PRIVATE_KEY_PATH]) {
    const file = files.find((f) => f.path === path);
    if (!file) return { name: "nginx -t", ok: false, output: `user-data has no ${path}` };
    const local = join(prefix, path.split("/").pop() as string);
    writeFileSync(local, file.content, { mode: 0o600 });
    text = text.split(path).join(local);
  }
  writeFileSync(join(prefix, "site.conf"), text);
  const conf = join(prefix, "nginx.conf");
  writeFileSync(
    conf,
    `pid ${join(prefix, "nginx.pid")};\nerror_log ${join(prefix, "logs", "error.log")};\nevents {}\nhttp {\n  access_log off;\n  include ${join(prefix, "site.conf")};\n}\n`,
  );
  const r = run("nginx", ["-t", "-q", "-p", prefix, "-c", conf]);
  return { name: "nginx -t", ok: r.status === 0, output: r.out };
}

/** The unit text inside the user-data (the same text the SSH path installs). */
export function unitFromUserData(userData: string): string {
  const config = parse(userData) as { write_files?: { path: string; content: string }[] };
  const unit = config.write_files?.find((f) => f.path === UNIT_PATH);
  if (!unit) throw new Error(`user-data has no ${UNIT_PATH}`);
  return unit.content;
}

/** Stack names whose file selects the vm target. */
export function vmStacks(root: string): string[] {
  return readdirSync(join(root, "stacks"))
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .filter((s) => {
      const config = (
        parse(readFileSync(join(root, "stacks", `Pulumi.${s}.yaml`), "utf8")) as {
          config?: Record<string, unknown>;
        }
      ).config;
      return config?.["openmetadata-entra:target"] === "vm";
    })
    .sort();
}

/** Checks one stack's rendered files; throws when the plan has no userData. */
export async function checkStack(stack: string): Promise<CheckResult[]> {
  const { plan: doc } = await plan({ stack, showSecrets: true });
  const userData = doc.outputs.userData;
  if (typeof userData !== "string") throw new Error(`stack ${stack}: the plan has no userData output`);
  const dir = mkdtempSync(join(tmpdir(), `vm-check-${stack}-`));
  try {
    const results = [checkUserData(userData, dir), checkUnit(unitFromUserData(userData), dir)];
    const nginx = hasTool("nginx") ? checkNginx(userData, dir) : undefined;
    if (nginx) results.push(nginx);
    for (const r of doc.resources.filter((r) => r.type === "command:remote:Command")) {
      for (const key of ["create", "delete"] as const) {
        const script = (r.inputs as Record<string, unknown>)[key];
        if (typeof script === "string") results.push(checkScript(`${r.name} ${key}`, script));
      }
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const missing = ["cloud-init", "systemd-analyze"].filter((t) => !hasTool(t));
  if (missing.length > 0) {
    process.stderr.write(`missing ${missing.join(", ")}: apt-get install -y cloud-init systemd\n`);
    return 3;
  }
  let failed = 0;
  for (const stack of vmStacks(REPO_ROOT)) {
    for (const r of await checkStack(stack)) {
      process.stdout.write(`${r.ok ? "ok  " : "FAIL"} ${stack}: ${r.name}${r.ok ? "" : `\n${r.output}`}\n`);
      if (!r.ok) failed++;
    }
  }
  return failed > 0 ? 1 : 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
