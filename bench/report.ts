/**
 * Turns bench/results.json into the Markdown that docs/PERFORMANCE.md carries between its bench markers, with
 * each goal of the performance issue checked against the measurement.
 */
import { readFileSync, writeFileSync } from "node:fs";
import type { GraphShape } from "./graph";

export interface Timing {
  medianMs: number;
  peakRssMiB: number;
}

export interface StackResult {
  stack: string;
  target: string;
  floor: Timing;
  plan: Timing;
  planFromTs: Timing;
  ratio: number;
  ratioFromTs: number;
  graph: GraphShape;
}

export interface BenchResults {
  date: string;
  machine: { node: string; cpus: number; runs: number };
  stacks: StackResult[];
  npmTestMs: number;
  nodeModulesMiB: number;
  dependencies: { name: string; mib: number }[];
}

/** The goals of the performance issue. */
export const GOALS = {
  planRatio: 1.3,
  npmTestSeconds: 15,
  graphDepth: { docker: 4, kubernetes: 4, vm: 3 } as Record<string, number>,
  /** 250 MB, in MiB as measured. */
  nodeModulesMiB: (250 * 1e6) / 2 ** 20,
};

const BEGIN = "<!-- bench:begin (written by npm run bench) -->";
const END = "<!-- bench:end -->";

const met = (ok: boolean) => (ok ? "met" : "not met");

export function formatResults(r: BenchResults): string {
  const worstRatio = Math.max(...r.stacks.map((s) => s.ratio));
  const depthOk = r.stacks.every((s) => s.graph.depth <= (GOALS.graphDepth[s.target] ?? Infinity));
  return [
    `Measured on ${r.date.slice(0, 10)}: Node ${r.machine.node}, ${r.machine.cpus} cores, median of ${r.machine.runs} runs.`,
    "",
    "| stack | target | floor | plan (built) | ratio | plan (from .ts) | ratio | peak RSS plan / floor | graph depth | width |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...r.stacks.map(
      (s) =>
        `| ${s.stack} | ${s.target} | ${s.floor.medianMs} ms | ${s.plan.medianMs} ms | ${s.ratio}x | ${s.planFromTs.medianMs} ms | ${s.ratioFromTs}x | ${s.plan.peakRssMiB} / ${s.floor.peakRssMiB} MiB | ${s.graph.depth} | ${s.graph.width} |`,
    ),
    "",
    "Longest chains (each resource waits for the one before it):",
    "",
    ...r.stacks.map((s) => `- \`${s.stack}\` (${s.target}): ${s.graph.longestChain.join(" → ")}`),
    "",
    "| goal | measured | status |",
    "| --- | --- | --- |",
    `| offline plan ≤ ${GOALS.planRatio}× its floor | up to ${worstRatio}× (built) | ${met(worstRatio <= GOALS.planRatio)} |`,
    `| \`npm test\` ≤ ${GOALS.npmTestSeconds} s | ${(r.npmTestMs / 1000).toFixed(1)} s | ${met(r.npmTestMs / 1000 <= GOALS.npmTestSeconds)} |`,
    `| graph depth ≤ 4 (docker, kubernetes), ≤ 3 (vm) | ${r.stacks.map((s) => `${s.target} ${s.graph.depth}`).join(", ")} | ${met(depthOk)} |`,
    `| \`node_modules\` ≤ 250 MB (${GOALS.nodeModulesMiB.toFixed(0)} MiB) | ${r.nodeModulesMiB} MiB | ${met(r.nodeModulesMiB <= GOALS.nodeModulesMiB)} |`,
    "",
    "| dependency (with what it pulls in) | MiB |",
    "| --- | --- |",
    ...r.dependencies.map((d) => `| ${d.name} | ${d.mib} |`),
  ].join("\n");
}

/** Replaces the block between the bench markers of a Markdown file. */
export function writeIntoDoc(path: string, markdown: string): void {
  const doc = readFileSync(path, "utf8");
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (start < 0 || end < 0) throw new Error(`${path} has no bench markers`);
  writeFileSync(path, `${doc.slice(0, start)}${BEGIN}\n\n${markdown}\n\n${doc.slice(end)}`);
}
