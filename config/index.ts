/**
 * The one module that reads stack config: Pulumi config → one validated, typed object, or a ConfigError that
 * lists every problem at once, each naming its full key and the accepted form. Nothing else reads config.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { CORE_KEYS, ConfigKeyDeclaration, fullKey, PROJECT } from "./keys";
import { readRaw, RawSource } from "./raw";
import { coreSchema, CoreConfig } from "./schema";
import { pulumiConfigSource } from "./source";
import { normalizePublicUrl } from "../components/openmetadata/urls";
import { TARGET_CONFIG, TargetKind, TargetSelection } from "./targets";

export type { TargetKind, TargetSelection, TargetConfigs } from "./targets";

export { PROJECT } from "./keys";

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

export type ClientType = CoreConfig["entraClientType"];

/** Create the app registration (and its service principal) in this stack. */
export interface CreateEntraApp {
  mode: "create";
  displayName: string;
  signInAudience: CoreConfig["entraSignInAudience"];
  clientType: ClientType;
  owners: string[];
  assignmentRequired: boolean;
  assignedGroups: string[];
  extraRedirectUris: string[];
  secretRotationDays: number;
}

/** Use an app registration managed elsewhere: nothing is created in Entra ID. */
export interface ExistingEntraApp {
  mode: "existing";
  clientId: string;
  tenantId: string;
  clientType: ClientType;
  /** Confidential clients only. */
  clientSecret?: pulumi.Output<string>;
}

export interface OpenMetadataIdentityConfig {
  adminPrincipals: string[];
  principalDomain: string;
  enforcePrincipalDomain: boolean;
  jwtPrincipalClaims: string[];
  jwtPrincipalClaimsMapping: string[];
  enableSelfSignup: boolean;
}

export interface StackConfig {
  stack: string;
  /** Normalized: no trailing slash, base path kept. */
  publicUrl: string;
  production: boolean;
  openmetadataVersion: string;
  /** Where OpenMetadata runs, with that target's validated config. */
  target: TargetSelection;
  entra: CreateEntraApp | ExistingEntraApp;
  identity: OpenMetadataIdentityConfig;
}

/** Which target owns each target key. */
const KEY_OWNER = new Map<string, TargetKind>(
  Object.entries(TARGET_CONFIG).flatMap(([kind, module]) =>
    Object.keys(module.keys).map((k) => [k, kind as TargetKind]),
  ),
);

const ALL_KEYS: Record<string, ConfigKeyDeclaration> = {
  ...CORE_KEYS,
  ...Object.fromEntries(Object.values(TARGET_CONFIG).flatMap((module) => Object.entries(module.keys))),
};

/** Formats a zod issue as `project:key[index]: message`. */
function describeIssue(issue: z.core.$ZodIssue): string {
  const [key, ...rest] = issue.path.map(String);
  const where = fullKey(key) + rest.map((p) => `[${p}]`).join("");
  if (issue.code === "invalid_type" && issue.input === undefined) {
    const decl = ALL_KEYS[key];
    const set = decl?.secret ? "pulumi config set --secret" : "pulumi config set";
    return `${where}: is required; set it with ${set} ${key} <value> (${decl?.description ?? ""})`;
  }
  return `${where}: ${issue.message}`;
}

/** Validates raw values; pure, so tests drive it with plain objects. */
export function parseStackConfig(source: RawSource, stack: string): StackConfig {
  const { values, problems, failedKeys } = readRaw(ALL_KEYS, source, PROJECT);
  const coreValues = Object.fromEntries(Object.entries(values).filter(([k]) => !KEY_OWNER.has(k)));
  const parsed = coreSchema.safeParse(coreValues);
  const issues = parsed.success ? [] : [...parsed.error.issues];
  let target: TargetSelection | undefined;
  const kind = parsed.success ? parsed.data.target : ((values.target as TargetKind | undefined) ?? "none");
  for (const [key, owner] of KEY_OWNER) {
    if (key in values && owner !== kind)
      problems.push(`${fullKey(key)}: is only used with target ${owner}; this stack's target is ${kind}`);
  }
  const module = TARGET_CONFIG[kind];
  if (module && parsed.success) {
    const targetValues = Object.fromEntries(
      Object.entries(values).filter(([k]) => KEY_OWNER.get(k) === kind),
    );
    const result = module.schema(parsed.data).safeParse(targetValues);
    if (result.success) target = { kind, config: result.data } as TargetSelection;
    else issues.push(...result.error.issues);
  } else if (kind === "none") {
    target = { kind: "none", config: {} };
  } else if (!module) {
    problems.push(`${fullKey("target")}: target ${kind} is not available in this version`);
  }
  const relevant = issues.filter((i) => !failedKeys.has(String(i.path[0])));
  const all = [...problems, ...relevant.map(describeIssue)];
  const missingStandInKeys = relevant
    .filter((i) => i.code === "invalid_type" && i.input === undefined && i.path.length === 1)
    .map((i) => String(i.path[0]))
    .filter((key) => ALL_KEYS[key]?.secret === true || ALL_KEYS[key]?.offlineStandIn !== undefined);
  if (all.length > 0 || !parsed.success || !target) throw new ConfigError(all, missingStandInKeys);
  const c = parsed.data;
  const entra: CreateEntraApp | ExistingEntraApp =
    c.entraExistingClientId && c.entraExistingTenantId
      ? {
          mode: "existing",
          clientId: c.entraExistingClientId,
          tenantId: c.entraExistingTenantId,
          clientType: c.entraClientType,
          clientSecret:
            c.entraExistingClientSecret === undefined
              ? undefined
              : pulumi.secret(c.entraExistingClientSecret),
        }
      : {
          mode: "create",
          displayName: c.entraDisplayName ?? `OpenMetadata (${stack})`,
          signInAudience: c.entraSignInAudience,
          clientType: c.entraClientType,
          owners: c.entraOwners,
          assignmentRequired: c.entraAssignmentRequired,
          assignedGroups: c.entraAssignedGroups,
          extraRedirectUris: c.entraExtraRedirectUris,
          secretRotationDays: c.entraSecretRotationDays,
        };
  return {
    stack,
    publicUrl: normalizePublicUrl(c.publicUrl),
    production: c.production,
    openmetadataVersion: c.openmetadataVersion,
    target,
    entra,
    identity: {
      adminPrincipals: c.adminPrincipals.map((name) => name.toLowerCase()),
      principalDomain: c.principalDomain.toLowerCase(),
      enforcePrincipalDomain: c.enforcePrincipalDomain,
      jwtPrincipalClaims: c.jwtPrincipalClaims,
      jwtPrincipalClaimsMapping: c.jwtPrincipalClaimsMapping,
      enableSelfSignup: c.enableSelfSignup,
    },
  };
}

/** Reads the current stack's config from the Pulumi runtime. */
export function loadStackConfig(): StackConfig {
  return parseStackConfig(pulumiConfigSource(), pulumi.getStack());
}

/** Every declared key (core and targets), for Pulumi.yaml and the README's config reference. */
/** The value the offline plan uses for an unset key it may fake. */
export function offlineValue(key: string, fakeSecret: (key: string) => string): string {
  return ALL_KEYS[key]?.offlineStandIn ?? fakeSecret(key);
}

export const CONFIG_KEYS: Readonly<Record<string, ConfigKeyDeclaration>> = ALL_KEYS;
