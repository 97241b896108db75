/**
 * Keys the `openmetadata` Helm chart accepts under its strict (`additionalProperties: false`) SSO sections of
 * `openmetadata.config`. Source: the chart's values.schema.json at every tag vendored under test/fixtures/helm, which list
 * exactly these keys for authentication, oidcConfiguration, authorizer and jwtTokenConfiguration (the 1.8-1.13
 * charts did not change them); test/kubernetes-lines.test.ts validates the rendering against each vendored schema.
 * Anything else goes to `extraEnvs`.
 */
export const HELM_AUTHENTICATION_KEYS = [
  "enabled",
  "clientType",
  "provider",
  "publicKeys",
  "authority",
  "clientId",
  "callbackUrl",
  "responseType",
  "jwtPrincipalClaims",
  "jwtPrincipalClaimsMapping",
  "enableSelfSignup",
  "oidcConfiguration",
  "ldapConfiguration",
  "saml",
] as const;

export const HELM_AUTHORIZER_KEYS = [
  "enabled",
  "className",
  "containerRequestFilter",
  "initialAdmins",
  "allowedEmailRegistrationDomains",
  "principalDomain",
  "allowedDomains",
  "enforcePrincipalDomain",
  "enableSecureSocketConnection",
  "useRolesFromProvider",
] as const;

export const HELM_JWT_TOKEN_CONFIGURATION_KEYS = [
  "enabled",
  "rsapublicKeyFilePath",
  "rsaprivateKeyFilePath",
  "jwtissuer",
  "keyId",
] as const;

export const HELM_OIDC_CONFIGURATION_KEYS = [
  "enabled",
  "oidcType",
  "clientId",
  "clientSecret",
  "scope",
  "discoveryUri",
  "useNonce",
  "preferredJwsAlgorithm",
  "responseType",
  "promptType",
  "disablePkce",
  "callbackUrl",
  "serverUrl",
  "clientAuthenticationMethod",
  "tenant",
  "maxClockSkew",
  "tokenValidity",
  "customParams",
  "maxAge",
  "sessionExpiry",
] as const;

/** Keys of the chart's `{secretRef, secretKey}` objects (oidcConfiguration.clientId / clientSecret). */
export const HELM_SECRET_REF_KEYS = ["secretRef", "secretKey"] as const;

/** The chart's defaults for the Kubernetes Secret holding the OIDC client ID and secret (confidential clients). */
export const HELM_OIDC_SECRET_DEFAULTS = {
  name: "oidc-secrets",
  clientIdKey: "openmetadata-oidc-client-id",
  clientSecretKey: "openmetadata-oidc-client-secret",
} as const;
