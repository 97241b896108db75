import {
  buildSsoModel,
  HELM_AUTHENTICATION_KEYS,
  HELM_AUTHORIZER_KEYS,
  HELM_JWT_TOKEN_CONFIGURATION_KEYS,
  HELM_OIDC_CONFIGURATION_KEYS,
  HELM_SECRET_REF_KEYS,
  type HelmSsoValues,
  renderHelmOidcSecretData,
  renderHelmValues,
  type SsoInput,
} from "../components/openmetadata/sso";
import { CLIENT, KEY_ID, ssoInput, TENANT } from "./helpers/sso-input";

const base: SsoInput = ssoInput({ internalUrl: "http://openmetadata:8585" });

/** Every key under the chart's strict sections that the charts 1.8.12-1.13.1 would refuse (the same lists). */
function unknownHelmKeys(values: HelmSsoValues): string[] {
  const outside = (path: string, obj: object, allowed: readonly string[]): string[] =>
    Object.keys(obj)
      .filter((k) => !allowed.includes(k))
      .map((k) => `${path}.${k}`);
  const { authentication, authorizer, jwtTokenConfiguration } = values.openmetadata.config;
  const oidc = authentication.oidcConfiguration;
  return [
    ...outside("openmetadata", values.openmetadata, ["config"]),
    ...outside("config", values.openmetadata.config, [
      "authentication",
      "authorizer",
      "jwtTokenConfiguration",
    ]),
    ...outside("authentication", authentication, HELM_AUTHENTICATION_KEYS),
    ...outside("authorizer", authorizer, HELM_AUTHORIZER_KEYS),
    ...outside("jwtTokenConfiguration", jwtTokenConfiguration, HELM_JWT_TOKEN_CONFIGURATION_KEYS),
    ...outside("oidcConfiguration", oidc, HELM_OIDC_CONFIGURATION_KEYS),
    ...(oidc.enabled
      ? [
          ...outside("oidcConfiguration.clientId", oidc.clientId, HELM_SECRET_REF_KEYS),
          ...outside("oidcConfiguration.clientSecret", oidc.clientSecret, HELM_SECRET_REF_KEYS),
        ]
      : []),
  ];
}

describe("renderHelmValues", () => {
  it("names Entra's keys as the line's docs do: common before 1.10, the tenant's v2 keys from 1.10", () => {
    const keys = (openmetadataVersion: string) =>
      renderHelmValues(buildSsoModel({ ...base, openmetadataVersion })).openmetadata.config.authentication
        .publicKeys[0];
    expect(["1.8.12", "1.9.17", "1.10.14", "1.13.1"].map(keys)).toEqual([
      "https://login.microsoftonline.com/common/discovery/keys",
      "https://login.microsoftonline.com/common/discovery/keys",
      `https://login.microsoftonline.com/${TENANT}/discovery/v2.0/keys`,
      `https://login.microsoftonline.com/${TENANT}/discovery/v2.0/keys`,
    ]);
  });

  it("renders a public client with chart names and OIDC disabled (the default release)", () => {
    expect(renderHelmValues(buildSsoModel(base))).toEqual({
      openmetadata: {
        config: {
          authentication: {
            enabled: true,
            clientType: "public",
            provider: "azure",
            publicKeys: [
              `https://login.microsoftonline.com/${TENANT}/discovery/v2.0/keys`,
              "http://openmetadata:8585/api/v1/system/config/jwks",
            ],
            authority: `https://login.microsoftonline.com/${TENANT}`,
            clientId: CLIENT,
            callbackUrl: "https://om.example.com/callback",
            responseType: "id_token",
            jwtPrincipalClaims: ["email", "preferred_username", "sub"],
            jwtPrincipalClaimsMapping: [],
            enableSelfSignup: true,
            oidcConfiguration: { enabled: false },
          },
          authorizer: {
            enabled: true,
            className: "org.openmetadata.service.security.DefaultAuthorizer",
            containerRequestFilter: "org.openmetadata.service.security.JwtFilter",
            initialAdmins: ["john.doe"],
            principalDomain: "example.com",
            enforcePrincipalDomain: false,
            enableSecureSocketConnection: false,
            useRolesFromProvider: false,
          },
          jwtTokenConfiguration: {
            enabled: true,
            rsapublicKeyFilePath: "/etc/openmetadata/jwtkeys/public_key.der",
            rsaprivateKeyFilePath: "/etc/openmetadata/jwtkeys/private_key.der",
            jwtissuer: "om.example.com",
            keyId: KEY_ID,
          },
        },
      },
      extraEnvs: [],
    });
  });

  it("points a confidential client at the default oidc-secrets Secret", () => {
    const values = renderHelmValues(buildSsoModel({ ...base, clientType: "confidential" }));
    expect(values.openmetadata.config.authentication.oidcConfiguration).toEqual({
      enabled: true,
      oidcType: "azure",
      clientId: { secretRef: "oidc-secrets", secretKey: "openmetadata-oidc-client-id" },
      clientSecret: { secretRef: "oidc-secrets", secretKey: "openmetadata-oidc-client-secret" },
      tenant: TENANT,
      discoveryUri: `https://login.microsoftonline.com/${TENANT}/v2.0/.well-known/openid-configuration`,
      callbackUrl: "https://om.example.com/callback",
      serverUrl: "https://om.example.com",
      scope: "openid email profile offline_access",
      responseType: "code",
    });
  });

  it("honours a custom Secret name and keys", () => {
    const model = buildSsoModel({ ...base, clientType: "confidential" });
    const ref = { name: "entra", clientIdKey: "id", clientSecretKey: "secret" };
    const oidc = renderHelmValues(model, { oidcSecret: ref }).openmetadata.config.authentication
      .oidcConfiguration;
    expect(oidc.enabled && [oidc.clientId, oidc.clientSecret]).toEqual([
      { secretRef: "entra", secretKey: "id" },
      { secretRef: "entra", secretKey: "secret" },
    ]);
    expect(renderHelmOidcSecretData(model, "s3cr3t", ref)).toEqual({ id: CLIENT, secret: "s3cr3t" });
  });

  it("uses only keys the chart 1.8.12 schema allows, public and confidential", () => {
    expect(unknownHelmKeys(renderHelmValues(buildSsoModel(base)))).toEqual([]);
    expect(unknownHelmKeys(renderHelmValues(buildSsoModel({ ...base, clientType: "confidential" })))).toEqual(
      [],
    );
  });

  it("detects a key outside the allowed lists", () => {
    const values = renderHelmValues(buildSsoModel(base));
    (values.openmetadata.config.authentication as Record<string, unknown>).tokenValidationAlgorithm = "RS256";
    expect(unknownHelmKeys(values)).toEqual(["authentication.tokenValidationAlgorithm"]);
  });

  it("moves a non-default token validation algorithm to extraEnvs", () => {
    const model = buildSsoModel(base);
    model.authenticationConfiguration.tokenValidationAlgorithm = "RS384";
    expect(renderHelmValues(model).extraEnvs).toEqual([
      { name: "AUTHENTICATION_TOKEN_VALIDATION_ALGORITHM", value: "RS384" },
    ]);
  });
});

describe("renderHelmOidcSecretData", () => {
  it("gives the default keys for a confidential client", () => {
    const model = buildSsoModel({ ...base, clientType: "confidential" });
    expect(renderHelmOidcSecretData(model, "s3cr3t")).toEqual({
      "openmetadata-oidc-client-id": CLIENT,
      "openmetadata-oidc-client-secret": "s3cr3t",
    });
  });

  it("gives nothing for a public client and refuses a missing secret or a public client's secret", () => {
    expect(renderHelmOidcSecretData(buildSsoModel(base), undefined)).toBeUndefined();
    expect(() =>
      renderHelmOidcSecretData(buildSsoModel({ ...base, clientType: "confidential" }), undefined),
    ).toThrow(
      new Error(
        "OpenMetadata SSO secrets: invalid arguments (1):\n" +
          "  clientSecret: is required (for a confidential client: the Entra client secret)",
      ),
    );
    expect(() => renderHelmOidcSecretData(buildSsoModel(base), "s3cr3t")).toThrow(
      new Error(
        "OpenMetadata SSO secrets: invalid arguments (1):\n" +
          "  clientSecret: must not be given for a public client (a SPA has no secret)",
      ),
    );
  });
});
