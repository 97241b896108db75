/**
 * The Entra component's args, defaults and rules, without the SDK: the stack config runs these same checks.
 */
import type * as pulumi from "@pulumi/pulumi";
import { checkForm, checkList, checkOneOf, duplicateProblems, GUID, wholeNumber } from "../forms";
import { CLIENT_TYPES, SSO_DEFAULTS, type ClientType } from "../openmetadata/sso/model";
import { callbackUrl, productionUrlProblem, publicUrlProblem } from "../openmetadata/urls";
import { roleGroupsProblems, type RoleGroups } from "../openmetadata/roles";
import { got, type Problem } from "../problems";

/** Who may sign in to the app registration (Entra's `signInAudience`). */
export const SIGN_IN_AUDIENCES = [
  "AzureADMyOrg",
  "AzureADMultipleOrgs",
  "AzureADandPersonalMicrosoftAccount",
  "PersonalMicrosoftAccount",
] as const;
export type SignInAudience = (typeof SIGN_IN_AUDIENCES)[number];

export type EntraClientType = ClientType;

/** Defaults of the args, resolved once. */
export const ENTRA_APP_DEFAULTS = {
  clientType: SSO_DEFAULTS.clientType,
  signInAudience: "AzureADMyOrg",
  assignmentRequired: false,
  secretRotationDays: 180,
} as const;

/** Allowed client secret rotation periods, in days. */
export const SECRET_ROTATION_DAYS = wholeNumber(30, 730, "days");

export interface EntraOpenMetadataAppArgs {
  /** Display name of the app registration, shown on the consent screen and in "Enterprise applications". */
  displayName: pulumi.Input<string>;
  /**
   * The URL people open for OpenMetadata (https, or http for localhost). The redirect URI
   * `<publicUrl>/callback` is derived from it. Plain string: it is validated before anything is created.
   */
  publicUrl: string;
  /** More redirect URIs of the same platform, e.g. `http://localhost:3000/callback`. @default [] */
  extraRedirectUris?: string[];
  /**
   * `public`: Single-Page Application redirect URIs and no secret (OpenMetadata's UI signs in with MSAL,
   * authorization code + PKCE). `confidential`: Web redirect URIs and a rotated client secret for the server's
   * authorization-code flow. Plain value: it decides which children exist.
   * @default "public"
   */
  clientType?: EntraClientType;
  /** Who may sign in. @default "AzureADMyOrg" */
  signInAudience?: pulumi.Input<SignInAudience>;
  /**
   * Object IDs of owners. The deploying principal (from `azuread.getClientConfig`) is always added, so the
   * deployer can keep managing the app with `Application.ReadWrite.OwnedBy`. @default []
   */
  owners?: string[];
  /** Only assigned users and groups may sign in. @default false */
  assignmentRequired?: pulumi.Input<boolean>;
  /**
   * Users and groups are assigned to the enterprise application outside this stack (portal, another program), so
   * assignment may be required with no group listed here. @default false
   */
  assignmentsManagedElsewhere?: boolean;
  /** Group object IDs given the default access role; one `AppRoleAssignment` each. @default [] */
  assignedGroupObjectIds?: string[];
  /**
   * OpenMetadata role name → group object IDs: one app role per role (value = the role name, a stable ID derived
   * from it) and one `AppRoleAssignment` per (role, group). `Admin` makes members OpenMetadata admins. Members of
   * these groups may sign in when assignment is required. Role names are checked against the OpenMetadata release by
   * the stack config (roles.ts); here only their form. @default {}
   */
  roleGroups?: RoleGroups;
  /** Confidential clients: days between secret rotations (30–730). @default 180 */
  secretRotationDays?: number;
  /**
   * Production: protects the app registration and service principal and requires at least two owners
   * besides an unknown deployer. @default false
   */
  production?: boolean;
  /** Clock for the rotation window; tests pin it. @default () => new Date() */
  now?: () => Date;
}

const lower = (s: string): string => s.toLowerCase();

/** Every problem with the args, each naming the arg and the accepted form; empty when valid. */
export function entraAppArgsProblems(args: EntraOpenMetadataAppArgs): Problem[] {
  const problems: Problem[] = [];
  const urlProblem = publicUrlProblem(args.publicUrl);
  if (urlProblem) problems.push({ path: "publicUrl", message: urlProblem });
  if (
    typeof args.displayName === "string" &&
    (args.displayName.trim() === "" || args.displayName.length > 120)
  )
    problems.push({
      path: "displayName",
      message: `must be 1-120 characters, not only blanks; ${got(args.displayName)}`,
    });
  const extra = args.extraRedirectUris ?? [];
  extra.forEach((uri, i) => {
    const p = publicUrlProblem(uri);
    if (p) problems.push({ path: `extraRedirectUris[${i}]`, message: p });
  });
  problems.push(
    ...duplicateProblems("extraRedirectUris", [
      ...(urlProblem ? [] : [callbackUrl(args.publicUrl)]),
      ...extra,
    ]),
  );
  problems.push(...checkList("owners", args.owners ?? [], GUID, lower));
  problems.push(...checkList("assignedGroupObjectIds", args.assignedGroupObjectIds ?? [], GUID, lower));
  problems.push(
    ...checkForm(
      "secretRotationDays",
      args.secretRotationDays ?? ENTRA_APP_DEFAULTS.secretRotationDays,
      SECRET_ROTATION_DAYS,
    ),
  );
  if (args.clientType !== undefined)
    problems.push(...checkOneOf("clientType", args.clientType, CLIENT_TYPES));
  if (typeof args.signInAudience === "string")
    problems.push(...checkOneOf("signInAudience", args.signInAudience, SIGN_IN_AUDIENCES));
  problems.push(...roleGroupsProblems(args.roleGroups));
  const groups = args.assignedGroupObjectIds ?? [];
  const roleGroupCount = Object.values(args.roleGroups ?? {}).reduce((n, g) => n + (g?.length ?? 0), 0);
  if (
    args.assignmentRequired === true &&
    groups.length === 0 &&
    roleGroupCount === 0 &&
    args.assignmentsManagedElsewhere !== true
  )
    problems.push({
      path: "assignedGroupObjectIds",
      message:
        "must list at least one group when assignment is required (or map roles to groups in roleGroups): Entra would refuse every user; if users and groups are assigned outside this stack, set assignmentsManagedElsewhere",
    });
  if (args.production) problems.push(...productionProblems(args));
  return problems;
}

/** Production: a real https host, two owners, assignment required, no development redirect URIs. */
function productionProblems(args: EntraOpenMetadataAppArgs): Problem[] {
  const problems: Problem[] = [];
  const urlProblem = publicUrlProblem(args.publicUrl) ? undefined : productionUrlProblem(args.publicUrl);
  if (urlProblem) problems.push({ path: "publicUrl", message: urlProblem });
  const owners = new Set((args.owners ?? []).map(lower)).size;
  if (owners < 2)
    problems.push({
      path: "owners",
      message: `must list at least two owner object IDs in production (the deployer is added to them); got ${owners}`,
    });
  if (args.assignmentRequired === false || args.assignmentRequired === undefined)
    problems.push({
      path: "assignmentRequired",
      message: "must be true in production, so only assigned users and groups sign in",
    });
  const audience = args.signInAudience ?? ENTRA_APP_DEFAULTS.signInAudience;
  if (typeof audience === "string" && audience !== "AzureADMyOrg")
    problems.push({
      path: "signInAudience",
      message: `must be AzureADMyOrg in production, so only this tenant's accounts sign in; got ${JSON.stringify(audience)}`,
    });
  if ((args.extraRedirectUris ?? []).length > 0)
    problems.push({
      path: "extraRedirectUris",
      message: "must be empty in production (extra redirect URIs are for development)",
    });
  return problems;
}

export interface ExistingEntraAppArgs {
  /** Application (client) ID of the app registration, a GUID. */
  clientId: string;
  /** Its tenant ID, a GUID. */
  tenantId: string;
  /** The URL people open; the redirect URI it must carry is derived from it. */
  publicUrl: string;
  /** Its client secret, confidential clients only (secret). */
  clientSecret?: pulumi.Input<string>;
}

/** Every problem with the args of an existing app registration. */
export function existingEntraAppProblems(
  args: Pick<ExistingEntraAppArgs, "clientId" | "tenantId">,
): Problem[] {
  return [...checkForm("clientId", args.clientId, GUID), ...checkForm("tenantId", args.tenantId, GUID)];
}
