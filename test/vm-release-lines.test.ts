/**
 * The VM target on every supported release line, one row per line, planned through the mocks: the release tarball
 * and Java, the unit (the stored-SSO reset after the migration exactly on 1.10+ with ssoConfigSource `stack`), the
 * env file, the version guard, and what an SSO-only change does; then the unit and the user-data of each line
 * through systemd-analyze verify and cloud-init schema.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import { resolveRelease } from "../components/openmetadata/releases";
import { securityConfigDigest, type SsoConfigSource } from "../components/openmetadata/security-config";
import type { SsoSettings } from "../components/openmetadata/sso";
import { OpenMetadataVm, vmResetScript, type OpenMetadataVmArgs } from "../components/vm";
import { installReleaseScript, releaseMarkerText, stageReleaseLines } from "../components/vm/scripts";
import { FAKE_RSA_PRIVATE_KEY_PEM } from "../tools/plan/fakes";
import { checkUnit, checkUserData, hasTool } from "../tools/vm/render-check";
import { clearInputs, inputs, ofType, runComponents, valueOf } from "./helpers/offline";
import { ssoSource, TENANT } from "./helpers/sso-source";

const CMD = "command:remote:Command";
const SHA = "b".repeat(64);
const HOST_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeHostKeyOfTheVmForTests";
const COMMON_KEYS = "https://login.microsoftonline.com/common/discovery/keys";
const TENANT_KEYS = `https://login.microsoftonline.com/${TENANT}/discovery/v2.0/keys`;
const RESET_LINE = "ExecStartPre=-/bin/sh /etc/openmetadata/reset-security-config.sh";
const MIGRATE_LINE = "ExecStartPre=/opt/openmetadata/bootstrap/openmetadata-ops.sh migrate";

interface Line {
  version: string;
  docs: string;
  /** Entra's signing keys in AUTHENTICATION_PUBLIC_KEYS. */
  keys: string;
  /** The server stores its SSO settings (1.10+): the stack resets them. */
  stored: boolean;
}

/** Written out per line, not taken from releases.ts. */
const LINES: Line[] = [
  { version: "1.8.12", docs: "v1.8.x", keys: COMMON_KEYS, stored: false },
  { version: "1.9.17", docs: "v1.9.x", keys: COMMON_KEYS, stored: false },
  { version: "1.10.14", docs: "v1.10.x", keys: TENANT_KEYS, stored: true },
  { version: "1.11.13", docs: "v1.11.x", keys: TENANT_KEYS, stored: true },
  { version: "1.12.12", docs: "v1.12.x", keys: TENANT_KEYS, stored: true },
  { version: "1.13.1", docs: "v1.13.x", keys: TENANT_KEYS, stored: true },
];

interface PlanOptions {
  ssoConfigSource?: SsoConfigSource;
  settings?: Partial<SsoSettings>;
  clientSecret?: string;
}

function args(version: string, o: PlanOptions = {}): OpenMetadataVmArgs {
  return {
    connection: {
      host: "vm.example.com",
      user: "azureuser",
      privateKey: pulumi.secret(FAKE_RSA_PRIVATE_KEY_PEM),
      hostKey: HOST_KEY,
    },
    sso: ssoSource({
      settings: { publicUrl: "https://om.example.com", adminPrincipals: ["jane.doe"], ...o.settings },
      clientSecret: o.clientSecret === undefined ? undefined : pulumi.secret(o.clientSecret),
    }),
    database: { password: pulumi.secret("db-password-1") },
    release: { version, sha256: SHA },
    tls: { mode: "external" },
    ...(o.ssoConfigSource === undefined ? {} : { ssoConfigSource: o.ssoConfigSource }),
  };
}

type Resource = ReturnType<typeof ofType>[number];

async function planned(version: string, o: PlanOptions = {}) {
  let vm: OpenMetadataVm | undefined;
  const run = await runComponents(() => {
    vm = new OpenMetadataVm("om", args(version, o));
  });
  const component = vm as OpenMetadataVm;
  const byName = (name: string): Resource | undefined => ofType(run, CMD).find((r) => r.name === name);
  const userData = await valueOf(component.userData);
  return {
    run,
    vm: component,
    byName,
    userData,
    config: parse(userData) as {
      packages: string[];
      runcmd: string[];
      write_files: { path: string; content: string; owner: string; permissions: string; defer: boolean }[];
    },
    envText: await valueOf(component.envFileText),
    resetText: component.resetScriptText === undefined ? undefined : await valueOf(component.resetScriptText),
    triggers: clearInputs(byName("om-restart") as Resource).triggers as string[],
  };
}

describe.each(LINES)("VM target on OpenMetadata $version", (line) => {
  const { version } = line;
  let p: Awaited<ReturnType<typeof planned>>;
  beforeAll(async () => {
    p = await planned(version);
  });

  it("downloads openmetadata-<version>.tar.gz from the <version>-release asset and checks its sha256", () => {
    const url = `https://github.com/open-metadata/OpenMetadata/releases/download/${version}-release/openmetadata-${version}.tar.gz`;
    expect(resolveRelease(version).tarball).toEqual({ file: `openmetadata-${version}.tar.gz`, url });
    // The same install lines over SSH (the install step) and in the user-data.
    const o = { installDir: "/opt/openmetadata", version, sha256: SHA, url };
    expect(inputs(p.byName("om-install") as Resource).create).toBe(installReleaseScript(o));
    expect(p.config.runcmd.slice(2, 2 + stageReleaseLines(o).length)).toEqual(stageReleaseLines(o));
  });

  it("installs Java 21 and enables the service only after a Java 21 check", () => {
    expect(p.config.packages[0]).toBe("openjdk-21-jre-headless");
    const check = p.config.runcmd.indexOf(`if [ -z "$java_major" ] || [ "$java_major" -lt '21' ]; then`);
    expect(check).toBeGreaterThan(0);
    expect(check).toBeLessThan(
      p.config.runcmd.indexOf("'systemctl' 'enable' '--now' 'openmetadata.service'"),
    );
    expect(inputs(p.byName("om-prepare") as Resource).create as string).toContain(
      `if [ -z "$java_major" ] || [ "$java_major" -lt '21' ]; then\n`,
    );
  });

  it(`runs the migration${line.stored ? ", then the stored-SSO reset with its state directory," : ""} before the server, linking the line's docs`, () => {
    const unit = p.vm.unitText.split("\n");
    expect(unit.filter((l) => l.startsWith("ExecStartPre="))).toEqual(
      line.stored ? [MIGRATE_LINE, RESET_LINE] : [MIGRATE_LINE],
    );
    expect(unit.filter((l) => l.startsWith("StateDirectory"))).toEqual(
      line.stored ? ["StateDirectory=openmetadata-entra", "StateDirectoryMode=0700"] : [],
    );
    expect(unit).toContain(`Documentation=https://docs.open-metadata.org/${line.docs}/deployment/bare-metal`);
    // The SSH path installs the same unit as the user-data.
    expect(
      p.config.write_files.find((f) => f.path === "/etc/systemd/system/openmetadata.service")?.content,
    ).toBe(p.vm.unitText);
  });

  it("writes the same env keys on every line, with the line's Entra keys URL and the pipeline client off", () => {
    const lines = p.envText.trimEnd().split("\n");
    expect(lines.map((l) => l.split("=")[0])).toEqual([
      "AUTHENTICATION_PROVIDER",
      "AUTHENTICATION_CLIENT_TYPE",
      "AUTHENTICATION_RESPONSE_TYPE",
      "AUTHENTICATION_AUTHORITY",
      "AUTHENTICATION_CLIENT_ID",
      "AUTHENTICATION_CALLBACK_URL",
      "AUTHENTICATION_PUBLIC_KEYS",
      "AUTHENTICATION_JWT_PRINCIPAL_CLAIMS",
      "AUTHENTICATION_ENABLE_SELF_SIGNUP",
      "AUTHORIZER_CLASS_NAME",
      "AUTHORIZER_REQUEST_FILTER",
      "AUTHORIZER_ADMIN_PRINCIPALS",
      "AUTHORIZER_PRINCIPAL_DOMAIN",
      "AUTHORIZER_ENFORCE_PRINCIPAL_DOMAIN",
      "AUTHORIZER_ENABLE_SECURE_SOCKET",
      "AUTHORIZER_USE_ROLES_FROM_PROVIDER",
      "RSA_PUBLIC_KEY_FILE_PATH",
      "RSA_PRIVATE_KEY_FILE_PATH",
      "JWT_ISSUER",
      "JWT_KEY_ID",
      "DB_DRIVER_CLASS",
      "DB_SCHEME",
      "DB_HOST",
      "DB_PORT",
      "DB_PARAMS",
      "OM_DATABASE",
      "DB_USER",
      "SEARCH_TYPE",
      "ELASTICSEARCH_HOST",
      "ELASTICSEARCH_PORT",
      "ELASTICSEARCH_SCHEME",
      "SERVER_HOST",
      "PIPELINE_SERVICE_CLIENT_ENABLED",
      "DB_USER_PASSWORD",
      "FERNET_KEY",
    ]);
    expect(lines).toContain(
      `AUTHENTICATION_PUBLIC_KEYS="[${line.keys}, http://localhost:8585/api/v1/system/config/jwks]"`,
    );
    expect(lines).toContain('PIPELINE_SERVICE_CLIENT_ENABLED="false"');
    // The user-data carries the same env file.
    expect(p.config.write_files.find((f) => f.path === "/etc/openmetadata/openmetadata.env")?.content).toBe(
      p.envText,
    );
  });

  it(
    line.stored
      ? "writes the reset script with the digest of the stack's settings"
      : "writes no reset script",
    async () => {
      const reset = p.byName("om-sso-reset");
      const file = p.config.write_files.find((f) => f.path === "/etc/openmetadata/reset-security-config.sh");
      if (!line.stored) {
        expect([reset, file, p.resetText, p.triggers.length]).toEqual([undefined, undefined, undefined, 4]);
        return;
      }
      const digest = securityConfigDigest(await valueOf(p.vm.sso));
      expect(p.resetText).toBe(vmResetScript({ installDir: "/opt/openmetadata", digest }));
      expect(p.resetText).toContain(`\ndigest='${digest}'\n`);
      expect(p.resetText).toContain("\nops='/opt/openmetadata/bootstrap/openmetadata-ops.sh'\n");
      expect(p.resetText).toContain("\nstate='/var/lib/openmetadata-entra'\n");
      expect(file).toEqual({
        path: "/etc/openmetadata/reset-security-config.sh",
        content: p.resetText,
        owner: "root:openmetadata",
        permissions: "0640",
        defer: true,
      });
      // Over SSH: the same text, 0640 root:<service user>, after prepare; the restart waits for it.
      const create = inputs(reset as Resource).create as string;
      expect(create).toContain(
        "$S install -m '0640' -o 'root' -g 'openmetadata' /dev/null '/etc/openmetadata/reset-security-config.sh.new'\n",
      );
      expect(create).toContain(`<<'OPENMETADATA_FILE'\n${p.resetText}OPENMETADATA_FILE\n`);
      expect((reset as Resource).dependsOn).toEqual([(p.byName("om-prepare") as Resource).urn]);
      expect(p.byName("om-restart")?.dependsOn).toContain((reset as Resource).urn);
      expect(p.triggers.length).toBe(5);
    },
  );

  it("guards against a downgrade before the first step on the VM", () => {
    const guard = ofType(p.run, "command:local:Command");
    expect(guard.map((g) => [g.name, inputs(g).create])).toEqual([
      ["om-version-guard", `printf '%s' '${version}'`],
    ]);
    expect(p.byName("om-prepare")?.dependsOn).toEqual([guard[0].urn]);
    expect(p.byName("om-install")?.dependsOn).toContain(guard[0].urn);
    expect(p.byName("om-restart")?.dependsOn).toContain(guard[0].urn);
    expect(p.triggers[3]).toBe(releaseMarkerText(version, SHA));
  });

  it(
    line.stored
      ? "on an SSO-only change, rewrites the reset script's digest and restarts once"
      : "on an SSO-only change, only rewrites the env file (no reset exists)",
    async () => {
      const q = await planned(version, { settings: { adminPrincipals: ["john.smith"] } });
      expect(q.vm.unitText).toBe(p.vm.unitText);
      expect(p.triggers.map((t, i) => t === q.triggers[i])).toEqual(
        line.stored ? [false, true, true, true, false] : [false, true, true, true],
      );
      if (!line.stored) {
        expect([q.byName("om-sso-reset"), q.resetText]).toEqual([undefined, undefined]);
        return;
      }
      const changed = (p.resetText as string).split("\n").filter((l, i) => l !== q.resetText?.split("\n")[i]);
      expect(changed.map((l) => l.replace(/[0-9a-f]{16}/, "<digest>"))).toEqual(["digest='<digest>'"]);
      expect(inputs(q.byName("om-sso-reset") as Resource).create).not.toBe(
        inputs(p.byName("om-sso-reset") as Resource).create,
      );
    },
  );

  if (line.stored)
    it("with ssoConfigSource database, leaves the stored settings alone: no reset, no state directory", async () => {
      const q = await planned(version, { ssoConfigSource: "database" });
      expect(q.vm.unitText).toBe(
        p.vm.unitText
          .split("\n")
          .filter((l) => l !== RESET_LINE && !l.startsWith("StateDirectory"))
          .join("\n"),
      );
      expect([q.byName("om-sso-reset"), q.resetText, q.triggers.length]).toEqual([undefined, undefined, 4]);
      expect(q.config.write_files.map((f) => f.path)).not.toContain(
        "/etc/openmetadata/reset-security-config.sh",
      );
    });
  else
    it("refuses ssoConfigSource database (the server has no stored settings) and registers nothing", async () => {
      let message = "";
      const run = await runComponents(() => {
        try {
          new OpenMetadataVm("om", args(version, { ssoConfigSource: "database" }));
        } catch (e) {
          message = (e as Error).message;
        }
      });
      expect([message, run.resources.length]).toEqual([
        'OpenMetadataVm "om": invalid arguments (1):\n' +
          `  ssoConfigSource: must be "stack" on OpenMetadata ${version.split(".").slice(0, 2).join(".")}: the server reads its SSO settings from the environment on every start (stored settings exist from 1.10)`,
        0,
      ]);
    });
});

describe("the reset digest", () => {
  it("changes with a rotated client secret of a confidential client (the stored row holds the secret)", async () => {
    const settings = { clientType: "confidential" } as const;
    const [a, b] = [
      await planned("1.13.1", { settings, clientSecret: "client-secret-1" }),
      await planned("1.13.1", { settings, clientSecret: "client-secret-2" }),
    ];
    const digest = (text?: string) => /\ndigest='([0-9a-f]{16})'\n/.exec(text ?? "")?.[1];
    expect(digest(a.resetText)).toBe(securityConfigDigest(await valueOf(a.vm.sso), "client-secret-1"));
    expect(digest(a.resetText)).not.toBe(digest(b.resetText));
    // Neither the script nor the command that writes it holds the secret.
    for (const text of [a.resetText, JSON.stringify(clearInputs(a.byName("om-sso-reset") as Resource))])
      expect(text).not.toContain("client-secret-1");
  });
});

const tool = (name: string) => (hasTool(name) ? describe : describe.skip);
if (!hasTool("systemd-analyze"))
  console.warn("skipping systemd-analyze verify per line: not installed (apt-get install -y systemd)");
if (!hasTool("cloud-init"))
  console.warn("skipping cloud-init schema per line: not installed (apt-get install -y cloud-init)");

tool("systemd-analyze")("systemd-analyze verify of each line's unit", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "vm-lines-unit-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each(LINES)("accepts the $version unit without a warning", async ({ version }) => {
    const { vm } = await planned(version);
    expect(checkUnit(vm.unitText, dir)).toEqual({ name: "systemd-analyze verify", ok: true, output: "" });
  });

  it("catches a misspelt state directory key (the check can fail)", async () => {
    const { vm } = await planned("1.13.1");
    const result = checkUnit(vm.unitText.replace("StateDirectoryMode=", "StateDirectoryMod="), dir);
    expect(result.ok).toBe(false);
    expect(result.output).toContain("Unknown key 'StateDirectoryMod' in section [Service], ignoring.");
  });
});

tool("cloud-init")("cloud-init schema of each line's user-data", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "vm-lines-cloud-init-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each(LINES)("accepts the $version user-data", async ({ version }) => {
    const { userData } = await planned(version);
    expect(checkUserData(userData, dir)).toEqual({
      name: "cloud-init schema",
      ok: true,
      output: `Valid cloud-config: ${join(dir, "user-data.yaml")}`,
    });
  });
});
