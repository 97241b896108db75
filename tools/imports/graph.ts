/**
 * The project's import graph from its TypeScript sources (static imports, re-exports and `require` calls with
 * relative paths, type-only imports included): a type cycle is still a cycle for a reader. Used by a test that
 * keeps the graph acyclic and the directions of docs/ARCHITECTURE.md.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const SPEC =
  /(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|import\s*["']([^"']+)["']|require\(\s*["']([^"']+)["']\s*\)|import\(\s*["']([^"']+)["']\s*\)/g;

/** Files (relative to `root`) → the project files they import. */
export type ImportGraph = Map<string, string[]>;

/** Files → the project files they load at run time (`import type` / `export type` left out). */
export type RuntimeGraph = ImportGraph;

function sources(root: string, dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, dir))) {
    const path = join(dir, entry);
    if (statSync(join(root, path)).isDirectory()) out.push(...sources(root, path));
    else if (path.endsWith(".ts") && !path.endsWith(".d.ts")) out.push(path);
  }
  return out;
}

function resolveSpec(root: string, from: string, spec: string): string | undefined {
  if (!spec.startsWith(".")) return undefined;
  const base = resolve(root, dirname(from), spec);
  for (const candidate of [`${base}.ts`, join(base, "index.ts"), base])
    if (existsSync(candidate) && statSync(candidate).isFile()) return relative(root, candidate);
  return undefined;
}

/**
 * The graph of every .ts file under `dirs` (and the single files in `dirs` that end in .ts): `all` with type-only
 * imports, `runtime` without them.
 */
export function importGraphs(
  root: string,
  dirs: readonly string[],
): { all: ImportGraph; runtime: RuntimeGraph } {
  const files = dirs.flatMap((d) => (d.endsWith(".ts") ? [d] : sources(root, d)));
  const all: ImportGraph = new Map();
  const runtime: RuntimeGraph = new Map();
  for (const file of files) {
    const text = readFileSync(join(root, file), "utf8");
    const targets = new Set<string>();
    const loaded = new Set<string>();
    for (const m of text.matchAll(SPEC)) {
      const spec = m[1] ?? m[2] ?? m[3] ?? m[4];
      const target = resolveSpec(root, file, spec);
      if (!target) continue;
      targets.add(target);
      if (!/^(import|export)\s+type\s/.test(m[0]) && !m[0].startsWith("typeof")) loaded.add(target);
    }
    all.set(file, [...targets].sort());
    runtime.set(file, [...loaded].sort());
  }
  return { all, runtime };
}

/** The graph with type-only imports. */
export function importGraph(root: string, dirs: readonly string[]): ImportGraph {
  return importGraphs(root, dirs).all;
}

/** Every cycle (as a path that returns to its start), found by depth-first search; empty when acyclic. */
export function cycles(graph: ImportGraph): string[][] {
  const found: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string): void => {
    state.set(node, "open");
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === "open") found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, "done");
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return found;
}
