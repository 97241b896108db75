import { X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { VM_KEYS } from "../targets/vm/keys";
import { main } from "../tools/plan/cli";
import { plan } from "../tools/plan/plan";
import { checkStack, hasTool, vmStacks } from "../tools/vm/render-check";

const ROOT = join(__dirname, "..");
const STAGING = readFileSync(join(ROOT, "stacks", "Pulumi.staging.yaml"), "utf8");

function stackFile(yaml: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "vm-plan-")), "Pulumi.case.yaml");
  writeFileSync(path, yaml);
  return path;
}

type Resource = { type: string; name: string; inputs: Record<string, unknown> };
const commands = (resources: Resource[]) => resources.filter((r) => r.type === "command:remote:Command");
const byName = (resources: Resource[], name: string) => resources.find((r) => r.name === name)!;

describe("staging plan (vm target)", () => {
  it("shows the remote commands with the Entra settings in the env file", async () => {
    const { plan: doc } = await plan({ stack: "staging" });
    const resources = doc.resources as Resource[];
    expect(
      commands(resources)
        .map((r) => r.name)
        .sort(),
    ).toEqual([
      "openmetadata-env",
      "openmetadata-install",
      "openmetadata-jwt-keys",
      "openmetadata-prepare",
      "openmetadata-proxy",
      "openmetadata-restart",
      "openmetadata-sso-reset",
      "openmetadata-unit",
    ]);
    const create = byName(resources, "openmetadata-env").inputs.create as string;
    const tenant = doc.outputs.tenantId as string;
    // Every env file line is KEY="value" (systemd's quoting), so no value is split or expanded.
    expect(create).toContain(`\nAUTHENTICATION_AUTHORITY="https://login.microsoftonline.com/${tenant}"\n`);
    expect(create).toContain(`\nAUTHENTICATION_CLIENT_ID="${doc.outputs.clientId as string}"\n`);
    expect(create).toContain(
      '\nAUTHENTICATION_CALLBACK_URL="https://openmetadata.staging.example.com/callback"\n',
    );
    expect(create).toContain('\nAUTHORIZER_ADMIN_PRINCIPALS="[jane.doe]"\n');
    expect(byName(resources, "openmetadata-env").inputs.stdin).toBe("[secret]");
    expect(doc.outputs.userData).toBe("[secret]");
    expect(doc.outputs.target).toBe("vm");
  });

  it("masks every fake secret unless --show-secrets", async () => {
    const masked = JSON.stringify((await plan({ stack: "staging" })).plan);
    for (const s of ["fake-secret-", "fake-password-", "PRIVATE KEY", "MIIEv"])
      expect(masked).not.toContain(s);
    const shown = JSON.stringify((await plan({ stack: "staging", showSecrets: true })).plan);
    expect(shown).toContain('DB_USER_PASSWORD=\\"fake-secret-vmDatabasePassword\\"\\n');
  });

  it("changes the env file, the reset script's digest and the restart's reset trigger when only SSO settings change (1.13)", async () => {
    const other = stackFile(STAGING.replace("    - jane.doe", "    - john.smith"));
    const a = (await plan({ stack: "staging" })).plan.resources as Resource[];
    const b = (await plan({ stack: "staging", stackFile: other })).plan.resources as Resource[];
    const changed = commands(a)
      .filter((r) => JSON.stringify(r.inputs) !== JSON.stringify(byName(b, r.name).inputs))
      .map((r) => r.name);
    // The restart's env trigger is a secret hash, shown masked in both plans; the reset script's hash is not secret.
    expect(changed).toEqual(["openmetadata-env", "openmetadata-restart", "openmetadata-sso-reset"]);
    const lines = (r: Resource[]) =>
      (byName(r, "openmetadata-sso-reset").inputs.create as string).split("\n");
    const [la, lb] = [lines(a), lines(b)];
    expect(la.filter((l, i) => l !== lb[i]).map((l) => l.replace(/[0-9a-f]{16}/, "<digest>"))).toEqual([
      "digest='<digest>'",
    ]);
    const triggers = (r: Resource[]) => byName(r, "openmetadata-restart").inputs.triggers as unknown[];
    expect(triggers(a).map((t, i) => t === triggers(b)[i])).toEqual([true, true, true, true, false]);
  });

  it("keeps data when deleted: the delete scripts remove only the env file, the key files, the unit, the reset script with its record and the TLS front's files", async () => {
    const resources = (await plan({ stack: "staging" })).plan.resources as Resource[];
    const deletes = Object.fromEntries(
      commands(resources)
        .filter((r) => r.inputs.delete !== undefined)
        .map((r) => [r.name, r.inputs.delete as string]),
    );
    const removed = Object.values(deletes)
      .flatMap((script) =>
        [...script.matchAll(/rm -f ((?:'[^']*' ?)+)/g)].flatMap((m) => m[1].trim().split(" ")),
      )
      .map((q) => q.replace(/^'|'$/g, ""))
      .sort();
    expect(Object.keys(deletes).sort()).toEqual([
      "openmetadata-env",
      "openmetadata-jwt-keys",
      "openmetadata-proxy",
      "openmetadata-sso-reset",
      "openmetadata-unit",
    ]);
    expect(removed).toEqual([
      "/etc/nginx/conf.d/openmetadata.conf",
      "/etc/openmetadata/jwtkeys/private_key.der",
      "/etc/openmetadata/jwtkeys/public_key.der",
      "/etc/openmetadata/openmetadata.env",
      "/etc/openmetadata/openmetadata.env.bak",
      "/etc/openmetadata/openmetadata.env.new",
      "/etc/openmetadata/reset-security-config.sh",
      "/etc/openmetadata/reset-security-config.sh.new",
      "/etc/openmetadata/tls/fullchain.pem",
      "/etc/openmetadata/tls/privkey.pem",
      "/etc/systemd/system/openmetadata.service",
      // The reset's record only: the backups of the stored SSO settings stay.
      "/var/lib/openmetadata-entra/applied-sso-digest",
    ]);
    expect(Object.values(deletes).join("\n")).not.toMatch(
      /rm -r|rmdir|\/opt\/openmetadata|security-config-backups|DROP|mysql|psql/,
    );
  });

  it("stands in the VM's host key (and the release checksum, the TLS pair and the secrets), and lists them", async () => {
    let out = "";
    const code = await main(
      ["--stack", "staging"],
      { write: (t: string) => (out += t) },
      { write: () => true },
    );
    expect(code).toBe(0);
    expect(out.trimEnd().split("\n").at(-1)).toBe(
      "Stood in offline (secrets and values from outside the repository): " +
        [
          "vmDatabasePassword",
          "vmHostKey",
          "vmReleaseSha256",
          "vmSshPrivateKey",
          "vmTlsCertificate",
          "vmTlsPrivateKey",
        ]
          .map((k) => `openmetadata-entra:${k}`)
          .join(", "),
    );
    const shown = (await plan({ stack: "staging", showSecrets: true })).plan.resources as Resource[];
    for (const c of commands(shown))
      expect([c.name, (c.inputs.connection as { hostKey?: string }).hostKey]).toEqual([
        c.name,
        VM_KEYS.vmHostKey.offlineStandIn,
      ]);
  });

  it("stands in a TLS certificate that fits the stack (its public URL's host, valid now, the stand-in key's)", async () => {
    const shown = (await plan({ stack: "staging", showSecrets: true })).plan.resources as Resource[];
    const create = byName(shown, "openmetadata-proxy").inputs.create as string;
    const pem = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(create)?.[0] ?? "";
    const cert = new X509Certificate(pem);
    expect([cert.subjectAltName, Date.parse(cert.validTo) > Date.now()]).toEqual([
      "DNS:openmetadata.staging.example.com",
      true,
    ]);
  });

  it("checks no host key with vmInsecureSkipHostKeyCheck, and stands in none", async () => {
    const result = await plan({
      stack: "staging",
      showSecrets: true,
      stackFile: stackFile(STAGING.concat("  openmetadata-entra:vmInsecureSkipHostKeyCheck: true\n")),
    });
    expect(result.standIns).not.toContain("openmetadata-entra:vmHostKey");
    for (const c of commands(result.plan.resources as Resource[]))
      expect([c.name, "hostKey" in (c.inputs.connection as object)]).toEqual([c.name, false]);
  });

  it("checks the bastion's host key as the proxy's, standing it in until it is set", async () => {
    const key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHRlc3QtYmFzdGlvbi1rZXktZm9yLXZtLXBsYW4tdGVzdHM";
    const proxyKeys = async (extra: string) => {
      const result = await plan({
        stack: "staging",
        showSecrets: true,
        stackFile: stackFile(STAGING.concat("  openmetadata-entra:vmBastionHost: jump.example.com\n", extra)),
      });
      const keys = commands(result.plan.resources as Resource[]).map(
        (c) => (c.inputs.connection as { proxy: { host: string; hostKey: string } }).proxy,
      );
      return { standIns: result.standIns, proxies: [...new Set(keys.map((p) => `${p.host} ${p.hostKey}`))] };
    };
    const unset = await proxyKeys("");
    expect(unset.standIns).toContain("openmetadata-entra:vmBastionHostKey");
    expect(unset.proxies).toEqual([`jump.example.com ${VM_KEYS.vmBastionHostKey.offlineStandIn}`]);
    const set = await proxyKeys(`  openmetadata-entra:vmBastionHostKey: ${key}\n`);
    expect(set.standIns).not.toContain("openmetadata-entra:vmBastionHostKey");
    expect(set.proxies).toEqual([`jump.example.com ${key}`]);
  });

  it.each<[string, boolean]>([
    ["unset", true],
    ["false", true],
    ["true", false],
  ])("allowDataReplacement %s: the generated Fernet key is protected: %s", async (value, on) => {
    const line = value === "unset" ? "" : `  openmetadata-entra:allowDataReplacement: ${value}\n`;
    const doc = (await plan({ stack: "staging", stackFile: stackFile(STAGING.concat(line)) })).plan;
    expect(doc.resources.filter((r) => r.options.protect).map((r) => `${r.type} ${r.name}`)).toEqual(
      on ? ["random:index/randomBytes:RandomBytes openmetadata-fernet-key"] : [],
    );
  });

  it("lists staging as a VM stack", () => {
    expect(vmStacks(ROOT)).toEqual(["staging"]);
  });
});

const tools = hasTool("cloud-init") && hasTool("systemd-analyze") ? describe : describe.skip;
if (!(hasTool("cloud-init") && hasTool("systemd-analyze"))) {
  console.warn("skipping the real-tool check of the staging stack: apt-get install -y cloud-init systemd");
}

tools("rendered staging files through the real tools", () => {
  it("passes cloud-init schema, systemd-analyze verify, nginx -t and sh -n", async () => {
    const results = await checkStack("staging");
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(results.map((r) => r.name)).toEqual([
      "cloud-init schema",
      "systemd-analyze verify",
      "nginx -t",
      "sh -n openmetadata-env create",
      "sh -n openmetadata-env delete",
      "sh -n openmetadata-install create",
      "sh -n openmetadata-jwt-keys create",
      "sh -n openmetadata-jwt-keys delete",
      "sh -n openmetadata-prepare create",
      "sh -n openmetadata-proxy create",
      "sh -n openmetadata-proxy delete",
      "sh -n openmetadata-restart create",
      "sh -n openmetadata-sso-reset create",
      "sh -n openmetadata-sso-reset delete",
      "sh -n openmetadata-unit create",
      "sh -n openmetadata-unit delete",
    ]);
  });
});
