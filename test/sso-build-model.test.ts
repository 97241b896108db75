import { buildSsoModel, type SsoInput, SsoInputError } from "../components/openmetadata/sso";
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
          "https://login.microsoftonline.com/common/discovery/keys",
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
    ["https://om.example.com/base/path//", "https://om.example.com/base/path/callback"],
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
      "https://login.microsoftonline.com/common/discovery/keys",
      expected,
    ]);
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

  it("throws one SsoInputError listing every problem", () => {
    let error: unknown;
    try {
      buildSsoModel({ ...base, clientId: "nope", principalDomain: "Example.com", adminPrincipals: [] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SsoInputError);
    expect((error as SsoInputError).problems).toHaveLength(3);
    expect((error as Error).message).toBe(
      [
        "Invalid OpenMetadata SSO settings (3):",
        '  - clientId must be a GUID like 00000000-0000-0000-0000-000000000000; got "nope"',
        "  - adminPrincipals must list at least one entry, each a lowercase user name without @domain " +
          "(letters, digits, . _ -), e.g. john.doe for john.doe@example.com; got []",
        '  - principalDomain must be a lowercase DNS domain like example.com; got "Example.com"',
      ].join("\n"),
    );
  });
});
