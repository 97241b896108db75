/**
 * A change of openmetadataVersion on the Docker target is an in-place upgrade: two offline plans of the real
 * program, one per version, keep every stateful resource (volumes, generated credentials and keys) with the same
 * name, inputs and options, delete nothing, create only what the newer line adds, and rerun the migration (its
 * Docker name carries the version) before the new server. The version guard the plans carry lets an upgrade
 * through and refuses a downgrade (its update script run for real with sh).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { plan, REPO_ROOT } from "../tools/plan/plan";
import type { PlanDocument } from "../tools/plan/report";

type PlannedResource = PlanDocument["resources"][number];

const DEV = readFileSync(join(REPO_ROOT, "stacks", "Pulumi.dev.yaml"), "utf8");
const LINES = ["1.8.12", "1.9.17", "1.10.14", "1.11.13", "1.12.12", "1.13.1"];

/** The dev stack (bundled MySQL, Elasticsearch, Airflow) at `version`. */
async function planAt(version: string): Promise<PlanDocument> {
  const file = join(mkdtempSync(join(tmpdir(), "docker-upgrade-")), "Pulumi.case.yaml");
  writeFileSync(
    file,
    DEV.replace(/^ {2}openmetadata-entra:openmetadataVersion:.*\n/m, "").concat(
      `  openmetadata-entra:openmetadataVersion: ${version}\n`,
    ),
  );
  return (await plan({ stack: "dev", stackFile: file })).plan;
}

const STATEFUL = new Set([
  "docker:index/volume:Volume",
  "random:index/randomPassword:RandomPassword",
  "random:index/randomBytes:RandomBytes",
  "random:index/randomUuid:RandomUuid",
]);
const id = (r: PlannedResource) => `${r.type} ${r.name}`;
const named = (doc: PlanDocument, name: string) => {
  const found = doc.resources.find((r) => r.name === name);
  if (!found) throw new Error(`no ${name}`);
  return found;
};
const line = (version: string) => version.split(".").slice(0, 2).join(".");

/** What a newer line may add to an older line's deployment (created, never replacing anything). */
const ADDED_BY_LINE: Record<string, string[]> = {
  // 1.10: the server stores its SSO settings; the stack's reset and its state.
  "1.10": [
    "docker:index/container:Container openmetadata-sso-reset",
    "docker:index/container:Container openmetadata-sso-state-init",
    "docker:index/volume:Volume openmetadata-sso-state",
    "random:index/randomUuid:RandomUuid openmetadata-sso-epoch",
  ],
  // 1.11: Airflow 3 signs its components' calls with a JWT secret.
  "1.11": ["random:index/randomPassword:RandomPassword openmetadata-airflow-jwt-secret"],
};
const addedBetween = (from: string, to: string) =>
  Object.entries(ADDED_BY_LINE)
    .filter(([l]) => Number(l.split(".")[1]) > Number(line(from).split(".")[1]))
    .filter(([l]) => Number(l.split(".")[1]) <= Number(line(to).split(".")[1]))
    .flatMap(([, ids]) => ids)
    .sort();

const plans = new Map<string, PlanDocument>();
beforeAll(async () => {
  for (const v of LINES) plans.set(v, await planAt(v));
}, 120_000);

const pairs: [string, string][] = [
  ...LINES.slice(1).map((to, i): [string, string] => [LINES[i], to]),
  ["1.8.12", "1.13.1"],
];

describe.each(pairs)("upgrading the Docker target from %s to %s", (from, to) => {
  let a: PlanDocument;
  let b: PlanDocument;
  beforeAll(() => {
    [a, b] = [plans.get(from)!, plans.get(to)!];
  });

  it("keeps every stateful resource: same name, inputs and options", () => {
    const stateful = a.resources.filter((r) => STATEFUL.has(r.type));
    expect(stateful.length).toBeGreaterThan(8);
    for (const r of stateful) {
      const same = b.resources.find((s) => id(s) === id(r));
      expect([id(r), same?.inputs, same?.options.protect, same?.options.retainOnDelete]).toEqual([
        id(r),
        r.inputs,
        r.options.protect,
        r.options.retainOnDelete,
      ]);
    }
    expect(named(b, "openmetadata-db-data").inputs.name).toBe("openmetadata-mysql-data");
    expect(named(b, "openmetadata-search-data").inputs.name).toBe("openmetadata-elasticsearch-data");
  });

  it("deletes nothing and creates only what the newer line adds", () => {
    const before = new Set(a.resources.map(id));
    const after = new Set(b.resources.map(id));
    expect([...before].filter((r) => !after.has(r))).toEqual([]);
    expect([...after].filter((r) => !before.has(r)).sort()).toEqual(addedBetween(from, to));
  });

  it("reruns the migration under the new version's name before the new server, all after the guard", () => {
    expect([
      named(a, "openmetadata-migrate").inputs.name,
      named(b, "openmetadata-migrate").inputs.name,
    ]).toEqual([`openmetadata-migrate-${from}`, `openmetadata-migrate-${to}`]);
    expect(named(b, "openmetadata-server").inputs.name).toBe("openmetadata-server");
    expect(named(b, "openmetadata-server").waitsFor).toContain(
      b.resources.some((r) => r.name === "openmetadata-sso-reset")
        ? "openmetadata-sso-reset"
        : "openmetadata-migrate",
    );
    expect(named(b, "openmetadata-migrate").options.dependsOn).toEqual([
      "openmetadata-database",
      "openmetadata-search",
      "openmetadata-version-guard",
    ]);
    // The versioned images change (the fake image IDs do not, so the pulled references are compared).
    for (const image of ["database", "server", "ingestion"])
      expect([a, b].map((doc) => named(doc, `openmetadata-${image}-image`).inputs.name)).toEqual([
        `docker.getcollate.io/openmetadata/${image === "database" ? "db" : image}:${from}`,
        `docker.getcollate.io/openmetadata/${image === "database" ? "db" : image}:${to}`,
      ]);
    for (const r of b.resources.filter((r) => r.type === "docker:index/container:Container")) {
      expect([r.name, r.options.dependsOn.includes("openmetadata-version-guard")]).toEqual([r.name, true]);
      expect([r.name, r.options.protect, r.options.deleteBeforeReplace]).toEqual([r.name, false, true]);
    }
  });

  it("records the new version in the guard, which lets the upgrade through and refuses the way back", () => {
    const guard = (doc: PlanDocument) =>
      named(doc, "openmetadata-version-guard").inputs as Record<string, string>;
    const run = (script: string, deployed: string) =>
      spawnSync("/bin/sh", ["-c", script], {
        encoding: "utf8",
        env: { PATH: process.env.PATH ?? "/usr/bin:/bin", PULUMI_COMMAND_STDOUT: deployed },
      });
    const upgrade = run(guard(b).update, from);
    expect([upgrade.status, upgrade.stdout]).toEqual([0, to]);
    const downgrade = run(guard(a).update, to);
    expect(downgrade.status).toBe(1);
    expect(downgrade.stderr).toContain(`openmetadataVersion ${from} is older than the deployed ${to}`);
  });
});
