import { isDataVolume, productionResourcesProtected } from "../policy/production";
import { runPolicy, UNKNOWN_STRING, violationsOf } from "./policy-harness";

const PROD = { config: { production: true } };
const FIX =
  "is not protected; production stacks must set the resource option protect: true on it " +
  "(retainOnDelete is not visible to policy packs, so it does not satisfy this rule).";

/** [type token, props, resource name] of every kind of resource the policy guards. */
const GUARDED: [string, Record<string, unknown>, string, string][] = [
  ["azuread:index/application:Application", { displayName: "OpenMetadata" }, "om-spa", "Application"],
  ["docker:index/volume:Volume", { name: "openmetadata-mysql-data" }, "om-db-data", "Volume"],
  ["docker:index/volume:Volume", { name: "om-opensearch-data" }, "om-search-data", "Volume"],
  ["docker:index/volume:Volume", { name: UNKNOWN_STRING }, "om-volume-in-preview", "Volume"],
  ["kubernetes:core/v1:Namespace", { metadata: { name: "om" } }, "om-namespace", "Namespace"],
  ["kubernetes:helm.sh/v3:Release", { chart: "open-metadata/openmetadata-dependencies" }, "deps", "Release"],
  ["kubernetes:core/v1:PersistentVolumeClaim", { spec: {} }, "dags", "PersistentVolumeClaim"],
];

describe("production-resources-protected", () => {
  it.each(GUARDED)("reports an unprotected %s in production", (type, props, name, kind) => {
    expect(violationsOf(productionResourcesProtected, type, props, { name, ...PROD })).toEqual([
      `${kind} "${name}" ${FIX}`,
    ]);
  });

  it.each(GUARDED)("accepts a protected %s in production", (type, props, name) => {
    expect(
      violationsOf(productionResourcesProtected, type, props, { name, opts: { protect: true }, ...PROD }),
    ).toEqual([]);
  });

  it.each(GUARDED)("ignores an unprotected %s outside production (default config)", (type, props, name) => {
    expect(violationsOf(productionResourcesProtected, type, props, { name })).toEqual([]);
    expect(
      violationsOf(productionResourcesProtected, type, props, { name, config: { production: false } }),
    ).toEqual([]);
  });

  it("ignores stateless resources in production", () => {
    const server = { image: "docker.getcollate.io/openmetadata/server:1.8.12", name: "openmetadata-server" };
    expect(
      violationsOf(productionResourcesProtected, "docker:index/container:Container", server, PROD),
    ).toEqual([]);
    const app = { chart: "open-metadata/openmetadata" };
    expect(violationsOf(productionResourcesProtected, "kubernetes:helm.sh/v3:Release", app, PROD)).toEqual(
      [],
    );
    expect(violationsOf(productionResourcesProtected, "docker:index/network:Network", {}, PROD)).toEqual([]);
  });

  it("does not ask for protected containers: their data is in volumes, and an upgrade replaces them", () => {
    for (const image of [
      "docker.getcollate.io/openmetadata/db:1.8.12",
      "opensearchproject/opensearch:2.19.1",
    ])
      expect(
        violationsOf(productionResourcesProtected, "docker:index/container:Container", { image }, PROD),
      ).toEqual([]);
  });

  it("leaves Airflow's working volumes alone (generated DAGs and tmp are not data)", () => {
    const outcome = runPolicy(
      productionResourcesProtected,
      "docker:index/volume:Volume",
      { name: "openmetadata-ingestion-tmp" },
      { name: "om-ingestion-tmp", ...PROD },
    );
    expect(outcome.violations).toEqual([]);
  });

  it("declares production with default false", () => {
    expect(productionResourcesProtected.configSchema?.properties.production).toMatchObject({
      type: "boolean",
      default: false,
    });
  });
});

describe("isDataVolume", () => {
  it("matches the volumes named after the data they hold", () => {
    expect(isDataVolume("openmetadata-mysql-data")).toBe(true);
    expect(isDataVolume("om-postgresql-data")).toBe(true);
    expect(isDataVolume("om-elasticsearch-data")).toBe(true);
    expect(isDataVolume("om-opensearch-data")).toBe(true);
    expect(isDataVolume("om-ingestion-dags")).toBe(false);
    expect(isDataVolume(undefined)).toBe(false);
  });
});
