import {
  clientSecretProblems,
  type SsoInput,
  ssoInputProblems,
  ssoSettingsProblems,
} from "../components/openmetadata/sso";
import type { Problem } from "../components/problems";

const base: SsoInput = {
  clientId: "11111111-2222-3333-4444-555555555555",
  tenantId: "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
  publicUrl: "https://om.example.com",
  adminPrincipals: ["john.doe"],
  principalDomain: "example.com",
  jwt: { keyId: "0b9a3c6e-1f2d-8a4b-9c7e-5d6f7a8b9c0d", issuer: "om.example.com" },
};

const GUID = "a GUID such as 00000000-0000-0000-0000-000000000000";
const UUID = "a UUID like 00000000-0000-0000-0000-000000000000";
const ADMIN = "a user name without @domain (letters, digits, . _ -), e.g. john.doe for john.doe@example.com";
const DOMAIN = "a DNS domain such as example.com";
const CLAIM = "a claim name (letters, digits, _ . -), e.g. email";
const MAPPING = "username:<claim> or email:<claim>, e.g. username:preferred_username";
const KEY_DIR = "an absolute path (letters, digits, / . _ -) without trailing slash";
const INTERNAL = "http(s)://host[:port][/path] without query, fragment or credentials";
const ISSUER = "the public URL's host[:port], e.g. openmetadata.example.com";
const PUBLIC =
  "https://host[:port][/base-path] (a DNS name or IPv4 address; http only for localhost or 127.0.0.1), " +
  "without credentials, query or fragment";

/** The problem a test expects: exact path and exact message. */
const at = (path: string, message: string): Problem => ({ path, message });

describe("ssoInputProblems", () => {
  it("accepts a valid input", () => {
    expect(ssoInputProblems(base)).toEqual([]);
  });

  it.each<[string, Partial<SsoInput>]>([
    ["admins in upper case", { adminPrincipals: ["John.Doe", "JANE"] }],
    ["domain in upper case", { principalDomain: "Example.COM" }],
    ["publicUrl on an IPv4 address", { publicUrl: "https://10.0.0.4:8443/om" }],
    [
      "publicUrl with a base path of unreserved characters",
      { publicUrl: "https://om.example.com/a-b/c.d_e~f/" },
    ],
    ["issuer an IPv4 address with a port", { jwt: { ...base.jwt, issuer: "10.0.0.4:8443" } }],
  ])("accepts %s", (_case, change) => {
    expect(ssoInputProblems({ ...base, ...change })).toEqual([]);
  });

  it.each<[string, Partial<SsoInput>, Problem[]]>([
    ["clientId not a GUID", { clientId: "my-app" }, [at("clientId", `must be ${GUID}; got "my-app"`)]],
    [
      "tenantId a domain",
      { tenantId: "contoso.onmicrosoft.com" },
      [at("tenantId", `must be ${GUID}; got "contoso.onmicrosoft.com"`)],
    ],
    [
      "publicUrl http remote",
      { publicUrl: "http://om.example.com" },
      [at("publicUrl", `must be ${PUBLIC}; got "http://om.example.com"`)],
    ],
    [
      "publicUrl with query",
      { publicUrl: "https://om.example.com/?a=1" },
      [at("publicUrl", `must be ${PUBLIC}; got "https://om.example.com/?a=1"`)],
    ],
    [
      "publicUrl with credentials",
      { publicUrl: "https://u:p@om.example.com" },
      [at("publicUrl", `must be ${PUBLIC}; got "https://u:p@om.example.com"`)],
    ],
    [
      "publicUrl with an IPv6 host",
      { publicUrl: "https://[fd00::4]" },
      [at("publicUrl", `must be ${PUBLIC}; got "https://[fd00::4]"`)],
    ],
    [
      "publicUrl with a trailing-dot host",
      { publicUrl: "https://om.example.com." },
      [at("publicUrl", `must be ${PUBLIC}; got "https://om.example.com."`)],
    ],
    [
      "publicUrl with an underscore in the host",
      { publicUrl: "https://om_prod.example.com" },
      [at("publicUrl", `must be ${PUBLIC}; got "https://om_prod.example.com"`)],
    ],
    [
      "publicUrl with a reserved character in the base path",
      { publicUrl: "https://om.example.com/a,b" },
      [at("publicUrl", `must be ${PUBLIC}; got "https://om.example.com/a,b"`)],
    ],
    [
      "publicUrl with a space in the base path",
      { publicUrl: "https://om.example.com/a b" },
      [at("publicUrl", `must be ${PUBLIC}; got "https://om.example.com/a b"`)],
    ],
    ["publicUrl not a string", { publicUrl: 443 as never }, [at("publicUrl", `must be ${PUBLIC}; got 443`)]],
    [
      "internalUrl ftp",
      { internalUrl: "ftp://openmetadata:8585" },
      [at("internalUrl", `must be ${INTERNAL}; got "ftp://openmetadata:8585"`)],
    ],
    [
      "internalUrl with query",
      { internalUrl: "http://openmetadata:8585?x=1" },
      [at("internalUrl", `must be ${INTERNAL}; got "http://openmetadata:8585?x=1"`)],
    ],
    [
      "internalUrl with empty query",
      { internalUrl: "http://openmetadata:8585/?" },
      [at("internalUrl", `must be ${INTERNAL}; got "http://openmetadata:8585/?"`)],
    ],
    [
      "internalUrl with credentials",
      { internalUrl: "http://u:p@openmetadata:8585" },
      [at("internalUrl", `must be ${INTERNAL}; got "http://u:p@openmetadata:8585"`)],
    ],
    [
      "internalUrl not a URL",
      { internalUrl: "openmetadata:8585" },
      [at("internalUrl", `must be ${INTERNAL}; got "openmetadata:8585"`)],
    ],
    [
      "clientType unknown",
      { clientType: "web" as never },
      [at("clientType", 'must be one of public, confidential; got "web"')],
    ],
    [
      "admin with domain",
      { adminPrincipals: ["john.doe@example.com"] },
      [at("adminPrincipals[0]", `must be ${ADMIN}; got "john.doe@example.com"`)],
    ],
    [
      "admin starting with a dot",
      { adminPrincipals: ["ok", ".john"] },
      [at("adminPrincipals[1]", `must be ${ADMIN}; got ".john"`)],
    ],
    [
      "admins repeated",
      { adminPrincipals: ["a", "a"] },
      [at("adminPrincipals", 'must not repeat entries; ["a"] repeated')],
    ],
    [
      "admins repeated after lower-casing",
      { adminPrincipals: ["Jane.Doe", "jane.doe", "JANE.DOE"] },
      [at("adminPrincipals", 'must not repeat entries; ["jane.doe","JANE.DOE"] repeated')],
    ],
    [
      "admins empty",
      { adminPrincipals: [] },
      [at("adminPrincipals", "must name at least one admin user name (the part before @ of their email)")],
    ],
    [
      "admins not a list",
      { adminPrincipals: "john.doe" as never },
      [at("adminPrincipals", `must be a list of ${ADMIN}; got "john.doe"`)],
    ],
    [
      "domain without dot",
      { principalDomain: "example" },
      [at("principalDomain", `must be ${DOMAIN}; got "example"`)],
    ],
    [
      "domain with @",
      { principalDomain: "@example.com" },
      [at("principalDomain", `must be ${DOMAIN}; got "@example.com"`)],
    ],
    [
      "enforce not boolean",
      { enforcePrincipalDomain: "yes" as never },
      [at("enforcePrincipalDomain", 'must be true or false; got "yes"')],
    ],
    [
      "claims empty",
      { jwtPrincipalClaims: [] },
      [at("jwtPrincipalClaims", "must list at least one claim, e.g. [email, preferred_username, sub]")],
    ],
    [
      "claims not a list",
      { jwtPrincipalClaims: "email" as never },
      [at("jwtPrincipalClaims", `must be a list of ${CLAIM}; got "email"`)],
    ],
    [
      "claim with space",
      { jwtPrincipalClaims: ["email", "a b"] },
      [at("jwtPrincipalClaims[1]", `must be ${CLAIM}; got "a b"`)],
    ],
    [
      "claims repeated",
      { jwtPrincipalClaims: ["email", "sub", "email"] },
      [at("jwtPrincipalClaims", 'must not repeat entries; ["email"] repeated')],
    ],
    [
      "mapping bad key",
      { jwtPrincipalClaimsMapping: ["user:sub", "email:email"] },
      [at("jwtPrincipalClaimsMapping[0]", `must be ${MAPPING}; got "user:sub"`)],
    ],
    [
      "mapping half",
      { jwtPrincipalClaimsMapping: ["email:email"] },
      [
        at(
          "jwtPrincipalClaimsMapping",
          'must hold exactly one username:<claim> and one email:<claim>; got ["email:email"]',
        ),
      ],
    ],
    [
      "mapping twice username",
      { jwtPrincipalClaimsMapping: ["username:sub", "username:oid"] },
      [
        at(
          "jwtPrincipalClaimsMapping",
          'must hold exactly one username:<claim> and one email:<claim>; got ["username:sub","username:oid"]',
        ),
      ],
    ],
    [
      "mapping repeated",
      { jwtPrincipalClaimsMapping: ["username:sub", "username:sub"] },
      [at("jwtPrincipalClaimsMapping", 'must not repeat entries; ["username:sub"] repeated')],
    ],
    [
      "mapping not a list",
      { jwtPrincipalClaimsMapping: "username:sub" as never },
      [at("jwtPrincipalClaimsMapping", `must be a list of ${MAPPING}; got "username:sub"`)],
    ],
    [
      "self signup not boolean",
      { enableSelfSignup: 1 as never },
      [at("enableSelfSignup", "must be true or false; got 1")],
    ],
    [
      "keyDir relative",
      { jwt: { ...base.jwt, keyDir: "keys" } },
      [at("jwt.keyDir", `must be ${KEY_DIR}; got "keys"`)],
    ],
    [
      "keyDir trailing slash",
      { jwt: { ...base.jwt, keyDir: "/keys/" } },
      [at("jwt.keyDir", `must be ${KEY_DIR}; got "/keys/"`)],
    ],
    [
      "keyId not UUID",
      { jwt: { ...base.jwt, keyId: "Gb389a-9f76-gdjs-a92j-0242bk94356" } },
      [at("jwt.keyId", `must be ${UUID}; got "Gb389a-9f76-gdjs-a92j-0242bk94356"`)],
    ],
    [
      "issuer URL",
      { jwt: { ...base.jwt, issuer: "https://om.example.com" } },
      [at("jwt.issuer", `must be ${ISSUER}; got "https://om.example.com"`)],
    ],
    [
      "issuer sexagesimal",
      { jwt: { ...base.jwt, issuer: "1234:56" } },
      [at("jwt.issuer", `must be ${ISSUER}; got "1234:56"`)],
    ],
    [
      "issuer with a trailing dot",
      { jwt: { ...base.jwt, issuer: "om.example.com." } },
      [at("jwt.issuer", `must be ${ISSUER}; got "om.example.com."`)],
    ],
  ])("%s", (_case, change, expected) => {
    expect(ssoInputProblems({ ...base, ...change })).toEqual(expected);
  });

  it("reports every problem at once", () => {
    expect(
      ssoInputProblems({
        ...base,
        clientId: "x",
        adminPrincipals: [],
        principalDomain: "example",
        internalUrl: "x",
      }),
    ).toEqual([
      at("clientId", `must be ${GUID}; got "x"`),
      at("adminPrincipals", "must name at least one admin user name (the part before @ of their email)"),
      at("principalDomain", `must be ${DOMAIN}; got "example"`),
      at("internalUrl", `must be ${INTERNAL}; got "x"`),
    ]);
  });

  it("reports a missing jwt block field by field", () => {
    expect(ssoInputProblems({ ...base, jwt: undefined as never })).toEqual([
      at("jwt.keyId", `must be ${UUID}; got undefined`),
      at("jwt.issuer", `must be ${ISSUER}; got undefined`),
    ]);
  });
});

describe("ssoSettingsProblems", () => {
  it("checks only the settings a stack chooses", () => {
    const { clientId: _c, tenantId: _t, jwt: _j, ...settings } = base;
    expect(ssoSettingsProblems(settings)).toEqual([]);
    expect(ssoSettingsProblems({ ...settings, adminPrincipals: ["Jane", "jane"] })).toEqual([
      at("adminPrincipals", 'must not repeat entries; ["jane"] repeated'),
    ]);
  });
});

describe("clientSecretProblems", () => {
  it("requires a secret for a confidential client and refuses one for a public client", () => {
    expect(clientSecretProblems("confidential", true)).toEqual([]);
    expect(clientSecretProblems("public", false)).toEqual([]);
    expect(clientSecretProblems("confidential", false)).toEqual([
      {
        path: "clientSecret",
        message: "is required (for a confidential client: the Entra client secret)",
        missing: true,
      },
    ]);
    expect(clientSecretProblems("public", true)).toEqual([
      at("clientSecret", "must not be given for a public client (a SPA has no secret)"),
    ]);
  });
});
