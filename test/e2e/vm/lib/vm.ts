/**
 * A stand-in VM: a container of the om-vm-e2e image with systemd as PID 1, sshd and cloud-init (REAL-VM.md), in
 * the host's network namespace (no bridge, no port mapping, no firewall rule): sshd listens on 127.0.0.1 at a port
 * of its own, and what the VM serves on 127.0.0.1 is on the host's loopback. Its NoCloud seed is a directory
 * mounted at /var/lib/cloud/seed/nocloud.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { dockerClient } from "./host";
import { run, sleep, tail, type RunOptions, type RunResult } from "./proc";

/** Flags that let systemd run as PID 1 here (`--privileged` fails on this machine kind: no CAP_SYS_RESOURCE). */
const SYSTEMD_FLAGS = [
  "--cap-add",
  "ALL",
  "--cap-drop",
  "SYS_RESOURCE",
  "--security-opt",
  "seccomp=unconfined",
  "--security-opt",
  "apparmor=unconfined",
  "--cgroupns=host",
  "-v",
  "/sys/fs/cgroup:/sys/fs/cgroup:rw",
  "--tmpfs",
  "/run",
  "--tmpfs",
  "/run/lock",
  "--stop-signal",
  "SIGRTMIN+3",
];

export class Docker {
  constructor(readonly host: string) {}

  run(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
    return run(dockerClient(), ["-H", this.host, ...args], options);
  }
}

export interface VmOptions {
  name: string;
  image: string;
  /** Directory for the seed and copies (created). */
  dir: string;
  userData: string;
  /** Extra /etc/hosts entries: name → address. */
  hosts?: Record<string, string>;
  /** A CA certificate (PEM) to trust, installed before the first boot. */
  caCertPem?: string;
}

export class StandInVm {
  private constructor(
    private readonly docker: Docker,
    readonly name: string,
    readonly sshPort: number,
    readonly instanceId: string,
  ) {}

  /** Creates, seeds and starts the VM; resolves once systemd is up (not waiting for cloud-init). */
  static async boot(docker: Docker, o: VmOptions, register: (name: string) => void): Promise<StandInVm> {
    const sshPort = await freePort();
    const instanceId = `${o.name}-${Date.now().toString(36)}`;
    const seed = join(o.dir, "seed");
    mkdirSync(seed, { recursive: true });
    writeFileSync(join(seed, "meta-data"), `instance-id: ${instanceId}\nlocal-hostname: ${o.name}\n`);
    writeFileSync(join(seed, "user-data"), o.userData, { mode: 0o600 });
    const sshd = join(o.dir, "sshd-om-vm-e2e.conf");
    writeFileSync(
      sshd,
      `# om-vm-e2e: the VM shares the host's network\nPort ${sshPort}\nListenAddress 127.0.0.1\n`,
    );
    const hosts = { [o.name]: "127.0.0.1", ...(o.hosts ?? {}) };
    await docker.run(["rm", "-f", o.name], { check: false });
    register(o.name);
    await docker.run([
      "create",
      "--name",
      o.name,
      "--hostname",
      o.name,
      "--network",
      "host",
      ...Object.entries(hosts).flatMap(([h, ip]) => ["--add-host", `${h}:${ip}`]),
      ...SYSTEMD_FLAGS,
      "-v",
      `${seed}:/var/lib/cloud/seed/nocloud:ro`,
      o.image,
    ]);
    await docker.run(["cp", sshd, `${o.name}:/etc/ssh/sshd_config.d/om-vm-e2e.conf`]);
    if (o.caCertPem) {
      const ca = join(o.dir, "om-vm-e2e-ca.crt");
      writeFileSync(ca, o.caCertPem);
      await docker.run(["cp", ca, `${o.name}:/usr/local/share/ca-certificates/om-vm-e2e-ca.crt`]);
    }
    await docker.run(["start", o.name]);
    const vm = new StandInVm(docker, o.name, sshPort, instanceId);
    await vm.waitForSystemd(60_000);
    return vm;
  }

  /** A shell command inside the VM as root (the harness's own inspection channel, not the deployment's). */
  exec(script: string, options: RunOptions = {}): Promise<RunResult> {
    return this.docker.run(["exec", "-i", this.name, "sh", "-c", script], options);
  }

  /** Output of a command that must succeed. */
  async out(script: string): Promise<string> {
    return (await this.exec(script)).stdout;
  }

  async waitForSystemd(timeoutMs: number): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let state = "";
    while (Date.now() < deadline) {
      state = (await this.exec("systemctl is-system-running 2>/dev/null", { check: false })).stdout.trim();
      if (state === "running" || state === "degraded") return state;
      await sleep(300);
    }
    const failed = await this.exec("systemctl --failed --no-legend; systemctl list-jobs --no-legend", {
      check: false,
    });
    throw new Error(
      `${this.name}: systemd not up after ${timeoutMs / 1000} s (state ${state}):\n${failed.stdout}`,
    );
  }

  /** Waits for cloud-init to finish; returns `cloud-init status --long`, and whether it reports done. */
  async waitForCloudInit(timeoutMs: number): Promise<{ done: boolean; status: string }> {
    const r = await this.exec("cloud-init status --wait --long", { check: false, timeoutMs });
    return { done: r.code === 0 && /status: done/.test(r.stdout), status: (r.stdout + r.stderr).trim() };
  }

  /** The host key sshd presents (the ed25519 one; cloud-init makes new host keys per instance). */
  async hostKey(): Promise<string> {
    const line = (await this.out("cat /etc/ssh/ssh_host_ed25519_key.pub")).trim();
    return line.split(/\s+/).slice(0, 2).join(" ");
  }

  /** The unit's journal (for reports). */
  async journal(unit: string, lines = 40): Promise<string> {
    return tail(
      (await this.exec(`journalctl -u ${unit} --no-pager -n ${lines}`, { check: false })).stdout,
      lines,
    );
  }

  async remove(): Promise<void> {
    await this.docker.run(["rm", "-f", this.name], { check: false, timeoutMs: 60_000 });
  }
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Whether 127.0.0.1:port can be listened on (nothing else uses it). */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.on("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/**
 * Whether this machine can start a container with the stand-in VM's flags: a tiny image (the host's /usr/bin/true
 * and its libraries) is imported and run. Returns the error text when it cannot.
 */
export async function probeContainers(docker: Docker, dir: string): Promise<string | undefined> {
  const root = join(dir, "probe-rootfs");
  const script = [
    "set -euo pipefail",
    `rm -rf "$1"; mkdir -p "$1/usr/bin"; cp /usr/bin/true "$1/usr/bin/true"`,
    `for lib in $(ldd /usr/bin/true | grep -o '/[^ ]*'); do mkdir -p "$1$(dirname "$lib")"; cp -L "$lib" "$1$lib"; done`,
  ].join("\n");
  await run("bash", ["-c", script, "probe", root]);
  const imported = await run(
    "bash",
    [
      "-c",
      `tar -C "$1" -c . | "$2" -H "$3" import - local/om-vm-e2e-probe:1`,
      "probe",
      root,
      dockerClient(),
      docker.host,
    ],
    {
      check: false,
    },
  );
  if (imported.code !== 0) return `docker import failed: ${imported.stderr.trim()}`;
  const r = await docker.run(
    ["run", "--rm", "--network", "host", ...SYSTEMD_FLAGS, "local/om-vm-e2e-probe:1", "/usr/bin/true"],
    {
      check: false,
      timeoutMs: 60_000,
    },
  );
  await docker.run(["image", "rm", "local/om-vm-e2e-probe:1"], { check: false });
  await run("rm", ["-rf", root]);
  return r.code === 0 ? undefined : `docker run failed (exit ${r.code}): ${r.stderr.trim()}`;
}
