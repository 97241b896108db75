import { isDataContainer, productionResourcesProtected } from "../policy/production";
import { runPolicy, UNKNOWN_STRING, violationsOf } from "./policy-harness";

const PROD = { config: { production: true } };
const FIX =
  "is not protected; production stacks must set the resource option protect: true on it " +
  "(retainOnDelete is not visible to policy packs, so it does not satisfy this rule).";

/** [type token, props, resource name] of every kind of resource the policy guards. */
const GUARDED: [string, Record<string, unknown>, string, string][] = [
  ["azuread:index/application:Application", { displayName: "OpenMetadata" }, "om-spa", "Application"],
  ["docker:index/volume:Volume", {}, "om-db-data", "Volume"],
  [
    "docker:index/container:Container",
    { image: "docker.getcollate.io/openmetadata/db:1.8.12" },
    "om-db",
    "Container",
  ],
  [
    "docker:index/container:Container",
    { image: "opensearchproject/opensearch:2.19.1" },
    "search",
    "Container",
  ],
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

  it("recognises a database container by its name when the image is an unknown image ID", () => {
    const props = { image: UNKNOWN_STRING, name: "openmetadata_mysql" };
    const outcome = runPolicy(productionResourcesProtected, "docker:index/container:Container", props, {
      name: "db",
      ...PROD,
    });
    expect(outcome).toEqual({ violations: [`Container "db" ${FIX}`], notApplicable: [], unknown: [] });
  });

  it("declares production with default false", () => {
    expect(productionResourcesProtected.configSchema?.properties.production).toMatchObject({
      type: "boolean",
      default: false,
    });
  });
});

describe("isDataContainer", () => {
  it("matches database and search images", () => {
    expect(isDataContainer("docker.getcollate.io/openmetadata/postgresql:1.8.12", [])).toBe(true);
    expect(isDataContainer("docker.elastic.co/elasticsearch/elasticsearch:8.11.4", [])).toBe(true);
    expect(isDataContainer("sha256:0123abcd", ["om-server"])).toBe(false);
    expect(isDataContainer(undefined, [undefined, "om-postgres"])).toBe(true);
  });
});
