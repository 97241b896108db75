import { buildSsoModel, type SsoInput } from "../components/openmetadata/sso";
import { ArgsError } from "../components/problems";
import { CLIENT, KEY_ID, ssoInput, TENANT } from "./helpers/sso-input";

const base: SsoInput = ssoInput();

describe("buildSsoModel", () => {
  it("derives the full public-client model with upstream defaults", () => {
    expect(buildSsoModel(base)).toEqual({
      authenticationConfiguration: {
        provider: "azure",
        clientType: "public",
        responseType: "id_token",
        authority: `https://login.microsoftonline.com/${TENANT}`,
        clientId: CLIENT,
        callbackUrl: "https://om.example.com/callback",
        publicKeyUrls: [
          `https://login.microsoftonline.com/${TENANT}/discovery/v2.0/keys`,
          "http://localhost:8585/api/v1/system/config/jwks",
        ],
        tokenValidationAlgorithm: "RS256",
        jwtPrincipalClaims: ["email", "preferred_username", "sub"],
        jwtPrincipalClaimsMapping: [],
        enableSelfSignup: true,
      },
      authorizerConfiguration: {
        className: "org.openmetadata.service.security.DefaultAuthorizer",
        containerRequestFilter: "org.openmetadata.service.security.JwtFilter",
        adminPrincipals: ["john.doe"],
        principalDomain: "example.com",
        enforcePrincipalDomain: false,
        enableSecureSocketConnection: false,
        useRolesFromProvider: false,
      },
      jwtTokenConfiguration: {
        rsapublicKeyFilePath: "/etc/openmetadata/jwtkeys/public_key.der",
        rsaprivateKeyFilePath: "/etc/openmetadata/jwtkeys/private_key.der",
        jwtissuer: "om.example.com",
        keyId: KEY_ID,
      },
    });
  });

  it("adds oidcConfiguration (bare tenant, v2.0 discovery, offline_access) only for a confidential client", () => {
    const model = buildSsoModel({
      ...base,
      clientType: "confidential",
      publicUrl: "https://x.example.com:8443/om/",
    });
    expect(model.authenticationConfiguration.clientType).toBe("confidential");
    expect(model.authenticationConfiguration.oidcConfiguration).toEqual({
      type: "azure",
      id: CLIENT,
      tenant: TENANT,
      discoveryUri: `https://login.microsoftonline.com/${TENANT}/v2.0/.well-known/openid-configuration`,
      callbackUrl: "https://x.example.com:8443/om/callback",
      serverUrl: "https://x.example.com:8443/om",
      scope: "openid email profile offline_access",
      responseType: "code",
    });
    expect("oidcConfiguration" in buildSsoModel(base).authenticationConfiguration).toBe(false);
  });

  it.each([
    ["https://om.example.com", "https://om.example.com/callback"],
    ["https://om.example.com/", "https://om.example.com/callback"],
    ["https://om.example.com/base/path/", "https://om.example.com/base/path/callback"],
    ["https://10.0.0.4:8443/om", "https://10.0.0.4:8443/om/callback"],
    ["https://om.example.com:8443", "https://om.example.com:8443/callback"],
    ["http://localhost:8585", "http://localhost:8585/callback"],
    ["http://127.0.0.1:8585/om", "http://127.0.0.1:8585/om/callback"],
    ["HTTPS://OM.Example.COM/Om", "https://om.example.com/Om/callback"],
  ])("publicUrl %s gives callbackUrl %s", (publicUrl, expected) => {
    expect(buildSsoModel({ ...base, publicUrl }).authenticationConfiguration.callbackUrl).toBe(expected);
  });

  it.each([
    [undefined, "http://localhost:8585/api/v1/system/config/jwks"],
    ["http://openmetadata:8585", "http://openmetadata:8585/api/v1/system/config/jwks"],
    ["http://openmetadata:8585/", "http://openmetadata:8585/api/v1/system/config/jwks"],
    ["https://om.internal/base/", "https://om.internal/base/api/v1/system/config/jwks"],
  ])("internalUrl %s gives own JWKS %s", (internalUrl, expected) => {
    expect(buildSsoModel({ ...base, internalUrl }).authenticationConfiguration.publicKeyUrls).toEqual([
      `https://login.microsoftonline.com/${TENANT}/discovery/v2.0/keys`,
      expected,
    ]);
  });

  // Entra's signing keys as each line's docs (and, from 1.12, its Azure validator) name them.
  it.each([
    ["1.8.12", "https://login.microsoftonline.com/common/discovery/keys"],
    ["1.9.17", "https://login.microsoftonline.com/common/discovery/keys"],
    ["1.10.0", `https://login.microsoftonline.com/${TENANT}/discovery/v2.0/keys`],
    ["1.11.13", `https://login.microsoftonline.com/${TENANT}/discovery/v2.0/keys`],
    ["1.12.12", `https://login.microsoftonline.com/${TENANT}/discovery/v2.0/keys`],
    ["1.13.1", `https://login.microsoftonline.com/${TENANT}/discovery/v2.0/keys`],
  ])("on %s Entra's keys are %s", (openmetadataVersion, keys) => {
    expect(buildSsoModel({ ...base, openmetadataVersion }).authenticationConfiguration.publicKeyUrls).toEqual(
      [keys, "http://localhost:8585/api/v1/system/config/jwks"],
    );
  });

  it("refuses a version that is not a known release", () => {
    expect(() => buildSsoModel({ ...base, openmetadataVersion: "1.12.2" })).toThrow(
      "openmetadataVersion: must be a published 1.12 patch",
    );
  });

  it("lowercases GUIDs, honours keyDir and optional settings", () => {
    const model = buildSsoModel({
      ...base,
      clientId: CLIENT.toUpperCase(),
      tenantId: TENANT.toUpperCase(),
      enforcePrincipalDomain: true,
      enableSelfSignup: false,
      jwtPrincipalClaims: ["preferred_username", "email"],
      jwtPrincipalClaimsMapping: ["email:email", "username:preferred_username"],
      jwt: { keyDir: "/opt/om/keys", keyId: KEY_ID.toUpperCase(), issuer: "om.example.com:8443" },
    });
    expect(model.authenticationConfiguration.clientId).toBe(CLIENT);
    expect(model.authenticationConfiguration.authority).toBe(`https://login.microsoftonline.com/${TENANT}`);
    expect(model.authenticationConfiguration.enableSelfSignup).toBe(false);
    expect(model.authenticationConfiguration.jwtPrincipalClaims).toEqual(["preferred_username", "email"]);
    expect(model.authenticationConfiguration.jwtPrincipalClaimsMapping).toEqual([
      "email:email",
      "username:preferred_username",
    ]);
    expect(model.authorizerConfiguration.enforcePrincipalDomain).toBe(true);
    expect(model.jwtTokenConfiguration).toEqual({
      rsapublicKeyFilePath: "/opt/om/keys/public_key.der",
      rsaprivateKeyFilePath: "/opt/om/keys/private_key.der",
      jwtissuer: "om.example.com:8443",
      keyId: KEY_ID,
    });
  });

  it("does not share arrays with its input", () => {
    const input = { ...base, adminPrincipals: ["a"] };
    const model = buildSsoModel(input);
    input.adminPrincipals.push("b");
    expect(model.authorizerConfiguration.adminPrincipals).toEqual(["a"]);
  });

  it("lower-cases admin names and the domain, as OpenMetadata does at sign-in", () => {
    const model = buildSsoModel({
      ...base,
      adminPrincipals: ["John.Doe", "ADMIN"],
      principalDomain: "Example.COM",
    });
    expect(model.authorizerConfiguration.adminPrincipals).toEqual(["john.doe", "admin"]);
    expect(model.authorizerConfiguration.principalDomain).toBe("example.com");
  });

  it("throws one ArgsError listing every problem", () => {
    let error: unknown;
    try {
      buildSsoModel({
        ...base,
        clientId: "nope",
        principalDomain: "example",
        adminPrincipals: ["Jane.Doe", "jane.doe"],
        publicUrl: "https://om.example.com.",
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ArgsError);
    expect((error as ArgsError).subject).toBe("OpenMetadata SSO settings");
    expect((error as ArgsError).problems).toEqual([
      {
        path: "clientId",
        message: 'must be a GUID such as 00000000-0000-0000-0000-000000000000; got "nope"',
      },
      {
        path: "publicUrl",
        message:
          "must be https://host[:port][/base-path] (a DNS name or IPv4 address; http only for localhost or " +
          '127.0.0.1), without credentials, query or fragment; got "https://om.example.com."',
      },
      { path: "adminPrincipals", message: 'must not repeat entries; ["jane.doe"] repeated' },
      { path: "principalDomain", message: 'must be a DNS domain such as example.com; got "example"' },
    ]);
    expect((error as Error).message).toBe(
      [
        "OpenMetadata SSO settings: invalid arguments (4):",
        '  clientId: must be a GUID such as 00000000-0000-0000-0000-000000000000; got "nope"',
        "  publicUrl: must be https://host[:port][/base-path] (a DNS name or IPv4 address; http only for " +
          'localhost or 127.0.0.1), without credentials, query or fragment; got "https://om.example.com."',
        '  adminPrincipals: must not repeat entries; ["jane.doe"] repeated',
        '  principalDomain: must be a DNS domain such as example.com; got "example"',
      ].join("\n"),
    );
  });
});
