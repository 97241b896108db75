import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import { GUID_RE } from "../patterns";
import { callbackUrl, normalizePublicUrl, publicUrlProblem } from "../openmetadata/urls";
import { authorityFor, DEFAULT_ACCESS_APP_ROLE_ID, GRAPH_DELEGATED, MICROSOFT_GRAPH_APP_ID } from "./graph";
import { rotationWindow } from "./rotation";

export type SignInAudience =
  "AzureADMyOrg" | "AzureADMultipleOrgs" | "AzureADandPersonalMicrosoftAccount" | "PersonalMicrosoftAccount";

export type EntraClientType = "public" | "confidential";

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
  /** Group object IDs given the default access role; one `AppRoleAssignment` each. @default [] */
  assignedGroupObjectIds?: string[];
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

/** Every problem with the args, each naming the arg and the accepted form; empty when valid. */
export function entraAppArgsProblems(args: EntraOpenMetadataAppArgs): string[] {
  const problems: string[] = [];
  const urlProblem = publicUrlProblem(args.publicUrl);
  if (urlProblem) problems.push(`publicUrl ${urlProblem}`);
  (args.extraRedirectUris ?? []).forEach((uri, i) => {
    const p = publicUrlProblem(uri);
    if (p) problems.push(`extraRedirectUris[${i}] ${p}`);
  });
  (args.owners ?? []).forEach((id, i) => {
    if (!GUID_RE.test(id)) problems.push(`owners[${i}] must be an object ID (GUID); got "${id}"`);
  });
  (args.assignedGroupObjectIds ?? []).forEach((id, i) => {
    if (!GUID_RE.test(id))
      problems.push(`assignedGroupObjectIds[${i}] must be an object ID (GUID); got "${id}"`);
  });
  const days = args.secretRotationDays ?? 180;
  if (!Number.isInteger(days) || days < 30 || days > 730)
    problems.push(`secretRotationDays must be a whole number from 30 to 730; got ${days}`);
  if (args.clientType !== undefined && args.clientType !== "public" && args.clientType !== "confidential")
    problems.push(`clientType must be "public" or "confidential"; got "${String(args.clientType)}"`);
  if (args.production && new Set(args.owners ?? []).size < 2)
    problems.push(
      `owners must list at least two object IDs in production (the deployer is added to them); got ${new Set(args.owners ?? []).size}`,
    );
  return problems;
}

/**
 * OpenMetadata's app registration in Microsoft Entra ID: the application (SPA or Web redirect URI
 * `<publicUrl>/callback`, implicit grant off, v2 tokens, Graph sign-in scopes, email/upn/preferred_username in
 * the ID token), its service principal, group assignments and, for confidential clients, a rotated secret.
 */
export class EntraOpenMetadataApp extends pulumi.ComponentResource {
  /** Application (client) ID. */
  readonly clientId: pulumi.Output<string>;
  /** Tenant the app lives in (the deploying principal's tenant). */
  readonly tenantId: pulumi.Output<string>;
  /** `https://login.microsoftonline.com/<tenantId>`. */
  readonly authority: pulumi.Output<string>;
  /** The registered redirect URIs, OpenMetadata's callback first. */
  readonly redirectUris: pulumi.Output<string[]>;
  readonly applicationObjectId: pulumi.Output<string>;
  readonly servicePrincipalObjectId: pulumi.Output<string>;
  /** Confidential clients: the current client secret (secret). */
  readonly clientSecret?: pulumi.Output<string>;

  constructor(name: string, args: EntraOpenMetadataAppArgs, opts?: pulumi.ComponentResourceOptions) {
    const problems = entraAppArgsProblems(args);
    if (problems.length > 0) {
      throw new Error(`EntraOpenMetadataApp "${name}": invalid args:\n  ${problems.join("\n  ")}`);
    }
    super("openmetadata-entra:entra:OpenMetadataApp", name, {}, opts);

    const clientType = args.clientType ?? "public";
    const redirectUris = [callbackUrl(args.publicUrl), ...(args.extraRedirectUris ?? [])];
    const protect = args.production === true;
    const client = azuread.getClientConfigOutput({ parent: this });
    const owners = client.objectId.apply((me) => {
      // With Application.ReadWrite.OwnedBy the deployer can only manage apps it owns, so it is always added.
      // In production the owners in config should name it too: otherwise a run by another principal (an admin's
      // laptop instead of CI) would drop it from the owners.
      if (args.production && !(args.owners ?? []).includes(me)) {
        pulumi.log.warn(
          `the deploying principal ${me} is not in entraOwners; it is added for this run, but a run by another principal would remove it. Add it to entraOwners.`,
          this,
        );
      }
      return [...new Set([me, ...(args.owners ?? [])])];
    });
    const scopes: string[] = [
      GRAPH_DELEGATED.openid,
      GRAPH_DELEGATED.profile,
      GRAPH_DELEGATED.email,
      GRAPH_DELEGATED.userRead,
    ];
    if (clientType === "confidential") scopes.push(GRAPH_DELEGATED.offlineAccess);
    const noImplicitGrant = { accessTokenIssuanceEnabled: false, idTokenIssuanceEnabled: false };

    const app = new azuread.Application(
      `${name}-app`,
      {
        displayName: args.displayName,
        signInAudience: args.signInAudience ?? "AzureADMyOrg",
        owners,
        api: { requestedAccessTokenVersion: 2 },
        // Public: SPA platform only. Confidential: Web platform only. Never both, so Entra cannot pick the
        // wrong flow for the callback URL.
        singlePageApplication: clientType === "public" ? { redirectUris } : undefined,
        web: {
          redirectUris: clientType === "confidential" ? redirectUris : [],
          homepageUrl: normalizePublicUrl(args.publicUrl),
          implicitGrant: noImplicitGrant,
        },
        requiredResourceAccesses: [
          {
            resourceAppId: MICROSOFT_GRAPH_APP_ID,
            resourceAccesses: scopes.map((id) => ({ id, type: "Scope" })),
          },
        ],
        optionalClaims: {
          idTokens: [{ name: "email" }, { name: "upn" }, { name: "preferred_username" }],
        },
      },
      { parent: this, protect },
    );

    const servicePrincipal = new azuread.ServicePrincipal(
      `${name}-sp`,
      {
        clientId: app.clientId,
        appRoleAssignmentRequired: args.assignmentRequired ?? false,
        owners,
      },
      { parent: this, protect },
    );

    (args.assignedGroupObjectIds ?? []).forEach(
      (groupId, i) =>
        new azuread.AppRoleAssignment(
          `${name}-group-${i}`,
          {
            appRoleId: DEFAULT_ACCESS_APP_ROLE_ID,
            principalObjectId: groupId,
            resourceObjectId: servicePrincipal.objectId,
          },
          { parent: this },
        ),
    );

    if (clientType === "confidential") {
      const window = rotationWindow(args.secretRotationDays ?? 180, (args.now ?? (() => new Date()))());
      const password = new azuread.ApplicationPassword(
        `${name}-secret`,
        {
          applicationId: app.id,
          displayName: `openmetadata-${window.start.slice(0, 10)}`,
          endDate: window.endDate,
          rotateWhenChanged: { rotationWindowStart: window.start },
        },
        // Replacement creates the new secret first, then deletes the old one (Pulumi's default order,
        // stated here because rotation depends on it).
        { parent: this, deleteBeforeReplace: false },
      );
      this.clientSecret = pulumi.secret(password.value);
    }

    this.clientId = app.clientId;
    this.tenantId = client.tenantId;
    this.authority = client.tenantId.apply(authorityFor);
    this.redirectUris = pulumi.output(redirectUris);
    this.applicationObjectId = app.objectId;
    this.servicePrincipalObjectId = servicePrincipal.objectId;
    this.registerOutputs({
      clientId: this.clientId,
      tenantId: this.tenantId,
      authority: this.authority,
      redirectUris: this.redirectUris,
      applicationObjectId: this.applicationObjectId,
      servicePrincipalObjectId: this.servicePrincipalObjectId,
      clientSecret: this.clientSecret,
    });
  }
}
