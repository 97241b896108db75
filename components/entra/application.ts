import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import { normalizeGuid } from "../forms";
import { callbackUrl, normalizePublicUrl } from "../openmetadata/urls";
import { assertNoProblems } from "../problems";
import { appRoleDefinitions, roleAssignments } from "./app-roles";
import { entraAuthority } from "./endpoints";
import { DEFAULT_ACCESS_APP_ROLE_ID, GRAPH_DELEGATED, MICROSOFT_GRAPH_APP_ID } from "./graph";
import { expiryWarning, rotationWindow } from "./rotation";
import { ENTRA_APP_DEFAULTS, entraAppArgsProblems, type EntraOpenMetadataAppArgs } from "./validate";

export type { EntraOpenMetadataAppArgs } from "./validate";

/**
 * OpenMetadata's app registration in Microsoft Entra ID: the application (SPA or Web redirect URI
 * `<publicUrl>/callback`, implicit grant off, v2 tokens, Graph sign-in scopes, email/upn/preferred_username in
 * the ID token, an app role per mapped OpenMetadata role), its service principal, group assignments (default access
 * and per role) and, for confidential clients, a rotated secret.
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
    assertNoProblems(`EntraOpenMetadataApp "${name}"`, entraAppArgsProblems(args));
    super("openmetadata-entra:entra:OpenMetadataApp", name, {}, opts);

    const clientType = args.clientType ?? ENTRA_APP_DEFAULTS.clientType;
    const configuredOwners = (args.owners ?? []).map(normalizeGuid);
    const redirectUris = [callbackUrl(args.publicUrl), ...(args.extraRedirectUris ?? [])];
    const protect = args.production === true;
    const client = azuread.getClientConfigOutput({ parent: this });
    const owners = client.objectId.apply((me) => {
      // With Application.ReadWrite.OwnedBy the deployer can only manage apps it owns, so it is always added.
      // In production the owners in config should name it too: otherwise a run by another principal (an admin's
      // laptop instead of CI) would drop it from the owners.
      if (args.production && !configuredOwners.includes(normalizeGuid(me))) {
        pulumi.log.warn(
          `the deploying principal ${me} is not in entraOwners; it is added for this run, but a run by another principal would remove it. Add it to entraOwners.`,
          this,
        );
      }
      return [...new Set([normalizeGuid(me), ...configuredOwners])];
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
        signInAudience: args.signInAudience ?? ENTRA_APP_DEFAULTS.signInAudience,
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
        // The OpenMetadata roles groups are mapped to; their values reach the ID token's `roles` claim.
        appRoles: appRoleDefinitions(args.roleGroups).map((role) => ({
          ...role,
          allowedMemberTypes: [...role.allowedMemberTypes],
        })),
      },
      { parent: this, protect },
    );

    const servicePrincipal = new azuread.ServicePrincipal(
      `${name}-sp`,
      {
        clientId: app.clientId,
        appRoleAssignmentRequired: args.assignmentRequired ?? ENTRA_APP_DEFAULTS.assignmentRequired,
        owners,
      },
      { parent: this, protect },
    );

    // Named by the group's object ID, so removing one group leaves the others alone; the alias adopts the
    // list-position names of earlier releases (for an unchanged list) instead of replacing the assignments.
    (args.assignedGroupObjectIds ?? []).map(normalizeGuid).forEach(
      (groupId, i) =>
        new azuread.AppRoleAssignment(
          `${name}-group-${groupId}`,
          {
            appRoleId: DEFAULT_ACCESS_APP_ROLE_ID,
            principalObjectId: groupId,
            resourceObjectId: servicePrincipal.objectId,
          },
          { parent: this, aliases: [{ name: `${name}-group-${i}` }] },
        ),
    );

    // One per (role, group), named by both, so removing a group from a role removes exactly that assignment. The
    // role's ID is known before the app exists (app-roles.ts); the app is listed so Entra has the role first.
    for (const { role, appRoleId, groupId } of roleAssignments(args.roleGroups))
      new azuread.AppRoleAssignment(
        `${name}-role-${role}-${groupId}`,
        { appRoleId, principalObjectId: groupId, resourceObjectId: servicePrincipal.objectId },
        { parent: this, dependsOn: [app] },
      );

    if (clientType === "confidential") {
      const rotationDays = args.secretRotationDays ?? ENTRA_APP_DEFAULTS.secretRotationDays;
      const now = (args.now ?? (() => new Date()))();
      const window = rotationWindow(rotationDays, now);
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
      // The secret in use (from state when it is not replaced in this run) should outlive the next rotation.
      password.endDate.apply((endDate) => {
        const warning = endDate ? expiryWarning(endDate, rotationDays, now) : undefined;
        if (warning) pulumi.log.warn(warning, this);
      });
    }

    this.clientId = app.clientId;
    this.tenantId = client.tenantId.apply(normalizeGuid);
    this.authority = client.tenantId.apply(entraAuthority);
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
