/**
 * End-to-end test of the VM target on a real stand-in VM (a container with systemd as PID 1, sshd and cloud-init):
 * the offline plan's remote commands run over a real SSH connection as @pulumi/command would run them, a second
 * `pulumi up` is simulated from the previous and the new plan, and the plan's cloud-init userData boots a fresh VM.
 * See README.md beside this file.
 *
 *   node -r sucrase/register/ts test/e2e/vm/run.ts        (as root)
 *
 * Environment: OM_VM_E2E_WORKDIR (default /var/tmp/om-vm-e2e), OM_VM_E2E_QUICK=1 (skip the health check that
 * fails after its full retry budget, about 5 minutes), OM_VM_E2E_MIRROR (Debian mirror for the image),
 * OM_VM_E2E_JAVA_PACKAGE (vmJavaPackage for cloud-init; default java-common), OM_VM_E2E_VM_USER (vmUser instead
 * of the staging stack's, e.g. root), OM_VM_E2E_KEEP_RUN=1 (keep the run directory with plans, stack files and
 * keys).
 * Exit: 0 passed or SKIP (this machine cannot run containers), 1 a check or step failed, 2 not root.
 */
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, posix } from "node:path";
import { stringify } from "yaml";
import {
  ADMIN_PORT,
  APP_PORT,
  checkEndState,
  counters,
  fingerprint,
  getJson,
  layoutOf,
  q,
  serviceProps,
} from "./lib/checks";
import { describe, preview, up, type State, type UpResult } from "./lib/engine";
import { engineSelfCheck } from "./lib/engine-selfcheck";
import { debianMirror, dockerClient, Dockerd, ensurePackages, restoreHost, snapshotHost } from "./lib/host";
import { ensureImage } from "./lib/image";
import {
  commands,
  declaredFiles,
  effective,
  projectConfig,
  readStack,
  REPO_ROOT,
  runPlan,
  userDataOf,
  writeStack,
  type PlanDocument,
} from "./lib/plan";
import { run, runSync, tail } from "./lib/proc";
import { buildRelease, type Release } from "./lib/release";
import { log, Report, Skip } from "./lib/report";
import { fakeEntra, makeCa, serveFileHttps, type Served } from "./lib/servers";
import { generateKey, publicKeyOf, SshRunner, type Connection } from "./lib/ssh";
import { Docker, freePort, portIsFree, probeContainers, StandInVm } from "./lib/vm";

const BASE_STACK = "staging";
const WORK = process.env.OM_VM_E2E_WORKDIR ?? "/var/tmp/om-vm-e2e";
const RUN_DIR = join(WORK, "run");
const QUICK = process.env.OM_VM_E2E_QUICK === "1";
/** vmHealthCheckSeconds of every stack of the run: the stand-in is healthy within a second or two. */
const HEALTH_CHECK_SECONDS = 20;
const JAVA_PACKAGE = process.env.OM_VM_E2E_JAVA_PACKAGE ?? "java-common";

/** Synchronous clean-up steps, run once, last registered first: on success, failure, signals and exit. */
class Teardown {
  private readonly steps: Array<{ name: string; run: () => void }> = [];
  private done = false;
  add(name: string, step: () => void): void {
    this.steps.push({ name, run: step });
  }
  run(): void {
    if (this.done) return;
    this.done = true;
    for (const step of this.steps.reverse()) {
      try {
        step.run();
      } catch (error) {
        log(`  teardown ${step.name}: ${(error as Error).message}`);
      }
    }
  }
}

interface Context {
  report: Report;
  teardown: Teardown;
  docker: Docker;
  image: string;
  ssh: SshRunner;
  base: Record<string, unknown>;
  installDir: string;
  serviceUser: string;
  vmUser: string;
  release: Release;
  entra: Served;
  state: State;
  containers: string[];
  /** Overrides every stack of this run gets: publicUrl on a free port, an installable vmJavaPackage. */
  common: Record<string, unknown>;
}

/**
 * Writes a stack file, the base stack (read again each time) plus the harness's overrides, and plans it with
 * secrets shown; the plan is kept beside it for debugging.
 */
async function planFor(label: string, overrides: Record<string, unknown>): Promise<PlanDocument> {
  const file = join(RUN_DIR, "stacks", `Pulumi.${label}.yaml`);
  writeStack(
    file,
    { ...readStack(BASE_STACK), ...overrides },
    `om-vm-e2e ${label}: stacks/Pulumi.${BASE_STACK}.yaml with the stand-in VM's connection`,
  );
  const plan = await runPlan(BASE_STACK, file, true);
  writeFileSync(join(RUN_DIR, "stacks", `plan.${label}.json`), `${JSON.stringify(plan, null, 2)}\n`, {
    mode: 0o600,
  });
  return plan;
}

/** One simulated `pulumi up`; logs the steps. */
async function deploy(ctx: Context, label: string, plan: PlanDocument): Promise<UpResult> {
  const result = await up(ctx.state, plan, (c, script, stdin, env) => ctx.ssh.run(c, script, stdin, env));
  log(`  pulumi up (${label}): ${result.ok ? "succeeded" : "FAILED"}\n${describe(result.steps)}`);
  for (const note of new Set(result.steps.flatMap((s) => s.notes ?? []))) log(`    note: ${note}`);
  ctx.state = result.state;
  return result;
}

const ran = (r: UpResult) => r.steps.filter((s) => s.script !== undefined);

function connectionOf(plan: PlanDocument): Connection {
  const first = commands(plan)[0];
  if (!first) throw new Error("the plan has no command:remote:Command resource");
  return first.inputs.connection as Connection;
}

async function verifyCli(
  args: string[],
): Promise<{ code: number; rows: Array<Record<string, string>>; text: string }> {
  const r = await run("npm", ["run", "--silent", "verify", "--", ...args, "--json"], {
    cwd: REPO_ROOT,
    check: false,
    timeoutMs: 180_000,
  });
  let rows: Array<Record<string, string>> = [];
  try {
    rows = (JSON.parse(r.stdout) as { rows: Array<Record<string, string>> }).rows;
  } catch {
    // not JSON: a usage error
  }
  return { code: r.code, rows, text: (r.stdout + r.stderr).trim() };
}

async function runVerify(ctx: Context, plan: PlanDocument, label: string): Promise<void> {
  const expect = join(RUN_DIR, `outputs-${label}.json`);
  writeFileSync(expect, `${JSON.stringify({ ...plan.outputs, userData: "[secret]" }, null, 2)}\n`, {
    mode: 0o600,
  });
  const common = [
    "--url",
    `http://127.0.0.1:${APP_PORT}`,
    "--entra-base-url",
    ctx.entra.url,
    "--timeout",
    "60",
    "--backoff",
    "0.5",
  ];
  const good = await verifyCli(["--expect", expect, ...common]);
  const rows = good.rows.map((r) => `${r.status} ${r.check}`).join(", ");
  log(`  verify: ${rows}`);
  ctx.report.check(
    `${label}: npm run verify passes against the stand-in (exit 0)`,
    good.code === 0,
    `exit ${good.code}: ${good.text.slice(0, 2000)}`,
  );
  ctx.report.check(
    `${label}: verify checked auth, JWKS, Entra discovery and key URLs`,
    ["auth.clientId", "jwks", "entra.issuer", "publicKeyUrls[0]"].every((c) =>
      good.rows.some((r) => r.check === c && r.status !== "fail"),
    ),
    rows,
  );
  const wrong = JSON.parse(readFileSync(expect, "utf8")) as Record<string, unknown> & {
    sso: { authenticationConfiguration: Record<string, string> };
  };
  const otherId = "00000000-0000-4000-8000-0000000e2e00";
  wrong.clientId = otherId;
  wrong.sso.authenticationConfiguration.clientId = otherId;
  const wrongFile = join(RUN_DIR, `outputs-${label}-wrong-client-id.json`);
  writeFileSync(wrongFile, JSON.stringify(wrong));
  const bad = await verifyCli(["--expect", wrongFile, ...common]);
  ctx.report.check(
    `${label}: npm run verify fails (exit 1) when the expected clientId is wrong`,
    bad.code === 1,
    `exit ${bad.code}: ${bad.text.slice(0, 1000)}`,
  );
  ctx.report.check(
    `${label}: the failing row is auth.clientId`,
    bad.rows.some((r) => r.check === "auth.clientId" && r.status === "fail"),
    bad.rows.map((r) => `${r.status} ${r.check}`).join(", "),
  );
}

/** The user-data that provisions the SSH login user (as a cloud image's provisioning would). */
function loginUserData(user: string, keys: string[]): string {
  if (user === "root")
    return `#cloud-config\n${stringify({
      disable_root: false,
      write_files: [
        { path: "/root/.ssh/authorized_keys", content: `${keys.join("\n")}\n`, permissions: "0600" },
      ],
    })}`;
  return `#cloud-config\n${stringify({
    users: [
      {
        name: user,
        shell: "/bin/bash",
        sudo: "ALL=(ALL) NOPASSWD:ALL",
        lock_passwd: true,
        ssh_authorized_keys: keys,
      },
    ],
  })}`;
}

async function bootVm(
  ctx: Context,
  name: string,
  userData: string,
  extra: { hosts?: Record<string, string>; caCertPem?: string } = {},
): Promise<StandInVm> {
  for (const port of [APP_PORT, ADMIN_PORT])
    if (!(await portIsFree(port)))
      throw new Error(`127.0.0.1:${port} is in use on this host; the stand-in VM (host network) needs it`);
  const vm = await StandInVm.boot(
    ctx.docker,
    { name, image: ctx.image, dir: join(RUN_DIR, name), userData, ...extra },
    (n) => {
      ctx.containers.push(n);
    },
  );
  log(`  ${name} is up (systemd running), sshd on 127.0.0.1:${vm.sshPort}`);
  return vm;
}

/**
 * When a script says a program "is not installed" although it is: the login user's PATH (a non-root SSH session)
 * may lack the sbin directories that root's and sudo's have.
 */
async function diagnoseMissingCommand(ctx: Context, vm: StandInVm, error: string): Promise<void> {
  const name = /(?:^|\n)(\S+) is not installed/.exec(error)?.[1];
  if (!name || !/^[\w.+-]+$/.test(name) || ctx.vmUser === "root") return;
  const probe = await vm.exec(
    `echo "root: $(command -v ${name} || echo missing)"; ` +
      `runuser -l ${ctx.vmUser} -c ${q(`echo "${ctx.vmUser} (login shell) PATH=$PATH: $(command -v ${name} || echo missing)"`)}; ` +
      `grep -E '^ENV_(SU)?PATH' /etc/login.defs`,
    { check: false },
  );
  if (!/^root: \//m.test(probe.stdout) || !new RegExp(`${ctx.vmUser}.*: missing`).test(probe.stdout)) return;
  ctx.report.finding(
    `A script checks for ${name} without sudo, so it fails for a non-root vmUser whose PATH has no sbin directory`,
    `The check runs as ${ctx.vmUser} (\`command -v ${name}\` before any $S). On this Debian VM:\n${probe.stdout.trim()}\n` +
      `${name} is installed; sudo (secure_path) and root would find it. Ubuntu images put /usr/sbin in every user's PATH ` +
      "(/etc/environment), Debian's login.defs does not: check with `$S sh -c 'command -v ...'` or test the absolute path.",
  );
}

/** Phase 3 and 4: the SSH path on a provisioned VM. */
async function sshPath(ctx: Context): Promise<Record<string, string>> {
  const { report } = ctx;
  const harnessKey = generateKey(join(RUN_DIR, "keys"), "harness");
  const sshStack = (vm: StandInVm, hostKey: string | undefined, extra: Record<string, unknown> = {}) => ({
    ...ctx.common,
    vmHost: "127.0.0.1",
    vmPort: vm.sshPort,
    vmUser: ctx.vmUser,
    vmHostKey: hostKey,
    ...extra,
  });

  // The private key the plan's connection carries (offline: the committed fake key) must be able to log in.
  const draft = await report.phase("plan: draft (for the connection's key)", () =>
    planFor("draft", { ...ctx.common, vmHost: "127.0.0.1", vmUser: ctx.vmUser }),
  );
  const planKey = connectionOf(draft).privateKey;
  const planPublic = planKey ? publicKeyOf(planKey, join(RUN_DIR, "keys")) : undefined;
  if (!planPublic) throw new Error("the plan's connection.privateKey is not a key ssh-keygen can read");

  const vm = await report.phase("ssh VM: boot and provision the login user", async () => {
    const v = await bootVm(
      ctx,
      "om-vm-e2e-ssh",
      loginUserData(ctx.vmUser, [harnessKey.publicKey, planPublic]),
    );
    const ci = await v.waitForCloudInit(120_000);
    report.check("ssh VM: cloud-init provisioned the login user", ci.done, ci.status);
    return v;
  });
  const hostKey = await vm.hostKey();
  log(`  host key ${hostKey.slice(0, 40)}...`);
  const login = await run(
    "ssh",
    [
      "-F",
      "/dev/null",
      "-i",
      harnessKey.privateKeyFile,
      "-o",
      "IdentitiesOnly=yes",
      "-o",
      "BatchMode=yes",
      "-o",
      "StrictHostKeyChecking=no",
      "-o",
      "UserKnownHostsFile=/dev/null",
      "-o",
      "LogLevel=ERROR",
      "-p",
      String(vm.sshPort),
      "-l",
      ctx.vmUser,
      "-T",
      "127.0.0.1",
      "--",
      "sudo -n true && echo sudo-ok",
    ],
    { check: false },
  );
  report.check(
    `ssh VM: ${ctx.vmUser} logs in with the harness's key and has passwordless sudo`,
    /sudo-ok/.test(login.stdout),
    login.stderr.trim(),
  );
  const layoutPlan = await report.phase("plan: ssh stack", () => planFor("ssh-1", sshStack(vm, hostKey)));
  const conn = connectionOf(layoutPlan);
  report.equal(
    "plan: the connection is the stand-in's host, port, user and host key",
    [conn.host, conn.port, conn.user, conn.hostKey],
    ["127.0.0.1", vm.sshPort, ctx.vmUser, hostKey],
  );
  const l = layoutOf(layoutPlan, ctx.installDir, ctx.serviceUser);

  await report.phase("up #0: VM without the release", async () => {
    const r = await deploy(ctx, "no release", layoutPlan);
    report.check("up fails while the release is not installed", !r.ok, describe(r.steps));
    report.check("the failure names the missing release", /not installed/.test(r.error ?? ""), r.error);
    report.check("nothing was recorded in the state", ctx.state.size === 0, [...ctx.state.keys()].join(", "));
  });

  await report.phase("ssh VM: install the release (the operator's step)", async () => {
    await vm.exec(
      `mkdir -p ${q(l.installDir)} && tar -xzf - -C ${q(l.installDir)} --strip-components=1 --no-same-owner`,
      {
        input: readFileSync(ctx.release.file),
      },
    );
    // The packages cloud-init would install (nginx for the TLS front, curl, ...), as an operator would.
    const packages = ((userDataOf(layoutPlan).doc.packages ?? []) as unknown[]).map(String);
    const apt = await vm.exec(
      `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${packages.map(q).join(" ")}`,
      { check: false, timeoutMs: 600_000 },
    );
    report.check(
      `ssh VM: the userData's packages install (${packages.join(", ")})`,
      apt.code === 0,
      tail(apt.stdout + apt.stderr, 15),
    );
    // Evidence for the report: is the default Java package installable on this distribution?
    const defaultJava = String(projectConfig().keys.vmJavaPackage?.default ?? "openjdk-21-jre-headless");
    const java = await vm.exec(`apt-cache policy ${q(defaultJava)} 2>&1`, {
      check: false,
      timeoutMs: 60_000,
    });
    if (/Candidate: \(none\)/.test(java.stdout) || java.stdout.trim() === "")
      report.finding(
        `The default vmJavaPackage (${defaultJava}) does not exist on Debian 12 (bookworm)`,
        `apt-cache policy ${defaultJava} in the stand-in VM (Debian bookworm, mirror reachable): ${JSON.stringify(java.stdout.trim())}. ` +
          "cloud-init's package step fails on such a VM (Ubuntu 24.04 and Debian 13 have it); the harness sets vmJavaPackage " +
          `to ${JAVA_PACKAGE} and puts a stand-in java (21) on the image.`,
      );
  });

  await report.phase("up #1: fresh VM", async () => {
    const r = await deploy(ctx, "#1", layoutPlan);
    if (!report.check("up #1 succeeds", r.ok, r.error)) {
      await diagnoseMissingCommand(ctx, vm, r.error ?? "");
      throw new Error(`up #1 failed:\n${r.error}`);
    }
    report.check(
      "every command was created",
      r.steps.every((s) => s.kind === "create"),
      describe(r.steps),
    );
  });
  const fp = await report.phase("checks after up #1", async () => {
    await checkEndState(report, vm, layoutPlan, l, "ssh");
    const n = await counters(vm, l);
    report.equal("ssh: one server start-up and one migration", n, { starts: 1, migrations: 1 });
    return fingerprint(vm, layoutPlan, l);
  });

  await report.phase("up #2: identical plan", async () => {
    const again = await planFor("ssh-2", sshStack(vm, hostKey));
    const before = {
      n: await counters(vm, l),
      props: await serviceProps(vm, l.unit),
      env: await vm.out(`stat -c %Y.%i ${q(l.envFile)}`),
    };
    const r = await deploy(ctx, "#2", again);
    report.check("up #2 succeeds", r.ok, r.error);
    report.check("up #2 runs no command (all unchanged)", ran(r).length === 0, describe(r.steps));
    const after = {
      n: await counters(vm, l),
      props: await serviceProps(vm, l.unit),
      env: await vm.out(`stat -c %Y.%i ${q(l.envFile)}`),
    };
    report.equal("up #2: no start-up, no migration", after.n, before.n);
    report.equal("up #2: the server process is the same", after.props.MainPID, before.props.MainPID);
    report.equal("up #2: the env file was not rewritten", after.env, before.env);
  });

  await report.phase("verify (npm run verify) against the ssh VM", () => runVerify(ctx, layoutPlan, "ssh"));

  const admins = [...((ctx.base.adminPrincipals as string[] | undefined) ?? []), "e2e.admin"];
  await report.phase("up #3: SSO-only change (adminPrincipals)", async () => {
    const changed = await planFor("ssh-3", sshStack(vm, hostKey, { adminPrincipals: admins }));
    const decisions = preview(ctx.state, changed).filter((d) => d.decision !== "same");
    log(`  preview: ${decisions.map((d) => `${d.name} ${d.decision} [${d.changed.join(", ")}]`).join("; ")}`);
    const before = await counters(vm, l);
    const r = await deploy(ctx, "#3", changed);
    report.check("up #3 succeeds", r.ok, r.error);
    const after = await counters(vm, l);
    report.equal(
      "up #3: exactly one restart (one start-up, one migration)",
      { starts: after.starts - before.starts, migrations: after.migrations - before.migrations },
      { starts: 1, migrations: 1 },
    );
    report.check("up #3: only the env file and the restart ran", ran(r).length === 2, describe(r.steps));
    const authorizer = (await getJson(`http://127.0.0.1:${APP_PORT}/api/v1/system/config/authorizer`))
      .body as Record<string, unknown>;
    report.equal("up #3: the served adminPrincipals follow the stack", authorizer.adminPrincipals, admins);
    await checkEndState(report, vm, changed, l, "ssh after the SSO change");
    const bak = await vm.exec(`test -f ${q(`${l.envFile}.bak`)}`, { check: false });
    if (
      !report.check("up #3: the previous env file was kept as .bak", bak.code === 0) &&
      ctx.vmUser !== "root"
    ) {
      const dir = posix.dirname(l.envFile);
      const why = await vm.exec(
        `stat -c '%a %U:%G %n' ${q(dir)}; runuser -u ${ctx.vmUser} -- sh -c ${q(`[ -f ${q(l.envFile)} ]`)}; echo "[ -f ${l.envFile} ] as ${ctx.vmUser}: exit $?"`,
        { check: false },
      );
      report.finding(
        `The env file's backup (.bak) is never made when vmUser is not root (${ctx.vmUser} with sudo)`,
        `The env script tests the old file without sudo: \`if [ -f ${l.envFile} ]; then $S cp -p ...\`. ` +
          `As ${ctx.vmUser} the test is false because the directory is not searchable for other users:\n${why.stdout.trim()}`,
      );
    }
  });

  await report.phase("env file: data-service values with blanks, quotes and a YAML indicator", async () => {
    const readBack = async (user: string, label: string): Promise<boolean> => {
      let plan: PlanDocument;
      try {
        plan = await planFor(label, sshStack(vm, hostKey, { adminPrincipals: admins, vmDatabaseUser: user }));
      } catch (error) {
        report.check(
          `vmDatabaseUser ${JSON.stringify(user)}: refused by the plan`,
          true,
          (error as Error).message,
        );
        return true;
      }
      const r = await deploy(ctx, label, plan);
      const config = r.ok
        ? ((await getJson(`http://127.0.0.1:${APP_PORT}/api/v1/standin/config`)).body as Record<
            string,
            Record<string, unknown>
          >)
        : undefined;
      const environ = await vm.out(
        `cat /proc/$(systemctl show -p MainPID --value ${l.unit})/environ 2>/dev/null | tr '\\0' '\\n' | grep '^DB_USER=' || true`,
      );
      const ok = r.ok && config?.database?.user === user;
      report.check(
        `vmDatabaseUser ${JSON.stringify(user)}: deployed, and the server reads it as written`,
        ok,
        `up ${r.ok ? "succeeded" : `failed: ${tail(r.error ?? "", 6)}`}; environment ${environ.trim()}; server reads ${JSON.stringify(config?.database?.user)}`,
      );
      return ok;
    };
    await readBack(`it's "om" user`, "ssh-3b");
    const indicator = "*om_user";
    if (!(await readBack(indicator, "ssh-3c")))
      report.finding(
        "Database and search values (including DB_USER_PASSWORD and ELASTICSEARCH_PASSWORD) are not checked for what OpenMetadata's YAML 1.1 parser makes of them",
        `vmDatabaseUser ${JSON.stringify(indicator)} passes config and renderEnvFile and reaches the server's environment unchanged, ` +
          "but OpenMetadata pastes ${DB_USER} into openmetadata.yaml before parsing it (the stand-in does the same with a YAML 1.1 parser), " +
          "so a leading *, &, !, @, %, [, {, |, > or a value like yes/on breaks or changes it. The SSO values get this check (envScalar/secretEnvScalar); " +
          "the database and search entries do not, and a generated database password is the likely victim.",
      );
    const restored = await deploy(
      ctx,
      "restore",
      await planFor("ssh-3d", sshStack(vm, hostKey, { adminPrincipals: admins })),
    );
    if (!restored.ok) throw new Error(`could not restore the deployment:\n${restored.error}`);
  });

  await report.phase("host key pinning is enforced", async () => {
    const other = generateKey(join(RUN_DIR, "keys"), "not-the-host")
      .publicKey.split(" ")
      .slice(0, 2)
      .join(" ");
    const r = await ctx.ssh.run({ ...conn, hostKey: other }, "true", undefined, undefined);
    report.check(
      "a connection expecting another host key is refused",
      r.code === 255 &&
        /Host key verification failed|HOST IDENTIFICATION HAS CHANGED|host key/i.test(r.stderr),
      `exit ${r.code}: ${r.stderr.trim()}`,
    );
  });

  const marker = (name: string) => `${l.installDir}/conf/standin-${name}`;
  if (QUICK) report.skipped("up #4: failing health check", "OM_VM_E2E_QUICK=1");
  else
    await report.phase("up #4: failing health check (full retry budget)", async () => {
      await vm.exec(`touch ${q(marker("fail-health"))}`);
      const claims = ["preferred_username", "email", "sub"];
      const failing = await planFor(
        "ssh-4",
        sshStack(vm, hostKey, { adminPrincipals: admins, jwtPrincipalClaims: claims }),
      );
      const r = await deploy(ctx, "#4", failing);
      report.check("up #4 fails", !r.ok, describe(r.steps));
      const last = r.steps[r.steps.length - 1];
      report.check(
        "the failing step is the restart's create (its health check)",
        last?.script === "create" && !last.ok && /healthy/.test(last.stderr ?? ""),
        last?.stderr,
      );
      report.check(
        "its stderr shows the journal tail (the stand-in's own log line)",
        /standin: failing the health check on purpose/.test(last?.stderr ?? ""),
        tail(last?.stderr ?? "", 8),
      );
      await vm.exec(`rm -f ${q(marker("fail-health"))}`);
      const retry = await deploy(ctx, "#4 retried after the fix", failing);
      report.check(
        "the next up (same plan) replaces the restart again and succeeds",
        retry.ok && ran(retry).length === 1,
        describe(retry.steps),
      );
    });

  await report.phase("up #5: failing migration", async () => {
    await vm.exec(`touch ${q(marker("fail-migration"))}`);
    const plan = await planFor(
      "ssh-5",
      sshStack(vm, hostKey, { adminPrincipals: admins, enableSelfSignup: false }),
    );
    const started = Date.now();
    const r = await deploy(ctx, "#5", plan);
    report.check("up #5 fails", !r.ok, describe(r.steps));
    const last = r.steps[r.steps.length - 1];
    report.check(
      "its stderr shows the journal with the migration's error",
      /migration failing on purpose/.test(last?.stderr ?? ""),
      tail(last?.stderr ?? "", 12),
    );
    log(`  failed after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await vm.exec(`rm -f ${q(marker("fail-migration"))}`);
    const retry = await deploy(ctx, "#5 retried after the fix", plan);
    report.check("the next up succeeds", retry.ok, retry.error);
    const served = (await getJson(`http://127.0.0.1:${APP_PORT}/api/v1/system/config/auth`)).body as Record<
      string,
      unknown
    >;
    report.equal("the served enableSelfSignup follows the stack", served.enableSelfSignup, false);
  });

  await report.phase("host key rotation (a connection-only change)", async () => {
    await vm.exec("rm -f /etc/ssh/ssh_host_* && ssh-keygen -A >/dev/null && systemctl restart ssh");
    const newKey = await vm.hostKey();
    const stale = await ctx.ssh.run(conn, "true", undefined, undefined);
    report.check(
      "the previous plan's connection is now refused (host key changed)",
      stale.code === 255,
      `exit ${stale.code}: ${stale.stderr.trim()}`,
    );
    const rotated = await planFor(
      "ssh-6",
      sshStack(vm, newKey, { adminPrincipals: admins, enableSelfSignup: false }),
    );
    const decisions = preview(ctx.state, rotated);
    log(`  preview: ${decisions.map((d) => `${d.name} ${d.decision} [${d.changed.join(", ")}]`).join("; ")}`);
    const before = await counters(vm, l);
    const r = await deploy(ctx, "#6", rotated);
    report.check("up #6 succeeds with the new host key", r.ok, r.error);
    const after = await counters(vm, l);
    const restarts = after.starts - before.starts;
    if (restarts > 0)
      report.finding(
        "A connection-only change (new vmHostKey, vmPort, key rotation) restarts OpenMetadata and re-runs its migration",
        `Only connection.hostKey changed (${decisions.map((d) => `${d.name}: ${d.decision} [${d.changed.join(",")}]`).join("; ")}). ` +
          "A remote.Command without `update` runs `create` on every update (pulumi-command remote/commandController.go Update), " +
          `so the restart command ran again: ${restarts} start-up(s), ${after.migrations - before.migrations} migration(s). ` +
          'Fix: give the restart command `update: "true"` (a no-op); its triggers still replace it (running create) when a file changes.',
      );
    else report.check("a connection-only change does not restart the server", true);
  });

  await report.phase("destroy (empty plan)", async () => {
    const empty: PlanDocument = {
      stack: BASE_STACK,
      project: projectConfig().project,
      resources: [],
      outputs: {},
    };
    const r = await deploy(ctx, "destroy", empty);
    report.check("destroy succeeds", r.ok, r.error);
    const left = await vm.exec(
      `systemctl is-active ${l.unit}; for p in ${q(l.envFile)} ${q(l.unitPath)} ${declaredFiles(layoutPlan)
        .map((f) => q(f.path))
        .join(
          " ",
        )}; do [ -e "$p" ] && echo "left: $p"; done; [ -x ${q(`${l.installDir}/bin/openmetadata-server-start.sh`)} ] && echo release-kept; [ -s ${q(`${l.installDir}/logs/standin-starts.log`)} ] && echo logs-kept; true`,
      { check: false },
    );
    report.check(
      "destroy stops the service and removes its files",
      !/^active$/m.test(left.stdout) && !/left:/.test(left.stdout),
      left.stdout.trim(),
    );
    report.check(
      "destroy keeps the release and the logs",
      /release-kept/.test(left.stdout) && /logs-kept/.test(left.stdout),
      left.stdout.trim(),
    );
  });

  await report.phase("ssh VM: remove", () => vm.remove());
  return fp;
}

/** Phase 5: a fresh VM from the plan's userData. */
async function cloudInitPath(
  ctx: Context,
  sshFingerprint: Record<string, string> | undefined,
): Promise<void> {
  const { report } = ctx;
  const keys = projectConfig().keys;
  const config: Record<string, unknown> = {
    ...ctx.common,
    vmHost: "127.0.0.1",
    vmUser: ctx.vmUser,
    vmReleaseSha256: ctx.release.sha256,
  };
  const ca = await makeCa(RUN_DIR);
  if ("vmReleaseUrl" in keys) {
    const releasePort = await freePort();
    config.vmReleaseUrl = `https://127.0.0.1:${releasePort}/openmetadata-${ctx.release.version}.tar.gz`;
  } else
    report.pendingOn(
      "config key vmReleaseUrl: the userData downloads the fixed GitHub URL; the harness intercepts that host name on the VM's loopback instead (test CA, /etc/hosts)",
    );
  const plan = await report.phase("plan: cloud-init stack", () => planFor("cloud-init", config));
  const { text: userData, doc } = userDataOf(plan);
  const runcmd = ((doc.runcmd ?? []) as unknown[])
    .map((c) => (Array.isArray(c) ? c.join(" ") : String(c)))
    .join("\n");
  const urlText = /https?:\/\/[^\s'"]+\.tar\.gz/.exec(runcmd)?.[0];
  if (!urlText) throw new Error(`no release tarball URL in the userData's runcmd:\n${runcmd}`);
  const url = new URL(urlText);
  report.check("the userData pins the release's sha256", runcmd.includes(ctx.release.sha256), runcmd);
  const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
  const loopback = url.hostname === "127.0.0.1" || url.hostname === "localhost";
  if (!(await portIsFree(port)))
    throw new Error(`127.0.0.1:${port} is in use; cannot serve the release at ${urlText}`);
  const served = await serveFileHttps(ca, RUN_DIR, url.hostname, port, url.pathname, ctx.release.file);
  ctx.teardown.add("release server", () => void served.close());
  log(
    `  serving the stand-in release at ${urlText}${loopback ? "" : ` (${url.hostname} → 127.0.0.1 inside the VM)`}`,
  );

  const vm = await report.phase("cloud-init VM: boot with the plan's userData", async () => {
    const v = await bootVm(ctx, "om-vm-e2e-cloud-init", userData, {
      caCertPem: ca.certPem,
      hosts: loopback ? {} : { [url.hostname]: "127.0.0.1" },
    });
    return v;
  });
  const l = layoutOf(plan, ctx.installDir, ctx.serviceUser);
  await report.phase("cloud-init VM: cloud-init status --wait", async () => {
    const ci = await vm.waitForCloudInit(900_000);
    if (!report.check("cloud-init finished without errors (status: done)", ci.done, ci.status)) {
      const out = await vm.exec(
        "tail -n 40 /var/log/cloud-init-output.log; grep -E 'WARNING|ERROR|Traceback' /var/log/cloud-init.log | tail -n 20",
        { check: false },
      );
      log(out.stdout.replace(/^/gm, "    "));
      report.finding(
        "cloud-init reports errors for the plan's userData",
        `${ci.status}\n${tail(out.stdout, 25)}`,
      );
    }
    const schema = await vm.exec("cloud-init schema --system 2>&1", { check: false });
    report.check("cloud-init schema --system accepts the userData", schema.code === 0, schema.stdout.trim());
    report.equal("the VM downloaded the release tarball once", served.downloads(), 1);
  });
  await report.phase("checks after cloud-init", async () => {
    await checkEndState(report, vm, plan, l, "cloud-init");
    report.equal("cloud-init: one server start-up and one migration", await counters(vm, l), {
      starts: 1,
      migrations: 1,
    });
    const owner = await vm.out(`stat -c '%U:%G' ${q(l.installDir)}/bin/openmetadata-server-start.sh`);
    report.equal("cloud-init: the release files belong to root", owner.trim(), "root:root");
    if (sshFingerprint) {
      const fp = await fingerprint(vm, plan, l);
      log(
        Object.entries(fp)
          .map(([k, v]) => `    ${k} ${v}`)
          .join("\n"),
      );
      const keysUnion = [...new Set([...Object.keys(fp), ...Object.keys(sshFingerprint)])].sort();
      const diff = keysUnion
        .filter((k) => fp[k] !== sshFingerprint[k])
        .map((k) => `${k}: ssh=${sshFingerprint[k] ?? "absent"} cloud-init=${fp[k] ?? "absent"}`);
      if (
        !report.check(
          "cloud-init and the ssh path leave the same files, modes and owners",
          diff.length === 0,
          diff.join("\n"),
        )
      )
        report.finding(
          "The cloud-init path and the SSH path leave different files, modes or owners",
          diff.join("\n"),
        );
    }
  });
  await report.phase("verify (npm run verify) against the cloud-init VM", () =>
    runVerify(ctx, plan, "cloud-init"),
  );
  await report.phase("cloud-init VM: reboot", async () => {
    await ctx.docker.run(["restart", vm.name], { timeoutMs: 120_000 });
    await vm.waitForSystemd(90_000);
    const ci = await vm.waitForCloudInit(120_000);
    report.check("after a reboot cloud-init is done again", ci.done, ci.status);
    const props = await serviceProps(vm, l.unit);
    report.equal(
      `after a reboot ${l.unit} is active (running)`,
      `${props.ActiveState} (${props.SubState})`,
      "active (running)",
    );
    report.equal(
      "after a reboot: one more start-up and migration, no new download",
      { ...(await counters(vm, l)), downloads: served.downloads() },
      { starts: 2, migrations: 2, downloads: 1 },
    );
  });
  await report.phase("cloud-init VM: remove", () => vm.remove());
}

/**
 * What every stack of the run changes in the base stack: an https publicUrl moves to a free port (a TLS front on
 * the VM listens there, on the host's network, instead of 443/80), and vmJavaPackage names an installable package.
 */
async function commonOverrides(): Promise<Record<string, unknown>> {
  const base = readStack(BASE_STACK);
  const keys = projectConfig().keys;
  const common: Record<string, unknown> = {};
  const publicUrl = String(effective(base, "publicUrl") ?? "");
  if (publicUrl.startsWith("https://")) {
    const url = new URL(publicUrl);
    url.port = String(await freePort());
    common.publicUrl = url.toString().replace(/\/$/, "");
  }
  if ("vmJavaPackage" in keys) common.vmJavaPackage = JAVA_PACKAGE;
  // A failing health check then fails within seconds instead of the default five minutes.
  if ("vmHealthCheckSeconds" in keys) common.vmHealthCheckSeconds = HEALTH_CHECK_SECONDS;
  return common;
}

async function main(report: Report, teardown: Teardown): Promise<void> {
  const before = snapshotHost(WORK);
  teardown.add("host", () => {
    const undone = restoreHost(before, WORK);
    for (const u of undone) log(`  teardown: ${u}`);
    const after = snapshotHost(WORK);
    report.equal("the host's interfaces, ip_forward and firewall tables are as before", after, before);
  });
  await report.phase("simulator self-check", () => engineSelfCheck(report));
  const installed = await report.phase("setup: packages", ensurePackages);
  if (installed.length > 0) log(`  installed: ${installed.join(", ")}`);
  const dockerd = new Dockerd(join(WORK, "docker"));
  const containers: string[] = [];
  teardown.add("dockerd", () => dockerd.stop());
  teardown.add("containers", () => {
    for (const name of containers)
      runSync(dockerClient(), ["-H", dockerd.host, "rm", "-f", name], { timeoutMs: 90_000 });
  });
  await report.phase("setup: dockerd", () => dockerd.start());
  const docker = new Docker(dockerd.host);
  await report.phase("setup: probe a container", async () => {
    const problem = await probeContainers(docker, WORK);
    if (problem)
      throw new Skip(`this machine cannot start containers with the stand-in VM's flags: ${problem}`);
  });
  const mirror = debianMirror();
  const image = await report.phase("setup: stand-in VM image", () => ensureImage(docker, WORK, mirror));
  dockerd.rememberDescendants();

  const base = readStack(BASE_STACK);
  const ctx: Context = {
    report,
    teardown,
    docker,
    image: image.tag,
    ssh: new SshRunner(join(RUN_DIR, "ssh")),
    base,
    installDir: String(effective(base, "vmInstallDir") ?? "/opt/openmetadata"),
    serviceUser: String(effective(base, "vmServiceUser") ?? "openmetadata"),
    vmUser: process.env.OM_VM_E2E_VM_USER ?? String(effective(base, "vmUser") ?? "root"),
    release: undefined as unknown as Release,
    entra: undefined as unknown as Served,
    state: new Map(),
    containers,
    common: {},
  };
  ctx.common = await commonOverrides();
  const version = String(effective(base, "openmetadataVersion") ?? "1.8.12");
  ctx.release = await report.phase("stand-in release tarball", async () => {
    const r = await buildRelease(version, RUN_DIR);
    log(`  ${r.file} sha256 ${r.sha256}`);
    return r;
  });
  const entra = await fakeEntra();
  ctx.entra = entra;
  teardown.add("fake Entra", () => void entra.close());
  log(`  fake Entra ID at ${entra.url}`);

  let fp: Record<string, string> | undefined;
  try {
    fp = await sshPath(ctx);
  } catch (error) {
    if (error instanceof Skip) throw error;
    report.check("the SSH path ran to the end", false, (error as Error).stack ?? String(error));
  }
  dockerd.rememberDescendants();
  for (const name of [...containers]) await docker.run(["rm", "-f", name], { check: false });
  await cloudInitPath(ctx, fp);
}

async function entry(): Promise<number> {
  if (process.getuid?.() !== 0) {
    process.stderr.write("om-vm-e2e: must run as root (it installs packages and runs its own dockerd)\n");
    return 2;
  }
  mkdirSync(WORK, { recursive: true });
  rmSync(RUN_DIR, { recursive: true, force: true });
  mkdirSync(RUN_DIR, { recursive: true });
  chmodSync(RUN_DIR, 0o700);
  const report = new Report();
  const teardown = new Teardown();
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const)
    process.on(signal, () => {
      log(`\n${signal}: tearing down`);
      teardown.run();
      process.exit(128 + (signal === "SIGINT" ? 2 : signal === "SIGTERM" ? 15 : 1));
    });
  process.on("exit", () => teardown.run());
  let skipped: string | undefined;
  let crashed = false;
  try {
    await main(report, teardown);
  } catch (error) {
    if (error instanceof Skip) skipped = error.message;
    else {
      crashed = true;
      log(`\nERROR ${(error as Error).stack ?? String(error)}`);
    }
  } finally {
    await report.phase("teardown", async () => teardown.run()).catch(() => undefined);
  }
  log(report.summary());
  report.writeJson(join(WORK, "report.json"));
  if (skipped !== undefined) {
    log(`\nSKIP om-vm-e2e: ${skipped}`);
    return 0;
  }
  const failed = crashed || report.failed > 0;
  if (!failed && process.env.OM_VM_E2E_KEEP_RUN !== "1") rmSync(RUN_DIR, { recursive: true, force: true });
  log(`\n${failed ? "FAILED" : "PASSED"} om-vm-e2e (report: ${join(WORK, "report.json")})`);
  return failed ? 1 : 0;
}

entry().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`om-vm-e2e: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
