/**
 * The VM's release install over SSH (and in cloud-init), run for real with sh, curl (file:// URLs), sha256sum, tar
 * and mktemp against a temporary install directory; only systemctl is a stub (it records its calls and answers
 * `is-active` as told). The preamble's sudo is dropped, as in the other script tests.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { renderCloudInit } from "../components/vm/cloud-init";
import {
  installReleaseScript,
  previousReleaseDir,
  RELEASE_MARKER,
  releaseMarkerText,
  restartScript,
  stagedReleaseDir,
  stageReleaseLines,
  swapReleaseLines,
} from "../components/vm/scripts";

const owner = userInfo().username;
const PREAMBLE = 'set -eu\nS=; [ "$(id -u)" -eq 0 ] || S="sudo -n"\n';
const hasCurl = spawnSync("sh", ["-c", "command -v curl"]).status === 0;

/** A release tarball like OpenMetadata's: one top directory with bin/, bootstrap/, conf/ and libs/. */
function tarball(dir: string, version: string, complete = true): { file: string; sha256: string } {
  const stage = join(dir, `stage-${version}`);
  const top = join(stage, `openmetadata-${version}`);
  const exes = complete
    ? ["bin/openmetadata-server-start.sh", "bootstrap/openmetadata-ops.sh"]
    : ["bin/openmetadata-server-start.sh"];
  for (const exe of exes) {
    mkdirSync(join(top, exe, ".."), { recursive: true });
    writeFileSync(join(top, exe), `#!/bin/sh\necho ${version}\n`);
    chmodSync(join(top, exe), 0o755);
  }
  mkdirSync(join(top, "conf"), { recursive: true });
  writeFileSync(join(top, "conf", "openmetadata.yaml"), `# ${version}\n`);
  mkdirSync(join(top, "libs"), { recursive: true });
  writeFileSync(join(top, "libs", `openmetadata-service-${version}.jar`), version);
  const file = join(dir, `openmetadata-${version}${complete ? "" : "-broken"}.tar.gz`);
  const r = spawnSync("tar", ["-czf", file, "-C", stage, `openmetadata-${version}`]);
  if (r.status !== 0) throw new Error(String(r.stderr));
  rmSync(stage, { recursive: true, force: true });
  return { file, sha256: createHash("sha256").update(readFileSync(file)).digest("hex") };
}

const leftovers = () => readdirSync("/var/tmp").filter((f) => f.startsWith("openmetadata-release."));

(hasCurl ? describe : describe.skip)("the release install (run with sh, curl, sha256sum and tar)", () => {
  let dir: string;
  let installDir: string;
  let bin: string;
  let systemctlLog: string;
  let before: string[];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "vm-release-"));
    installDir = join(dir, "opt", "openmetadata");
    mkdirSync(join(dir, "opt"));
    bin = join(dir, "bin");
    mkdirSync(bin);
    systemctlLog = join(dir, "systemctl.log");
    writeFileSync(
      join(bin, "systemctl"),
      [
        "#!/bin/sh",
        `printf '%s\\n' "$*" >> ${JSON.stringify(systemctlLog)}`,
        // Active when told so, until stopped (unless it is told to be stuck).
        `stopped=${JSON.stringify(join(dir, "stopped"))}`,
        '[ "$1" != stop ] || [ "${STUB_STUCK:-0}" = 1 ] || : > "$stopped"',
        '[ "$1" != is-active ] || { [ "${STUB_ACTIVE:-0}" = 1 ] && [ ! -e "$stopped" ]; }',
        "",
      ].join("\n"),
    );
    chmodSync(join(bin, "systemctl"), 0o755);
    before = leftovers();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs a script as the current user, without sudo, with the systemctl stub first on PATH. */
  const sh = (text: string, env: Record<string, string> = {}) => {
    const r = spawnSync("sh", ["-c", text.replace(PREAMBLE, "set -eu\nS=\n")], {
      encoding: "utf8",
      env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ""}`, ...env },
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const install = (version: string, t: { file: string; sha256: string }) =>
    sh(installReleaseScript({ installDir, version, sha256: t.sha256, url: `file://${t.file}` }));
  /** The swap lines, the service running (STUB_ACTIVE=1) or not until they stop it. */
  const swap = (env: Record<string, string> = {}) => {
    rmSync(join(dir, "stopped"), { force: true });
    return sh(["set -eu", "S=", ...swapReleaseLines(installDir, owner), ""].join("\n"), env);
  };
  const marker = (d: string) => readFileSync(join(d, RELEASE_MARKER), "utf8");
  const calls = () => (existsSync(systemctlLog) ? readFileSync(systemctlLog, "utf8") : "");
  const listing = () => readdirSync(join(dir, "opt")).sort();

  it("stages a new release beside the install directory, marked last, and downloads nothing the second time", () => {
    const t = tarball(dir, "1.12.12");
    const r = install("1.12.12", t);
    expect([r.status, r.stderr]).toEqual([0, ""]);
    expect(r.stdout).toBe(
      `Staged OpenMetadata 1.12.12 (sha256 ${t.sha256}) in ${stagedReleaseDir(installDir)}\n`,
    );
    // Nothing in place yet: the running server (none here) is not touched; the restart swaps.
    expect(listing()).toEqual(["openmetadata.next"]);
    const staged = stagedReleaseDir(installDir);
    expect(marker(staged)).toBe(releaseMarkerText("1.12.12", t.sha256));
    expect(readdirSync(staged).sort()).toEqual([RELEASE_MARKER, "bin", "bootstrap", "conf", "libs"]);
    expect(statSync(join(staged, RELEASE_MARKER)).mode & 0o777).toBe(0o644);
    expect(leftovers()).toEqual(before);
    // Staged already: the same release again downloads nothing (the tarball is gone, a download would fail).
    rmSync(t.file);
    const again = install("1.12.12", t);
    expect([again.status, again.stdout]).toEqual([
      0,
      `OpenMetadata 1.12.12 is staged in ${staged}; the restart puts it in place\n`,
    ]);
    expect(calls()).toBe("");
  });

  it("puts a staged release in place: a first install has no previous release; installed, it downloads nothing", () => {
    const t = tarball(dir, "1.12.12");
    expect(install("1.12.12", t).status).toBe(0);
    const r = swap();
    expect([r.status, r.stderr]).toEqual([0, ""]);
    expect(listing()).toEqual(["openmetadata"]);
    expect(marker(installDir)).toBe(releaseMarkerText("1.12.12", t.sha256));
    expect(statSync(join(installDir, "logs")).mode & 0o777).toBe(0o750);
    expect(calls()).toBe("stop openmetadata.service\nis-active --quiet openmetadata.service\n");
    // Installed: nothing is downloaded or staged, and a swap without a staged release changes nothing.
    rmSync(t.file);
    const again = install("1.12.12", t);
    expect([again.status, again.stdout]).toEqual([
      0,
      `OpenMetadata 1.12.12 (sha256 ${t.sha256}) is installed in ${installDir}\n`,
    ]);
    expect(swap().stdout).toBe("");
    expect(listing()).toEqual(["openmetadata"]);
  });

  it("upgrades by staging next to the running release, then stopping the service for the swap; the previous release and logs are kept", () => {
    const old = tarball(dir, "1.12.12");
    expect(install("1.12.12", old).status).toBe(0);
    expect(swap().status).toBe(0);
    writeFileSync(join(installDir, "logs", "openmetadata.log"), "old log line\n");
    const inode = statSync(installDir).ino;
    const next = tarball(dir, "1.13.1");
    const staged = install("1.13.1", next);
    expect([staged.status, staged.stderr]).toEqual([0, ""]);
    // The running release is untouched while the new one is staged.
    expect([statSync(installDir).ino, marker(installDir)]).toEqual([
      inode,
      releaseMarkerText("1.12.12", old.sha256),
    ]);
    writeFileSync(systemctlLog, "");
    const r = swap({ STUB_ACTIVE: "1" });
    expect([r.status, r.stderr]).toEqual([0, ""]);
    expect(calls()).toBe("stop openmetadata.service\nis-active --quiet openmetadata.service\n");
    expect(listing()).toEqual(["openmetadata", "openmetadata.previous"]);
    expect(marker(installDir)).toBe(releaseMarkerText("1.13.1", next.sha256));
    expect(readdirSync(join(installDir, "libs"))).toEqual(["openmetadata-service-1.13.1.jar"]);
    expect(marker(previousReleaseDir(installDir))).toBe(releaseMarkerText("1.12.12", old.sha256));
    expect(readdirSync(join(previousReleaseDir(installDir), "libs"))).toEqual([
      "openmetadata-service-1.12.12.jar",
    ]);
    // logs/ moved over from the previous release (not copied: the previous one has none left).
    expect(readFileSync(join(installDir, "logs", "openmetadata.log"), "utf8")).toBe("old log line\n");
    expect(existsSync(join(previousReleaseDir(installDir), "logs"))).toBe(false);
    // A third release replaces the older previous one: one previous release is kept.
    const third = tarball(dir, "1.13.2");
    expect(install("1.13.2", third).status).toBe(0);
    expect(swap().status).toBe(0);
    expect(marker(previousReleaseDir(installDir))).toBe(releaseMarkerText("1.13.1", next.sha256));
    expect(readFileSync(join(installDir, "logs", "openmetadata.log"), "utf8")).toBe("old log line\n");
  });

  it("does not swap under a service that does not stop", () => {
    const old = tarball(dir, "1.12.12");
    expect(install("1.12.12", old).status).toBe(0);
    expect(swap().status).toBe(0);
    expect(install("1.13.1", tarball(dir, "1.13.1")).status).toBe(0);
    const r = swap({ STUB_ACTIVE: "1", STUB_STUCK: "1" });
    expect([r.status, r.stderr]).toEqual([
      1,
      `openmetadata.service is still running; the staged release stays in ${stagedReleaseDir(installDir)}\n`,
    ]);
    expect(listing()).toEqual(["openmetadata", "openmetadata.next"]);
    expect(marker(installDir)).toBe(releaseMarkerText("1.12.12", old.sha256));
  });

  it("refuses a download whose sha256 differs, naming both, before anything is extracted", () => {
    const old = tarball(dir, "1.12.12");
    expect(install("1.12.12", old).status).toBe(0);
    expect(swap().status).toBe(0);
    const next = tarball(dir, "1.13.1");
    const wrong = "0".repeat(64);
    const r = sh(
      installReleaseScript({ installDir, version: "1.13.1", sha256: wrong, url: `file://${next.file}` }),
    );
    expect([r.status, r.stderr]).toEqual([
      1,
      `The download of file://${next.file} has sha256 ${next.sha256}, not ${wrong} (vmReleaseSha256 / release.sha256): nothing was installed\n`,
    ]);
    expect(listing()).toEqual(["openmetadata"]);
    expect(marker(installDir)).toBe(releaseMarkerText("1.12.12", old.sha256));
    // The exit trap removed the download.
    expect(leftovers()).toEqual(before);
  });

  it("fails on a tarball without the unit's scripts, and does not count the partial extraction as staged", () => {
    const broken = tarball(dir, "1.13.1", false);
    const r = install("1.13.1", broken);
    expect([r.status, r.stderr]).toEqual([
      1,
      `The release tarball from file://${broken.file} has no ${stagedReleaseDir(installDir)}/bootstrap/openmetadata-ops.sh: is it an OpenMetadata release?\n`,
    ]);
    expect(existsSync(join(stagedReleaseDir(installDir), RELEASE_MARKER))).toBe(false);
    // Nothing to swap in.
    expect(swap().stdout).toBe("");
    expect(existsSync(join(installDir, RELEASE_MARKER))).toBe(false);
    expect(leftovers()).toEqual(before);
  });

  it("says so when neither curl nor wget is on the VM", () => {
    const t = tarball(dir, "1.13.1");
    const noTools = join(dir, "no-tools");
    mkdirSync(noTools);
    for (const tool of ["sh", "mktemp", "rm", "cat", "printf"]) {
      const found = spawnSync("sh", ["-c", `command -v ${tool}`], { encoding: "utf8" }).stdout.trim();
      if (found.startsWith("/")) spawnSync("ln", ["-s", found, join(noTools, tool)]);
    }
    const r = spawnSync(
      join(noTools, "sh"),
      [
        "-c",
        installReleaseScript({
          installDir,
          version: "1.13.1",
          sha256: t.sha256,
          url: `file://${t.file}`,
        }).replace(PREAMBLE, "set -eu\nS=\n"),
      ],
      { encoding: "utf8", env: { PATH: noTools } },
    );
    expect([r.status, r.stderr]).toEqual([
      1,
      `Downloading the OpenMetadata release needs curl or wget on the VM (apt-get install -y curl): file://${t.file}\n`,
    ]);
    expect(leftovers()).toEqual(before);
  });

  it("removes a stale staged release of another version when the installed one is the one asked for", () => {
    const old = tarball(dir, "1.12.12");
    expect(install("1.12.12", old).status).toBe(0);
    expect(swap().status).toBe(0);
    expect(install("1.13.1", tarball(dir, "1.13.1")).status).toBe(0);
    expect(listing()).toEqual(["openmetadata", "openmetadata.next"]);
    // The stack went back to the installed release before the restart ran: the staged one must never be swapped in.
    expect(install("1.12.12", old).status).toBe(0);
    expect(listing()).toEqual(["openmetadata"]);
    expect(swap().stdout).toBe("");
    expect(marker(installDir)).toBe(releaseMarkerText("1.12.12", old.sha256));
  });

  it("finishes a swap that stopped between its two renames, keeping the previous release", () => {
    const old = tarball(dir, "1.12.12");
    expect(install("1.12.12", old).status).toBe(0);
    expect(swap().status).toBe(0);
    const next = tarball(dir, "1.13.1");
    expect(install("1.13.1", next).status).toBe(0);
    // Interrupted after the first rename.
    spawnSync("mv", [installDir, previousReleaseDir(installDir)]);
    expect(swap().status).toBe(0);
    expect(marker(installDir)).toBe(releaseMarkerText("1.13.1", next.sha256));
    expect(marker(previousReleaseDir(installDir))).toBe(releaseMarkerText("1.12.12", old.sha256));
    expect(existsSync(join(installDir, "logs"))).toBe(true);
  });

  it("the restart swaps before it restarts, so the unit's migration runs with the new release", () => {
    const lines = restartScript(
      { url: "http://127.0.0.1:8586/healthcheck", retries: 1, intervalSeconds: 1 },
      { installDir, serviceUser: owner },
    ).split("\n");
    const swapAt = lines.indexOf(swapReleaseLines(installDir, owner)[0]);
    const restartAt = lines.findIndex((l) => l.includes("systemctl restart"));
    expect(swapAt).toBeGreaterThan(0);
    expect(lines.slice(swapAt, swapAt + swapReleaseLines(installDir, owner).length)).toEqual(
      swapReleaseLines(installDir, owner),
    );
    expect(restartAt).toBeGreaterThan(swapAt);
  });
});

describe("cloud-init runs the install step's own lines", () => {
  it("stages and swaps in the release with the same lines as the SSH path, before Java is checked", () => {
    const o = {
      version: "1.13.1",
      sha256: "b".repeat(64),
      url: "https://mirror.example.com/openmetadata-1.13.1.tar.gz",
      installDir: "/opt/openmetadata",
    };
    const runcmd = (
      parse(
        renderCloudInit({
          ...o,
          javaMajor: 21,
          serviceUser: "openmetadata",
          envFileText: "",
          privateKeyPath: "/etc/openmetadata/jwtkeys/private_key.der",
          privateKeyDerBase64: "",
          publicKeyPath: "/etc/openmetadata/jwtkeys/public_key.der",
          publicKeyDerBase64: "",
          unitText: "",
        }),
      ) as { runcmd: string[] }
    ).runcmd;
    const stage = stageReleaseLines(o);
    const swapLines = swapReleaseLines(o.installDir, "openmetadata");
    expect(runcmd.slice(0, 2 + stage.length + swapLines.length)).toEqual([
      "set -eu",
      "S=",
      ...stage,
      ...swapLines,
    ]);
  });
});
