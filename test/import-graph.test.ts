import { join } from "node:path";
import { readFileSync } from "node:fs";
import { cycles, importGraphs, type ImportGraph } from "../tools/imports/graph";

const ROOT = join(__dirname, "..");
const { all: graph, runtime } = importGraphs(ROOT, ["index.ts", "components", "config", "targets", "tools"]);

describe("the import graph", () => {
  it("finds a cycle when there is one (the check can fail)", () => {
    const g: ImportGraph = new Map([
      ["a.ts", ["b.ts"]],
      ["b.ts", ["c.ts"]],
      ["c.ts", ["a.ts"]],
      ["d.ts", ["a.ts"]],
    ]);
    expect(cycles(g)).toEqual([["a.ts", "b.ts", "c.ts", "a.ts"]]);
  });

  it("reads type-only imports, re-exports and requires", () => {
    expect(graph.get("targets/index.ts")).toEqual(
      expect.arrayContaining(["targets/docker/deploy.ts", "targets/registry.ts", "targets/context.ts"]),
    );
    expect(graph.get("components/index.ts")).toEqual(expect.arrayContaining(["components/problems.ts"]));
  });

  it("has no cycles, type-only imports included", () => {
    expect(cycles(graph)).toEqual([]);
  });

  it("flows down: components never import config/ or targets/, targets never import the config module's entry", () => {
    const upward = [...graph].flatMap(([file, imports]) =>
      imports
        .filter(
          (target) =>
            (file.startsWith("components/") && /^(config|targets)\//.test(target)) ||
            (file.startsWith("targets/") && (target === "config/index.ts" || target === "config/load.ts")),
        )
        .map((target) => `${file} → ${target}`),
    );
    expect(upward).toEqual([]);
  });

  it("keeps the SDK out of the pure modules: config, the SSO model, forms, releases and every validate.ts", () => {
    const pure = [...graph.keys()].filter((f) =>
      /^(config\/(?!load|source)|components\/openmetadata\/sso\/|components\/(forms|problems)\.ts|components\/openmetadata\/(releases|urls|data-services)\.ts|components\/\w+\/(validate|args)\.ts|targets\/(registry|context)\.ts|targets\/\w+\/(config|keys)\.ts)/.test(
        f,
      ),
    );
    // Everything a pure module loads, transitively, must be pure too (no file that loads an SDK at run time).
    const sdk =
      /from\s+["']@pulumi\/(?!pulumi["'])|import\s+\*\s+as\s+\w+\s+from\s+["']@pulumi\/pulumi["']|require\(["']@pulumi/;
    const loadsSdk = (file: string) => sdk.test(readFileSync(join(ROOT, file), "utf8"));
    const reach = (file: string, seen = new Set<string>()): Set<string> => {
      if (seen.has(file)) return seen;
      seen.add(file);
      for (const next of runtime.get(file) ?? []) reach(next, seen);
      return seen;
    };
    const offenders = pure.flatMap((file) =>
      [...reach(file)].filter(loadsSdk).map((dep) => `${file} → ${dep}`),
    );
    expect(pure.length).toBeGreaterThan(20);
    expect(offenders).toEqual([]);
  });
});
