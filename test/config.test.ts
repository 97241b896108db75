import { ConfigError, parseStackConfig } from "../config";
import type { RawSource } from "../config/raw";
import { buildSsoModel } from "../components/openmetadata/sso/build-model";

const P = "openmetadata-entra";
const BASE: Record<string, string> = {
  [`${P}:publicUrl`]: "https://om.example.com",
  [`${P}:adminPrincipals`]: JSON.stringify(["jane.doe"]),
  [`${P}:principalDomain`]: "example.com",
};

function source(values: Record<string, string>, secret: string[] = []): RawSource {
  return { get: (k) => values[k], isSecret: (k) => secret.includes(k), keys: () => Object.keys(values) };
}

function problems(values: Record<string, string | undefined>, secret: string[] = []): string[] {
  const merged = Object.fromEntries(
    Object.entries({ ...BASE, ...values }).filter((e): e is [string, string] => e[1] !== undefined),
  );
  try {
    parseStackConfig(source(merged, secret), "test");
    return [];
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return e.problems;
  }
}

const k = (key: string) => `${P}:${key}`;
const URL_FORM =
  "must be https://host[:port][/base-path] (a DNS name or IPv4 address; http only for localhost or 127.0.0.1), without credentials, query or fragment";
const ADMIN_FORM =
  "must be a user name without @domain (letters, digits, . _ -), e.g. john.doe for john.doe@example.com";
const GUID_FORM = "must be a GUID such as 00000000-0000-0000-0000-000000000000";
// The owner's rule under the config keys: the hint names the key to set (entraAssignmentsManagedElsewhere), not the
// Entra component's argument.
const NO_GROUPS =
  "must list at least one group when assignment is required (or map roles to groups in entraRoleGroups): Entra would refuse every user; if users and groups are assigned outside this stack, set entraAssignmentsManagedElsewhere";

describe("roles from Entra groups (issue 17)", () => {
  const STEWARDS = "00000000-0000-0000-0000-00000000A0D1";
  it("maps role groups to the Entra app (GUIDs lower-cased) and turns on roles from the provider", () => {
    const c = parseStackConfig(
      source({
        ...BASE,
        [k("entraRoleGroups")]: JSON.stringify({ DataSteward: [STEWARDS], Admin: [STEWARDS] }),
      }),
      "dev",
    );
    expect(c.entra.mode === "create" && c.entra.args.roleGroups).toEqual({
      DataSteward: [STEWARDS.toLowerCase()],
      Admin: [STEWARDS.toLowerCase()],
    });
    expect(c.sso.useRolesFromProvider).toBe(true);
  });

  it("accepts a custom role with entraAllowCustomRoles, and roles from the provider without a mapping", () => {
    const custom = parseStackConfig(
      source({
        ...BASE,
        [k("entraRoleGroups")]: JSON.stringify({ Auditor: [STEWARDS] }),
        [k("entraAllowCustomRoles")]: "true",
      }),
      "dev",
    );
    expect(custom.entra.mode === "create" && Object.keys(custom.entra.args.roleGroups ?? {})).toEqual([
      "Auditor",
    ]);
    const elsewhere = parseStackConfig(source({ ...BASE, [k("useRolesFromProvider")]: "true" }), "dev");
    expect(elsewhere.sso.useRolesFromProvider).toBe(true);
  });
});

describe("valid config", () => {
  it("applies every default and derives the display name from the stack", () => {
    const c = parseStackConfig(source(BASE), "dev");
    expect(c).toEqual({
      core: {
        stack: "dev",
        publicUrl: "https://om.example.com",
        production: false,
        protectData: true,
        openmetadataVersion: "1.13.1",
        ssoConfigSource: "stack",
      },
      entra: {
        mode: "create",
        args: {
          displayName: "OpenMetadata (dev)",
          publicUrl: "https://om.example.com",
          extraRedirectUris: [],
          clientType: "public",
          signInAudience: "AzureADMyOrg",
          owners: [],
          assignmentRequired: false,
          assignmentsManagedElsewhere: false,
          assignedGroupObjectIds: [],
          roleGroups: {},
          secretRotationDays: 180,
          production: false,
        },
      },
      sso: {
        publicUrl: "https://om.example.com",
        clientType: "public",
        adminPrincipals: ["jane.doe"],
        principalDomain: "example.com",
        enforcePrincipalDomain: false,
        jwtPrincipalClaims: ["email", "preferred_username", "sub"],
        jwtPrincipalClaimsMapping: [],
        enableSelfSignup: true,
        useRolesFromProvider: false,
      },
      target: { kind: "none", config: {} },
    });
  });

  it.each([
    ["https://om.example.com/", "https://om.example.com"],
    ["https://example.com/openmetadata/", "https://example.com/openmetadata"],
    ["http://localhost:8585", "http://localhost:8585"],
    ["http://127.0.0.1:9000/om", "http://127.0.0.1:9000/om"],
    ["https://OM.Example.com:8443", "https://om.example.com:8443"],
  ])("normalizes publicUrl %s to %s", (raw, expected) => {
    expect(parseStackConfig(source({ ...BASE, [k("publicUrl")]: raw }), "t").core.publicUrl).toBe(expected);
  });

  it("accepts admins and the domain in any case; the SSO model lower-cases them, as OpenMetadata does at sign-in", () => {
    const c = parseStackConfig(
      source({ ...BASE, [k("adminPrincipals")]: '["Jane.Doe"]', [k("principalDomain")]: "Example.COM" }),
      "t",
    );
    expect([c.sso.adminPrincipals, c.sso.principalDomain]).toEqual([["Jane.Doe"], "Example.COM"]);
    const model = buildSsoModel({
      ...c.sso,
      clientId: "11111111-2222-3333-4444-555555555555",
      tenantId: "66666666-7777-8888-9999-000000000000",
      jwt: { keyId: "0b9a3c6e-1f2d-8a4b-9c7e-5d6f7a8b9c0d", issuer: "om.example.com" },
    });
    expect([
      model.authorizerConfiguration.adminPrincipals,
      model.authorizerConfiguration.principalDomain,
    ]).toEqual([["jane.doe"], "example.com"]);
  });

  it("lower-cases owner and group object IDs given in upper case", () => {
    const c = parseStackConfig(
      source({
        ...BASE,
        [k("entraOwners")]:
          '["AAAAAAAA-0000-0000-0000-00000000A001", "00000000-0000-0000-0000-00000000a002"]',
        [k("entraAssignedGroups")]: '["BBBBBBBB-0000-0000-0000-00000000B001"]',
      }),
      "t",
    );
    expect(c.entra.mode === "create" && [c.entra.args.owners, c.entra.args.assignedGroupObjectIds]).toEqual([
      ["aaaaaaaa-0000-0000-0000-00000000a001", "00000000-0000-0000-0000-00000000a002"],
      ["bbbbbbbb-0000-0000-0000-00000000b001"],
    ]);
  });

  it("uses an existing app registration without creating one", () => {
    const c = parseStackConfig(
      source({
        ...BASE,
        [k("entraExistingClientId")]: "11111111-2222-3333-4444-555555555555",
        [k("entraExistingTenantId")]: "66666666-7777-8888-9999-000000000000",
      }),
      "t",
    );
    expect(c.entra).toEqual({
      mode: "existing",
      args: {
        clientId: "11111111-2222-3333-4444-555555555555",
        tenantId: "66666666-7777-8888-9999-000000000000",
        publicUrl: "https://om.example.com",
        clientSecret: undefined,
      },
    });
  });
});

describe("invalid config: every problem, each naming its key", () => {
  it.each<[string, Record<string, string | undefined>, string[]]>([
    [
      "http on a public host",
      { [k("publicUrl")]: "http://om.example.com" },
      [`${k("publicUrl")}: ${URL_FORM}; got "http://om.example.com"`],
    ],
    [
      "a query string",
      { [k("publicUrl")]: "https://om.example.com/?a=1" },
      [`${k("publicUrl")}: ${URL_FORM}; got "https://om.example.com/?a=1"`],
    ],
    [
      "a fragment",
      { [k("publicUrl")]: "https://om.example.com/#x" },
      [`${k("publicUrl")}: ${URL_FORM}; got "https://om.example.com/#x"`],
    ],
    [
      "not a URL",
      { [k("publicUrl")]: "om.example.com" },
      [`${k("publicUrl")}: ${URL_FORM}; got "om.example.com"`],
    ],
    [
      "missing publicUrl",
      { [k("publicUrl")]: undefined },
      [
        `${k("publicUrl")}: is required (The URL people open for OpenMetadata, e.g. https://metadata.example.com or https://example.com/om. Every other URL (callback, redirect URI, issuer) is derived from it. http only for localhost/127.0.0.1.); set it with pulumi config set publicUrl <value>`,
      ],
    ],
    [
      "empty admins",
      { [k("adminPrincipals")]: "[]" },
      [`${k("adminPrincipals")}: must name at least one admin user name (the part before @ of their email)`],
    ],
    [
      "an email as admin",
      { [k("adminPrincipals")]: '["jane@example.com"]' },
      [`${k("adminPrincipals")}[0]: ${ADMIN_FORM}; got "jane@example.com"`],
    ],
    [
      "an admin name the SSO model would refuse at deploy time",
      { [k("adminPrincipals")]: '["o\'brien"]' },
      [`${k("adminPrincipals")}[0]: ${ADMIN_FORM}; got "o'brien"`],
    ],
    [
      "admins not a list",
      { [k("adminPrincipals")]: "jane" },
      [`${k("adminPrincipals")}: must be a list of strings (a YAML list in the stack file); got "jane"`],
    ],
    [
      "bad domain",
      { [k("principalDomain")]: "example" },
      [`${k("principalDomain")}: must be a DNS domain such as example.com; got "example"`],
    ],
    [
      "owner not a GUID",
      { [k("entraOwners")]: '["abc"]' },
      [`${k("entraOwners")}[0]: ${GUID_FORM}; got "abc"`],
    ],
    [
      "group not a GUID",
      { [k("entraAssignedGroups")]: '["00000000-0000-0000-0000-00000000000", "x"]' },
      [
        `${k("entraAssignedGroups")}[0]: ${GUID_FORM}; got "00000000-0000-0000-0000-00000000000"`,
        `${k("entraAssignedGroups")}[1]: ${GUID_FORM}; got "x"`,
      ],
    ],
    ["boolean typo", { [k("production")]: "yes" }, [`${k("production")}: must be true or false; got "yes"`]],
    [
      "integer typo",
      { [k("entraSecretRotationDays")]: "90d" },
      [`${k("entraSecretRotationDays")}: must be a whole number; got "90d"`],
    ],
    [
      "rotation too short",
      { [k("entraSecretRotationDays")]: "7" },
      [`${k("entraSecretRotationDays")}: must be a whole number of days, from 30 to 730; got 7`],
    ],
    [
      "unknown client type",
      { [k("entraClientType")]: "spa" },
      [`${k("entraClientType")}: must be one of public, confidential; got "spa"`],
    ],
    [
      "unknown audience",
      { [k("entraSignInAudience")]: "Everyone" },
      [
        `${k("entraSignInAudience")}: must be one of AzureADMyOrg, AzureADMultipleOrgs, AzureADandPersonalMicrosoftAccount, PersonalMicrosoftAccount; got "Everyone"`,
      ],
    ],
    [
      "bad version",
      { [k("openmetadataVersion")]: "latest" },
      [`${k("openmetadataVersion")}: must be a release version x.y.z such as 1.13.1; got "latest"`],
    ],
    [
      "half a mapping",
      { [k("jwtPrincipalClaimsMapping")]: '["username:preferred_username"]' },
      [
        `${k("jwtPrincipalClaimsMapping")}: must hold exactly one username:<claim> and one email:<claim>; got ["username:preferred_username"]`,
      ],
    ],
    [
      "mapping typo",
      { [k("jwtPrincipalClaimsMapping")]: '["user:sub", "email:email"]' },
      [
        `${k("jwtPrincipalClaimsMapping")}[0]: must be username:<claim> or email:<claim>, e.g. username:preferred_username; got "user:sub"`,
      ],
    ],
    [
      "no claims",
      { [k("jwtPrincipalClaims")]: "[]" },
      [`${k("jwtPrincipalClaims")}: must list at least one claim, e.g. [email, preferred_username, sub]`],
    ],
    [
      "extra redirect over http",
      { [k("entraExtraRedirectUris")]: '["http://dev.example.com/callback"]' },
      [`${k("entraExtraRedirectUris")}[0]: ${URL_FORM}; got "http://dev.example.com/callback"`],
    ],
    [
      "existing client without tenant",
      { [k("entraExistingClientId")]: "11111111-2222-3333-4444-555555555555" },
      [
        `${k("entraExistingTenantId")}: must be set together with entraExistingClientId (both GUIDs) to use an existing app registration`,
      ],
    ],
    [
      "existing confidential without secret",
      {
        [k("entraExistingClientId")]: "11111111-2222-3333-4444-555555555555",
        [k("entraExistingTenantId")]: "11111111-2222-3333-4444-555555555555",
        [k("entraClientType")]: "confidential",
      },
      [
        `${k("entraExistingClientSecret")}: is required (for a confidential client: the Entra client secret); set it with pulumi config set --secret entraExistingClientSecret <value>`,
      ],
    ],
    [
      "the same admin twice, in different case (OpenMetadata lower-cases user names)",
      { [k("adminPrincipals")]: '["Jane.Doe", "jane.doe"]' },
      [`${k("adminPrincipals")}: must not repeat entries; ["jane.doe"] repeated`],
    ],
    [
      "the same owner twice, in different case",
      {
        [k("entraOwners")]:
          '["aaaaaaaa-0000-0000-0000-00000000a001", "00000000-0000-0000-0000-00000000a002", "AAAAAAAA-0000-0000-0000-00000000A001"]',
      },
      // Compared case-insensitively; the message quotes the repeat as the stack gives it.
      [`${k("entraOwners")}: must not repeat entries; ["AAAAAAAA-0000-0000-0000-00000000A001"] repeated`],
    ],
    [
      "the same group twice, in different case",
      {
        [k("entraAssignedGroups")]:
          '["BBBBBBBB-0000-0000-0000-00000000B001", "bbbbbbbb-0000-0000-0000-00000000b001"]',
      },
      [
        `${k("entraAssignedGroups")}: must not repeat entries; ["bbbbbbbb-0000-0000-0000-00000000b001"] repeated`,
      ],
    ],
    [
      "the same claim twice",
      { [k("jwtPrincipalClaims")]: '["email", "sub", "email"]' },
      [`${k("jwtPrincipalClaims")}: must not repeat entries; ["email"] repeated`],
    ],
    [
      "an extra redirect URI equal to the derived callback",
      { [k("entraExtraRedirectUris")]: '["https://om.example.com/callback"]' },
      [
        `${k("entraExtraRedirectUris")}: must not repeat entries; ["https://om.example.com/callback"] repeated`,
      ],
    ],
    [
      "an IPv6 host",
      { [k("publicUrl")]: "https://[fd00::1]:8443" },
      [`${k("publicUrl")}: ${URL_FORM}; got "https://[fd00::1]:8443"`],
    ],
    [
      "a host with a trailing dot",
      { [k("publicUrl")]: "https://om.example.com." },
      [`${k("publicUrl")}: ${URL_FORM}; got "https://om.example.com."`],
    ],
    [
      "a host with an underscore",
      { [k("publicUrl")]: "https://open_metadata.example.com" },
      [`${k("publicUrl")}: ${URL_FORM}; got "https://open_metadata.example.com"`],
    ],
    [
      "a version of an unsupported line",
      { [k("openmetadataVersion")]: "1.7.0" },
      [
        `${k("openmetadataVersion")}: must be a release of a supported line (1.8.x, 1.9.x, 1.10.x, 1.11.x, 1.12.x, 1.13.x); got "1.7.0"`,
      ],
    ],
    [
      "a patch the line never published (no 1.12.2 chart)",
      { [k("openmetadataVersion")]: "1.12.2" },
      [
        `${k("openmetadataVersion")}: must be a published 1.12 patch (1.12.1, 1.12.3, 1.12.4, 1.12.5, 1.12.6, 1.12.7, 1.12.8, 1.12.9, 1.12.10, 1.12.11, 1.12.12, or a newer one); got "1.12.2"`,
      ],
    ],
    [
      "a patch with a leading zero",
      { [k("openmetadataVersion")]: "1.13.01" },
      [`${k("openmetadataVersion")}: must be a release version x.y.z such as 1.13.1; got "1.13.01"`],
    ],
    [
      "ssoConfigSource database on a line that reads SSO from the environment",
      { [k("openmetadataVersion")]: "1.9.17", [k("ssoConfigSource")]: "database" },
      [
        `${k("ssoConfigSource")}: must be "stack" on OpenMetadata 1.9: the server reads its SSO settings from the environment on every start (stored settings exist from 1.10)`,
      ],
    ],
    [
      "ssoConfigSource not one of the sources",
      { [k("ssoConfigSource")]: "ui" },
      [`${k("ssoConfigSource")}: must be one of stack, database; got "ui"`],
    ],
    [
      "a role the release does not ship, a non-GUID group and a repeated group",
      {
        [k("entraRoleGroups")]: JSON.stringify({
          Auditor: ["00000000-0000-0000-0000-00000000a0d1"],
          DataSteward: [
            "stewards",
            "00000000-0000-0000-0000-00000000a0d1",
            "00000000-0000-0000-0000-00000000A0D1",
          ],
        }),
      },
      [
        `${k("entraRoleGroups")}.Auditor: is not a role OpenMetadata 1.13.1 ships (Admin, DataConsumer, DataSteward); create it in OpenMetadata and set entraAllowCustomRoles to map it`,
        `${k("entraRoleGroups")}.DataSteward[0]: ${GUID_FORM}; got "stewards"`,
        `${k("entraRoleGroups")}.DataSteward: must not repeat entries; ["00000000-0000-0000-0000-00000000A0D1"] repeated`,
      ],
    ],
    [
      "role groups that are not a mapping of lists",
      { [k("entraRoleGroups")]: '{"DataSteward": "00000000-0000-0000-0000-00000000a0d1"}' },
      [
        `${k("entraRoleGroups")}: must be a mapping of names to lists of strings (a YAML mapping in the stack file); got ${JSON.stringify('{"DataSteward": "00000000-0000-0000-0000-00000000a0d1"}')}`,
      ],
    ],
    [
      "roles from the provider turned off while roles are mapped",
      {
        [k("entraRoleGroups")]: JSON.stringify({ DataSteward: ["00000000-0000-0000-0000-00000000a0d1"] }),
        [k("useRolesFromProvider")]: "false",
      },
      [
        `${k("useRolesFromProvider")}: must not be false while entraRoleGroups maps roles: OpenMetadata would ignore the roles Entra sends (unset it, or remove the mapping)`,
      ],
    ],
    [
      "unknown key",
      { [k("publicURL")]: "https://x.example.com" },
      [`${k("publicURL")}: is not a known key of this project (see the config block in Pulumi.yaml)`],
    ],
  ])("%s", (_name, values, expected) => {
    expect(problems(values)).toEqual(expected);
  });

  it("rejects a secret key set in plain text", () => {
    expect(
      problems({
        [k("entraExistingClientId")]: "11111111-2222-3333-4444-555555555555",
        [k("entraExistingTenantId")]: "11111111-2222-3333-4444-555555555555",
        [k("entraClientType")]: "confidential",
        [k("entraExistingClientSecret")]: "s3cret",
      }),
    ).toEqual([
      `${k("entraExistingClientSecret")}: must be set as a secret: pulumi config set --secret entraExistingClientSecret <value>`,
    ]);
  });

  it("reports three mistakes at once, in key order", () => {
    expect(
      problems({
        [k("publicUrl")]: "ftp://om.example.com",
        [k("adminPrincipals")]: "[]",
        [k("entraOwners")]: '["nope"]',
      }),
    ).toEqual([
      `${k("publicUrl")}: ${URL_FORM}; got "ftp://om.example.com"`,
      `${k("entraOwners")}[0]: ${GUID_FORM}; got "nope"`,
      `${k("adminPrincipals")}: must name at least one admin user name (the part before @ of their email)`,
    ]);
  });
});

describe("production rules", () => {
  const prod = { [k("production")]: "true" };
  const owners = JSON.stringify([
    "11111111-2222-3333-4444-555555555555",
    "11111111-2222-3333-4444-666666666666",
  ]);
  const groups = JSON.stringify(["22222222-3333-4444-5555-666666666666"]);

  it("accepts a complete production stack", () => {
    expect(
      problems({
        ...prod,
        [k("entraOwners")]: owners,
        [k("entraAssignmentRequired")]: "true",
        [k("entraAssignedGroups")]: groups,
      }),
    ).toEqual([]);
  });

  it.each<[string, Record<string, string>, string[]]>([
    [
      "localhost",
      {
        [k("publicUrl")]: "http://localhost:8585",
        [k("entraOwners")]: owners,
        [k("entraAssignmentRequired")]: "true",
        [k("entraAssignedGroups")]: groups,
      },
      [`${k("publicUrl")}: must be an https URL on a real host in production (localhost is for development)`],
    ],
    [
      "one owner",
      {
        [k("entraOwners")]: '["11111111-2222-3333-4444-555555555555"]',
        [k("entraAssignmentRequired")]: "true",
        [k("entraAssignedGroups")]: groups,
      },
      [
        `${k("entraOwners")}: must list at least two owner object IDs in production (the deployer is added to them); got 1`,
      ],
    ],
    [
      "assignment not required",
      { [k("entraOwners")]: owners },
      [
        `${k("entraAssignmentRequired")}: must be true in production, so only assigned users and groups sign in`,
      ],
    ],
    [
      "extra redirect URIs",
      {
        [k("entraOwners")]: owners,
        [k("entraAssignmentRequired")]: "true",
        [k("entraAssignedGroups")]: groups,
        [k("entraExtraRedirectUris")]: '["http://localhost:3000/callback"]',
      },
      [
        `${k("entraExtraRedirectUris")}: must be empty in production (extra redirect URIs are for development)`,
      ],
    ],
    [
      "an audience beyond this tenant",
      {
        [k("entraOwners")]: owners,
        [k("entraAssignmentRequired")]: "true",
        [k("entraAssignedGroups")]: groups,
        [k("entraSignInAudience")]: "AzureADMultipleOrgs",
      },
      [
        `${k("entraSignInAudience")}: must be AzureADMyOrg in production, so only this tenant's accounts sign in; got "AzureADMultipleOrgs"`,
      ],
    ],
    [
      "assignment required with no group and none assigned elsewhere",
      { [k("entraOwners")]: owners, [k("entraAssignmentRequired")]: "true" },
      [`${k("entraAssignedGroups")}: ${NO_GROUPS}`],
    ],
  ])("%s", (_name, values, expected) => {
    expect(problems({ ...prod, ...values })).toEqual(expected);
  });

  it("accepts assignment required with no group when the assignments are managed elsewhere", () => {
    expect(
      problems({
        ...prod,
        [k("entraOwners")]: owners,
        [k("entraAssignmentRequired")]: "true",
        [k("entraAssignmentsManagedElsewhere")]: "true",
      }),
    ).toEqual([]);
  });

  it("refuses a localhost publicUrl in production with an existing app registration too", () => {
    expect(
      problems({
        ...prod,
        [k("publicUrl")]: "http://localhost:8585",
        [k("entraExistingClientId")]: "11111111-2222-3333-4444-555555555555",
        [k("entraExistingTenantId")]: "66666666-7777-8888-9999-000000000000",
      }),
    ).toEqual([
      `${k("publicUrl")}: must be an https URL on a real host in production (localhost is for development)`,
    ]);
  });

  it("reports every production rule together with a field error", () => {
    expect(problems({ ...prod, [k("principalDomain")]: "nodot" })).toEqual([
      `${k("entraOwners")}: must list at least two owner object IDs in production (the deployer is added to them); got 0`,
      `${k("entraAssignmentRequired")}: must be true in production, so only assigned users and groups sign in`,
      `${k("principalDomain")}: must be a DNS domain such as example.com; got "nodot"`,
    ]);
  });
});

describe("assignment without groups (outside production too)", () => {
  it("refuses entraAssignmentRequired with no entraAssignedGroups, naming entraAssignedGroups", () => {
    expect(problems({ [k("entraAssignmentRequired")]: "true" })).toEqual([
      `${k("entraAssignedGroups")}: ${NO_GROUPS}`,
    ]);
  });

  it("accepts it with entraAssignmentsManagedElsewhere, and gives the component that flag", () => {
    const c = parseStackConfig(
      source({
        ...BASE,
        [k("entraAssignmentRequired")]: "true",
        [k("entraAssignmentsManagedElsewhere")]: "true",
      }),
      "t",
    );
    expect(
      c.entra.mode === "create" && [
        c.entra.args.assignmentRequired,
        c.entra.args.assignmentsManagedElsewhere,
        c.entra.args.assignedGroupObjectIds,
      ],
    ).toEqual([true, true, []]);
  });

  it("accepts it with a group", () => {
    expect(
      problems({
        [k("entraAssignmentRequired")]: "true",
        [k("entraAssignedGroups")]: '["22222222-3333-4444-5555-666666666666"]',
      }),
    ).toEqual([]);
  });
});

describe("allowDataReplacement", () => {
  it.each<[string, string | undefined, boolean]>([
    ["unset", undefined, true],
    ["false", "false", true],
    ["true", "true", false],
  ])("%s: data is protected unless it is true", (_name, value, protectData) => {
    const values = value === undefined ? BASE : { ...BASE, [k("allowDataReplacement")]: value };
    expect(parseStackConfig(source(values), "t").core.protectData).toBe(protectData);
  });

  it("refuses a value that is not a boolean, naming the key", () => {
    expect(problems({ [k("allowDataReplacement")]: "yes" })).toEqual([
      `${k("allowDataReplacement")}: must be true or false; got "yes"`,
    ]);
  });
});
