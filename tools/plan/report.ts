/**
 * The offline plan's document: a public interface (README, "Offline plan"). Keep its shape; extend it only.
 * Secret values become "[secret]" exactly where the program marked them (one list element, one map entry).
 */
import type { OfflineRun, RecordedResource } from "./mock-runtime";

const rpc = require("@pulumi/pulumi/runtime/rpc") as Record<string, string>;
const SIG = rpc.specialSigKey;

export const SECRET_MASK = "[secret]";

export interface PlanResource {
  type: string;
  name: string;
  /** Name of the parent resource; null for resources at the stack's root. */
  parent: string | null;
  inputs: Record<string, unknown>;
  options: {
    protect: boolean;
    retainOnDelete: boolean;
    dependsOn: string[];
    ignoreChanges: string[];
    deleteBeforeReplace: boolean;
    /** Extension: earlier names this resource is adopted from (`aliases`), so a rename replaces nothing. */
    aliases: string[];
  };
  /** Names of the resources this one waits for (dependsOn plus output references). */
  waitsFor: string[];
}

export interface PlanDocument {
  stack: string;
  project: string;
  resources: PlanResource[];
  outputs: Record<string, unknown>;
}

/** Replaces Pulumi's RPC envelopes (secrets, assets, resource references) and sorts object keys. */
export function present(value: unknown, showSecrets: boolean): unknown {
  if (value === rpc.unknownValue) return "[unknown]";
  if (Array.isArray(value)) return value.map((v) => present(v, showSecrets));
  if (value === null || typeof value !== "object") return value;
  const obj = value as Record<string, unknown>;
  const sig = obj[SIG];
  if (sig === rpc.specialSecretSig) return showSecrets ? present(obj.value, showSecrets) : SECRET_MASK;
  if (sig === rpc.specialAssetSig || sig === rpc.specialArchiveSig) {
    const { [SIG]: _sig, ...rest } = obj;
    return { [sig === rpc.specialAssetSig ? "asset" : "archive"]: present(rest, showSecrets) };
  }
  if (sig === rpc.specialResourceSig) return obj.urn;
  return Object.fromEntries(
    Object.keys(obj)
      .sort()
      .map((k) => [k, present(obj[k], showSecrets)]),
  );
}

export function buildPlan(
  run: OfflineRun,
  stack: string,
  project: string,
  showSecrets: boolean,
): PlanDocument {
  const nameOf = new Map(run.resources.map((r) => [r.urn, r.name]));
  const names = (urns: string[]) =>
    [...new Set(urns.map((u) => nameOf.get(u)).filter((n): n is string => !!n))].sort();
  const toPlan = (r: RecordedResource): PlanResource => ({
    type: r.type,
    name: r.name,
    parent: (r.parentUrn && nameOf.get(r.parentUrn)) || null,
    inputs: present(r.inputs, showSecrets) as Record<string, unknown>,
    options: {
      protect: r.protect,
      retainOnDelete: r.retainOnDelete,
      dependsOn: names(r.dependsOn),
      ignoreChanges: [...r.ignoreChanges].sort(),
      deleteBeforeReplace: r.deleteBeforeReplace,
      aliases: [...r.aliases].sort(),
    },
    waitsFor: names(r.waitsFor),
  });
  const resources = run.resources
    .map(toPlan)
    .sort((a, b) => a.name.localeCompare(b.name) || a.type.localeCompare(b.type));
  return { stack, project, resources, outputs: present(run.outputs, showSecrets) as Record<string, unknown> };
}

/** The human view: a table of resources, then the outputs. */
export function formatTable(plan: PlanDocument): string {
  const rows = [
    ["TYPE", "NAME", "PARENT"],
    ...plan.resources.map((r) => [r.type, r.name, r.parent ?? "(stack)"]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const lines = rows.map((row) =>
    row
      .map((cell, i) => cell.padEnd(widths[i]))
      .join("  ")
      .trimEnd(),
  );
  const outputs = Object.entries(plan.outputs).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`);
  return [
    `Offline plan of stack "${plan.stack}" (project ${plan.project}): ${plan.resources.length} resources`,
    "",
    ...lines,
    "",
    "Outputs:",
    ...outputs,
    "",
  ].join("\n");
}
