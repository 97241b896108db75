import { spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resolveRelease } from "../components/openmetadata/releases";
import {
  chainedResetCommand,
  reconcilesStoredSecurityConfig,
  resetScript,
  securityConfigDigest,
  ssoConfigSourceProblems,
} from "../components/openmetadata/security-config";
import { buildSsoModel } from "../components/openmetadata/sso";
import { ssoInput } from "./helpers/sso-input";

const model = buildSsoModel(ssoInput({ openmetadataVersion: "1.13.1" }));

describe("ssoConfigSource", () => {
  it.each([
    ["1.8.12", false],
    ["1.9.17", false],
    ["1.10.0", true],
    ["1.11.13", true],
    ["1.12.12", true],
    ["1.13.1", true],
  ])("on %s the stored settings are reset with stack: %s, never with database", (version, resets) => {
    const release = resolveRelease(version);
    expect(reconcilesStoredSecurityConfig(release, "stack")).toBe(resets);
    expect(reconcilesStoredSecurityConfig(release)).toBe(resets);
    expect(reconcilesStoredSecurityConfig(release, "database")).toBe(false);
    expect(ssoConfigSourceProblems("stack", version)).toEqual([]);
    expect(ssoConfigSourceProblems("database", version).length).toBe(resets ? 0 : 1);
  });

  it("refuses anything else, and database where the server has no stored settings", () => {
    expect(ssoConfigSourceProblems("ui", "1.13.1")).toEqual([
      { path: "ssoConfigSource", message: 'must be one of stack, database; got "ui"' },
    ]);
    expect(ssoConfigSourceProblems("database", "1.8.12", "x")).toEqual([
      {
        path: "x",
        message:
          'must be "stack" on OpenMetadata 1.8: the server reads its SSO settings from the environment on every start (stored settings exist from 1.10)',
      },
    ]);
    // The version's own problem belongs to its key.
    expect(ssoConfigSourceProblems("database", "latest")).toEqual([]);
  });
});

describe("securityConfigDigest", () => {
  const digest = securityConfigDigest(model);

  it("is 16 hex digits, the same for the same settings whatever the key order", () => {
    expect(digest).toMatch(/^[0-9a-f]{16}$/);
    const reverse = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reverse)
        : v !== null && typeof v === "object"
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reverse(x)]),
            )
          : v;
    const reordered = reverse(model) as typeof model;
    expect(Object.keys(reordered)[0]).toBe("jwtTokenConfiguration");
    expect(securityConfigDigest(reordered)).toBe(digest);
    expect(securityConfigDigest(buildSsoModel(ssoInput({ openmetadataVersion: "1.13.1" })))).toBe(digest);
  });

  it("changes with any stored SSO setting and with the client secret, not with the JWT key files", () => {
    const other = (overrides: Parameters<typeof ssoInput>[0]) =>
      securityConfigDigest(buildSsoModel(ssoInput({ openmetadataVersion: "1.13.1", ...overrides })));
    expect(other({ adminPrincipals: ["jane.doe"] })).not.toBe(digest);
    expect(other({ enableSelfSignup: false })).not.toBe(digest);
    expect(other({ clientId: "11111111-2222-3333-4444-555555555556" })).not.toBe(digest);
    expect(
      other({
        jwt: { keyId: "0b9a3c6e-1f2d-8a4b-9c7e-5d6f7a8b9c0d", issuer: "om.example.com", keyDir: "/k" },
      }),
    ).toBe(digest);
    const confidential = buildSsoModel(
      ssoInput({ openmetadataVersion: "1.13.1", clientType: "confidential" }),
    );
    const a = securityConfigDigest(confidential, "secret-one");
    expect(a).not.toBe(securityConfigDigest(confidential, "secret-two"));
    expect(a).not.toBe(securityConfigDigest(confidential));
    expect(a).not.toContain("secret");
  });
});

/** A stand-in openmetadata-ops.sh that logs its arguments; get-security-config writes its -o file. */
function sandbox(removeFails = false) {
  const dir = mkdtempSync(join(tmpdir(), "om-reset-"));
  const log = join(dir, "calls.log");
  const ops = join(dir, "openmetadata-ops.sh");
  writeFileSync(
    ops,
    [
      "#!/bin/sh",
      `echo "$*" >> '${log}'`,
      'if [ "$1" = get-security-config ]; then echo "authenticationConfiguration: {}" > "$3"; fi',
      `if [ "$1" = remove-security-config ]; then exit ${removeFails ? 3 : 0}; fi`,
      "exit 0",
    ].join("\n"),
  );
  chmodSync(ops, 0o755);
  const state = join(dir, "state");
  const run = (digest: string, onFailure: "fail" | "continue" = "continue") =>
    spawnSync("/bin/sh", ["-c", resetScript({ opsScript: ops, digest, stateDir: state, onFailure })], {
      encoding: "utf8",
    });
  const calls = () => (existsSync(log) ? readFileSync(log, "utf8").trim().split("\n") : []);
  return { dir, state, run, calls, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

describe("resetScript, run for real", () => {
  it("backs up, resets and records a new digest; does nothing for the same one; again for the next", () => {
    const box = sandbox();
    try {
      const first = box.run("0123456789abcdef");
      expect(first.status).toBe(0);
      expect(box.calls()).toEqual([
        expect.stringMatching(
          /^get-security-config -o .*\/state\/security-config-backups\/security-config-\d{8}T\d{6}Z-[A-Za-z0-9]{6}$/,
        ),
        "remove-security-config --force",
      ]);
      expect(first.stdout).toContain("openmetadata-entra: cleared the stored SSO settings");
      expect(readFileSync(join(box.state, "applied-sso-digest"), "utf8")).toBe("0123456789abcdef\n");
      const backups = readdirSync(join(box.state, "security-config-backups"));
      expect(backups).toHaveLength(1);
      // The backup holds the client secret: owner only.
      expect(statSync(join(box.state, "security-config-backups", backups[0])).mode & 0o777).toBe(0o600);

      const again = box.run("0123456789abcdef");
      expect(again.status).toBe(0);
      expect(again.stdout).toContain("already reset for 0123456789abcdef");
      expect(box.calls()).toHaveLength(2);

      expect(box.run("fedcba9876543210").status).toBe(0);
      expect(box.calls().slice(2)).toEqual([
        expect.stringMatching(/^get-security-config -o /),
        "remove-security-config --force",
      ]);
      expect(readFileSync(join(box.state, "applied-sso-digest"), "utf8")).toBe("fedcba9876543210\n");
    } finally {
      box.cleanup();
    }
  });

  it("keeps the newest ten backups, by the time in their names", () => {
    const box = sandbox();
    try {
      const backups = join(box.state, "security-config-backups");
      box.run("0000000000000000");
      const current = readdirSync(backups);
      const old = Array.from(
        { length: 12 },
        (_, i) => `security-config-2020-${String(i).padStart(2, "0")}.yaml`,
      );
      for (const name of old) writeFileSync(join(backups, name.replace("2020-", "20200101T0000")), "old");
      box.run("1111111111111111");
      const kept = readdirSync(backups).sort();
      expect(kept).toHaveLength(10);
      // The two runs' backups and the eight newest of the old ones.
      expect(kept.filter((n) => n.startsWith("security-config-2020"))).toEqual(
        old.slice(4).map((n) => n.replace("2020-", "20200101T0000")),
      );
      expect(kept).toEqual(expect.arrayContaining(current));
    } finally {
      box.cleanup();
    }
  });

  it("does not call an empty file a backup", () => {
    const box = sandbox();
    try {
      const ops = join(box.dir, "openmetadata-ops.sh");
      writeFileSync(
        ops,
        readFileSync(ops, "utf8").replace('echo "authenticationConfiguration: {}" > "$3"', ': > "$3"'),
      );
      const r = box.run("0123456789abcdef");
      expect(r.stdout).toContain("no stored SSO settings saved");
      expect(readdirSync(join(box.state, "security-config-backups"))).toEqual([]);
    } finally {
      box.cleanup();
    }
  });

  it("a failed reset fails the step with fail, and is logged (exit 0, digest not recorded) with continue", () => {
    const box = sandbox(true);
    try {
      const failing = box.run("0123456789abcdef", "fail");
      expect(failing.status).toBe(1);
      expect(failing.stderr).toContain("openmetadata-entra: remove-security-config failed");
      const continuing = box.run("0123456789abcdef", "continue");
      expect(continuing.status).toBe(0);
      expect(continuing.stderr).toContain("the server keeps its stored SSO settings");
      expect(existsSync(join(box.state, "applied-sso-digest"))).toBe(false);
    } finally {
      box.cleanup();
    }
  });

  it("without a state directory resets on every run, with no backup", () => {
    const box = sandbox();
    try {
      const script = resetScript({
        opsScript: join(box.dir, "openmetadata-ops.sh"),
        digest: "0123456789abcdef",
        onFailure: "continue",
      });
      for (let i = 0; i < 2; i++) expect(spawnSync("/bin/sh", ["-c", script]).status).toBe(0);
      expect(box.calls()).toEqual(["remove-security-config --force", "remove-security-config --force"]);
    } finally {
      box.cleanup();
    }
  });

  it("refuses what is not a digest, and quotes the script path", () => {
    expect(() => resetScript({ opsScript: "/x", digest: "$(reboot)", onFailure: "fail" })).toThrow(
      "not a security-config digest",
    );
    expect(
      resetScript({ opsScript: "/opt/o m/ops.sh", digest: "0123456789abcdef", onFailure: "fail" }),
    ).toContain("ops='/opt/o m/ops.sh'");
  });
});

describe("chainedResetCommand", () => {
  it("runs after a successful migrate in the chart's bash -c line; a failed reset is logged, a failed migrate stops", () => {
    const box = sandbox(true);
    try {
      const ops = join(box.dir, "openmetadata-ops.sh");
      const tail = chainedResetCommand(ops);
      // The chart pastes it into a double-quoted YAML scalar.
      expect(tail).not.toMatch(/["\\]/);
      const ok = spawnSync("bash", ["-c", `${ops} migrate ${tail}`], { encoding: "utf8" });
      expect(ok.status).toBe(0);
      expect(box.calls()).toEqual(["migrate", "remove-security-config --force"]);
      expect(ok.stderr).toContain(
        "openmetadata-entra: remove-security-config failed, the server keeps its stored SSO settings",
      );
      const failedMigrate = spawnSync("bash", ["-c", `false ${tail}`]);
      expect(failedMigrate.status).toBe(1);
      expect(box.calls()).toHaveLength(2);
    } finally {
      box.cleanup();
    }
  });

  it("takes only a plain absolute path", () => {
    expect(() => chainedResetCommand("/opt/x; reboot")).toThrow("not a plain absolute path");
    expect(chainedResetCommand("/opt/openmetadata/bootstrap/openmetadata-ops.sh")).toBe(
      "&& { '/opt/openmetadata/bootstrap/openmetadata-ops.sh' remove-security-config --force || echo openmetadata-entra: remove-security-config failed, the server keeps its stored SSO settings >&2; }",
    );
  });
});
