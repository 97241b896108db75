import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../tools/plan/cli";
import { plan } from "../tools/plan/plan";

class Sink {
  text = "";
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

async function runPlan(args: string[]) {
  const out = new Sink();
  const err = new Sink();
  const code = await main(args, out, err);
  return { code, out: out.text, err: err.text };
}

function stackFile(yaml: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "plan-")), "Pulumi.case.yaml");
  writeFileSync(path, yaml);
  return path;
}

const P = "openmetadata-entra";
const ROOT = join(__dirname, "..");

describe("offline plan JSON", () => {
  it("has the documented shape for dev, with the SPA redirect URI and an authority naming the tenant", async () => {
    const { code, out, err } = await runPlan(["--stack", "dev", "--json"]);
    expect(err).toBe("");
    expect(code).toBe(0);
    const plan = JSON.parse(out);
    expect(Object.keys(plan)).toEqual(["stack", "project", "resources", "outputs"]);
    expect([plan.stack, plan.project]).toEqual(["dev", P]);
    for (const r of plan.resources) {
      expect(Object.keys(r)).toEqual(["type", "name", "parent", "inputs", "options", "waitsFor"]);
      expect(Object.keys(r.options)).toEqual([
        "protect",
        "retainOnDelete",
        "dependsOn",
        "ignoreChanges",
        "deleteBeforeReplace",
        "aliases",
      ]);
    }
    const app = plan.resources.find(
      (r: { type: string }) => r.type === "azuread:index/application:Application",
    );
    expect(app.inputs.singlePageApplication.redirectUris[0]).toBe("http://localhost:8585/callback");
    expect(plan.outputs.redirectUris[0]).toBe("http://localhost:8585/callback");
    expect(plan.outputs.authority).toBe(`https://login.microsoftonline.com/${plan.outputs.tenantId}`);
  });

  it("is deterministic", async () => {
    const a = await runPlan(["--stack", "prod", "--json"]);
    const b = await runPlan(["--stack", "prod", "--json"]);
    expect(a.out).toBe(b.out);
  });

  it("masks secrets at the finest level and shows them with --show-secrets", async () => {
    const file = stackFile(
      [
        "config:",
        `  ${P}:publicUrl: https://om.example.com`,
        `  ${P}:adminPrincipals: [jane]`,
        `  ${P}:principalDomain: example.com`,
        `  ${P}:entraClientType: confidential`,
        `  ${P}:entraExistingClientId: 11111111-2222-3333-4444-555555555555`,
        `  ${P}:entraExistingTenantId: 11111111-2222-3333-4444-555555555555`,
        `  ${P}:entraExistingClientSecret:`,
        "    secure: v1:AAAAbm90LWRlY3J5cHRhYmxlLW9mZmxpbmU=",
      ].join("\n"),
    );
    const masked = await runPlan(["--stack", "case", "--stack-file", file]);
    expect(masked.code).toBe(0);
    expect(masked.out).toContain(
      `Stood in offline (secrets and values from outside the repository): ${P}:entraExistingClientSecret`,
    );
    expect(masked.out).not.toContain("fake-secret-");
  });

  it("lists every resource in a table", async () => {
    const file = stackFile(
      [
        "config:",
        `  ${P}:publicUrl: https://om.example.com`,
        `  ${P}:adminPrincipals: [jane]`,
        `  ${P}:principalDomain: example.com`,
        `  ${P}:entraClientType: confidential`,
        `  ${P}:entraAssignedGroups: [11111111-2222-3333-4444-555555555555]`,
      ].join("\n"),
    );
    const { code, out } = await runPlan(["--stack", "case", "--stack-file", file]);
    expect(code).toBe(0);
    expect(out.split("\n").slice(0, 10)).toEqual([
      `Offline plan of stack "case" (project ${P}): 7 resources`,
      "",
      // Group assignments are named by the group's object ID (issue 13), so reordering groups replaces nothing.
      "TYPE                                                   NAME                                              PARENT",
      "openmetadata-entra:entra:OpenMetadataApp               entra                                             (stack)",
      "azuread:index/application:Application                  entra-app                                         entra",
      "azuread:index/appRoleAssignment:AppRoleAssignment      entra-group-11111111-2222-3333-4444-555555555555  entra",
      "azuread:index/applicationPassword:ApplicationPassword  entra-secret                                      entra",
      "azuread:index/servicePrincipal:ServicePrincipal        entra-sp                                          entra",
      "openmetadata-entra:openmetadata:JwtKeys                openmetadata-jwt                                  (stack)",
      "tls:index/privateKey:PrivateKey                        openmetadata-jwt-rsa                              openmetadata-jwt",
    ]);
    const json = JSON.parse((await runPlan(["--stack", "case", "--stack-file", file, "--json"])).out);
    expect(
      json.resources
        .filter((r: { options: { aliases: string[] } }) => r.options.aliases.length > 0)
        .map((r: { name: string; options: { aliases: string[] } }) => [r.name, r.options.aliases]),
    ).toEqual([["entra-group-11111111-2222-3333-4444-555555555555", ["entra-group-0"]]]);
  });

  it("plans every stack file in stacks/", async () => {
    const stacks = readdirSync(join(ROOT, "stacks"))
      .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
      .filter(Boolean);
    expect(stacks.length).toBeGreaterThanOrEqual(3);
    for (const stack of stacks) expect((await runPlan(["--stack", stack!, "--json"])).code).toBe(0);
  });
});

describe("offline plan errors", () => {
  it("exits 2 with three messages for a stack file with three mistakes", async () => {
    const file = stackFile(
      [
        "config:",
        `  ${P}:publicUrl: http://om.example.com`,
        `  ${P}:adminPrincipals: []`,
        `  ${P}:principalDomain: example.com`,
        `  ${P}:entraClientType: implicit`,
      ].join("\n"),
    );
    const { code, out, err } = await runPlan(["--stack", "case", "--stack-file", file]);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err.trimEnd().split("\n")).toEqual([
      "Invalid stack config (3 problems):",
      `  ${P}:entraClientType: must be one of public, confidential; got "implicit"`,
      `  ${P}:publicUrl: must be https://host[:port][/base-path] (a DNS name or IPv4 address; http only for localhost or 127.0.0.1), without credentials, query or fragment; got "http://om.example.com"`,
      `  ${P}:adminPrincipals: must name at least one admin user name (the part before @ of their email)`,
    ]);
  });

  it("exits 2 naming k8sNamespace for a namespace the component would refuse", async () => {
    const file = stackFile(
      [
        "config:",
        `  ${P}:publicUrl: https://om.example.com`,
        `  ${P}:adminPrincipals: [jane]`,
        `  ${P}:principalDomain: example.com`,
        `  ${P}:target: kubernetes`,
        `  ${P}:k8sContext: offline-plan`,
        `  ${P}:k8sCertManagerIssuer: letsencrypt`,
        `  ${P}:k8sNamespace: om.prod`,
      ].join("\n"),
    );
    const { code, out, err } = await runPlan(["--stack", "case", "--stack-file", file]);
    expect([code, out]).toEqual([2, ""]);
    expect(err.trimEnd().split("\n")).toEqual([
      "Invalid stack config (1 problem):",
      `  ${P}:k8sNamespace: must be a DNS label: lower-case letters, digits and inner hyphens, at most 63 characters; got "om.prod"`,
    ]);
  });

  it.each([
    [[], "--stack is required"],
    [["--stack", "dev", "--bogus"], "Unknown option '--bogus'"],
    [["--stack", "nope"], "no stack file"],
  ])("exits 2 for usage errors: %j", async (args, message) => {
    const { code, err } = await runPlan(args as string[]);
    expect(code).toBe(2);
    expect(err).toContain(message);
  });

  it("exits 2 without a stack trace as a real process (npm run plan)", () => {
    const file = stackFile(`config:\n  ${P}:publicUrl: nope\n`);
    const result = spawnSync("npm", ["run", "-s", "plan", "--", "--stack", "x", "--stack-file", file], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`${P}:publicUrl: must be https://`);
    expect(result.stderr).toContain(`${P}:adminPrincipals: is required`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe("");
  });
});

describe("offline plan: given secrets (PlanOptions.secrets, test-only)", () => {
  const GIVEN = "e2e-given-database-password-7f3a";
  const shape = (doc: { resources: Array<{ type: string; name: string }>; outputs: object }) => ({
    keys: Object.keys(doc),
    resources: doc.resources.map((r) => `${r.type} ${r.name}`),
    outputs: Object.keys(doc.outputs),
  });

  it("uses a given value for an unset secret, shows it with showSecrets and masks it without", async () => {
    const fakes = await plan({ stack: "staging", showSecrets: true });
    const shown = await plan({ stack: "staging", showSecrets: true, secrets: { vmDatabasePassword: GIVEN } });
    const masked = await plan({ stack: "staging", secrets: { vmDatabasePassword: GIVEN } });
    expect(JSON.stringify(fakes.plan)).not.toContain(GIVEN);
    expect(JSON.stringify(shown.plan)).toContain(GIVEN);
    expect(JSON.stringify(shown.plan)).not.toContain("fake-secret-vmDatabasePassword");
    expect(JSON.stringify(masked.plan)).not.toContain(GIVEN);
    expect(JSON.stringify(masked.plan)).toContain('"[secret]"');
    // Not a stand-in any more; the others still are. The document keeps its shape.
    expect(fakes.standIns).toContain(`${P}:vmDatabasePassword`);
    expect(shown.standIns).toEqual(fakes.standIns.filter((k) => k !== `${P}:vmDatabasePassword`));
    expect(shape(shown.plan)).toEqual(shape(fakes.plan));
    expect(shape(masked.plan)).toEqual(shape(fakes.plan));
  });

  it("uses a given value instead of the fake for a secure: value of the stack file", async () => {
    const file = stackFile(
      readFileSync(join(ROOT, "stacks", "Pulumi.staging.yaml"), "utf8") +
        `  ${P}:vmDatabasePassword:\n    secure: v1:AAAAbm90LWRlY3J5cHRhYmxlLW9mZmxpbmU=\n`,
    );
    const fakes = await plan({ stack: "case", stackFile: file, showSecrets: true });
    const shown = await plan({
      stack: "case",
      stackFile: file,
      showSecrets: true,
      secrets: { vmDatabasePassword: GIVEN },
    });
    const masked = await plan({ stack: "case", stackFile: file, secrets: { vmDatabasePassword: GIVEN } });
    expect(JSON.stringify(fakes.plan)).toContain("fake-secret-vmDatabasePassword");
    expect(JSON.stringify(shown.plan)).toContain(GIVEN);
    expect(JSON.stringify(shown.plan)).not.toContain("fake-secret-vmDatabasePassword");
    expect(JSON.stringify(masked.plan)).not.toContain(GIVEN);
    expect(shown.standIns).toEqual(fakes.standIns.filter((k) => k !== `${P}:vmDatabasePassword`));
  });

  it.each([
    [{ publicUrl: "https://om.example.com" }, "publicUrl is not a secret config key"],
    [{ noSuchKey: "x" }, "noSuchKey is not a secret config key"],
    [{ [`${P}:vmDatabasePassword`]: GIVEN }, "is not a secret config key (give bare key names)"],
  ])("refuses %j", async (secrets, message) => {
    await expect(plan({ stack: "staging", secrets })).rejects.toThrow(message);
  });

  it("refuses a given secret that the stack file sets in plain text", async () => {
    const file = stackFile(`config:\n  ${P}:vmDatabasePassword: plain\n`);
    await expect(
      plan({ stack: "case", stackFile: file, secrets: { vmDatabasePassword: GIVEN } }),
    ).rejects.toThrow(`the stack file sets ${P}:vmDatabasePassword in plain text`);
  });

  it("is no CLI flag", async () => {
    const { code, err } = await runPlan(["--stack", "staging", "--secrets", "{}"]);
    expect(code).toBe(2);
    expect(err).toContain("Unknown option '--secrets'");
  });
});
