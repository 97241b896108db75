/**
 * End-to-end test of the VM target on a real stand-in VM (a container with systemd as PID 1, sshd and cloud-init):
 * the offline plan's remote commands run over a real SSH connection as @pulumi/command would run them, a second
 * `pulumi up` is simulated from the previous and the new plan, and the plan's cloud-init userData boots a fresh VM.
 * See README.md beside this file.
 *
 *   node -r sucrase/register/ts test/e2e/vm/run.ts        (as root)
 *
 * Environment: OM_VM_E2E_WORKDIR (default /var/tmp/om-vm-e2e), OM_VM_E2E_QUICK=1 (skip the health check that
 * fails after its full retry budget, about 25 s), OM_VM_E2E_MIRROR (Debian mirror for the image),
 * OM_VM_E2E_JAVA_PACKAGE (vmJavaPackage for cloud-init; default java-common), OM_VM_E2E_VM_USER (vmUser instead
 * of the staging stack's, e.g. root), OM_VM_E2E_KEEP_RUN=1 (keep the run directory with plans, stack files and
 * keys), OM_VM_E2E_LOCK_WAIT (seconds to wait for another run on this host; default 600).
 * Exit: 0 passed or SKIP (this machine cannot run containers), 1 a check or step failed, 2 not root.
 */
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, posix } from "node:path";
import { parse, stringify } from "yaml";
import { DEFAULT_OPENMETADATA_VERSION, RELEASE_LINES } from "../../../components/openmetadata/releases";
import { RELEASE_MARKER, releaseMarkerText } from "../../../components/vm/scripts";
import {
  ADMIN_PORT,
  APP_PORT,
  checkEndState,
  checkTlsFront,
  counters,
  fingerprint,
  getJson,
  hasTlsFront,
  layoutOf,
  opsCalls,
  q,
  releaseDirs,
  serviceProps,
  standinLog,
  treeState,
  type Layout,
} from "./lib/checks";
import { describe, preview, runLocal, up, type State, type UpResult } from "./lib/engine";
import { engineSelfCheck } from "./lib/engine-selfcheck";
import { debianMirror, dockerClient, Dockerd, ensurePackages, restoreHost, snapshotHost } from "./lib/host";
import { ensureImage } from "./lib/image";
import {
  commands,
  declaredFiles,
  effective,
  LOCAL_COMMAND,
  projectConfig,
  readStack,
  REPO_ROOT,
  runPlan,
  userDataOf,
  writeStack,
  type PlanDocument,
} from "./lib/plan";
import { run, runSync, sleep, tail } from "./lib/proc";
import { acquireLock } from "./lib/lock";
import { buildRelease, type Release } from "./lib/release";
import { log, Report, Skip } from "./lib/report";
import { fakeEntra, makeCa, serveFileHttps, serveFilesHttps, type Served, type TestCa } from "./lib/servers";
import { generateKey, publicKeyOf, SshRunner, type Connection } from "./lib/ssh";
import { makeTlsFront, type TlsFront } from "./lib/tls";
import { Docker, freePort, portIsFree, probeContainers, StandInVm } from "./lib/vm";

const BASE_STACK = "staging";
const WORK = process.env.OM_VM_E2E_WORKDIR ?? "/var/tmp/om-vm-e2e";
const RUN_DIR = join(WORK, "run");
const QUICK = process.env.OM_VM_E2E_QUICK === "1";
/** vmHealthCheckSeconds of every stack of the run: the stand-in is healthy within a second or two. */
const HEALTH_CHECK_SECONDS = 20;
const JAVA_PACKAGE = process.env.OM_VM_E2E_JAVA_PACKAGE ?? "java-common";
/** How long a run waits for another run on this host to finish (the VMs share the host's network). */
const LOCK_WAIT_SECONDS = Number(process.env.OM_VM_E2E_LOCK_WAIT ?? "600");

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
  /** The release the cloud-init VM boots (the SSH path's first one, so that the two end states compare). */
  release: Release;
  /** The SSH path's two stand-in releases: it installs `from`, then upgrades to `to` (the base stack's version). */
  releases: { from: Release; to: Release };
  /** The harness's test CA (the VMs trust it) and the HTTPS server of both tarballs for the SSH path. */
  ca: TestCa;
  releaseServer: Served & { downloads: (path?: string) => number; urlOf: (path: string) => string };
  entra: Served;
  state: State;
  containers: string[];
  /** Overrides every stack of this run gets: publicUrl on a free port, an installable vmJavaPackage. */
  common: Record<string, unknown>;
  /** The TLS front's throw-away PKI, when the stacks use nginx on the VM (an https publicUrl). */
  tls?: TlsFront;
  /** Real values for secret keys, given to every plan (`PlanOptions.secrets`): the TLS front's pair. */
  secrets: Record<string, string>;
}

/**
 * Writes a stack file, the base stack (read again each time) plus the harness's overrides, and plans it with
 * secrets shown and the run's real secret values (the TLS front's certificate and key); the plan is kept beside
 * it for debugging.
 */
async function planFor(
  ctx: Context,
  label: string,
  overrides: Record<string, unknown>,
): Promise<PlanDocument> {
  const file = join(RUN_DIR, "stacks", `Pulumi.${label}.yaml`);
  writeStack(
    file,
    { ...readStack(BASE_STACK), ...overrides },
    `om-vm-e2e ${label}: stacks/Pulumi.${BASE_STACK}.yaml with the stand-in VM's connection`,
  );
  const plan = await runPlan(BASE_STACK, file, true, ctx.secrets);
  writeFileSync(join(RUN_DIR, "stacks", `plan.${label}.json`), `${JSON.stringify(plan, null, 2)}\n`, {
    mode: 0o600,
  });
  return plan;
}

/** The stack keys that pin a release served by the harness: its version, checksum and URL. */
function releaseKeys(ctx: Context, release: Release): Record<string, string> {
  return {
    openmetadataVersion: release.version,
    vmReleaseSha256: release.sha256,
    vmReleaseUrl: ctx.releaseServer.urlOf(`/openmetadata-${release.version}.tar.gz`),
  };
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
  if (ctx.tls && hasTlsFront(plan)) await verifyTls(ctx, ctx.tls, expect, label);
}

/**
 * `npm run verify` through the TLS front, as a client on the network would call it: it passes with the throw-away
 * root CA as `--ca-file`, and fails (exit 1) without it, the certificate being untrusted.
 */
async function verifyTls(ctx: Context, front: TlsFront, expect: string, label: string): Promise<void> {
  const url = `https://127.0.0.1:${front.port}`;
  const common = ["--expect", expect, "--url", url, "--entra-base-url", ctx.entra.url, "--timeout", "60"];
  const trusted = await verifyCli([...common, "--backoff", "0.5", "--ca-file", front.caFile]);
  const rows = trusted.rows.map((r) => `${r.status} ${r.check}`).join(", ");
  log(`  verify --url ${url} --ca-file <root CA>: ${rows}`);
  ctx.report.check(
    `${label}: npm run verify --url ${url} --ca-file <throw-away root CA> passes (exit 0)`,
    trusted.code === 0 &&
      ["auth.clientId", "jwks"].every((c) => trusted.rows.some((r) => r.check === c && r.status === "pass")),
    `exit ${trusted.code}: ${trusted.text.slice(0, 2000)}`,
  );
  const untrusted = await verifyCli(common);
  const failing = untrusted.rows.filter((r) => r.status === "fail");
  log(
    `  verify --url ${url} without --ca-file: exit ${untrusted.code}; ` +
      `${failing.length} failing, e.g. ${failing[0]?.check}: ${failing[0]?.actual ?? ""} ${failing[0]?.note ?? ""}`.trim(),
  );
  ctx.report.check(
    `${label}: the same verify without --ca-file fails (exit 1): the certificate is not trusted`,
    untrusted.code === 1 &&
      failing.some((r) => r.check === "auth.clientId") &&
      failing.every(
        (r) => /certificate|issuer/i.test(`${r.actual} ${r.note ?? ""}`) || !r.check.startsWith("auth."),
      ),
    `exit ${untrusted.code}: ${untrusted.text.slice(0, 1500)}`,
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

/** The digest the plan's reset script carries (its `digest='…'` line), if it has one. */
function resetDigest(plan: PlanDocument): string | undefined {
  const script = declaredFiles(plan).find((f) => f.path.endsWith("/reset-security-config.sh"));
  return /^digest='([0-9a-f]{16})'$/m.exec(script?.content.toString("utf8") ?? "")?.[1];
}

/** The backups of the stored SSO settings: `<name> <mode> <owner>`, sorted. */
async function backups(vm: StandInVm, stateDir: string): Promise<string[]> {
  const out = await vm.out(
    `find ${q(`${stateDir}/security-config-backups`)} -mindepth 1 -printf '%f %m %u:%g\\n' 2>/dev/null | sort; true`,
  );
  return out.trim() === "" ? [] : out.trim().split("\n");
}

/** Waits until the admin health check answers 200 (after a restart by hand). */
async function waitHealthy(timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const r = await getJson(`http://127.0.0.1:${ADMIN_PORT}/healthcheck`).catch(() => ({ status: 0 }));
    if (r.status === 200) return true;
    await sleep(250);
  }
  return false;
}

/**
 * The stored-SSO reset after an SSO-only change on a 1.10+ line: it ran exactly once, as the service user, backing
 * the previous settings up (0600, in the 0700 state directory) before removing them; and it does not run again, on
 * a repeat `up` (which runs nothing) or on a restart of the unit by hand (a crash restart, a reboot).
 */
async function checkReset(
  ctx: Context,
  vm: StandInVm,
  l: Layout,
  plan: PlanDocument,
  opsBefore: number,
  backupsBefore: string[],
): Promise<void> {
  const { report } = ctx;
  const stateDir = l.stateDir as string;
  const owner = `${l.serviceUser}:${l.serviceUser}`;
  const version = ctx.releases.from.version;
  const uid = Number((await vm.out(`id -u ${q(l.serviceUser)}`)).trim());
  const all = await opsCalls(vm, l);
  const calls = all.slice(opsBefore).filter((c) => c.command !== "migrate");
  report.equal(
    "reset: exactly once, as the service user, with the release in place: get-security-config, then remove-security-config --force",
    calls.map((c) => [c.command, c.args[0] === "-o" ? "-o <backup>" : c.args.join(" "), c.version, c.uid]),
    [
      ["get-security-config", "-o <backup>", version, uid],
      ["remove-security-config", "--force", version, uid],
    ],
  );
  const added = (await backups(vm, stateDir)).filter((b) => !backupsBefore.includes(b));
  const name = added[0]?.split(" ")[0] ?? "";
  report.check(
    "reset: one new backup in security-config-backups, 0600 and the service user's",
    added.length === 1 && new RegExp(`^security-config-\\d{8}T\\d{6}Z-\\S+ 600 ${owner}$`).test(added[0]),
    added.join("\n"),
  );
  const saved = parse(
    await vm.out(`cat ${q(`${stateDir}/security-config-backups/${name}`)} 2>/dev/null || true`),
  ) as { authorizerConfiguration?: { adminPrincipals?: string[] } } | null;
  report.equal(
    "reset: the backup holds the previous stored settings (the adminPrincipals before the change)",
    saved?.authorizerConfiguration?.adminPrincipals,
    (ctx.base.adminPrincipals as string[] | undefined) ?? [],
  );
  report.equal(
    `reset: ${stateDir} and its backups folder are 0700 and the service user's; the script is 0640 root:${l.serviceUser}`,
    (
      await vm.out(
        `stat -c '%a %U:%G' ${q(stateDir)} ${q(`${stateDir}/security-config-backups`)} /etc/openmetadata/reset-security-config.sh`,
      )
    )
      .trim()
      .split("\n"),
    [`700 ${owner}`, `700 ${owner}`, `640 root:${l.serviceUser}`],
  );
  report.equal(
    "reset: the applied digest is the new script's",
    (await vm.out(`cat ${q(`${stateDir}/applied-sso-digest`)}`)).trim(),
    resetDigest(plan),
  );
  const journal = await vm.journal(l.unit, 60);
  report.check(
    "reset: the journal says it saved and cleared the stored settings",
    /openmetadata-entra: saved the stored SSO settings to /.test(journal) &&
      /openmetadata-entra: cleared the stored SSO settings/.test(journal),
    tail(journal, 20),
  );

  // Not again: a repeat `up` runs nothing; a restart by hand runs the migration and finds the digest applied.
  const again = await deploy(ctx, "#3 repeated", plan);
  report.check(
    "reset: a repeat up of the same plan runs no command",
    again.ok && ran(again).length === 0,
    describe(again.steps),
  );
  report.equal("reset: the repeat up called no ops command", (await opsCalls(vm, l)).length, all.length);
  const before = await counters(vm, l);
  await vm.exec(`systemctl restart ${q(l.unit)}`);
  report.check("reset: after a restart by hand the server is healthy again", await waitHealthy(60_000));
  const later = (await opsCalls(vm, l)).slice(all.length);
  report.equal(
    "reset: a restart by hand (a crash restart, a reboot) migrates but does not reset again",
    [later.map((c) => c.command), (await counters(vm, l)).starts - before.starts],
    [["migrate"], 1],
  );
  report.check(
    "reset: the journal says the stored settings were already reset for this digest",
    (await vm.journal(l.unit, 20)).includes(
      `openmetadata-entra: stored SSO settings already reset for ${resetDigest(plan) ?? "?"}`,
    ),
    await vm.journal(l.unit, 20),
  );
  const authorizer = (await getJson(`http://127.0.0.1:${APP_PORT}/api/v1/system/config/authorizer`))
    .body as Record<string, unknown>;
  report.equal(
    "reset: after the restart by hand the server still serves the stack's adminPrincipals (from its stored settings)",
    authorizer.adminPrincipals,
    (plan.outputs.sso as { authorizerConfiguration: { adminPrincipals: string[] } }).authorizerConfiguration
      .adminPrincipals,
  );
}

/** Phase 3 and 4: the SSH path on a provisioned VM. */
async function sshPath(ctx: Context): Promise<Record<string, string>> {
  const { report } = ctx;
  const harnessKey = generateKey(join(RUN_DIR, "keys"), "harness");
  // Every SSH stack deploys the first release (from the harness's release server) unless `extra` says otherwise.
  const sshStack = (vm: StandInVm, hostKey: string | undefined, extra: Record<string, unknown> = {}) => ({
    ...ctx.common,
    ...releaseKeys(ctx, ctx.releases.from),
    vmHost: "127.0.0.1",
    vmPort: vm.sshPort,
    vmUser: ctx.vmUser,
    vmHostKey: hostKey,
    ...extra,
  });

  // The private key the plan's connection carries (offline: the committed fake key) must be able to log in.
  const draft = await report.phase("plan: draft (for the connection's key)", () =>
    planFor(ctx, "draft", { ...ctx.common, vmHost: "127.0.0.1", vmUser: ctx.vmUser }),
  );
  const planKey = connectionOf(draft).privateKey;
  const planPublic = planKey ? publicKeyOf(planKey, join(RUN_DIR, "keys")) : undefined;
  if (!planPublic) throw new Error("the plan's connection.privateKey is not a key ssh-keygen can read");

  const vm = await report.phase("ssh VM: boot and provision the login user", async () => {
    const v = await bootVm(
      ctx,
      "om-vm-e2e-ssh",
      loginUserData(ctx.vmUser, [harnessKey.publicKey, planPublic]),
      // The install step downloads from the harness's HTTPS release server: the VM trusts its test CA.
      { caCertPem: ctx.ca.certPem },
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
  const layoutPlan = await report.phase("plan: ssh stack", () =>
    planFor(ctx, "ssh-1", sshStack(vm, hostKey)),
  );
  const conn = connectionOf(layoutPlan);
  report.equal(
    "plan: the connection is the stand-in's host, port, user and host key",
    [conn.host, conn.port, conn.user, conn.hostKey],
    ["127.0.0.1", vm.sshPort, ctx.vmUser, hostKey],
  );
  const l = layoutOf(layoutPlan, ctx.installDir, ctx.serviceUser);

  await report.phase("ssh VM: the operator's packages", async () => {
    // The packages cloud-init would install (curl for the install step, nginx for the TLS front, ...), as an
    // operator would; the release itself is the install step's.
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

  const { from, to } = ctx.releases;
  const fromPath = `/openmetadata-${from.version}.tar.gz`;
  await report.phase("up #0: a wrong vmReleaseSha256 (the other release's)", async () => {
    const wrong = await planFor(ctx, "ssh-0", sshStack(vm, hostKey, { vmReleaseSha256: to.sha256 }));
    const r = await deploy(ctx, "#0 wrong checksum", wrong);
    report.check("up #0 fails", !r.ok, describe(r.steps));
    const failed = r.steps.filter((x) => !x.ok).map((x) => x.name);
    report.equal("the failing step is the install", failed, ["openmetadata-install"]);
    report.check(
      "the failure names vmReleaseSha256 with the expected and the downloaded checksum",
      /vmReleaseSha256/.test(r.error ?? "") &&
        (r.error ?? "").includes(to.sha256) &&
        (r.error ?? "").includes(from.sha256),
      r.error,
    );
    report.check(
      "the install and the restart are not recorded in the state (the next up runs them)",
      !ctx.state.has("openmetadata-install") && !ctx.state.has("openmetadata-restart"),
      [...ctx.state.keys()].join(", "),
    );
    const left = await vm.exec(
      `ls -d ${q(l.installDir)} ${q(`${l.installDir}.next`)} ${q(`${l.installDir}.previous`)} /var/tmp/openmetadata-release.* 2>/dev/null; systemctl is-active ${q(l.unit)}`,
      { check: false },
    );
    report.equal(
      "nothing was extracted or left behind (no release directory, no staged one, no download) and nothing runs",
      left.stdout.trim(),
      "inactive",
    );
  });

  await report.phase("up #1: fresh VM (the install step installs the release)", async () => {
    const stateAfter0 = new Map(ctx.state);
    const downloads = ctx.releaseServer.downloads(fromPath);
    const r = await deploy(ctx, "#1", layoutPlan);
    if (!report.check("up #1 succeeds", r.ok, r.error)) {
      await diagnoseMissingCommand(ctx, vm, r.error ?? "");
      throw new Error(`up #1 failed:\n${r.error}`);
    }
    report.check(
      "up #1 creates the install and the restart; what up #0 completed is unchanged, the rest is created",
      r.steps.every((x) =>
        ["openmetadata-install", "openmetadata-restart"].includes(x.name)
          ? x.kind === "create"
          : x.kind === (stateAfter0.has(x.name) ? "same" : "create"),
      ),
      describe(r.steps),
    );
    report.equal(
      `up #1 downloaded the release once (${fromPath}; up #0 had downloaded it and refused it)`,
      [downloads, ctx.releaseServer.downloads(fromPath)],
      [1, 2],
    );
  });
  const fp = await report.phase("checks after up #1", async () => {
    await checkEndState(report, vm, layoutPlan, l, "ssh");
    if (ctx.tls && hasTlsFront(layoutPlan)) await checkTlsFront(report, vm, ctx.tls, "ssh");
    const n = await counters(vm, l);
    report.equal("ssh: one server start-up and one migration", n, { starts: 1, migrations: 1 });
    report.equal(
      "ssh: the release is in place with its marker; nothing staged, no previous release",
      await releaseDirs(vm, l),
      {
        installed: releaseMarkerText(from.version, from.sha256).trimEnd(),
        staged: "absent",
        previous: "absent",
        version: from.version,
      },
    );
    report.equal(
      "ssh: the release files belong to root, logs/ to the service user",
      (
        await vm.out(
          `stat -c '%U:%G' ${q(`${l.installDir}/bin/openmetadata-server-start.sh`)} ${q(`${l.installDir}/${RELEASE_MARKER}`)} ${q(`${l.installDir}/logs`)}`,
        )
      )
        .trim()
        .split("\n"),
      ["root:root", "root:root", `${l.serviceUser}:${l.serviceUser}`],
    );
    report.equal(
      "ssh: the server reports the installed release",
      ((await getJson(`http://127.0.0.1:${APP_PORT}/api/v1/system/version`)).body as { version?: string })
        .version,
      from.version,
    );
    if (l.stateDir) {
      // The first start: the reset found nothing stored (nothing saved), cleared nothing, and recorded its digest.
      const calls = (await opsCalls(vm, l)).filter((c) => c.command !== "migrate");
      report.equal(
        "ssh: the reset ran once before the first start: get-security-config (nothing stored yet), remove-security-config --force",
        calls.map((c) => `${c.command} ${c.args.join(" ")}`.replace(/-o \S+/, "-o <backup>")),
        ["get-security-config -o <backup>", "remove-security-config --force"],
      );
      const digest = /^digest='([0-9a-f]{16})'$/m.exec(
        declaredFiles(layoutPlan)
          .find((f) => f.path.endsWith("/reset-security-config.sh"))
          ?.content.toString("utf8") ?? "",
      )?.[1];
      report.equal(
        `ssh: ${l.stateDir} holds the applied digest, 0700 and the service user's, with an empty backups folder`,
        (
          await vm.out(
            `stat -c '%a %U:%G' ${q(l.stateDir)} ${q(`${l.stateDir}/security-config-backups`)}; cat ${q(`${l.stateDir}/applied-sso-digest`)}; ls -A ${q(`${l.stateDir}/security-config-backups`)}`,
          )
        )
          .trim()
          .split("\n"),
        [`700 ${l.serviceUser}:${l.serviceUser}`, `700 ${l.serviceUser}:${l.serviceUser}`, digest],
      );
    }
    return fingerprint(vm, layoutPlan, l);
  });

  await report.phase("up #2: identical plan", async () => {
    const again = await planFor(ctx, "ssh-2", sshStack(vm, hostKey));
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
    const changed = await planFor(ctx, "ssh-3", sshStack(vm, hostKey, { adminPrincipals: admins }));
    const decisions = preview(ctx.state, changed).filter((d) => d.decision !== "same");
    log(`  preview: ${decisions.map((d) => `${d.name} ${d.decision} [${d.changed.join(", ")}]`).join("; ")}`);
    const before = await counters(vm, l);
    const opsBefore = (await opsCalls(vm, l)).length;
    const backupsBefore = l.stateDir ? await backups(vm, l.stateDir) : [];
    const r = await deploy(ctx, "#3", changed);
    report.check("up #3 succeeds", r.ok, r.error);
    const after = await counters(vm, l);
    report.equal(
      "up #3: exactly one restart (one start-up, one migration)",
      { starts: after.starts - before.starts, migrations: after.migrations - before.migrations },
      { starts: 1, migrations: 1 },
    );
    // On a line that stores its SSO settings (1.10+, ssoConfigSource stack) the reset script changes too.
    const expected = [
      "openmetadata-env",
      ...(l.stateDir ? ["openmetadata-sso-reset"] : []),
      "openmetadata-restart",
    ];
    report.equal(
      `up #3: only ${expected.join(", ")} ran`,
      ran(r)
        .filter((x) => x.kind !== "delete-replaced")
        .map((x) => x.name)
        .sort(),
      expected.sort(),
    );
    const authorizer = (await getJson(`http://127.0.0.1:${APP_PORT}/api/v1/system/config/authorizer`))
      .body as Record<string, unknown>;
    // On 1.10+ the stand-in serves its stored settings (its "database"), so this holds only when the reset ran.
    report.equal("up #3: the served adminPrincipals follow the stack", authorizer.adminPrincipals, admins);
    await checkEndState(report, vm, changed, l, "ssh after the SSO change");
    if (l.stateDir) await checkReset(ctx, vm, l, changed, opsBefore, backupsBefore);
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
        plan = await planFor(
          ctx,
          label,
          sshStack(vm, hostKey, { adminPrincipals: admins, vmDatabaseUser: user }),
        );
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
      await planFor(ctx, "ssh-3d", sshStack(vm, hostKey, { adminPrincipals: admins })),
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
        ctx,
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
      ctx,
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
      ctx,
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

  // The settings every later SSH plan carries (those of up #5 and the rotation).
  const settings = { adminPrincipals: admins, enableSelfSignup: false };
  const upgraded = await report.phase(
    `up #7: upgrade ${from.version} -> ${to.version} over SSH (in place)`,
    async () => {
      const key = await vm.hostKey();
      const current = await planFor(ctx, "ssh-7a", sshStack(vm, key, settings));
      const plan = await planFor(ctx, "ssh-7", sshStack(vm, key, { ...settings, ...releaseKeys(ctx, to) }));
      const decisions = preview(ctx.state, plan);
      log(
        `  preview: ${decisions.map((d) => `${d.name} ${d.decision} [${d.changed.join(", ")}]`).join("; ")}`,
      );
      const changes = decisions.filter((d) => d.decision !== "same");
      report.check(
        "upgrade plan: in place: only the restart is replaced, the install and the version guard are updated, nothing is deleted",
        changes.every((d) =>
          d.name === "openmetadata-restart" ? d.decision === "replace" : d.decision === "update",
        ) &&
          ["openmetadata-install", "openmetadata-version-guard", "openmetadata-restart"].every((n) =>
            changes.some((d) => d.name === n),
          ),
        changes.map((d) => `${d.name} ${d.decision} [${d.changed.join(", ")}]`).join("\n"),
      );
      // The data's resources (the generated Fernet key, the JWT key pair) have the same inputs: nothing stateful is
      // replaced by the new version.
      const stateful = (d: PlanDocument) =>
        d.resources
          .filter((r) => /^(random|tls):/.test(r.type))
          .map((r) => ({ type: r.type, name: r.name, inputs: r.inputs, protect: r.options.protect }));
      report.equal(
        "upgrade plan: the Fernet key and the JWT key pair are unchanged (same inputs, the key protected)",
        stateful(plan),
        stateful(current),
      );
      const sso = plan.outputs.sso as { jwtTokenConfiguration: Record<string, string> };
      const kept = [
        l.envFile,
        sso.jwtTokenConfiguration.rsaprivateKeyFilePath,
        sso.jwtTokenConfiguration.rsapublicKeyFilePath,
        ...(l.stateDir ? [l.stateDir] : []),
      ];
      const before = {
        tree: await treeState(vm, kept),
        counters: await counters(vm, l),
        ops: (await opsCalls(vm, l)).length,
        starts: (await standinLog(vm, l, "starts")).length,
      };
      const r = await deploy(ctx, "#7 upgrade", plan);
      if (!report.check("up #7 (upgrade) succeeds", r.ok, r.error))
        throw new Error(`upgrade failed:\n${r.error}`);
      report.equal(
        "the upgrade ran the guard (locally), the install (staging the new release) and the restart (swap, migrate, start)",
        ran(r)
          .filter((x) =>
            ["openmetadata-version-guard", "openmetadata-install", "openmetadata-restart"].includes(x.name),
          )
          .map((x) => `${x.name} ${x.kind}`)
          .sort(),
        ["openmetadata-install update", "openmetadata-restart replace", "openmetadata-version-guard update"],
      );
      report.equal(
        "the new release is in place, the previous one kept beside it for a rollback, nothing left staged",
        await releaseDirs(vm, l),
        {
          installed: releaseMarkerText(to.version, to.sha256).trimEnd(),
          staged: "absent",
          previous: releaseMarkerText(from.version, from.sha256).trimEnd(),
          version: to.version,
        },
      );
      report.equal(
        `the new release was downloaded once (/openmetadata-${to.version}.tar.gz)`,
        ctx.releaseServer.downloads(`/openmetadata-${to.version}.tar.gz`),
        1,
      );
      const n = await counters(vm, l);
      report.equal(
        "the upgrade: one migration and one start-up",
        { starts: n.starts - before.counters.starts, migrations: n.migrations - before.counters.migrations },
        { starts: 1, migrations: 1 },
      );
      const migration = (await standinLog(vm, l, "migrations")).at(-1) ?? {};
      const start = (await standinLog(vm, l, "starts")).at(-1) ?? {};
      report.check(
        `the new release's migration ran (${to.version}) before the new release started`,
        migration.version === to.version &&
          start.version === to.version &&
          String(migration.time) <= String(start.time),
        `migration ${JSON.stringify(migration)}\nstart ${JSON.stringify(start)}`,
      );
      report.equal(
        "logs/ moved over to the new release (every earlier start-up is still in it)",
        (await standinLog(vm, l, "starts")).length,
        before.starts + 1,
      );
      report.equal(
        "the env file, the JWT keys and the state directory are unchanged (bytes, modes, owners, mtimes, inodes)",
        await treeState(vm, kept),
        before.tree,
      );
      report.equal(
        "no stored-SSO reset on an upgrade that changes no SSO setting (only the migration called the ops tool)",
        (await opsCalls(vm, l)).slice(before.ops).map((c) => `${c.command} ${c.version}`),
        [`migrate ${to.version}`],
      );
      report.equal(
        "the server reports the new release",
        ((await getJson(`http://127.0.0.1:${APP_PORT}/api/v1/system/version`)).body as { version?: string })
          .version,
        to.version,
      );
      await checkEndState(report, vm, plan, l, "ssh after the upgrade");
      return plan;
    },
  );
  await report.phase("verify (npm run verify) after the upgrade", () =>
    runVerify(ctx, upgraded, "ssh after the upgrade"),
  );

  await report.phase(
    `up #8: a downgrade ${to.version} -> ${from.version} is refused before the VM is touched`,
    async () => {
      const key = await vm.hostKey();
      const plan = await planFor(ctx, "ssh-8", sshStack(vm, key, settings));
      const guardName = "openmetadata-version-guard";
      report.equal(
        "the guard's recorded output is the deployed version",
        ctx.state.get(guardName)?.stdout,
        to.version,
      );
      const snapshot = async () => ({
        counters: await counters(vm, l),
        dirs: await releaseDirs(vm, l),
        pid: (await serviceProps(vm, l.unit)).MainPID,
        downloads: ctx.releaseServer.downloads(),
        ops: (await opsCalls(vm, l)).length,
      });
      const before = await snapshot();
      const r = await deploy(ctx, "#8 downgrade", plan);
      report.check("up #8 fails", !r.ok, describe(r.steps));
      report.equal(
        "only the version guard ran, where pulumi up runs (its update script, PULUMI_COMMAND_STDOUT the deployed version), and failed",
        r.steps.filter((x) => x.script !== undefined).map((x) => [x.name, x.local === true, x.script, x.ok]),
        [[guardName, true, "update", false]],
      );
      report.check(
        "its error refuses the downgrade, naming both versions",
        (r.error ?? "").includes(
          `openmetadataVersion ${from.version} is older than the deployed ${to.version}`,
        ),
        r.error,
      );
      report.equal(
        "no remote command ran: the VM is as it was (release, server process, downloads, ops calls)",
        await snapshot(),
        before,
      );
      report.equal(
        "the guard still records the deployed version",
        ctx.state.get(guardName)?.stdout,
        to.version,
      );
      // The same script by hand, as @pulumi/command's local provider runs it (interpreter + script, the previous
      // stdout in PULUMI_COMMAND_STDOUT): refused for the older version, passed (printing it) for the deployed one.
      const script = (d: PlanDocument) => {
        const g = d.resources.find((x) => x.type === LOCAL_COMMAND && x.name === guardName);
        return {
          update: String(g?.inputs.update),
          interpreter: (g?.inputs.interpreter as string[]) ?? ["/bin/sh", "-c"],
        };
      };
      const env = { ...(process.env as Record<string, string>), PULUMI_COMMAND_STDOUT: to.version };
      const down = script(plan);
      const refused = await runLocal(down.update, down.interpreter, env, undefined, undefined);
      const same = script(upgraded);
      const passed = await runLocal(same.update, same.interpreter, env, undefined, undefined);
      report.equal(
        "by hand: PULUMI_COMMAND_STDOUT=<deployed> <interpreter> <update script>: the downgrade exits 1 with the message, the deployed version exits 0 printing it",
        [refused.code, /is older than the deployed/.test(refused.stderr), passed.code, passed.stdout],
        [1, true, 0, to.version],
      );
      const back = await deploy(ctx, "#8 back to the deployed version", upgraded);
      report.check(
        "the next up with the deployed version runs nothing (the refused update left no state behind)",
        back.ok && ran(back).length === 0,
        describe(back.steps),
      );
    },
  );

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
        )}; do [ -e "$p" ] && echo "left: $p"; done; [ -x ${q(`${l.installDir}/bin/openmetadata-server-start.sh`)} ] && echo release-kept; [ -s ${q(`${l.installDir}/logs/standin-starts.log`)} ] && echo logs-kept; ` +
        `[ -d ${q(`${l.installDir}.previous`)} ] && echo previous-kept; ` +
        `[ -n "$(ls -A ${q(`${l.stateDir ?? "/nonexistent"}/security-config-backups`)} 2>/dev/null)" ] && echo backups-kept; ` +
        `[ -e ${q(`${l.stateDir ?? "/nonexistent"}/applied-sso-digest`)} ] && echo "left: applied-sso-digest"; true`,
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
    report.check(
      "destroy keeps the previous release and the backups of the stored SSO settings",
      /previous-kept/.test(left.stdout) && (!l.stateDir || /backups-kept/.test(left.stdout)),
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
  // The release the SSH path installed first, so that the two end states (files, modes, owners) compare.
  const config: Record<string, unknown> = {
    ...ctx.common,
    vmHost: "127.0.0.1",
    vmUser: ctx.vmUser,
    openmetadataVersion: ctx.release.version,
    vmReleaseSha256: ctx.release.sha256,
  };
  const ca = ctx.ca;
  if ("vmReleaseUrl" in keys) {
    const releasePort = await freePort();
    config.vmReleaseUrl = `https://127.0.0.1:${releasePort}/openmetadata-${ctx.release.version}.tar.gz`;
  } else
    report.pendingOn(
      "config key vmReleaseUrl: the userData downloads the fixed GitHub URL; the harness intercepts that host name on the VM's loopback instead (test CA, /etc/hosts)",
    );
  const plan = await report.phase("plan: cloud-init stack", () => planFor(ctx, "cloud-init", config));
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
    if (ctx.tls && hasTlsFront(plan)) await checkTlsFront(report, vm, ctx.tls, "cloud-init");
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

/**
 * The TLS front's certificates when the run's stacks use nginx on the VM (an https publicUrl, vmTls nginx or its
 * default): a root CA, an intermediate and a server certificate for the public URL's host and 127.0.0.1.
 */
async function tlsFrontFor(ctx: Context): Promise<TlsFront | undefined> {
  const keys = projectConfig().keys;
  const publicUrl = String(ctx.common.publicUrl ?? effective(ctx.base, "publicUrl") ?? "");
  const mode = effective(ctx.base, "vmTls") ?? "nginx";
  if (!publicUrl.startsWith("https://") || mode !== "nginx" || !("vmTlsCertificate" in keys))
    return undefined;
  const url = new URL(publicUrl);
  return makeTlsFront(join(RUN_DIR, "tls"), url.hostname, Number(url.port || 443));
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
    releases: undefined as unknown as Context["releases"],
    ca: undefined as unknown as TestCa,
    releaseServer: undefined as unknown as Context["releaseServer"],
    entra: undefined as unknown as Served,
    state: new Map(),
    containers,
    common: {},
    secrets: {},
  };
  ctx.common = await commonOverrides();
  ctx.tls = await report.phase("TLS front: throw-away CA and server certificate", () => tlsFrontFor(ctx));
  if (ctx.tls) {
    ctx.secrets = { vmTlsCertificate: ctx.tls.chainPem, vmTlsPrivateKey: ctx.tls.keyPem };
    log(
      `  TLS front ${ctx.tls.host}:${ctx.tls.port}, server certificate ${ctx.tls.leafFingerprint.slice(0, 23)}...`,
    );
  }
  // Two stand-in releases: the base stack's version, and the default patch of the line before it (the SSH path
  // installs that one and upgrades to the stack's across lines).
  const version = String(effective(base, "openmetadataVersion") ?? DEFAULT_OPENMETADATA_VERSION);
  const line = RELEASE_LINES.findIndex((l) => version.startsWith(`${l.line}.`));
  if (line < 1) throw new Error(`no supported release line before ${version} to upgrade from`);
  const fromVersion = RELEASE_LINES[line - 1].defaultPatch;
  ctx.releases = await report.phase("stand-in release tarballs", async () => {
    const from = await buildRelease(fromVersion, RUN_DIR);
    const to = await buildRelease(version, RUN_DIR);
    for (const r of [from, to]) log(`  ${r.file} sha256 ${r.sha256}`);
    return { from, to };
  });
  ctx.release = ctx.releases.from;
  ctx.ca = await makeCa(RUN_DIR);
  mkdirSync(join(RUN_DIR, "release-server"), { recursive: true });
  const releaseServer = await serveFilesHttps(
    ctx.ca,
    join(RUN_DIR, "release-server"),
    "127.0.0.1",
    0,
    Object.fromEntries(
      [ctx.releases.from, ctx.releases.to].map((r) => [`/openmetadata-${r.version}.tar.gz`, r.file]),
    ),
  );
  ctx.releaseServer = releaseServer;
  teardown.add("release server (ssh path)", () => void releaseServer.close());
  log(`  serving both releases at ${releaseServer.url}`);
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
  // Before anything else touches the work directory or the host's ports: one run at a time.
  let releaseLock: () => void;
  try {
    releaseLock = await acquireLock(LOCK_WAIT_SECONDS * 1000);
  } catch (error) {
    process.stderr.write(`om-vm-e2e: ${(error as Error).message}\n`);
    return 1;
  }
  process.on("exit", () => releaseLock());
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
