/**
 * The VM's stored-SSO reset script run for real with /bin/sh (as the unit's ExecStartPre runs it), against a stub
 * `bootstrap/openmetadata-ops.sh` in a temporary release directory that records every call, with a temporary
 * state directory standing in for systemd's /var/lib/openmetadata-entra.
 */
import { spawnSync } from "node:child_process";
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
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { securityConfigDigest } from "../components/openmetadata/security-config";
import { OpenMetadataVm, vmResetScript } from "../components/vm";
import { FAKE_RSA_PRIVATE_KEY_PEM } from "../tools/plan/fakes";
import { runComponents, valueOf } from "./helpers/offline";
import { ssoSource } from "./helpers/sso-source";

const DIGEST_A = "0123456789abcdef";
const DIGEST_B = "fedcba9876543210";

/** The stub ops tool: one line per call in ops-calls.log; get-security-config writes the "stored" settings. */
const OPS_STUB = (root: string) => `#!/bin/sh
printf '%s\\n' "$*" >> '${root}/ops-calls.log'
case "$1" in
  get-security-config)
    if [ -f '${root}/no-stored-settings' ]; then echo 'no security configuration found' >&2; exit 1; fi
    printf 'authenticationConfiguration:\\n  clientId: stored-%s\\n' "$(wc -l < '${root}/ops-calls.log' | tr -d ' ')" > "$3" ;;
  remove-security-config)
    if [ -f '${root}/remove-fails' ]; then echo 'Communications link failure' >&2; exit 1; fi ;;
  *) exit 2 ;;
esac
`;

let root: string;
let state: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "vm-sso-reset-"));
  state = join(root, "state");
  mkdirSync(join(root, "install", "bootstrap"), { recursive: true });
  mkdirSync(state, { mode: 0o700 });
  const ops = join(root, "install", "bootstrap", "openmetadata-ops.sh");
  writeFileSync(ops, OPS_STUB(root));
  chmodSync(ops, 0o755);
  writeFileSync(join(root, "ops-calls.log"), "");
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Renders the script for `digest` with the temporary paths and runs it with /bin/sh; returns what happened. */
function reset(digest: string) {
  const script = join(root, "reset-security-config.sh");
  writeFileSync(script, vmResetScript({ installDir: join(root, "install"), digest, stateDir: state }));
  writeFileSync(join(root, "ops-calls.log"), "");
  const r = spawnSync("/bin/sh", [script], { encoding: "utf8", cwd: join(root, "install") });
  const backupDir = join(state, "security-config-backups");
  return {
    status: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    calls: readFileSync(join(root, "ops-calls.log"), "utf8").split("\n").filter(Boolean),
    recorded: existsSync(join(state, "applied-sso-digest"))
      ? readFileSync(join(state, "applied-sso-digest"), "utf8")
      : undefined,
    backups: existsSync(backupDir) ? readdirSync(backupDir).sort() : [],
    backupDir,
  };
}

const BACKUP_NAME = /^security-config-\d{8}T\d{6}Z-[A-Za-z0-9]{6}$/;
const mode = (path: string) => statSync(path).mode & 0o777;

describe("the VM's stored-SSO reset, run with /bin/sh", () => {
  it("first run: backs up the stored settings (0600, in a 0700 folder), removes them and records the digest", () => {
    const r = reset(DIGEST_A);
    expect(r.status).toBe(0);
    expect(r.backups).toHaveLength(1);
    expect(r.backups[0]).toMatch(BACKUP_NAME);
    const backup = join(r.backupDir, r.backups[0]);
    expect(r.calls).toEqual([`get-security-config -o ${backup}`, "remove-security-config --force"]);
    expect(readFileSync(backup, "utf8")).toBe("authenticationConfiguration:\n  clientId: stored-1\n");
    expect([mode(r.backupDir).toString(8), mode(backup).toString(8)]).toEqual(["700", "600"]);
    expect(r.recorded).toBe(`${DIGEST_A}\n`);
    expect(r.stdout).toBe(
      `openmetadata-entra: saved the stored SSO settings to ${backup}\n` +
        `openmetadata-entra: cleared the stored SSO settings; this start seeds them from the stack's (${DIGEST_A})\n`,
    );
    expect(r.stderr).toBe("");
  });

  it("same digest again: does nothing (a restart or reboot keeps the stored settings)", () => {
    reset(DIGEST_A);
    const r = reset(DIGEST_A);
    expect([r.status, r.calls, r.backups.length, r.recorded]).toEqual([0, [], 1, `${DIGEST_A}\n`]);
    expect(r.stdout).toBe(`openmetadata-entra: stored SSO settings already reset for ${DIGEST_A}\n`);
  });

  it("a new digest: backs up and removes again, then records the new digest", () => {
    reset(DIGEST_A);
    const r = reset(DIGEST_B);
    expect(r.status).toBe(0);
    expect(r.calls.map((c) => c.replace(/ -o .*/, " -o <backup>"))).toEqual([
      "get-security-config -o <backup>",
      "remove-security-config --force",
    ]);
    expect(r.calls[0]).toMatch(
      new RegExp(`^get-security-config -o ${r.backupDir}/security-config-\\d{8}T\\d{6}Z-[A-Za-z0-9]{6}$`),
    );
    expect(r.recorded).toBe(`${DIGEST_B}\n`);
    expect(r.stdout).toContain(`this start seeds them from the stack's (${DIGEST_B})\n`);
  });

  it("a failing remove: exits 0 with the logged message, records nothing, and the next start tries again", () => {
    writeFileSync(join(root, "remove-fails"), "");
    const r = reset(DIGEST_A);
    expect(r.status).toBe(0);
    expect(r.calls.map((c) => c.split(" ")[0])).toEqual(["get-security-config", "remove-security-config"]);
    // The tool's own error reaches the journal first.
    expect(r.stderr).toBe(
      "Communications link failure\n" +
        "openmetadata-entra: remove-security-config failed; the server keeps its stored SSO settings; npm run verify shows the drift\n",
    );
    expect(r.recorded).toBeUndefined();
    // The stored settings were saved before the attempt.
    expect(r.backups).toHaveLength(1);
    rmSync(join(root, "remove-fails"));
    const again = reset(DIGEST_A);
    expect([again.status, again.calls.length, again.recorded]).toEqual([0, 2, `${DIGEST_A}\n`]);
  });

  it("no stored settings yet (or no get-security-config in this release): keeps no empty backup, still resets", () => {
    writeFileSync(join(root, "no-stored-settings"), "");
    const r = reset(DIGEST_A);
    expect([r.status, r.backups, r.recorded]).toEqual([0, [], `${DIGEST_A}\n`]);
    expect(r.calls.map((c) => c.split(" ")[0])).toEqual(["get-security-config", "remove-security-config"]);
    expect(r.stdout).toBe(
      "openmetadata-entra: no stored SSO settings saved (none yet, or this release has no get-security-config)\n" +
        `openmetadata-entra: cleared the stored SSO settings; this start seeds them from the stack's (${DIGEST_A})\n`,
    );
  });

  it("is the script the component deploys, with the release's ops tool and systemd's state directory", async () => {
    let vm: OpenMetadataVm | undefined;
    await runComponents(() => {
      vm = new OpenMetadataVm("om", {
        connection: {
          host: "vm.example.com",
          privateKey: pulumi.secret(FAKE_RSA_PRIVATE_KEY_PEM),
          hostKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeHostKeyOfTheVmForTests",
        },
        sso: ssoSource(),
        database: { password: pulumi.secret("db-password-1") },
        release: { version: "1.12.12", sha256: "c".repeat(64) },
        installDir: "/srv/openmetadata",
      });
    });
    const component = vm as OpenMetadataVm;
    const digest = securityConfigDigest(await valueOf(component.sso));
    expect(await valueOf(component.resetScriptText as pulumi.Output<string>)).toBe(
      vmResetScript({ installDir: "/srv/openmetadata", digest, stateDir: "/var/lib/openmetadata-entra" }),
    );
  });
});
