/**
 * The Docker reset's scripts, as the component renders them into its containers, run for real with sh: the reset
 * against a stub `openmetadata-ops.sh` that records its calls (and keeps "stored settings" in a file), the state
 * volume's init against stub stat/chown/chmod. Only the two absolute paths of the reset script (the ops script in
 * the image, the state volume's mount) are pointed at the sandbox; every other byte is the rendered script.
 */
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { OpenMetadataDocker } from "../components/docker";
import { OPS_SCRIPT, SSO_STATE_INIT_SCRIPT, SSO_STATE_MOUNT } from "../components/docker/sso-reset";
import { shellQuote } from "../components/quoting";
import { baseArgs, dockerSso } from "./helpers/docker-fixture";
import { clearInputs, runComponents } from "./helpers/offline";
import { Sandbox, shellSyntaxOk, type Call } from "./helpers/sandbox-sh";

/** The reset container's script and state directory for these admins (1.13.1, ssoConfigSource stack). */
async function renderedReset(
  admins: string[],
): Promise<{ script: string; digest: string; stateDir: string }> {
  const run = await runComponents(() => {
    new OpenMetadataDocker("om", baseArgs({ version: "1.13.1", sso: dockerSso({ admins }) }));
  });
  const reset = run.resources.find((r) => r.name === "om-sso-reset");
  if (!reset) throw new Error("no reset container");
  const inputs = clearInputs(reset);
  const script = (inputs.command as string[])[0];
  const stateDir = /^state='([^']+)'$/m.exec(script)?.[1] as string;
  return { script, digest: (inputs.name as string).replace("openmetadata-sso-reset-", ""), stateDir };
}

const OPS_STUB = `
dir="$STUB_DIR"
case "$1" in
  get-security-config)
    [ -f "$dir/stored.yaml" ] || { echo "no security configuration stored" >&2; exit 1; }
    /bin/cat "$dir/stored.yaml" > "$3" ;;
  remove-security-config)
    [ "\${STUB_REMOVE_FAILS:-}" = 1 ] && { echo "cannot reach the database" >&2; exit 3; }
    /bin/rm -f "$dir/stored.yaml" ;;
  *) exit 64 ;;
esac`;

/** date: one second later on every call, so backups made in one test second get distinct names. */
const DATE_STUB = `
n=$(/bin/cat "$STUB_DIR/clock" 2>/dev/null || echo 0); n=$((n + 1)); echo "$n" > "$STUB_DIR/clock"
printf '20260102T0304%02dZ\\n' "$n"`;

describe("the Docker reset script, run with sh", () => {
  let sandbox: Sandbox;
  let first: { script: string; digest: string; stateDir: string };
  let second: { script: string; digest: string; stateDir: string };
  let state: string;
  const opsCalls = (calls: Call[]) =>
    calls.filter((c) => c.argv[0] === "openmetadata-ops.sh").map((c) => c.argv);

  /** The rendered script with its two absolute paths pointed at the sandbox. */
  const local = (script: string, stateDir: string) => {
    const ops = `ops=${shellQuote(OPS_SCRIPT)}`;
    const stateLine = `state=${shellQuote(stateDir)}`;
    expect(script.split("\n")).toEqual(expect.arrayContaining([ops, stateLine]));
    return script
      .replace(ops, `ops=${shellQuote(sandbox.path("bin", "openmetadata-ops.sh"))}`)
      .replace(stateLine, `state=${shellQuote(state)}`);
  };
  const run = (script: string, stateDir: string, env: Record<string, string> = {}) =>
    sandbox.run(local(script, stateDir), "", { STUB_DIR: sandbox.dir, ...env });
  const backupFiles = () =>
    existsSync(join(state, "security-config-backups"))
      ? readdirSync(join(state, "security-config-backups")).sort()
      : [];
  /** Backup names without mktemp's random suffix (`security-config-<UTC time>-XXXXXX`). */
  const backups = () =>
    backupFiles().map((f) => {
      expect(f).toMatch(/^security-config-\d{8}T\d{6}Z-[A-Za-z0-9]{6}$/);
      return f.replace(/-[A-Za-z0-9]{6}$/, "");
    });
  const storedBy = (who: string) =>
    writeFileSync(sandbox.path("stored.yaml"), `authenticationConfiguration: {by: ${who}}\n`);

  beforeAll(async () => {
    first = await renderedReset(["jane.doe"]);
    second = await renderedReset(["jane.doe", "john.smith"]);
  });
  beforeEach(() => {
    sandbox = new Sandbox({
      custom: { "openmetadata-ops.sh": OPS_STUB, date: DATE_STUB },
      real: ["cat", "mkdir", "mktemp", "rm", "ls", "sort", "tail"],
    });
    state = sandbox.path("volume", "epoch");
  });
  afterEach(() => sandbox.remove());

  it("is the digest-gated script of an unchanged state directory, and parses", () => {
    expect(first.stateDir).toBe(second.stateDir);
    expect(first.stateDir.startsWith(`${SSO_STATE_MOUNT}/`)).toBe(true);
    expect(first.digest).toMatch(/^[0-9a-f]{16}$/);
    expect(second.digest).not.toBe(first.digest);
    expect(shellSyntaxOk(first.script)).toEqual({ status: 0, stderr: "" });
  });

  it("first run: backs up the stored settings (0600), removes them, records the digest", () => {
    storedBy("the UI");
    const r = run(first.script, first.stateDir);
    expect(r.status).toBe(0);
    expect(backups()).toEqual(["security-config-20260102T030401Z"]);
    const backup = join(state, "security-config-backups", backupFiles()[0]);
    expect(opsCalls(r.calls)).toEqual([
      ["openmetadata-ops.sh", "get-security-config", "-o", backup],
      ["openmetadata-ops.sh", "remove-security-config", "--force"],
    ]);
    expect(readFileSync(backup, "utf8")).toBe("authenticationConfiguration: {by: the UI}\n");
    expect(statSync(backup).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(state, "applied-sso-digest"), "utf8")).toBe(`${first.digest}\n`);
    expect(statSync(join(state, "applied-sso-digest")).mode & 0o777).toBe(0o600);
    expect(existsSync(sandbox.path("stored.yaml"))).toBe(false);
    expect(r.stdout).toContain(
      `cleared the stored SSO settings; this start seeds them from the stack's (${first.digest})`,
    );
  });

  it("a first run against an empty database saves nothing and still records the digest", () => {
    const r = run(first.script, first.stateDir);
    expect(r.status).toBe(0);
    expect(opsCalls(r.calls).map((c) => c[1])).toEqual(["get-security-config", "remove-security-config"]);
    expect(backups()).toEqual([]);
    expect(readFileSync(join(state, "applied-sso-digest"), "utf8")).toBe(`${first.digest}\n`);
  });

  it("the same digest again does nothing; a new digest runs again and keeps both backups", () => {
    storedBy("the UI");
    expect(run(first.script, first.stateDir).status).toBe(0);
    storedBy("the first deploy"); // the server re-seeded the rows from its env
    const again = run(first.script, first.stateDir);
    expect([again.status, opsCalls(again.calls)]).toEqual([0, []]);
    expect(again.stdout).toContain(`stored SSO settings already reset for ${first.digest}`);
    expect(existsSync(sandbox.path("stored.yaml"))).toBe(true);

    const changed = run(second.script, second.stateDir);
    expect(changed.status).toBe(0);
    expect(opsCalls(changed.calls).map((c) => c[1])).toEqual([
      "get-security-config",
      "remove-security-config",
    ]);
    expect(backups()).toEqual(["security-config-20260102T030401Z", "security-config-20260102T030402Z"]);
    expect(readFileSync(join(state, "security-config-backups", backupFiles()[1]), "utf8")).toBe(
      "authenticationConfiguration: {by: the first deploy}\n",
    );
    expect(readFileSync(join(state, "applied-sso-digest"), "utf8")).toBe(`${second.digest}\n`);
  });

  it("a failing remove exits non-zero (onFailure fail) and records nothing, so the next update tries again", () => {
    storedBy("the UI");
    const r = run(first.script, first.stateDir, { STUB_REMOVE_FAILS: "1" });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("openmetadata-entra: remove-security-config failed");
    expect(existsSync(join(state, "applied-sso-digest"))).toBe(false);
    expect(existsSync(sandbox.path("stored.yaml"))).toBe(true);
    expect(backups()).toHaveLength(1);
    const retry = run(first.script, first.stateDir);
    expect([retry.status, opsCalls(retry.calls).map((c) => c[1])]).toEqual([
      0,
      ["get-security-config", "remove-security-config"],
    ]);
  });

  it("keeps the newest ten backups", async () => {
    const digests: string[] = [];
    for (let i = 0; i < 12; i++) {
      storedBy(`deploy ${i}`);
      // A fresh digest each time: the rendered script with another digest value (same form).
      const digest = i.toString(16).padStart(16, "0");
      digests.push(digest);
      const script = first.script.replace(`digest='${first.digest}'`, `digest='${digest}'`);
      expect(run(script, first.stateDir).status).toBe(0);
    }
    expect(backups()).toEqual(
      Array.from({ length: 10 }, (_, i) => `security-config-20260102T0304${String(i + 3).padStart(2, "0")}Z`),
    );
    expect(readFileSync(join(state, "applied-sso-digest"), "utf8")).toBe(`${digests[11]}\n`);
  });
});

describe("the SSO state volume's init script, run with sh", () => {
  it("hands the volume to the owner of /opt/openmetadata, mode 0700, and fails when it cannot", () => {
    const sandbox = new Sandbox({
      record: ["chown", "chmod"],
      custom: { stat: 'printf "1000:1000\\n"' },
    });
    try {
      const ok = sandbox.run(SSO_STATE_INIT_SCRIPT);
      expect(ok.status).toBe(0);
      expect(ok.calls.map((c) => c.argv)).toEqual([
        ["stat", "-c", "%u:%g", "/opt/openmetadata"],
        ["chown", "-R", "1000:1000", SSO_STATE_MOUNT],
        ["chmod", "0700", SSO_STATE_MOUNT],
      ]);
      expect(ok.stdout).toBe(
        "openmetadata-entra: the SSO state volume belongs to 1000:1000 (the owner of /opt/openmetadata)\n",
      );
      // chown refused: set -e stops before chmod, with a non-zero exit the gate reports.
      const failing = new Sandbox({
        record: ["chmod"],
        custom: { stat: 'printf "1000:1000\\n"', chown: "exit 1" },
      });
      try {
        const r = failing.run(SSO_STATE_INIT_SCRIPT);
        expect([r.status, r.calls.map((c) => c.argv[0])]).toEqual([1, ["stat", "chown"]]);
      } finally {
        failing.remove();
      }
    } finally {
      sandbox.remove();
    }
    expect(shellSyntaxOk(SSO_STATE_INIT_SCRIPT).status).toBe(0);
  });
});
