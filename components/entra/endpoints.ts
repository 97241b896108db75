/**
 * Microsoft Entra ID's endpoints for a tenant, defined once: the Entra component's `authority` output, the SSO
 * model and verify all ask this module, so the same tenant always yields the same URLs (tenant IDs lower-cased).
 */

/** Where Entra ID (Azure AD) lives; every Microsoft URL below is derived from it. */
export const ENTRA_LOGIN_HOST = "https://login.microsoftonline.com";

/** `https://login.microsoftonline.com/<tenant>`: what OpenMetadata's UI (MSAL) signs in against. */
export function entraAuthority(tenantId: string): string {
  return `${ENTRA_LOGIN_HOST}/${tenantId.toLowerCase()}`;
}

/** The tenant's v2.0 OpenID configuration document. */
export function entraDiscoveryUri(tenantId: string): string {
  return `${entraAuthority(tenantId)}/v2.0/.well-known/openid-configuration`;
}

/**
 * Entra's signing keys for ID tokens, tenant-independent. The v1.8 and v1.9 Azure docs (docker, kubernetes, bare
 * metal) all name this URL; it serves the same keys as `/common/discovery/v2.0/keys`.
 */
export const ENTRA_SIGNING_KEYS_URL = `${ENTRA_LOGIN_HOST}/common/discovery/keys`;

/**
 * The tenant's own v2.0 signing keys, `https://login.microsoftonline.com/<tenant>/discovery/v2.0/keys`: the URL the
 * v1.10+ Azure docs name, and the one the server's Azure validator (1.12+) requires to be in `publicKeyUrls`.
 */
export function entraTenantSigningKeysUrl(tenantId: string): string {
  return `${entraAuthority(tenantId)}/discovery/v2.0/keys`;
}
