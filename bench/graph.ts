/**
 * Depth and width of a plan's deployment graph. A resource waits for the resources in its `waitsFor`; waiting
 * for a component means waiting for everything under it (Pulumi's rule). Depth is the number of custom
 * resources on the longest chain of waits, the floor of `pulumi up`'s wall time; width is the most custom
 * resources that can be created at the same step.
 */
import type { PlanDocument } from "../tools/plan/report";

export interface GraphShape {
  depth: number;
  width: number;
  /** One longest chain, first to last. */
  longestChain: string[];
}

export function graphShape(plan: PlanDocument): GraphShape {
  const customTypes = new Map(plan.resources.map((r) => [r.name, isCustom(r.type)]));
  const children = new Map<string, string[]>();
  for (const r of plan.resources) {
    if (r.parent) children.set(r.parent, [...(children.get(r.parent) ?? []), r.name]);
  }
  const expand = (name: string): string[] =>
    customTypes.get(name) ? [name] : (children.get(name) ?? []).flatMap(expand);
  const waits = new Map(plan.resources.map((r) => [r.name, [...new Set(r.waitsFor.flatMap(expand))]]));

  const level = new Map<string, { depth: number; chain: string[] }>();
  const visit = (name: string, seen: Set<string>): { depth: number; chain: string[] } => {
    const known = level.get(name);
    if (known) return known;
    if (seen.has(name)) throw new Error(`dependency cycle through ${name}`);
    seen.add(name);
    let best = { depth: 0, chain: [] as string[] };
    for (const dep of waits.get(name) ?? []) {
      const d = visit(dep, seen);
      if (d.depth > best.depth) best = d;
    }
    const result = { depth: best.depth + 1, chain: [...best.chain, name] };
    level.set(name, result);
    return result;
  };
  const customs = plan.resources.filter((r) => customTypes.get(r.name)).map((r) => r.name);
  const results = customs.map((n) => visit(n, new Set()));
  const deepest = results.reduce((a, b) => (b.depth > a.depth ? b : a), { depth: 0, chain: [] as string[] });
  const perLevel = new Map<number, number>();
  for (const r of results) perLevel.set(r.depth, (perLevel.get(r.depth) ?? 0) + 1);
  return { depth: deepest.depth, width: Math.max(0, ...perLevel.values()), longestChain: deepest.chain };
}

/** Component resources are registered by this program (`openmetadata-entra:`) or are SDK components. */
function isCustom(type: string): boolean {
  return !type.startsWith("openmetadata-entra:");
}
