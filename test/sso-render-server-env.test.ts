import { buildSsoModel, renderServerEnv, type SsoInput } from "../components/openmetadata/sso";
import { parse } from "yaml";
import { ArgsError } from "../components/problems";
import { CLIENT, KEY_ID, ssoInput, TENANT } from "./helpers/sso-input";

const SECRET = "Xy8Q~abcDEF.ghi_jkl-MNOpqrstuVWXyz0123456";

const base: SsoInput = ssoInput({
  publicUrl: "https://om.example.com/om/",
  internalUrl: "http://openmetadata:8585",
  adminPrincipals: ["john.doe", "yes"],
});

const shared = (clientType: string) => [
  { name: "AUTHENTICATION_PROVIDER", value: "azure", secret: false },
  { name: "AUTHENTICATION_CLIENT_TYPE", value: clientType, secret: false },
  { name: "AUTHENTICATION_RESPONSE_TYPE", value: "id_token", secret: false },
  { name: "AUTHENTICATION_AUTHORITY", value: `https://login.microsoftonline.com/${TENANT}`, secret: false },
  { name: "AUTHENTICATION_CLIENT_ID", value: CLIENT, secret: false },
  { name: "AUTHENTICATION_CALLBACK_URL", value: "https://om.example.com/om/callback", secret: false },
  {
    name: "AUTHENTICATION_PUBLIC_KEYS",
    value: `[https://login.microsoftonline.com/${TENANT}/discovery/v2.0/keys, http://openmetadata:8585/api/v1/system/config/jwks]`,
    secret: false,
  },
  { name: "AUTHENTICATION_JWT_PRINCIPAL_CLAIMS", value: "[email, preferred_username, sub]", secret: false },
];
const authorizer = [
  {
    name: "AUTHORIZER_CLASS_NAME",
    value: "org.openmetadata.service.security.DefaultAuthorizer",
    secret: false,
  },
  { name: "AUTHORIZER_REQUEST_FILTER", value: "org.openmetadata.service.security.JwtFilter", secret: false },
  { name: "AUTHORIZER_ADMIN_PRINCIPALS", value: '[john.doe, "yes"]', secret: false },
  { name: "AUTHORIZER_PRINCIPAL_DOMAIN", value: "example.com", secret: false },
  { name: "AUTHORIZER_ENFORCE_PRINCIPAL_DOMAIN", value: "false", secret: false },
  { name: "AUTHORIZER_ENABLE_SECURE_SOCKET", value: "false", secret: false },
  { name: "AUTHORIZER_USE_ROLES_FROM_PROVIDER", value: "false", secret: false },
];
const jwt = [
  { name: "RSA_PUBLIC_KEY_FILE_PATH", value: "/etc/openmetadata/jwtkeys/public_key.der", secret: false },
  { name: "RSA_PRIVATE_KEY_FILE_PATH", value: "/etc/openmetadata/jwtkeys/private_key.der", secret: false },
  { name: "JWT_ISSUER", value: "om.example.com", secret: false },
  { name: "JWT_KEY_ID", value: KEY_ID, secret: false },
];

describe("renderServerEnv", () => {
  it("renders a public client without OIDC_* and without an empty claims mapping", () => {
    expect(renderServerEnv(buildSsoModel(base))).toEqual([
      ...shared("public"),
      { name: "AUTHENTICATION_ENABLE_SELF_SIGNUP", value: "true", secret: false },
      ...authorizer,
      ...jwt,
    ]);
  });

  it("renders a confidential client with OIDC_* and the client secret as the only secret entry", () => {
    const model = buildSsoModel({
      ...base,
      clientType: "confidential",
      jwtPrincipalClaimsMapping: ["username:preferred_username", "email:email"],
      enableSelfSignup: false,
    });
    const env = renderServerEnv(model, { oidcClientSecret: SECRET });
    expect(env).toEqual([
      ...shared("confidential"),
      {
        name: "AUTHENTICATION_JWT_PRINCIPAL_CLAIMS_MAPPING",
        value: "[username:preferred_username, email:email]",
        secret: false,
      },
      { name: "AUTHENTICATION_ENABLE_SELF_SIGNUP", value: "false", secret: false },
      ...authorizer,
      { name: "OIDC_TYPE", value: "azure", secret: false },
      { name: "OIDC_CLIENT_ID", value: CLIENT, secret: false },
      { name: "OIDC_CLIENT_SECRET", value: SECRET, secret: true },
      { name: "OIDC_TENANT", value: TENANT, secret: false },
      {
        name: "OIDC_DISCOVERY_URI",
        value: `https://login.microsoftonline.com/${TENANT}/v2.0/.well-known/openid-configuration`,
        secret: false,
      },
      { name: "OIDC_CALLBACK", value: "https://om.example.com/om/callback", secret: false },
      { name: "OIDC_SERVER_URL", value: "https://om.example.com/om", secret: false },
      { name: "OIDC_SCOPE", value: "openid email profile offline_access", secret: false },
      { name: "OIDC_RESPONSE_TYPE", value: "code", secret: false },
      ...jwt,
    ]);
    expect(env.filter((e) => e.value.includes(SECRET)).map((e) => e.name)).toEqual(["OIDC_CLIENT_SECRET"]);
  });

  it("spells out a non-default token validation algorithm", () => {
    const model = buildSsoModel(base);
    model.authenticationConfiguration.tokenValidationAlgorithm = "RS512";
    const names = renderServerEnv(model).map((e) => e.name);
    expect(names.slice(6, 9)).toEqual([
      "AUTHENTICATION_PUBLIC_KEYS",
      "AUTHENTICATION_TOKEN_VALIDATION_ALGORITHM",
      "AUTHENTICATION_JWT_PRINCIPAL_CLAIMS",
    ]);
    expect(renderServerEnv(model)[7].value).toBe("RS512");
  });

  it("refuses a confidential client without secret and a public client with one", () => {
    const confidential = buildSsoModel({ ...base, clientType: "confidential" });
    const missing = new Error(
      "OpenMetadata SSO secrets: invalid arguments (1):\n" +
        "  clientSecret: is required (for a confidential client: the Entra client secret)",
    );
    expect(() => renderServerEnv(confidential)).toThrow(ArgsError);
    expect(() => renderServerEnv(confidential)).toThrow(missing);
    expect(() => renderServerEnv(confidential, { oidcClientSecret: "" })).toThrow(missing);
    expect(() => renderServerEnv(buildSsoModel(base), { oidcClientSecret: SECRET })).toThrow(
      new Error(
        "OpenMetadata SSO secrets: invalid arguments (1):\n" +
          "  clientSecret: must not be given for a public client (a SPA has no secret)",
      ),
    );
  });

  it("quotes a secret OpenMetadata would misread, so it reads it back as the same string", () => {
    const confidential = buildSsoModel({ ...base, clientType: "confidential" });
    for (const [secret, value] of [
      ["1_000", '"1_000"'],
      ["#starts-with-hash", '"#starts-with-hash"'],
      ["a: b", '"a: b"'],
      ['"quoted"', '"\\"quoted\\""'],
      [SECRET, SECRET],
    ]) {
      const entry = renderServerEnv(confidential, { oidcClientSecret: secret }).find(
        (e) => e.name === "OIDC_CLIENT_SECRET",
      );
      expect(entry).toEqual({ name: "OIDC_CLIENT_SECRET", value, secret: true });
      expect(parse(`clientSecret: ${value}`, { version: "1.1" })).toEqual({ clientSecret: secret });
    }
  });

  it("quotes a scalar OpenMetadata would misread", () => {
    const model = buildSsoModel(base);
    model.authorizerConfiguration.principalDomain = "yes";
    const entry = renderServerEnv(model).find((e) => e.name === "AUTHORIZER_PRINCIPAL_DOMAIN");
    expect(entry).toEqual({ name: "AUTHORIZER_PRINCIPAL_DOMAIN", value: '"yes"', secret: false });
    expect(parse(`principalDomain: ${entry!.value}`, { version: "1.1" })).toEqual({ principalDomain: "yes" });
  });
});
