/**
 * `npm run bench`: measures what engineers feel every day and writes bench/results.json.
 * - offline plan wall time per stack (median of RUNS whole-process runs) against a floor measured in the same
 *   run: a node process that only loads @pulumi/pulumi and the SDKs that stack's target needs;
 * - peak memory of those runs; `npm test` wall time; node_modules size per top-level dependency;
 * - the deployment graph's depth and width per stack (from the plan's waitsFor).
 * Speed goals are read from this table, never asserted in tests.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { graphShape } from "./graph";
import { BenchResults, formatResults, StackResult, Timing, writeIntoDoc } from "./report";
import { COMMON_SDKS, TARGET_SDKS } from "./sdks";
import type { PlanDocument } from "../tools/plan/report";
import { TS_NODE_ARGS } from "../tools/ts-register";

const ROOT = join(__dirname, "..");
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const RSS_PRELOAD = join(__dirname, "max-rss.js");
const scratch = mkdtempSync(join(tmpdir(), "bench-"));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs `node <args>` RUNS times; wall time includes process start, like a user's `npm run plan`. */
function timeNode(args: string[]): Timing {
  const walls: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const rssFile = join(scratch, `rss-${i}`);
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, ["-r", RSS_PRELOAD, ...args], {
      cwd: ROOT,
      env: { ...process.env, BENCH_RSS_FILE: rssFile },
      encoding: "utf8",
    });
    walls.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (result.status !== 0) throw new Error(`node ${args.join(" ")} failed: ${result.stderr}`);
    rss.push(Number(readFileSync(rssFile, "utf8")) / 1024);
  }
  return { medianMs: Math.round(median(walls)), peakRssMiB: Math.round(Math.max(...rss)) };
}

function stacks(): string[] {
  return readdirSync(join(ROOT, "stacks"))
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => !!s)
    .sort();
}

function targetOf(stack: string): string {
  const doc = parse(readFileSync(join(ROOT, "stacks", `Pulumi.${stack}.yaml`), "utf8"));
  return doc?.config?.["openmetadata-entra:target"] ?? "none";
}

function dirSize(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, entry) => sum + dirSize(join(path, entry)), 0);
}

/** Size of each top-level dependency with everything it pulls in (shared packages count for each). */
function dependencySizes(): { name: string; mib: number }[] {
  const lock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8")) as {
    packages: Record<
      string,
      { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> }
    >;
  };
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
  const sizeOf = new Map<string, number>();
  // A package's own files, without the packages nested in its node_modules (they are counted as themselves).
  const size = (path: string): number => {
    if (!sizeOf.has(path)) {
      const dir = join(ROOT, path);
      // Optional packages for other platforms are in the lock file but not installed.
      if (!statSync(dir, { throwIfNoEntry: false })) return 0;
      const own = readdirSync(dir)
        .filter((e) => e !== "node_modules")
        .reduce((sum, e) => sum + dirSize(join(dir, e)), 0);
      sizeOf.set(path, own);
    }
    return sizeOf.get(path)!;
  };
  /** Node's lookup: the package's own node_modules, then each enclosing one, up to the root. */
  const resolve = (from: string, dep: string): string | undefined => {
    for (let base = from; ;) {
      const candidate = `${base}/node_modules/${dep}`;
      if (lock.packages[candidate]) return candidate;
      const cut = base.lastIndexOf("/node_modules/");
      if (cut < 0) return lock.packages[`node_modules/${dep}`] ? `node_modules/${dep}` : undefined;
      base = base.slice(0, cut);
    }
  };
  const closure = (start: string): number => {
    const seen = new Set<string>();
    const stack = [start];
    while (stack.length) {
      const path = stack.pop()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const entry = lock.packages[path] ?? {};
      for (const dep of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) {
        const resolved = resolve(path, dep);
        if (resolved) stack.push(resolved);
      }
    }
    return [...seen].reduce((sum, p) => sum + size(p), 0);
  };
  const names = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
  return names
    .map((name) => ({ name, mib: +(closure(`node_modules/${name}`) / 2 ** 20).toFixed(1) }))
    .sort((a, b) => b.mib - a.mib);
}

function main(): void {
  // Measure the plan as users run it after `npm run build`: compiled.
  const build = spawnSync("npm", ["run", "-s", "build"], { cwd: ROOT, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
  const rows: StackResult[] = [];
  for (const stack of stacks()) {
    const target = targetOf(stack);
    const sdks = [...COMMON_SDKS, ...(TARGET_SDKS[target] ?? [])];
    const floor = timeNode(["-e", sdks.map((s) => `require(${JSON.stringify(s)});`).join("")]);
    // `npm run plan` after `npm run build` (compiled), and straight from TypeScript (after an edit).
    const plan = timeNode(["tools/plan/launch.js", "--stack", stack, "--json"]);
    const planFromTs = timeNode([...TS_NODE_ARGS, "tools/plan/cli.ts", "--stack", stack, "--json"]);
    const json = spawnSync(
      process.execPath,
      [...TS_NODE_ARGS, "tools/plan/cli.ts", "--stack", stack, "--json"],
      {
        cwd: ROOT,
        encoding: "utf8",
        maxBuffer: 64 * 2 ** 20,
      },
    ).stdout;
    const graph = graphShape(JSON.parse(json) as PlanDocument);
    rows.push({
      stack,
      target,
      plan,
      planFromTs,
      floor,
      ratio: +(plan.medianMs / floor.medianMs).toFixed(2),
      ratioFromTs: +(planFromTs.medianMs / floor.medianMs).toFixed(2),
      graph,
    });
  }

  const testStart = process.hrtime.bigint();
  const test = spawnSync("npm", ["test", "--silent"], { cwd: ROOT, encoding: "utf8" });
  const npmTestMs = Math.round(Number(process.hrtime.bigint() - testStart) / 1e6);
  if (test.status !== 0) throw new Error(`npm test failed:\n${test.stderr}`);

  const deps = dependencySizes();
  const nodeModulesMiB = +(dirSize(join(ROOT, "node_modules")) / 2 ** 20).toFixed(1);
  const results: BenchResults = {
    date: new Date().toISOString(),
    machine: { node: process.version, cpus: cpus().length, runs: RUNS },
    stacks: rows,
    npmTestMs,
    nodeModulesMiB,
    dependencies: deps,
  };
  writeFileSync(join(__dirname, "results.json"), `${JSON.stringify(results, null, 2)}\n`);

  const markdown = formatResults(results);
  writeIntoDoc(join(ROOT, "docs", "PERFORMANCE.md"), markdown);
  process.stdout.write(`${markdown}\n`);
}

main();
