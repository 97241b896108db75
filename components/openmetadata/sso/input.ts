import type { ClientType } from "./model";

/** OpenMetadata's own JWT signing settings (see OpenMetadataJwtKeys for where keyId and issuer come from). */
export interface SsoJwtInput {
  /**
   * Absolute directory in the server's file system holding `public_key.der` and `private_key.der`.
   * @default "/etc/openmetadata/jwtkeys"
   */
  keyDir?: string;
  /** The `kid` of OpenMetadata-issued JWTs: a UUID that changes only when the key pair changes. */
  keyId: string;
  /** The `iss` of OpenMetadata-issued JWTs: the host (with port) people reach OpenMetadata on. */
  issuer: string;
}

/** Plain values (no Pulumi Outputs) from which the SSO model is derived. */
export interface SsoInput {
  /** The Entra application (client) ID, a GUID. */
  clientId: string;
  /** The Entra directory (tenant) ID, a GUID. */
  tenantId: string;
  /** The URL people open, `https://host[:port][/base-path]` (http only for localhost). */
  publicUrl: string;
  /**
   * How the OpenMetadata server reaches itself, for its own JWKS (`http://openmetadata:8585` in Kubernetes, say).
   * @default "http://localhost:8585"
   */
  internalUrl?: string;
  /**
   * `public` = SPA implicit flow, client ID only; `confidential` = auth-code flow with a client secret.
   * @default "public"
   */
  clientType?: ClientType;
  /** OpenMetadata user names of the first admins: the part before `@` (`john.doe` for john.doe@example.com). */
  adminPrincipals: string[];
  /** The organisation's email domain (`example.com` from john.doe@example.com). */
  principalDomain: string;
  /**
   * Refuse sign-ins whose email is outside `principalDomain`.
   * @default false
   */
  enforcePrincipalDomain?: boolean;
  /**
   * ID-token claims tried, in order, for the user name.
   * @default ["email", "preferred_username", "sub"]
   */
  jwtPrincipalClaims?: string[];
  /**
   * Explicit claim mapping, `username:<claim>` and `email:<claim>` (both or none).
   * @default []
   */
  jwtPrincipalClaimsMapping?: string[];
  /**
   * Create OpenMetadata users on their first sign-in.
   * @default true
   */
  enableSelfSignup?: boolean;
  /** OpenMetadata's own JWT signing settings. */
  jwt: SsoJwtInput;
}
