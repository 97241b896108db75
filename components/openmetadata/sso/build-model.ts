import { ArgsError } from "../../problems";
import {
  entraAuthority,
  entraDiscoveryUri,
  entraTenantSigningKeysUrl,
  ENTRA_SIGNING_KEYS_URL,
} from "../../entra/endpoints";
import { resolveRelease } from "../releases";
import { callbackUrl, normalizePublicUrl } from "../urls";
import type { SsoInput } from "./input";
import {
  CONFIDENTIAL_SCOPE,
  DEFAULT_AUTHORIZER_CLASS,
  DEFAULT_INTERNAL_URL,
  DEFAULT_JWT_KEY_DIR,
  SSO_DEFAULTS,
  DEFAULT_TOKEN_VALIDATION_ALGORITHM,
  JWT_FILTER_CLASS,
  JWT_PRIVATE_KEY_FILE,
  JWT_PUBLIC_KEY_FILE,
  OPENMETADATA_JWKS_PATH,
  type OidcConfiguration,
  type SsoModel,
} from "./model";
import { ssoInputProblems } from "./validate-input";

/** `<internalUrl>/api/v1/system/config/jwks`, trailing slashes of internalUrl dropped. */
export function openMetadataJwksUrl(internalUrl: string): string {
  const url = new URL(internalUrl);
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}${OPENMETADATA_JWKS_PATH}`;
}

/** Entra's ID-token signing keys as the release line names them (see ReleaseLine.entraKeysUrl). */
export function entraKeysUrlFor(version: string | undefined, tenantId: string): string {
  return resolveRelease(version).entraKeysUrl === "tenant-v2"
    ? entraTenantSigningKeysUrl(tenantId)
    : ENTRA_SIGNING_KEYS_URL;
}

/**
 * Derives OpenMetadata's SSO settings for Microsoft Entra ID from plain values. Throws one ArgsError
 * listing every problem with the input. User names and the domain are lower-cased, as OpenMetadata does at sign-in.
 *
 * Where upstream docs contradict each other, this follows what the 1.8 server code reads:
 * - `oidcConfiguration.tenant` is the bare tenant ID, not `https://login.microsoftonline.com/<id>` (the v1.8
 *   Docker doc's value): AuthenticationCodeFlowHandler hands it to pac4j's `AzureAd2OidcConfiguration.setTenant`,
 *   which builds `https://login.microsoftonline.com/<tenant>/v2.0/.well-known/openid-configuration` from it
 *   (the Kubernetes doc and the Helm chart's `tenant` value use the bare ID too).
 * - `discoveryUri` is that same tenant-specific v2.0 document. For type `azure` pac4j's getter overrides it, but
 *   OpenMetadata's oidcClientConfig schema requires the field, and the docs' tenant-less
 *   `https://login.microsoftonline.com/.well-known/openid-configuration` does not exist.
 * - `publicKeyUrls` lists Entra's signing keys (`common/discovery/keys` in the v1.8/v1.9 docs; the tenant's
 *   `discovery/v2.0/keys` from 1.10, which 1.12's Azure validator insists on) and the server's own JWKS at
 *   `internalUrl`, because the server fetches it itself to validate bot tokens (enable-jwt-tokens doc: "wget … /jwks").
 * - The rest already satisfies the 1.12+ Azure validator on every line: a GUID tenant, the exact v2 discovery URI,
 *   `offline_access` in the confidential scope (CONFIDENTIAL_SCOPE), the authority exactly
 *   `https://login.microsoftonline.com/<tenant>`, and `sessionExpiry` left at the server's 604800 (≥ 3600).
 */
export function buildSsoModel(input: SsoInput): SsoModel {
  const problems = ssoInputProblems(input);
  if (problems.length > 0) throw new ArgsError("OpenMetadata SSO settings", problems);

  const clientId = input.clientId.toLowerCase();
  const tenantId = input.tenantId.toLowerCase();
  const publicUrl = normalizePublicUrl(input.publicUrl);
  const callback = callbackUrl(publicUrl);
  const clientType = input.clientType ?? SSO_DEFAULTS.clientType;
  const keyDir = input.jwt.keyDir ?? DEFAULT_JWT_KEY_DIR;

  const oidcConfiguration: OidcConfiguration = {
    type: "azure",
    id: clientId,
    tenant: tenantId,
    discoveryUri: entraDiscoveryUri(tenantId),
    callbackUrl: callback,
    serverUrl: publicUrl,
    scope: CONFIDENTIAL_SCOPE,
    responseType: "code",
  };

  return {
    authenticationConfiguration: {
      provider: "azure",
      clientType,
      responseType: "id_token",
      authority: entraAuthority(tenantId),
      clientId,
      callbackUrl: callback,
      publicKeyUrls: [
        entraKeysUrlFor(input.openmetadataVersion, tenantId),
        openMetadataJwksUrl(input.internalUrl ?? DEFAULT_INTERNAL_URL),
      ],
      tokenValidationAlgorithm: DEFAULT_TOKEN_VALIDATION_ALGORITHM,
      jwtPrincipalClaims: [...(input.jwtPrincipalClaims ?? SSO_DEFAULTS.jwtPrincipalClaims)],
      jwtPrincipalClaimsMapping: [
        ...(input.jwtPrincipalClaimsMapping ?? SSO_DEFAULTS.jwtPrincipalClaimsMapping),
      ],
      enableSelfSignup: input.enableSelfSignup ?? SSO_DEFAULTS.enableSelfSignup,
      ...(clientType === "confidential" ? { oidcConfiguration } : {}),
    },
    authorizerConfiguration: {
      className: DEFAULT_AUTHORIZER_CLASS,
      containerRequestFilter: JWT_FILTER_CLASS,
      adminPrincipals: input.adminPrincipals.map((name) => name.toLowerCase()),
      principalDomain: input.principalDomain.toLowerCase(),
      enforcePrincipalDomain: input.enforcePrincipalDomain ?? SSO_DEFAULTS.enforcePrincipalDomain,
      enableSecureSocketConnection: false,
      useRolesFromProvider: input.useRolesFromProvider ?? SSO_DEFAULTS.useRolesFromProvider,
    },
    jwtTokenConfiguration: {
      rsapublicKeyFilePath: `${keyDir}/${JWT_PUBLIC_KEY_FILE}`,
      rsaprivateKeyFilePath: `${keyDir}/${JWT_PRIVATE_KEY_FILE}`,
      jwtissuer: input.jwt.issuer,
      keyId: input.jwt.keyId.toLowerCase(),
    },
  };
}
