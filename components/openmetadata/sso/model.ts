/**
 * The one model of OpenMetadata 1.8's single sign-on settings. Section and key names are exactly those of
 * OpenMetadata's `conf/openmetadata.yaml`, so the model doubles as the non-secret `sso` stack output and every
 * rendering (the server env, which the VM's env file carries, and the Helm values) is a mechanical translation of it.
 */

import { SERVER_PORT } from "../server-ports";

/** OpenMetadata's own JWKS path: lets the server validate the JWTs it issues to bots (ingestion-bot). */
export const OPENMETADATA_JWKS_PATH = "/api/v1/system/config/jwks";

/** The authorizer and request filter OpenMetadata 1.8 ships (the Helm chart allows no other values). */
export const DEFAULT_AUTHORIZER_CLASS = "org.openmetadata.service.security.DefaultAuthorizer";
export const JWT_FILTER_CLASS = "org.openmetadata.service.security.JwtFilter";

/** Where the server reads its JWT signing keys unless told otherwise (as in OpenMetadata's enable-jwt-tokens doc). */
export const DEFAULT_JWT_KEY_DIR = "/etc/openmetadata/jwtkeys";
export const JWT_PUBLIC_KEY_FILE = "public_key.der";
export const JWT_PRIVATE_KEY_FILE = "private_key.der";

/** OpenMetadata's default principal claims, in its order (the docs warn that reordering them breaks logins). */
export const DEFAULT_JWT_PRINCIPAL_CLAIMS: readonly string[] = ["email", "preferred_username", "sub"];

/** The defaults of the SSO settings a stack may leave out (OpenMetadata's own defaults). */
export const SSO_DEFAULTS = {
  clientType: "public",
  enforcePrincipalDomain: false,
  jwtPrincipalClaims: DEFAULT_JWT_PRINCIPAL_CLAIMS,
  jwtPrincipalClaimsMapping: [] as readonly string[],
  enableSelfSignup: true,
  useRolesFromProvider: false,
} as const;

/** The server reaches its own JWKS here unless told otherwise: localhost works in a container, on a VM and in a pod. */
export const DEFAULT_INTERNAL_URL = `http://localhost:${SERVER_PORT}`;

/**
 * Scope for the confidential (auth-code) flow; `offline_access` gets a refresh token so the server can renew
 * sessions (v1.8 Kubernetes Azure doc).
 */
export const CONFIDENTIAL_SCOPE = "openid email profile offline_access";

/**
 * The environment variable that carries the client secret. openmetadata.yaml reads `${OIDC_CLIENT_SECRET}` (Dropwizard
 * substitutes environment variables into the file before parsing it), so the secret never sits in a rendered file.
 */
export const OIDC_CLIENT_SECRET_ENV = "OIDC_CLIENT_SECRET";

/** How the app registration signs users in; decides whether a client secret exists. */
export const CLIENT_TYPES = ["public", "confidential"] as const;
export type ClientType = (typeof CLIENT_TYPES)[number];

/** The algorithms OpenMetadata accepts for `tokenValidationAlgorithm`; Entra signs ID tokens with RS256. */
export type TokenValidationAlgorithm = "RS256" | "RS384" | "RS512" | "ES256" | "ES384" | "ES512";

/** OpenMetadata's default `tokenValidationAlgorithm`; renderings only spell it out when the model differs. */
export const DEFAULT_TOKEN_VALIDATION_ALGORITHM: TokenValidationAlgorithm = "RS256";

/**
 * `authenticationConfiguration.oidcConfiguration`, confidential clients only, without `secret`: the keys this program
 * sets. Every other key keeps the default of the server's `conf/openmetadata.yaml`, which the env rendering does not
 * override and which suit Entra: `useNonce: true`, `preferredJwsAlgorithm: RS256`, `disablePkce: true`,
 * `clientAuthenticationMethod: client_secret_post`, `tokenValidity: 3600` (`OIDC_OM_REFRESH_TOKEN_VALIDITY`),
 * `maxClockSkew: ""`, `customParams` empty, and (1.9+) `sessionExpiry: 604800`, `maxAge: 0`, `promptType: consent`;
 * the Helm chart's `oidcConfiguration` defaults are the same values.
 */
export interface OidcConfiguration {
  type: "azure";
  /** The Entra application (client) ID. */
  id: string;
  /** The bare tenant ID (see buildSsoModel for why it is not a URL). */
  tenant: string;
  discoveryUri: string;
  callbackUrl: string;
  serverUrl: string;
  scope: string;
  responseType: "code";
}

export interface AuthenticationConfiguration {
  provider: "azure";
  clientType: ClientType;
  responseType: "id_token";
  authority: string;
  clientId: string;
  callbackUrl: string;
  publicKeyUrls: string[];
  tokenValidationAlgorithm: TokenValidationAlgorithm;
  jwtPrincipalClaims: string[];
  jwtPrincipalClaimsMapping: string[];
  enableSelfSignup: boolean;
  oidcConfiguration?: OidcConfiguration;
}

export interface AuthorizerConfiguration {
  className: string;
  containerRequestFilter: string;
  adminPrincipals: string[];
  principalDomain: string;
  enforcePrincipalDomain: boolean;
  /** Required by OpenMetadata's authorizerConfiguration schema; always false (no LDAP-style secure socket). */
  enableSecureSocketConnection: boolean;
  /**
   * Take people's roles from the ID token's `roles` claim (Entra app roles; see openmetadata/roles.ts): on when the
   * stack maps roles to groups. Every supported line reads it (ReleaseLine.rolesFromProvider).
   */
  useRolesFromProvider: boolean;
}

export interface JwtTokenConfiguration {
  rsapublicKeyFilePath: string;
  rsaprivateKeyFilePath: string;
  jwtissuer: string;
  keyId: string;
}

/** The non-secret SSO settings: the `sso` stack output and the single source of every rendering. */
export interface SsoModel {
  authenticationConfiguration: AuthenticationConfiguration;
  authorizerConfiguration: AuthorizerConfiguration;
  jwtTokenConfiguration: JwtTokenConfiguration;
}

/** Secrets a rendering needs beside the model. */
export interface SsoSecrets {
  /** The Entra client secret; required for a confidential client, refused for a public one. */
  oidcClientSecret?: string;
}
