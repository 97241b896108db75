import { assertNoProblems } from "../../problems";
import { envScalar, formatEnvList } from "./env-list";
import { clientSecretProblems } from "./validate-input";
import {
  DEFAULT_TOKEN_VALIDATION_ALGORITHM,
  OIDC_CLIENT_SECRET_ENV,
  type SsoModel,
  type SsoSecrets,
} from "./model";

/** One environment variable for the OpenMetadata server; `secret` entries must reach it only as secrets. */
export interface EnvEntry {
  name: string;
  value: string;
  secret: boolean;
}

/** Throws unless the secrets fit the client type: confidential needs the client secret, public must not get one. */
export function checkSecretsFitModel(model: SsoModel, secrets: SsoSecrets | undefined): void {
  const secret = secrets?.oidcClientSecret;
  const given =
    secret !== undefined && (secret !== "" || model.authenticationConfiguration.clientType === "public");
  assertNoProblems(
    "OpenMetadata SSO secrets",
    clientSecretProblems(model.authenticationConfiguration.clientType, given),
  );
}

/**
 * The server environment for the model, in a stable order, using only names OpenMetadata 1.8 reads (those the
 * Helm chart 1.8.12 templates set, plus `AUTHENTICATION_TOKEN_VALIDATION_ALGORITHM` only when it is not the
 * default). Lists use OpenMetadata's `[a, b]` syntax. `OIDC_*` only for a confidential client; the client secret
 * is the one entry marked secret. `AUTHENTICATION_JWT_PRINCIPAL_CLAIMS_MAPPING` is left out when empty, as the
 * chart does.
 */
export function renderServerEnv(model: SsoModel, secrets?: SsoSecrets): EnvEntry[] {
  checkSecretsFitModel(model, secrets);
  const auth = model.authenticationConfiguration;
  const authz = model.authorizerConfiguration;
  const jwt = model.jwtTokenConfiguration;
  const entries: EnvEntry[] = [];
  const add = (name: string, value: string | boolean, secret = false): void => {
    entries.push({
      name,
      value: envScalar(value),
      secret,
    });
  };
  const addList = (name: string, items: readonly string[]): void => {
    entries.push({ name, value: formatEnvList(items), secret: false });
  };

  add("AUTHENTICATION_PROVIDER", auth.provider);
  add("AUTHENTICATION_CLIENT_TYPE", auth.clientType);
  add("AUTHENTICATION_RESPONSE_TYPE", auth.responseType);
  add("AUTHENTICATION_AUTHORITY", auth.authority);
  add("AUTHENTICATION_CLIENT_ID", auth.clientId);
  add("AUTHENTICATION_CALLBACK_URL", auth.callbackUrl);
  addList("AUTHENTICATION_PUBLIC_KEYS", auth.publicKeyUrls);
  if (auth.tokenValidationAlgorithm !== DEFAULT_TOKEN_VALIDATION_ALGORITHM) {
    add("AUTHENTICATION_TOKEN_VALIDATION_ALGORITHM", auth.tokenValidationAlgorithm);
  }
  addList("AUTHENTICATION_JWT_PRINCIPAL_CLAIMS", auth.jwtPrincipalClaims);
  if (auth.jwtPrincipalClaimsMapping.length > 0) {
    addList("AUTHENTICATION_JWT_PRINCIPAL_CLAIMS_MAPPING", auth.jwtPrincipalClaimsMapping);
  }
  add("AUTHENTICATION_ENABLE_SELF_SIGNUP", auth.enableSelfSignup);

  add("AUTHORIZER_CLASS_NAME", authz.className);
  add("AUTHORIZER_REQUEST_FILTER", authz.containerRequestFilter);
  addList("AUTHORIZER_ADMIN_PRINCIPALS", authz.adminPrincipals);
  add("AUTHORIZER_PRINCIPAL_DOMAIN", authz.principalDomain);
  add("AUTHORIZER_ENFORCE_PRINCIPAL_DOMAIN", authz.enforcePrincipalDomain);
  add("AUTHORIZER_ENABLE_SECURE_SOCKET", authz.enableSecureSocketConnection);
  add("AUTHORIZER_USE_ROLES_FROM_PROVIDER", authz.useRolesFromProvider);

  const oidc = auth.oidcConfiguration;
  if (oidc) {
    add("OIDC_TYPE", oidc.type);
    add("OIDC_CLIENT_ID", oidc.id);
    add(OIDC_CLIENT_SECRET_ENV, secrets?.oidcClientSecret ?? "", true);
    add("OIDC_TENANT", oidc.tenant);
    add("OIDC_DISCOVERY_URI", oidc.discoveryUri);
    add("OIDC_CALLBACK", oidc.callbackUrl);
    add("OIDC_SERVER_URL", oidc.serverUrl);
    add("OIDC_SCOPE", oidc.scope);
    add("OIDC_RESPONSE_TYPE", oidc.responseType);
  }

  add("RSA_PUBLIC_KEY_FILE_PATH", jwt.rsapublicKeyFilePath);
  add("RSA_PRIVATE_KEY_FILE_PATH", jwt.rsaprivateKeyFilePath);
  add("JWT_ISSUER", jwt.jwtissuer);
  add("JWT_KEY_ID", jwt.keyId);
  return entries;
}
