/**
 * Stack config → one validated, typed object, or a ConfigError that lists every problem at once, each naming its
 * full key. Pure (no Pulumi SDK): `load.ts` reads the values from the Pulumi runtime, and secrets stay plain
 * strings here until the program wraps them.
 *
 * What is valid is decided by the owners of each value: the Entra component, the SSO model, the release data and
 * the selected target's component. This module runs their checks on the very args the program will give them and
 * reports each problem under the config key it came from, so a value it accepts never fails later.
 */
import type { z } from "zod";
import { DEFAULT_SSO_CONFIG_SOURCE, type SsoConfigSource } from "../components/openmetadata/security-config";
import { normalizePublicUrl } from "../components/openmetadata/urls";
import type { SsoSettings } from "../components/openmetadata/sso/input";
import type { Problem } from "../components/problems";
import type { CoreSettings } from "../targets/context";
import { TARGETS, type TargetKind, type TargetSelection } from "../targets/registry";
import { coreProblems, coreShape, entraOf, ssoOf, type CreateEntraApp, type ExistingEntraApp } from "./core";
import { CORE_KEYS, ConfigKeyDeclaration, fullKey, PROJECT } from "./keys";
import { readRaw, RawSource } from "./raw";

export { PROJECT } from "./keys";
export type { CreateEntraApp, ExistingEntraApp } from "./core";
export type { TargetKind, TargetSelection } from "../targets/registry";

/** Invalid stack config: `problems` holds one line per mistake, each starting with the full key. */
export class ConfigError extends Error {
  constructor(
    readonly problems: string[],
    /**
     * Required keys that are unset and that the offline plan may stand in for: secrets (it cannot decrypt
     * them) and keys with an `offlineStandIn` (values that exist only outside the repository).
     */
    readonly missingStandInKeys: string[] = [],
  ) {
    super(
      `Invalid stack config (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n  ${problems.join("\n  ")}`,
    );
    this.name = "ConfigError";
  }
}

export interface StackConfig {
  readonly core: CoreSettings;
  readonly entra: CreateEntraApp | ExistingEntraApp;
  /** The SSO settings, exactly as checked: give them to `openMetadataSso`. */
  readonly sso: SsoSettings;
  /** Where OpenMetadata runs, with that target's shaped and checked config. */
  readonly target: TargetSelection;
}

/** Which target owns each target key. */
const KEY_OWNER = new Map<string, TargetKind>(
  Object.entries(TARGETS).flatMap(([kind, module]) =>
    Object.keys(module.keys).map((k) => [k, kind as TargetKind]),
  ),
);

const ALL_KEYS: Readonly<Record<string, ConfigKeyDeclaration>> = {
  ...CORE_KEYS,
  ...Object.fromEntries(Object.values(TARGETS).flatMap((module) => Object.entries(module.keys))),
};

/** Every declared key (core and targets), for Pulumi.yaml and the README's config reference. */
export const CONFIG_KEYS: Readonly<Record<string, ConfigKeyDeclaration>> = ALL_KEYS;

/** A zod issue as a problem of its key (`key[index]`). */
function issueProblem(issue: z.core.$ZodIssue): Problem {
  const [key, ...rest] = issue.path.map(String);
  const path = key + rest.map((p) => `[${p}]`).join("");
  if (issue.code === "invalid_type" && issue.input === undefined)
    return { path, message: `is required (${ALL_KEYS[key]?.description ?? key})`, missing: true };
  return { path, message: issue.message };
}

const baseKey = (path: string): string => path.replace(/\[.*$/, "");

/** `project:key[i]: message`; a missing value also says how to set it. */
function describe(problem: Problem): string {
  const key = baseKey(problem.path);
  if (!problem.missing) return `${fullKey(problem.path)}: ${problem.message}`;
  const set = ALL_KEYS[key]?.secret ? "pulumi config set --secret" : "pulumi config set";
  return `${fullKey(problem.path)}: ${problem.message}; set it with ${set} ${key} <value>`;
}

/** Validates raw values; pure, so tests drive it with plain objects. */
export function parseStackConfig(source: RawSource, stack: string): StackConfig {
  const { values, problems: rawProblems, failedKeys } = readRaw(ALL_KEYS, source, PROJECT);
  const problems: Problem[] = [];
  const coreValues = Object.fromEntries(Object.entries(values).filter(([k]) => !KEY_OWNER.has(k)));
  const core = coreShape.safeParse(coreValues, { reportInput: true });
  if (!core.success) problems.push(...core.error.issues.map(issueProblem));
  // The owners' checks take the values as read; what the shape already refused is not reported twice.
  const shaped = new Set([...failedKeys, ...problems.map((p) => baseKey(p.path))]);
  problems.push(...coreProblems(coreValues, stack).filter((p) => !shaped.has(baseKey(p.path))));

  const kind = values.target as TargetKind;
  const known = Object.hasOwn(TARGETS, kind);
  const module = known ? TARGETS[kind] : TARGETS.none;
  for (const [key, owner] of KEY_OWNER)
    if (known && owner !== kind && source.get(fullKey(key)) !== undefined)
      problems.push({
        path: key,
        message: `is only used with target ${owner}; this stack's target is ${kind}`,
      });
  const targetValues = Object.fromEntries(Object.entries(values).filter(([k]) => KEY_OWNER.get(k) === kind));
  const target = module.shape.safeParse(targetValues, { reportInput: true });
  if (!target.success)
    problems.push(...target.error.issues.map(issueProblem).filter((p) => !failedKeys.has(baseKey(p.path))));

  // The target's rules need the core settings it is given; they run whenever those are valid. When the target's
  // shape failed they still run on the values as read, so every mistake is reported in one go; then only
  // problems of keys that have a value and no shape problem of their own count.
  const wrong = new Set(problems.map((p) => baseKey(p.path)));
  let settings: CoreSettings | undefined;
  if (
    known &&
    !["publicUrl", "production", "openmetadataVersion"].some((k) => wrong.has(k) || failedKeys.has(k))
  ) {
    settings = {
      stack,
      publicUrl: normalizePublicUrl(values.publicUrl as string),
      production: values.production as boolean,
      protectData: values.allowDataReplacement !== true,
      openmetadataVersion: values.openmetadataVersion as string,
      ssoConfigSource: (values.ssoConfigSource as SsoConfigSource | undefined) ?? DEFAULT_SSO_CONFIG_SOURCE,
    };
    const rules = module.problems as (c: unknown, s: CoreSettings) => Problem[];
    if (target.success) problems.push(...rules(target.data, settings));
    // An unknown mode would be checked as another mode's config, so then only the shape's problems count.
    else if (!target.error.issues.some((i) => i.code === "invalid_union")) {
      let bestEffort: Problem[] = [];
      try {
        bestEffort = rules(targetValues, settings);
      } catch {
        // Values too far from the shape to check; the shape's problems are reported.
      }
      const shapedTarget = new Set([...failedKeys, ...problems.map((p) => baseKey(p.path))]);
      problems.push(
        ...bestEffort.filter(
          (p) => !shapedTarget.has(baseKey(p.path)) && (p.missing || values[baseKey(p.path)] !== undefined),
        ),
      );
    }
  }
  // A key whose raw value was refused (wrong type, not secret) has that one problem; one message per key and text,
  // since two owners may refuse the same value (the public URL) for the same reason.
  const unique = [
    ...new Map(
      problems.filter((p) => !failedKeys.has(baseKey(p.path))).map((p) => [`${p.path}\n${p.message}`, p]),
    ).values(),
  ];
  const lines = [...rawProblems, ...unique.map(describe)];
  const missingStandInKeys = [
    ...new Set(
      unique
        .filter((p) => p.missing && !p.path.includes("[") && source.get(fullKey(p.path)) === undefined)
        .map((p) => p.path)
        .filter((key) => ALL_KEYS[key]?.secret === true || ALL_KEYS[key]?.offlineStandIn !== undefined),
    ),
  ];
  if (lines.length > 0 || !core.success || !target.success || !settings)
    throw new ConfigError(lines, missingStandInKeys);
  return {
    core: settings,
    entra: entraOf(core.data, stack, { normalize: true }),
    sso: ssoOf(core.data),
    target: { kind, config: target.data } as TargetSelection,
  };
}

/** The value the offline plan uses for an unset key it may fake. */
export function offlineValue(key: string, fakeSecret: (key: string) => string): string {
  return ALL_KEYS[key]?.offlineStandIn ?? fakeSecret(key);
}
