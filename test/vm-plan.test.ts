import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
      "openmetadata-jwt-keys",
      "openmetadata-prepare",
      "openmetadata-restart",
      "openmetadata-unit",
    ]);
    const create = byName(resources, "openmetadata-env").inputs.create as string;
    const tenant = doc.outputs.tenantId as string;
    expect(create).toContain(`AUTHENTICATION_AUTHORITY=https://login.microsoftonline.com/${tenant}\n`);
    expect(create).toContain(`AUTHENTICATION_CLIENT_ID=${doc.outputs.clientId as string}\n`);
    expect(create).toContain(
      "AUTHENTICATION_CALLBACK_URL=https://openmetadata.staging.example.com/callback\n",
    );
    expect(create).toContain("AUTHORIZER_ADMIN_PRINCIPALS=[jane.doe]\n");
    expect(byName(resources, "openmetadata-env").inputs.stdin).toBe("[secret]");
    expect(doc.outputs.userData).toBe("[secret]");
    expect(doc.outputs.target).toBe("vm");
  });

  it("masks every fake secret unless --show-secrets", async () => {
    const masked = JSON.stringify((await plan({ stack: "staging" })).plan);
    for (const s of ["fake-secret-", "fake-password-", "PRIVATE KEY", "MIIEv"])
      expect(masked).not.toContain(s);
    const shown = JSON.stringify((await plan({ stack: "staging", showSecrets: true })).plan);
    expect(shown).toContain("DB_USER_PASSWORD=fake-secret-vmDatabasePassword");
  });

  it("changes only the env writer's visible inputs when only SSO settings change", async () => {
    const other = stackFile(STAGING.replace("    - jane.doe", "    - john.smith"));
    const a = (await plan({ stack: "staging" })).plan.resources as Resource[];
    const b = (await plan({ stack: "staging", stackFile: other })).plan.resources as Resource[];
    const changed = commands(a)
      .filter((r) => JSON.stringify(r.inputs) !== JSON.stringify(byName(b, r.name).inputs))
      .map((r) => r.name);
    // The restart's env trigger is a secret hash, shown masked in both plans; its clear value is tested per component.
    expect(changed).toEqual(["openmetadata-env"]);
  });

  it("keeps data when deleted: the delete scripts remove only the env file, the key files and the unit", async () => {
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
      "openmetadata-unit",
    ]);
    expect(removed).toEqual([
      "/etc/openmetadata/jwtkeys/private_key.der",
      "/etc/openmetadata/jwtkeys/public_key.der",
      "/etc/openmetadata/openmetadata.env",
      "/etc/openmetadata/openmetadata.env.bak",
      "/etc/openmetadata/openmetadata.env.new",
      "/etc/systemd/system/openmetadata.service",
    ]);
    expect(Object.values(deletes).join("\n")).not.toMatch(/rm -r|rmdir|\/opt\/openmetadata|DROP|mysql|psql/);
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
  it("passes cloud-init schema, systemd-analyze verify and sh -n", async () => {
    const results = await checkStack("staging");
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(results.map((r) => r.name).slice(0, 2)).toEqual(["cloud-init schema", "systemd-analyze verify"]);
    expect(results).toHaveLength(10);
  });
});
