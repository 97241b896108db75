/**
 * The core keys: their shape, and the mapping to the args of their owners (the Entra component, the SSO model,
 * the release data), whose own checks decide what is valid. Only rules about config itself live here: which keys
 * go together (an existing app's two IDs), which are used in which mode.
 */
import { z } from "zod";
import {
  SIGN_IN_AUDIENCES,
  type EntraOpenMetadataAppArgs,
  type ExistingEntraAppArgs,
} from "../components/entra/validate";
import { entraAppArgsProblems, existingEntraAppProblems } from "../components/entra/validate";
import { normalizeGuid } from "../components/forms";
import { releaseProblems } from "../components/openmetadata/releases";
import { mapsRoles, releaseRoleProblems, type RoleGroups } from "../components/openmetadata/roles";
import { SSO_CONFIG_SOURCES, ssoConfigSourceProblems } from "../components/openmetadata/security-config";
import { secretValueProblems } from "../components/openmetadata/data-services";
import { productionUrlProblem, publicUrlProblem } from "../components/openmetadata/urls";
import { CLIENT_TYPES } from "../components/openmetadata/sso/model";
import type { SsoSettings } from "../components/openmetadata/sso/input";
import { clientSecretProblems, ssoSettingsProblems } from "../components/openmetadata/sso/validate-input";
import type { Problem } from "../components/problems";
import { TARGET_KINDS } from "../targets/registry";
import { toKeyPaths, type KeyMap } from "./key-paths";
import { CORE_KEYS } from "./keys";
import { oneOf } from "./shape";

export const coreShape = z.object({
  publicUrl: z.string(),
  target: oneOf(TARGET_KINDS),
  production: z.boolean(),
  allowDataReplacement: z.boolean(),
  openmetadataVersion: z.string(),
  ssoConfigSource: oneOf(SSO_CONFIG_SOURCES),
  entraDisplayName: z.string().optional(),
  entraSignInAudience: oneOf(SIGN_IN_AUDIENCES),
  entraClientType: oneOf(CLIENT_TYPES),
  entraOwners: z.array(z.string()),
  entraAssignmentRequired: z.boolean(),
  entraAssignmentsManagedElsewhere: z.boolean(),
  entraAssignedGroups: z.array(z.string()),
  entraRoleGroups: z.record(z.string(), z.array(z.string())),
  entraAllowCustomRoles: z.boolean(),
  useRolesFromProvider: z.boolean().optional(),
  entraExtraRedirectUris: z.array(z.string()),
  entraSecretRotationDays: z.number(),
  entraExistingClientId: z.string().optional(),
  entraExistingTenantId: z.string().optional(),
  entraExistingClientSecret: z.string().optional(),
  adminPrincipals: z.array(z.string()),
  principalDomain: z.string(),
  enforcePrincipalDomain: z.boolean(),
  jwtPrincipalClaims: z.array(z.string()),
  jwtPrincipalClaimsMapping: z.array(z.string()),
  enableSelfSignup: z.boolean(),
});

export type CoreConfig = z.output<typeof coreShape>;

/** Core values as read (typed by declaration, possibly missing or unshaped): the owners' checks take them as they are. */
type CoreValues = Partial<Record<keyof CoreConfig, unknown>>;

/** Create the app registration (and its service principal) in this stack: the component's args. */
export interface CreateEntraApp {
  readonly mode: "create";
  readonly args: EntraOpenMetadataAppArgs;
}

/** Use an app registration managed elsewhere: nothing is created in Entra ID. The secret is plain here. */
export interface ExistingEntraApp {
  readonly mode: "existing";
  readonly args: Omit<ExistingEntraAppArgs, "clientSecret"> & { readonly clientSecret?: string };
}

const isExisting = (c: CoreValues): boolean =>
  typeof c.entraExistingClientId === "string" && typeof c.entraExistingTenantId === "string";

/**
 * The Entra args this config maps to (created or existing). The checks see the GUIDs as given, so a message quotes
 * what the stack says; the program gets them lower-cased (`normalize`), as everything downstream compares them.
 */
export function entraOf(
  c: CoreValues,
  stack: string,
  { normalize = false }: { normalize?: boolean } = {},
): CreateEntraApp | ExistingEntraApp {
  const guid = (id: unknown) => (normalize && typeof id === "string" ? normalizeGuid(id) : id);
  const guids = (v: unknown) => (Array.isArray(v) ? v.map(guid) : v);
  if (isExisting(c))
    return {
      mode: "existing",
      args: {
        clientId: guid(c.entraExistingClientId) as string,
        tenantId: guid(c.entraExistingTenantId) as string,
        publicUrl: c.publicUrl as string,
        clientSecret: c.entraExistingClientSecret as string | undefined,
      },
    };
  return {
    mode: "create",
    args: {
      displayName: (c.entraDisplayName as string | undefined) ?? `OpenMetadata (${stack})`,
      publicUrl: c.publicUrl as string,
      extraRedirectUris: c.entraExtraRedirectUris as string[],
      clientType: c.entraClientType as EntraOpenMetadataAppArgs["clientType"],
      signInAudience: c.entraSignInAudience as EntraOpenMetadataAppArgs["signInAudience"],
      owners: guids(c.entraOwners) as string[],
      assignmentRequired: c.entraAssignmentRequired as boolean,
      assignmentsManagedElsewhere: c.entraAssignmentsManagedElsewhere as boolean,
      assignedGroupObjectIds: guids(c.entraAssignedGroups) as string[],
      roleGroups: roleGroupsOf(c.entraRoleGroups, guids),
      secretRotationDays: c.entraSecretRotationDays as number,
      production: c.production === true,
    },
  };
}

/** The role mapping as given (GUIDs normalised when asked); non-mappings are passed on for the checks to refuse. */
function roleGroupsOf(value: unknown, guids: (v: unknown) => unknown): RoleGroups {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value as RoleGroups;
  return Object.fromEntries(Object.entries(value).map(([role, groups]) => [role, guids(groups) as string[]]));
}

/** The SSO settings this config maps to. */
export function ssoOf(c: CoreValues): SsoSettings {
  return {
    publicUrl: c.publicUrl as string,
    clientType: c.entraClientType as SsoSettings["clientType"],
    adminPrincipals: c.adminPrincipals as string[],
    principalDomain: c.principalDomain as string,
    enforcePrincipalDomain: c.enforcePrincipalDomain as boolean,
    jwtPrincipalClaims: c.jwtPrincipalClaims as string[],
    jwtPrincipalClaimsMapping: c.jwtPrincipalClaimsMapping as string[],
    enableSelfSignup: c.enableSelfSignup as boolean,
    useRolesFromProvider:
      (c.useRolesFromProvider as boolean | undefined) ??
      mapsRoles(c.entraRoleGroups as RoleGroups | undefined),
  };
}

const ENTRA_KEYS: KeyMap = {
  publicUrl: "publicUrl",
  displayName: "entraDisplayName",
  extraRedirectUris: "entraExtraRedirectUris",
  clientType: "entraClientType",
  signInAudience: "entraSignInAudience",
  owners: "entraOwners",
  assignmentRequired: "entraAssignmentRequired",
  assignmentsManagedElsewhere: "entraAssignmentsManagedElsewhere",
  assignedGroupObjectIds: "entraAssignedGroups",
  roleGroups: "entraRoleGroups.*",
  secretRotationDays: "entraSecretRotationDays",
  clientId: "entraExistingClientId",
  tenantId: "entraExistingTenantId",
  clientSecret: "entraExistingClientSecret",
};

const SSO_KEYS: KeyMap = {
  publicUrl: "publicUrl",
  clientType: "entraClientType",
  adminPrincipals: "adminPrincipals",
  principalDomain: "principalDomain",
  enforcePrincipalDomain: "enforcePrincipalDomain",
  jwtPrincipalClaims: "jwtPrincipalClaims",
  jwtPrincipalClaimsMapping: "jwtPrincipalClaimsMapping",
  enableSelfSignup: "enableSelfSignup",
  useRolesFromProvider: "useRolesFromProvider",
  clientSecret: "entraExistingClientSecret",
};

/** Keys that configure an app registration this stack creates. */
const CREATE_ONLY = [
  "entraDisplayName",
  "entraSignInAudience",
  "entraOwners",
  "entraAssignmentRequired",
  "entraAssignmentsManagedElsewhere",
  "entraAssignedGroups",
  "entraRoleGroups",
  "entraAllowCustomRoles",
  "entraExtraRedirectUris",
  "entraSecretRotationDays",
] as const;

/** Set to something other than its declared default (the CLI supplies defaults, so only a difference tells). */
const differsFromDefault = (c: CoreValues, key: keyof typeof CORE_KEYS): boolean =>
  c[key] !== undefined &&
  JSON.stringify(c[key]) !== JSON.stringify((CORE_KEYS[key] as { default?: unknown }).default);

/** Rules about the core keys themselves: which go together. */
function configRules(c: CoreValues): Problem[] {
  const problems: Problem[] = [];
  if (isExisting(c))
    for (const key of CREATE_ONLY)
      if (differsFromDefault(c, key))
        problems.push({
          path: key,
          message:
            "is only used when this stack creates the app registration (not with entraExistingClientId)",
        });
  const existingId = typeof c.entraExistingClientId === "string";
  const existingTenant = typeof c.entraExistingTenantId === "string";
  if (existingId !== existingTenant)
    problems.push({
      path: existingId ? "entraExistingTenantId" : "entraExistingClientId",
      message: `must be set together with ${existingId ? "entraExistingClientId" : "entraExistingTenantId"} (both GUIDs) to use an existing app registration`,
    });
  if (c.useRolesFromProvider === false && mapsRoles(c.entraRoleGroups as RoleGroups | undefined))
    problems.push({
      path: "useRolesFromProvider",
      message:
        "must not be false while entraRoleGroups maps roles: OpenMetadata would ignore the roles Entra sends (unset it, or remove the mapping)",
    });
  if (c.entraExistingClientSecret !== undefined && !existingId)
    problems.push({
      path: "entraExistingClientSecret",
      message: "is only used with entraExistingClientId (an existing app registration)",
    });
  return problems;
}

/** Every problem of the core values, each with its config key as path. */
export function coreProblems(c: CoreValues, stack: string): Problem[] {
  const problems = [
    ...configRules(c),
    ...toKeyPaths(
      releaseProblems(c.openmetadataVersion),
      { version: "openmetadataVersion" },
      "openmetadataVersion",
    ),
  ];
  if (typeof c.openmetadataVersion === "string") {
    problems.push(...ssoConfigSourceProblems(c.ssoConfigSource, c.openmetadataVersion));
    problems.push(
      ...releaseRoleProblems(c.entraRoleGroups, {
        version: c.openmetadataVersion,
        allowCustomRoles: c.entraAllowCustomRoles === true,
        path: "entraRoleGroups",
      }),
    );
  }
  const entra = entraOf(c, stack);
  if (entra.mode === "create")
    problems.push(...toKeyPaths(entraAppArgsProblems(entra.args), ENTRA_KEYS, "target"));
  else {
    problems.push(...toKeyPaths(existingEntraAppProblems(entra.args), ENTRA_KEYS, "target"));
    // The Entra component checks the public URL for production; with an existing app the config asks the URL's owner.
    const urlProblem =
      c.production === true && !publicUrlProblem(c.publicUrl)
        ? productionUrlProblem(c.publicUrl as string)
        : undefined;
    if (urlProblem) problems.push({ path: "publicUrl", message: urlProblem });
    problems.push(
      ...toKeyPaths(secretValueProblems("clientSecret", entra.args.clientSecret), ENTRA_KEYS, "target"),
    );
    const clientType = (c.entraClientType as SsoSettings["clientType"]) ?? "public";
    problems.push(
      ...toKeyPaths(
        clientSecretProblems(clientType, entra.args.clientSecret !== undefined),
        SSO_KEYS,
        "target",
      ),
    );
  }
  problems.push(...toKeyPaths(ssoSettingsProblems(ssoOf(c)), SSO_KEYS, "target"));
  return problems;
}
