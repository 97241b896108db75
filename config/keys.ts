/**
 * The core config keys (each target declares its own in `targets/<target>/keys.ts`), declared once. `Pulumi.yaml`'s `config:` block mirrors this table (a test keeps
 * them equal), so `pulumi config` rejects wrong types before the program runs, and the config module applies
 * the same defaults under mocks, where the CLI's defaults are not applied.
 */

import { ENTRA_APP_DEFAULTS } from "../components/entra/validate";
import { DEFAULT_OPENMETADATA_VERSION, SUPPORTED_LINES_TEXT } from "../components/openmetadata/releases";
import { DEFAULT_SSO_CONFIG_SOURCE } from "../components/openmetadata/security-config";
import { SSO_DEFAULTS } from "../components/openmetadata/sso/model";

/**
 * `object`: a mapping of names to lists of strings (a YAML mapping in the stack file). Pulumi.yaml can only type
 * string, integer, boolean and array keys, so an object key is declared there without a type and checked here.
 */
export type ConfigKeyType = "string" | "integer" | "boolean" | "array" | "object";

export interface ConfigKeyDeclaration {
  readonly type: ConfigKeyType;
  readonly description: string;
  /** Only where a default is safe for every environment; mirrored in Pulumi.yaml. */
  readonly default?:
    string | number | boolean | readonly string[] | Readonly<Record<string, readonly string[]>>;
  /** Must be set with `pulumi config set --secret`. */
  readonly secret?: boolean;
  /**
   * A value that exists only outside this repository (a release checksum, say): stack files document how to
   * set it instead of committing a guess, and the offline plan stands in this obviously fake value when unset.
   */
  readonly offlineStandIn?: string;
}

export const PROJECT = "openmetadata-entra";

// Defaults are the owners' own (a component's, the SSO model's, the release data's), never restated here.
const ENTRA = ENTRA_APP_DEFAULTS;

export const CORE_KEYS = {
  publicUrl: {
    type: "string",
    description:
      "The URL people open for OpenMetadata, e.g. https://metadata.example.com or https://example.com/om. Every other URL (callback, redirect URI, issuer) is derived from it. http only for localhost/127.0.0.1.",
  },
  target: {
    type: "string",
    description:
      "Where OpenMetadata runs: docker, vm or kubernetes; none creates only the Entra app and the SSO settings output.",
    default: "none",
  },
  production: {
    type: "boolean",
    description:
      "Marks the stack as production: https only, at least two Entra owners, assignment required, app registration and data protected.",
    default: false,
  },
  allowDataReplacement: {
    type: "boolean",
    description:
      "Set true for one update to let a change of name prefix, namespace or database engine replace the data's volumes and namespace, or to destroy the stack; data is retained, not deleted. Unset it again afterwards (docs/THREAT-MODEL.md).",
    default: false,
  },
  openmetadataVersion: {
    type: "string",
    description: `OpenMetadata version for every image, chart and release tarball: a patch release of a supported line (${SUPPORTED_LINES_TEXT}).`,
    default: DEFAULT_OPENMETADATA_VERSION,
  },
  ssoConfigSource: {
    type: "string",
    description:
      "OpenMetadata 1.10+ keeps its SSO settings in its database and reads the environment only to seed them. stack: every deploy that changes the SSO settings makes the stored ones equal the stack's (the previous ones are saved first where the target has state). database: the stored settings win, for teams that manage SSO in OpenMetadata's UI (npm run verify reports the difference). 1.8/1.9 always read the stack's.",
    default: DEFAULT_SSO_CONFIG_SOURCE,
  },
  entraDisplayName: {
    type: "string",
    description: "Display name of the Entra ID app registration. Defaults to 'OpenMetadata (<stack>)'.",
  },
  entraSignInAudience: {
    type: "string",
    description:
      "Who may sign in: AzureADMyOrg (this tenant only), AzureADMultipleOrgs, AzureADandPersonalMicrosoftAccount or PersonalMicrosoftAccount.",
    default: ENTRA.signInAudience,
  },
  entraClientType: {
    type: "string",
    description:
      "public: the UI signs in as a Single-Page Application (SPA redirect URI, no secret). confidential: the server runs the authorization-code flow (Web redirect URI and a client secret).",
    default: ENTRA.clientType,
  },
  entraOwners: {
    type: "array",
    description:
      "Object IDs (GUIDs) of the app registration's owners. The deploying principal is always added. Production needs at least two.",
    default: [],
  },
  entraAssignmentRequired: {
    type: "boolean",
    description:
      "Only users and groups assigned to the enterprise application may sign in (required in production).",
    default: ENTRA.assignmentRequired,
  },
  entraAssignmentsManagedElsewhere: {
    type: "boolean",
    description:
      "Users and groups are assigned to the enterprise application outside this stack, so entraAssignmentRequired may be true with no entraAssignedGroups (otherwise refused: Entra would let nobody sign in).",
    default: false,
  },
  entraAssignedGroups: {
    type: "array",
    description: "Object IDs (GUIDs) of groups assigned to the enterprise application (default access role).",
    default: [],
  },
  entraRoleGroups: {
    type: "object",
    description:
      "OpenMetadata roles decided by Entra group membership: a mapping of role name to group object IDs, e.g. {DataSteward: [<group>], DataConsumer: [<group>], Admin: [<group>]}. Each role becomes an app role of the registration and each (role, group) an assignment; OpenMetadata then takes roles from the ID token (useRolesFromProvider). Admin makes members admins. Role names must be roles the OpenMetadata release ships unless entraAllowCustomRoles is set (docs/authorization.md).",
    default: {},
  },
  entraAllowCustomRoles: {
    type: "boolean",
    description:
      "Allow entraRoleGroups to name roles the OpenMetadata release does not ship (roles created in OpenMetadata; a name OpenMetadata does not know is ignored at sign-in).",
    default: false,
  },
  useRolesFromProvider: {
    type: "boolean",
    description:
      "OpenMetadata takes people's roles from the ID token's roles claim (Entra app roles). Unset: on exactly when entraRoleGroups maps a role. Set true for app roles assigned outside this stack (an existing app registration); false is refused while entraRoleGroups maps roles.",
  },
  entraExtraRedirectUris: {
    type: "array",
    description:
      "Additional redirect URIs, e.g. http://localhost:3000/callback for UI development. https except localhost; not allowed in production.",
    default: [],
  },
  entraSecretRotationDays: {
    type: "integer",
    description:
      "Confidential clients: days between client secret rotations (30-730). Each secret stays valid for two periods.",
    default: ENTRA.secretRotationDays,
  },
  entraExistingClientId: {
    type: "string",
    description:
      "Use an existing app registration instead of creating one: its Application (client) ID. Requires entraExistingTenantId.",
  },
  entraExistingTenantId: {
    type: "string",
    description: "Tenant ID (GUID) of the existing app registration named by entraExistingClientId.",
  },
  entraExistingClientSecret: {
    type: "string",
    description: "Client secret of the existing app registration (confidential client type only).",
    secret: true,
  },
  adminPrincipals: {
    type: "array",
    description:
      "OpenMetadata admins as user names: the part before @ of their sign-in email (john.doe for john.doe@example.com).",
  },
  principalDomain: {
    type: "string",
    description: "Email domain of OpenMetadata users, e.g. example.com.",
  },
  enforcePrincipalDomain: {
    type: "boolean",
    description: "Reject sign-ins whose email domain is not principalDomain.",
    default: SSO_DEFAULTS.enforcePrincipalDomain,
  },
  jwtPrincipalClaims: {
    type: "array",
    description:
      "ID-token claims, in order, from which OpenMetadata takes the user name. Changing the order can split existing users.",
    default: SSO_DEFAULTS.jwtPrincipalClaims,
  },
  jwtPrincipalClaimsMapping: {
    type: "array",
    description:
      "Optional explicit mapping, exactly two entries: username:<claim> and email:<claim>. Overrides jwtPrincipalClaims.",
    default: SSO_DEFAULTS.jwtPrincipalClaimsMapping,
  },
  enableSelfSignup: {
    type: "boolean",
    description: "Create an OpenMetadata user on first sign-in.",
    default: SSO_DEFAULTS.enableSelfSignup,
  },
} as const satisfies Record<string, ConfigKeyDeclaration>;

/** The full config key as Pulumi shows it, e.g. `openmetadata-entra:publicUrl`. */
export function fullKey(key: string): string {
  return `${PROJECT}:${key}`;
}
