/**
 * Data-safety property: for random valid changes of SSO-only settings, every stateful resource (volumes,
 * database/search containers, the dependency release, namespaces, generated credentials and the secrets that
 * hold data credentials) keeps its name, inputs and options between the two plans, on every target.
 */
import fc from "fast-check";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { plan } from "../tools/plan/plan";
import type { PlanResource } from "../tools/plan/report";

const P = "openmetadata-entra";
const STACKS = ["dev", "staging", "prod"];
const dir = mkdtempSync(join(tmpdir(), "data-safety-"));

function isStateful(r: PlanResource): boolean {
  switch (r.type) {
    case "docker:index/volume:Volume":
      // The data volumes (`<prefix>-<engine>-data`) and Airflow's working volumes alike.
      return true;
    case "kubernetes:core/v1:Namespace":
    case "kubernetes:core/v1:PersistentVolumeClaim":
      return true;
    case "docker:index/container:Container":
      return /-(database|search)$/.test(r.name);
    case "kubernetes:helm.sh/v3:Release":
      return r.inputs.chart === "openmetadata-dependencies";
    case "kubernetes:core/v1:Secret":
      // Data credentials; the OIDC and JWT-key secrets are SSO settings and may change.
      return !/-(oidc|jwt-keys)-secret$/.test(r.name);
    default:
      return r.type.startsWith("random:");
  }
}

/**
 * Where each stack keeps its data, by the name that holds it: a Docker volume's own name (the engine's,
 * `<prefix>-<engine>-data`), else the Pulumi name.
 */
const DATA: Record<string, string[]> = {
  dev: ["openmetadata-mysql-data", "openmetadata-elasticsearch-data", "openmetadata-fernet-key"],
  staging: ["openmetadata-fernet-key"],
  prod: ["openmetadata-namespace", "openmetadata-fernet-key", "openmetadata-mysql-secret"],
};
const dataName = (r: Pick<PlanResource, "type" | "name" | "inputs">): string =>
  r.type === "docker:index/volume:Volume" ? String(r.inputs.name) : r.name;

function stateful(resources: PlanResource[]) {
  return resources
    .filter(isStateful)
    .map(({ type, name, inputs, options }) => ({ type, name, inputs, options }));
}

function stackFileConfig(stack: string): Record<string, unknown> {
  return parse(readFileSync(join(__dirname, "..", "stacks", `Pulumi.${stack}.yaml`), "utf8")).config;
}

const userName = fc.stringMatching(/^[a-z][a-z0-9._-]{0,10}$/);
const label = fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/);
const ssoChange = (production: boolean) =>
  fc.record({
    adminPrincipals: fc.array(userName, { minLength: 1, maxLength: 3 }),
    principalDomain: fc.tuple(label, fc.constantFrom("com", "org", "io")).map(([l, t]) => `${l}.${t}`),
    enforcePrincipalDomain: fc.boolean(),
    jwtPrincipalClaims: fc.subarray(["email", "preferred_username", "sub", "upn"], { minLength: 1 }),
    enableSelfSignup: fc.boolean(),
    entraClientType: fc.constantFrom("public", "confidential"),
    entraExtraRedirectUris: production
      ? fc.constant([])
      : fc.array(
          fc.integer({ min: 3000, max: 3999 }).map((p) => `http://localhost:${p}/callback`),
          { maxLength: 2 },
        ),
  });

describe.each(STACKS)("stack %s", (stack) => {
  const base = stackFileConfig(stack);
  const production = base[`${P}:production`] === true;
  let baseline: ReturnType<typeof stateful>;

  beforeAll(async () => {
    baseline = stateful((await plan({ stack, showSecrets: true })).plan.resources);
  });

  it("has the stateful resources its target keeps data in, so the property below cannot pass vacuously", () => {
    const kinds = [...new Set(baseline.map((r) => r.type))].sort();
    // The VM target keeps no database or search data itself: they run outside the component (on the VM or
    // managed). What it does keep is its generated Fernet key, which encrypts the stored connection secrets.
    // Deleting it never touches data, which vm-plan.test.ts asserts on the delete scripts.
    const expected: Record<string, string[]> = {
      dev: [
        "docker:index/container:Container",
        "docker:index/volume:Volume",
        "random:index/randomBytes:RandomBytes",
        "random:index/randomPassword:RandomPassword",
        // The SSO state volume's epoch: a new one only when the stack takes the SSO settings back from the UI.
        "random:index/randomUuid:RandomUuid",
      ],
      prod: [
        "kubernetes:core/v1:Namespace",
        "kubernetes:core/v1:Secret",
        "random:index/randomBytes:RandomBytes",
      ],
      staging: ["random:index/randomBytes:RandomBytes"],
    };
    expect(kinds).toEqual(expected[stack]);
    expect(baseline.length).toBeGreaterThanOrEqual(stack === "staging" ? 1 : 4);
    // The data itself is among them, protected by default: Docker's data volumes are named after their engine.
    expect(
      baseline
        .filter((r) => DATA[stack].includes(dataName(r)))
        .map((r) => [dataName(r), r.options.protect])
        .sort(),
    ).toEqual(DATA[stack].map((name) => [name, true]).sort());
  });

  it("keeps every stateful resource unchanged when only SSO settings change", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(ssoChange(production), async (change) => {
        const config = { ...base };
        for (const [key, value] of Object.entries(change)) config[`${P}:${key}`] = value;
        const file = join(dir, `Pulumi.${stack}-${run++}.yaml`);
        writeFileSync(file, stringify({ config }));
        const changed = await plan({ stack, stackFile: file, showSecrets: true });
        expect(stateful(changed.plan.resources)).toEqual(baseline);
      }),
      { numRuns: 4 },
    );
  });
});
