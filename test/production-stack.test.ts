/**
 * The production stack file, broken one production rule at a time: each plan fails with exactly that rule's
 * error, naming the key.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { ConfigError } from "../config";
import { plan } from "../tools/plan/plan";

const P = "openmetadata-entra";
const PROD = parse(readFileSync(join(__dirname, "..", "stacks", "Pulumi.prod.yaml"), "utf8"))
  .config as Record<string, unknown>;
const dir = mkdtempSync(join(tmpdir(), "prod-rules-"));

async function problemsOf(changes: Record<string, unknown>): Promise<string[]> {
  const config = { ...PROD };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete config[`${P}:${key}`];
    else config[`${P}:${key}`] = value;
  }
  const file = join(dir, `Pulumi.${Object.keys(changes).join("-")}.yaml`);
  writeFileSync(file, stringify({ config }));
  try {
    await plan({ stack: "prod", stackFile: file });
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
}

it("declares itself production and plans cleanly as committed", async () => {
  expect(PROD[`${P}:production`]).toBe(true);
  expect(await problemsOf({})).toEqual([]);
});

it.each<[string, Record<string, unknown>, string]>([
  [
    "https only",
    { publicUrl: "http://localhost:8585" },
    `${P}:publicUrl: must be an https URL on a real host in production (localhost is for development)`,
  ],
  [
    "at least two owners",
    { entraOwners: ["00000000-0000-0000-0000-00000000a001"] },
    `${P}:entraOwners: must list at least two owner object IDs in production (the deployer is added to them); got 1`,
  ],
  [
    "assignment required",
    { entraAssignmentRequired: false },
    `${P}:entraAssignmentRequired: must be true in production, so only assigned users and groups sign in`,
  ],
  [
    "no development redirect URIs",
    { entraExtraRedirectUris: ["http://localhost:3000/callback"] },
    `${P}:entraExtraRedirectUris: must be empty in production (extra redirect URIs are for development)`,
  ],
])("refuses to break the rule: %s", async (_rule, changes, message) => {
  expect(await problemsOf(changes)).toEqual([message]);
});

it("protects the app registration, its service principal and every resource holding data", async () => {
  const { plan: doc } = await plan({ stack: "prod" });
  const protectedNames = doc.resources.filter((r) => r.options.protect).map((r) => r.name);
  expect(protectedNames).toEqual(expect.arrayContaining(["entra-app", "entra-sp"]));
  for (const r of doc.resources.filter(
    (r) => r.type === "kubernetes:core/v1:Namespace" || r.type.startsWith("random:"),
  ))
    expect([r.name, r.options.protect]).toEqual([r.name, true]);
});
