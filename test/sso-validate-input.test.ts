import { type SsoInput, ssoInputProblems } from "../components/openmetadata/sso";

const base: SsoInput = {
  clientId: "11111111-2222-3333-4444-555555555555",
  tenantId: "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
  publicUrl: "https://om.example.com",
  adminPrincipals: ["john.doe"],
  principalDomain: "example.com",
  jwt: { keyId: "0b9a3c6e-1f2d-8a4b-9c7e-5d6f7a8b9c0d", issuer: "om.example.com" },
};

const GUID = "a GUID like 00000000-0000-0000-0000-000000000000";
const ADMIN =
  "a lowercase user name without @domain (letters, digits, . _ -), e.g. john.doe for john.doe@example.com";
const INTERNAL = "http(s)://host[:port][/path] without query, fragment or credentials";
const PUBLIC =
  "https://host[:port][/base-path] (http only for localhost or 127.0.0.1), without query or fragment";

describe("ssoInputProblems", () => {
  it("accepts a valid input", () => {
    expect(ssoInputProblems(base)).toEqual([]);
  });

  it.each<[string, Partial<SsoInput>, string[]]>([
    ["clientId not a GUID", { clientId: "my-app" }, [`clientId must be ${GUID}; got "my-app"`]],
    [
      "tenantId a domain",
      { tenantId: "contoso.onmicrosoft.com" },
      [`tenantId must be ${GUID}; got "contoso.onmicrosoft.com"`],
    ],
    [
      "publicUrl http remote",
      { publicUrl: "http://om.example.com" },
      [`publicUrl must be ${PUBLIC}; got "http://om.example.com"`],
    ],
    [
      "publicUrl with query",
      { publicUrl: "https://om.example.com/?a=1" },
      [`publicUrl must be ${PUBLIC}; got "https://om.example.com/?a=1"`],
    ],
    [
      "internalUrl ftp",
      { internalUrl: "ftp://openmetadata:8585" },
      [`internalUrl must be ${INTERNAL}; got "ftp://openmetadata:8585"`],
    ],
    [
      "internalUrl with query",
      { internalUrl: "http://openmetadata:8585?x=1" },
      [`internalUrl must be ${INTERNAL}; got "http://openmetadata:8585?x=1"`],
    ],
    [
      "internalUrl with empty query",
      { internalUrl: "http://openmetadata:8585/?" },
      [`internalUrl must be ${INTERNAL}; got "http://openmetadata:8585/?"`],
    ],
    [
      "internalUrl with credentials",
      { internalUrl: "http://u:p@openmetadata:8585" },
      [`internalUrl must be ${INTERNAL}; got "http://u:p@openmetadata:8585"`],
    ],
    [
      "internalUrl not a URL",
      { internalUrl: "openmetadata:8585" },
      [`internalUrl must be ${INTERNAL}; got "openmetadata:8585"`],
    ],
    [
      "clientType unknown",
      { clientType: "web" as never },
      ['clientType must be "public" or "confidential"; got "web"'],
    ],
    [
      "admin with domain",
      { adminPrincipals: ["john.doe@example.com"] },
      [`adminPrincipals[0] must be ${ADMIN}; got "john.doe@example.com"`],
    ],
    [
      "admin uppercase",
      { adminPrincipals: ["ok", "John"] },
      [`adminPrincipals[1] must be ${ADMIN}; got "John"`],
    ],
    [
      "admins repeated",
      { adminPrincipals: ["a", "a"] },
      ['adminPrincipals must not repeat entries; got ["a"] repeated'],
    ],
    [
      "admins empty",
      { adminPrincipals: [] },
      [`adminPrincipals must list at least one entry, each ${ADMIN}; got []`],
    ],
    [
      "domain without dot",
      { principalDomain: "example" },
      ['principalDomain must be a lowercase DNS domain like example.com; got "example"'],
    ],
    [
      "domain with @",
      { principalDomain: "@example.com" },
      ['principalDomain must be a lowercase DNS domain like example.com; got "@example.com"'],
    ],
    [
      "enforce not boolean",
      { enforcePrincipalDomain: "yes" as never },
      ['enforcePrincipalDomain must be true or false; got "yes"'],
    ],
    [
      "claims empty",
      { jwtPrincipalClaims: [] },
      [
        "jwtPrincipalClaims must list at least one entry, each a claim name (letters, digits, _ . -), e.g. email; got []",
      ],
    ],
    [
      "claim with space",
      { jwtPrincipalClaims: ["email", "a b"] },
      ['jwtPrincipalClaims[1] must be a claim name (letters, digits, _ . -), e.g. email; got "a b"'],
    ],
    [
      "mapping bad key",
      { jwtPrincipalClaimsMapping: ["user:sub", "email:email"] },
      [
        'jwtPrincipalClaimsMapping[0] must be username:<claim> or email:<claim>, e.g. username:preferred_username; got "user:sub"',
      ],
    ],
    [
      "mapping half",
      { jwtPrincipalClaimsMapping: ["email:email"] },
      [
        'jwtPrincipalClaimsMapping must hold exactly one username:<claim> and one email:<claim>; got ["email:email"]',
      ],
    ],
    [
      "mapping twice username",
      { jwtPrincipalClaimsMapping: ["username:sub", "username:oid"] },
      [
        'jwtPrincipalClaimsMapping must hold exactly one username:<claim> and one email:<claim>; got ["username:sub","username:oid"]',
      ],
    ],
    [
      "self signup not boolean",
      { enableSelfSignup: 1 as never },
      ["enableSelfSignup must be true or false; got 1"],
    ],
    [
      "keyDir relative",
      { jwt: { ...base.jwt, keyDir: "keys" } },
      ['jwt.keyDir must be an absolute path (letters, digits, / . _ -) without trailing slash; got "keys"'],
    ],
    [
      "keyDir trailing slash",
      { jwt: { ...base.jwt, keyDir: "/keys/" } },
      ['jwt.keyDir must be an absolute path (letters, digits, / . _ -) without trailing slash; got "/keys/"'],
    ],
    [
      "keyId not UUID",
      { jwt: { ...base.jwt, keyId: "Gb389a-9f76-gdjs-a92j-0242bk94356" } },
      [
        'jwt.keyId must be a UUID like 00000000-0000-0000-0000-000000000000; got "Gb389a-9f76-gdjs-a92j-0242bk94356"',
      ],
    ],
    [
      "issuer URL",
      { jwt: { ...base.jwt, issuer: "https://om.example.com" } },
      ['jwt.issuer must be a host[:port] like openmetadata.example.com; got "https://om.example.com"'],
    ],
    [
      "issuer sexagesimal",
      { jwt: { ...base.jwt, issuer: "1234:56" } },
      ['jwt.issuer must be a host[:port] like openmetadata.example.com; got "1234:56"'],
    ],
  ])("%s", (_case, change, expected) => {
    expect(ssoInputProblems({ ...base, ...change })).toEqual(expected);
  });

  it("reports a missing jwt block field by field", () => {
    expect(ssoInputProblems({ ...base, jwt: undefined as never })).toEqual([
      "jwt.keyId must be a UUID like 00000000-0000-0000-0000-000000000000; got undefined",
      "jwt.issuer must be a host[:port] like openmetadata.example.com; got undefined",
    ]);
  });
});
