/**
 * The host side: Debian packages, a private dockerd (own data root, exec root, socket and pidfile under the work
 * directory; no bridge, no iptables, no ip_forward, so it creates no interface and no firewall table), and putting
 * the machine back as it was found. Everything started here is stopped by PID.
 */
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { onPath, run, runSync, sleep, tail } from "./proc";
import { log, Skip } from "./report";

/** command → Debian package that provides it. */
const NEEDED: Record<string, string> = {
  dockerd: "docker.io",
  debootstrap: "debootstrap",
  ssh: "openssh-client",
  "ssh-keygen": "openssh-client",
  openssl: "openssl",
  tar: "tar",
};

/** Installs the Debian packages whose commands are missing; returns what was installed. */
export async function ensurePackages(): Promise<string[]> {
  const missing = [
    ...new Set(
      Object.entries(NEEDED)
        .filter(([cmd]) => !onPath(cmd))
        .map(([, pkg]) => pkg),
    ),
  ];
  if (missing.length === 0) return [];
  log(`  installing ${missing.join(", ")}`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  await run("apt-get", ["update", "-qq"], { env, timeoutMs: 300_000 });
  await run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...missing], {
    env,
    timeoutMs: 900_000,
  });
  return missing;
}

/** What dockerd could change on the host, to compare before and after. */
export interface HostNetState {
  links: string[];
  /** Mount points below the work directory (a killed dockerd leaves its netns and overlay mounts). */
  mounts: string[];
  ipForward: string;
  iptables: string;
  nft: string;
}

export function snapshotHost(workDir: string): HostNetState {
  const links = runSync("ip", ["-o", "link", "show"])
    .stdout.split("\n")
    .map((l) => l.split(":")[1]?.trim().split("@")[0] ?? "")
    .filter(Boolean)
    .sort();
  const read = (p: string) => (existsSync(p) ? readFileSync(p, "utf8").trim() : "");
  const iptables = onPath("iptables-save") ? normalizeRules(runSync("iptables-save", []).stdout) : "";
  const nft = onPath("nft") ? runSync("nft", ["list", "tables"]).stdout.trim() : "";
  const mounts = readFileSync("/proc/mounts", "utf8")
    .split("\n")
    .map((l) => l.split(" ")[1])
    .filter((m) => m && m.startsWith(workDir))
    .sort();
  return { links, mounts, ipForward: read("/proc/sys/net/ipv4/ip_forward"), iptables, nft };
}

/** iptables-save without its comment lines and counters, which change by themselves. */
const normalizeRules = (text: string): string =>
  text
    .split("\n")
    .filter((l) => !l.startsWith("#"))
    .map((l) => l.replace(/\[\d+:\d+\]/g, ""))
    .join("\n")
    .trim();

/** Undoes what dockerd may have changed (it should change nothing with our flags); returns what was undone. */
export function restoreHost(before: HostNetState, workDir: string): string[] {
  const after = snapshotHost(workDir);
  const undone: string[] = [];
  for (const m of after.mounts.filter((x) => !before.mounts.includes(x)).reverse()) {
    runSync("umount", ["-l", m]);
    undone.push(`unmounted ${m}`);
  }
  for (const link of after.links.filter((l) => !before.links.includes(l))) {
    if (/^(docker\d*|br-[0-9a-f]+|veth[0-9a-f]+)$/.test(link)) {
      runSync("ip", ["link", "delete", link]);
      undone.push(`removed interface ${link}`);
    } else undone.push(`new interface ${link} left alone (not docker's)`);
  }
  if (after.ipForward !== before.ipForward && before.ipForward !== "") {
    writeFileSync("/proc/sys/net/ipv4/ip_forward", `${before.ipForward}\n`);
    undone.push(`net.ipv4.ip_forward restored to ${before.ipForward}`);
  }
  if (after.iptables !== before.iptables && onPath("iptables")) {
    for (const table of ["nat", "filter"]) {
      const chains = runSync("iptables", ["-t", table, "-S"])
        .stdout.split("\n")
        .filter((l) => /^-N DOCKER/.test(l))
        .map((l) => l.split(" ")[1]);
      for (const rule of runSync("iptables", ["-t", table, "-S"]).stdout.split("\n")) {
        if (/^-A (FORWARD|PREROUTING|OUTPUT|POSTROUTING) .*DOCKER/.test(rule))
          runSync("iptables", ["-t", table, ...rule.replace(/^-A/, "-D").split(" ").slice(0)]);
      }
      for (const chain of chains) runSync("iptables", ["-t", table, "-F", chain]);
      for (const chain of chains) runSync("iptables", ["-t", table, "-X", chain]);
      if (chains.length > 0) undone.push(`removed iptables ${table} chains ${chains.join(", ")}`);
    }
  }
  if (after.nft !== before.nft && onPath("nft")) {
    for (const table of after.nft.split("\n").filter((t) => t && !before.nft.split("\n").includes(t))) {
      runSync("nft", ["delete", ...table.replace(/^table /, "table ").split(" ")]);
      undone.push(`removed nft ${table}`);
    }
  }
  return undone;
}

/** The docker client: Debian's (same release as the daemon) when present. */
export const dockerClient = (): string => (existsSync("/usr/bin/docker") ? "/usr/bin/docker" : "docker");

export class Dockerd {
  readonly socket: string;
  readonly pidFile: string;
  readonly logFile: string;
  pid: number | undefined;
  /** Processes dockerd started (containerd, shims), seen while it ran: stopped by PID if they outlive it. */
  private readonly descendants = new Set<number>();

  constructor(private readonly dir: string) {
    this.socket = join(dir, "docker.sock");
    this.pidFile = join(dir, "dockerd.pid");
    this.logFile = join(dir, "dockerd.log");
  }

  get host(): string {
    return `unix://${this.socket}`;
  }

  /** Stops a dockerd of ours left running by an interrupted run (same pidfile and data root). */
  stopStale(): void {
    if (!existsSync(this.pidFile)) return;
    const pid = Number(readFileSync(this.pidFile, "utf8").trim());
    const cmdline =
      pid > 0 && existsSync(`/proc/${pid}/cmdline`) ? readFileSync(`/proc/${pid}/cmdline`, "utf8") : "";
    if (cmdline.includes("dockerd") && cmdline.includes(this.dir)) {
      log(`  stopping dockerd ${pid} left by an earlier run`);
      this.pid = pid;
      this.stop();
    }
    rmSync(this.pidFile, { force: true });
  }

  async start(): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    this.stopStale();
    const out = openSync(this.logFile, "w");
    const child = spawn(
      "dockerd",
      [
        "--data-root",
        join(this.dir, "data"),
        "--exec-root",
        join(this.dir, "exec"),
        "--host",
        this.host,
        "--pidfile",
        this.pidFile,
        "--bridge=none",
        "--iptables=false",
        "--ip6tables=false",
        "--ip-forward=false",
        "--ip-masq=false",
        "--userland-proxy=false",
      ],
      { detached: true, stdio: ["ignore", out, out] },
    );
    child.unref();
    this.pid = child.pid;
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) break;
      const r = await run(dockerClient(), ["-H", this.host, "version", "--format", "{{.Server.Version}}"], {
        check: false,
      });
      if (r.code === 0) {
        this.rememberDescendants();
        log(`  dockerd ${r.stdout.trim()} running, PID ${this.pid}, socket ${this.socket}`);
        return;
      }
      await sleep(300);
    }
    const why = tail(existsSync(this.logFile) ? readFileSync(this.logFile, "utf8") : "", 15);
    this.stop();
    throw new Skip(`dockerd does not start on this machine:\n${why}`);
  }

  /** Records every process below dockerd (call while it runs). */
  rememberDescendants(): void {
    if (this.pid === undefined) return;
    for (const pid of descendantsOf(this.pid)) this.descendants.add(pid);
  }

  /** Synchronous: SIGTERM by PID, wait, SIGKILL; then its leftover children by PID and mounts under our dir. */
  stop(): void {
    const pid = this.pid;
    if (pid === undefined) return;
    this.rememberDescendants();
    if (alive(pid)) {
      process.kill(pid, "SIGTERM");
      const deadline = Date.now() + 20_000;
      while (alive(pid) && Date.now() < deadline) runSync("sleep", ["0.2"]);
      if (alive(pid)) process.kill(pid, "SIGKILL");
    }
    for (const child of this.descendants) if (alive(child)) process.kill(child, "SIGKILL");
    // Mounts left below the work dir by a killed daemon (overlay, shm, netns).
    const mounts = readFileSync("/proc/mounts", "utf8")
      .split("\n")
      .map((l) => l.split(" ")[1])
      .filter((m) => m && m.startsWith(this.dir))
      .sort((a, b) => b.length - a.length);
    for (const m of mounts) runSync("umount", ["-l", m]);
    this.pid = undefined;
    rmSync(this.pidFile, { force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return !/\) Z /.test(stat); // a zombie is gone for our purposes
  } catch {
    return false;
  }
}

function descendantsOf(root: number): number[] {
  const parent = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parent.set(Number(entry), ppid);
    } catch {
      // gone meanwhile
    }
  }
  const found: number[] = [];
  let frontier = [root];
  while (frontier.length > 0) {
    const next: number[] = [];
    for (const [pid, ppid] of parent) if (frontier.includes(ppid)) next.push(pid);
    found.push(...next);
    frontier = next;
  }
  return found;
}

/** The Debian mirror this host uses (for debootstrap), or the override. */
export function debianMirror(): string {
  if (process.env.OM_VM_E2E_MIRROR) return process.env.OM_VM_E2E_MIRROR;
  const files = ["/etc/apt/sources.list.d/debian.sources", "/etc/apt/sources.list"];
  for (const f of files) {
    if (!existsSync(f)) continue;
    const text = readFileSync(f, "utf8");
    const deb822 = /^URIs:\s*(\S+)/m.exec(text);
    if (deb822 && !/security/.test(deb822[1])) return deb822[1];
    const line = /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+bookworm\s/m.exec(text);
    if (line) return line[1];
  }
  return "http://deb.debian.org/debian";
}
