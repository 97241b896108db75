import { VALID_CORE } from "./base";

/** [what is wrong, the full config, the keys the errors must name (in any order)]. */
export type CorpusCase = [string, Record<string, unknown>, string[]];

const core = (changes: Record<string, unknown>): Record<string, unknown> => ({ ...VALID_CORE, ...changes });

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
    }),
    ["publicUrl"],
  ],
  [
    "production with one owner",
    core({
      production: true,
      entraOwners: ["00000000-0000-0000-0000-000000000001"],
      entraAssignmentRequired: true,
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
  [
    "three mistakes at once",
    core({ publicUrl: "ftp://x", adminPrincipals: [], entraClientType: "web" }),
    ["publicUrl", "adminPrincipals", "entraClientType"],
  ],
];
