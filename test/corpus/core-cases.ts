import { VALID_CORE } from "./base";

/**
 * [what is wrong, the full config without secrets, the keys the errors must name (one entry per message, in any
 * order: a key named twice must be listed twice), the case's secrets (set with --secret) if any].
 */
export type CorpusCase = [string, Record<string, unknown>, string[], Record<string, string>?];

const core = (changes: Record<string, unknown>): Record<string, unknown> => ({ ...VALID_CORE, ...changes });

const OWNER_1 = "00000000-0000-0000-0000-00000000000a";
const OWNER_2 = "00000000-0000-0000-0000-000000000002";
/** Assignment is required in production, and with no group Entra would let nobody in. */
const GROUP = "00000000-0000-0000-0000-00000000c001";
/** A production stack that is valid but for what a case changes. */
const production = (changes: Record<string, unknown>): Record<string, unknown> =>
  core({
    production: true,
    entraOwners: [OWNER_1, OWNER_2],
    entraAssignmentRequired: true,
    entraAssignedGroups: [GROUP],
    ...changes,
  });
const EXISTING_APP = {
  entraExistingClientId: "00000000-0000-0000-0000-000000000001",
  entraExistingTenantId: "00000000-0000-0000-0000-000000000003",
};

export const CORE_CASES: CorpusCase[] = [
  ["publicUrl missing", core({ publicUrl: undefined }), ["publicUrl"]],
  ["publicUrl http on a public host", core({ publicUrl: "http://om.example.com" }), ["publicUrl"]],
  ["publicUrl with a query", core({ publicUrl: "https://om.example.com/?tenant=x" }), ["publicUrl"]],
  ["publicUrl with a fragment", core({ publicUrl: "https://om.example.com/#/" }), ["publicUrl"]],
  ["publicUrl not a URL", core({ publicUrl: "om.example.com" }), ["publicUrl"]],
  ["publicUrl with credentials", core({ publicUrl: "https://user:pw@om.example.com" }), ["publicUrl"]],
  ["publicUrl as a list", core({ publicUrl: ["https://om.example.com"] }), ["publicUrl"]],
  ["target unknown", core({ target: "openshift" }), ["target"]],
  ["production not a boolean", core({ production: "yes" }), ["production"]],
  ["version not x.y.z", core({ openmetadataVersion: "latest" }), ["openmetadataVersion"]],
  ["display name empty", core({ entraDisplayName: " " }), ["entraDisplayName"]],
  ["sign-in audience unknown", core({ entraSignInAudience: "Everyone" }), ["entraSignInAudience"]],
  ["client type unknown", core({ entraClientType: "spa" }), ["entraClientType"]],
  ["owner not a GUID", core({ entraOwners: ["jane@example.com"] }), ["entraOwners"]],
  ["owners not a list", core({ entraOwners: "00000000-0000-0000-0000-000000000001" }), ["entraOwners"]],
  ["assignment flag not a boolean", core({ entraAssignmentRequired: "on" }), ["entraAssignmentRequired"]],
  ["group not a GUID", core({ entraAssignedGroups: ["admins"] }), ["entraAssignedGroups"]],
  [
    "extra redirect URI over http",
    core({ entraExtraRedirectUris: ["http://dev.example.com/callback"] }),
    ["entraExtraRedirectUris"],
  ],
  ["rotation not a number", core({ entraSecretRotationDays: "ninety" }), ["entraSecretRotationDays"]],
  ["rotation out of range", core({ entraSecretRotationDays: 1000 }), ["entraSecretRotationDays"]],
  [
    "existing client ID not a GUID",
    core({ entraExistingClientId: "my-app", entraExistingTenantId: "00000000-0000-0000-0000-000000000001" }),
    ["entraExistingClientId"],
  ],
  [
    "existing app with keys only a created app uses",
    core({ ...EXISTING_APP, entraOwners: [OWNER_1], entraSecretRotationDays: 90, entraDisplayName: "OM" }),
    ["entraDisplayName", "entraOwners", "entraSecretRotationDays"],
  ],
  [
    "existing client ID without tenant",
    core({ entraExistingClientId: "00000000-0000-0000-0000-000000000001" }),
    ["entraExistingTenantId"],
  ],
  [
    "existing client secret in plain text",
    core({ entraExistingClientSecret: "s3cret" }),
    ["entraExistingClientSecret"],
  ],
  ["admins missing", core({ adminPrincipals: undefined }), ["adminPrincipals"]],
  ["admins empty", core({ adminPrincipals: [] }), ["adminPrincipals"]],
  ["admin given as an email", core({ adminPrincipals: ["jane.doe@example.com"] }), ["adminPrincipals"]],
  ["principal domain missing", core({ principalDomain: undefined }), ["principalDomain"]],
  ["principal domain without a dot", core({ principalDomain: "localdomain" }), ["principalDomain"]],
  ["principal domain as an email", core({ principalDomain: "@example.com" }), ["principalDomain"]],
  ["enforce flag not a boolean", core({ enforcePrincipalDomain: "1" }), ["enforcePrincipalDomain"]],
  ["claims empty", core({ jwtPrincipalClaims: [] }), ["jwtPrincipalClaims"]],
  ["claim with a space", core({ jwtPrincipalClaims: ["preferred username"] }), ["jwtPrincipalClaims"]],
  [
    "claims mapping with one entry",
    core({ jwtPrincipalClaimsMapping: ["username:sub"] }),
    ["jwtPrincipalClaimsMapping"],
  ],
  [
    "claims mapping with an unknown side",
    core({ jwtPrincipalClaimsMapping: ["user:sub", "email:email"] }),
    ["jwtPrincipalClaimsMapping"],
  ],
  ["self sign-up not a boolean", core({ enableSelfSignup: "sometimes" }), ["enableSelfSignup"]],
  ["unknown key (typo)", core({ publicURL: "https://om.example.com" }), ["publicURL"]],
  [
    "production over localhost",
    core({
      production: true,
      publicUrl: "https://localhost",
      entraOwners: ["00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-000000000002"],
      entraAssignmentRequired: true,
      entraAssignedGroups: [GROUP],
    }),
    ["publicUrl"],
  ],
  [
    "production with one owner",
    core({
      production: true,
      entraOwners: ["00000000-0000-0000-0000-000000000001"],
      entraAssignmentRequired: true,
      entraAssignedGroups: [GROUP],
    }),
    ["entraOwners"],
  ],
  [
    "production without assignment",
    core({
      production: true,
      entraOwners: ["00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-000000000002"],
    }),
    ["entraAssignmentRequired"],
  ],
  // Public URL forms: a DNS name or IPv4 host, a base path of unreserved characters.
  ["publicUrl with an IPv6 host", core({ publicUrl: "https://[fd00::4]" }), ["publicUrl"]],
  ["publicUrl with a trailing-dot host", core({ publicUrl: "https://om.example.com." }), ["publicUrl"]],
  ["publicUrl with an underscore host", core({ publicUrl: "https://om_prod.example.com" }), ["publicUrl"]],
  [
    "publicUrl with a reserved character in the base path",
    core({ publicUrl: "https://om.example.com/a,b" }),
    ["publicUrl"],
  ],
  [
    "publicUrl with an empty base path segment",
    core({ publicUrl: "https://om.example.com/om//" }),
    ["publicUrl"],
  ],
  // Release lines.
  ["version of an unsupported minor line", core({ openmetadataVersion: "1.7.0" }), ["openmetadataVersion"]],
  ["version of an unsupported major line", core({ openmetadataVersion: "2.0.0" }), ["openmetadataVersion"]],
  [
    "version of an unsupported line on a target",
    core({ target: "docker", openmetadataVersion: "1.7.0" }),
    ["openmetadataVersion"],
  ],
  // Entra app registration.
  ["display name over 120 characters", core({ entraDisplayName: "x".repeat(121) }), ["entraDisplayName"]],
  [
    "owners repeated in another case",
    core({ entraOwners: [OWNER_1, OWNER_1.toUpperCase()] }),
    ["entraOwners"],
  ],
  ["groups repeated", core({ entraAssignedGroups: [OWNER_2, OWNER_2] }), ["entraAssignedGroups"]],
  // Roles from Entra groups (issue 17).
  ["role the release does not ship", core({ entraRoleGroups: { Auditor: [OWNER_2] } }), ["entraRoleGroups"]],
  ["role name with a blank", core({ entraRoleGroups: { "Data Steward": [OWNER_2] } }), ["entraRoleGroups"]],
  ["role group not a GUID", core({ entraRoleGroups: { DataSteward: ["stewards"] } }), ["entraRoleGroups"]],
  [
    "role group repeated",
    core({ entraRoleGroups: { DataSteward: [OWNER_2, OWNER_2.toUpperCase()] } }),
    ["entraRoleGroups"],
  ],
  ["role with no group", core({ entraRoleGroups: { DataConsumer: [] } }), ["entraRoleGroups"]],
  [
    "the same role in two cases",
    core({
      entraRoleGroups: { DataSteward: [OWNER_2], datasteward: [OWNER_1] },
      entraAllowCustomRoles: true,
    }),
    ["entraRoleGroups"],
  ],
  ["role groups not a mapping", core({ entraRoleGroups: [OWNER_2] }), ["entraRoleGroups"]],
  [
    "roles from the provider off while roles are mapped",
    core({ entraRoleGroups: { DataSteward: [OWNER_2] }, useRolesFromProvider: false }),
    ["useRolesFromProvider"],
  ],
  [
    "extra redirect URIs repeated",
    core({ entraExtraRedirectUris: ["http://localhost:3000/callback", "http://localhost:3000/callback"] }),
    ["entraExtraRedirectUris"],
  ],
  [
    "extra redirect URI equal to the callback",
    core({ entraExtraRedirectUris: ["https://om.example.com/callback"] }),
    ["entraExtraRedirectUris"],
  ],
  ["rotation below the minimum", core({ entraSecretRotationDays: 29 }), ["entraSecretRotationDays"]],
  [
    "production with extra redirect URIs",
    production({ entraExtraRedirectUris: ["https://dev.example.com/callback"] }),
    ["entraExtraRedirectUris"],
  ],
  [
    "production with one owner listed twice",
    production({ entraOwners: [OWNER_1, OWNER_1.toUpperCase()] }),
    // Two rules: the repeat is refused, and one distinct owner is still fewer than production's two.
    ["entraOwners", "entraOwners"],
  ],
  [
    "existing tenant ID without client ID",
    core({ entraExistingTenantId: "00000000-0000-0000-0000-000000000003" }),
    ["entraExistingClientId"],
  ],
  [
    "existing tenant ID not a GUID",
    core({ ...EXISTING_APP, entraExistingTenantId: "contoso.onmicrosoft.com" }),
    ["entraExistingTenantId"],
  ],
  [
    "existing client secret without an existing app",
    core({}),
    ["entraExistingClientSecret"],
    { entraExistingClientSecret: "generated-elsewhere-0123456789" },
  ],
  [
    "existing client secret for a public client",
    core({ ...EXISTING_APP }),
    ["entraExistingClientSecret"],
    { entraExistingClientSecret: "generated-elsewhere-0123456789" },
  ],
  // SSO settings.
  [
    "admins repeated after lower-casing",
    core({ adminPrincipals: ["Jane.Doe", "jane.doe"] }),
    ["adminPrincipals"],
  ],
  ["admins not a list", core({ adminPrincipals: "jane.doe" }), ["adminPrincipals"]],
  ["claims repeated", core({ jwtPrincipalClaims: ["email", "sub", "email"] }), ["jwtPrincipalClaims"]],
  [
    "claims mapping repeated",
    core({ jwtPrincipalClaimsMapping: ["username:sub", "username:sub"] }),
    ["jwtPrincipalClaimsMapping"],
  ],
  // Issue 14: production identity, assignments, data safety.
  [
    "production with an audience beyond this tenant",
    production({ entraSignInAudience: "AzureADMultipleOrgs" }),
    ["entraSignInAudience"],
  ],
  ["assignment required with no group", core({ entraAssignmentRequired: true }), ["entraAssignedGroups"]],
  [
    "production assignment required with no group",
    production({ entraAssignedGroups: [] }),
    ["entraAssignedGroups"],
  ],
  [
    "assignments-managed-elsewhere flag not a boolean",
    core({ entraAssignmentsManagedElsewhere: "elsewhere" }),
    ["entraAssignmentsManagedElsewhere"],
  ],
  ["allowDataReplacement not a boolean", core({ allowDataReplacement: "once" }), ["allowDataReplacement"]],
  [
    "existing client secret with ${",
    core({ ...EXISTING_APP, entraClientType: "confidential" }),
    ["entraExistingClientSecret"],
    { entraExistingClientSecret: "abc${HOME}def" },
  ],
  [
    "three mistakes at once",
    core({ publicUrl: "ftp://x", adminPrincipals: [], entraClientType: "web" }),
    ["publicUrl", "adminPrincipals", "entraClientType"],
  ],
];
