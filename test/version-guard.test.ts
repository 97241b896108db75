import { spawnSync } from "node:child_process";
import { versionGuardScripts } from "../components/openmetadata/version-guard";

/** Runs the guard's update script as @pulumi/command does: previous stdout in PULUMI_COMMAND_STDOUT. */
function update(previous: string | undefined, next: string) {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH };
  if (previous !== undefined) env.PULUMI_COMMAND_STDOUT = previous;
  return spawnSync("/bin/sh", ["-c", versionGuardScripts(next).update], { env, encoding: "utf8" });
}

describe("version guard, run for real", () => {
  it("create records the version", () => {
    const r = spawnSync("/bin/sh", ["-c", versionGuardScripts("1.8.12").create], { encoding: "utf8" });
    expect([r.status, r.stdout]).toEqual([0, "1.8.12"]);
  });

  it.each([
    ["1.8.12", "1.13.1"],
    ["1.8.12", "1.8.12"],
    ["1.9.17", "1.10.0"],
    ["1.10.9", "1.10.10"],
    ["1.12.12", "1.13.0"],
    [undefined, "1.13.1"],
    ["", "1.9.17"],
  ])("lets %s -> %s through and records the new version", (previous, next) => {
    const r = update(previous, next);
    expect([r.status, r.stdout, r.stderr]).toEqual([0, next, ""]);
  });

  it.each([
    ["1.13.1", "1.12.12"],
    ["1.10.10", "1.10.9"],
    ["1.10.0", "1.9.17"],
    ["1.13.1", "1.8.12"],
  ])("refuses the downgrade %s -> %s and records nothing", (previous, next) => {
    const r = update(previous, next);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      `openmetadata-entra: openmetadataVersion ${next} is older than the deployed ${previous}. OpenMetadata migrates its database forward only, so a downgrade is refused; keep ${previous}, or restore the database backup taken before the upgrade into a new stack.\n`,
    );
  });

  it("takes only a known release", () => {
    expect(() => versionGuardScripts("1.8.12'; reboot; '")).toThrow("must be a release version");
  });
});
