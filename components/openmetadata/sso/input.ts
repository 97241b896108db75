import type { ClientType } from "./model";

/** OpenMetadata's own JWT signing settings (see OpenMetadataJwtKeys for where keyId and issuer come from). */
export interface SsoJwtInput {
  /**
   * Absolute directory in the server's file system holding `public_key.der` and `private_key.der`.
   * @default "/etc/openmetadata/jwtkeys"
   */
  readonly keyDir?: string;
  /** The `kid` of OpenMetadata-issued JWTs: a UUID that changes only when the key pair changes. */
  readonly keyId: string;
  /** The `iss` of OpenMetadata-issued JWTs: the host (with port) people reach OpenMetadata on. */
  readonly issuer: string;
}

/**
 * The SSO settings a stack chooses (everything but what Entra ID and the key pair hand back). The stack config
 * checks exactly these with ssoSettingsProblems, so a value it accepts never fails when the model is built.
 */
export interface SsoSettings {
  /** The URL people open, `https://host[:port][/base-path]` (http only for localhost). */
  readonly publicUrl: string;
  /**
   * `public` = SPA sign-in, client ID only; `confidential` = auth-code flow with a client secret.
   * @default "public"
   */
  readonly clientType?: ClientType;
  /**
   * OpenMetadata user names of the first admins: the part before `@` (`john.doe` for john.doe@example.com).
   * Lower-cased, as OpenMetadata lower-cases user names at sign-in; repeats are refused.
   */
  readonly adminPrincipals: readonly string[];
  /** The organisation's email domain (`example.com` from john.doe@example.com); lower-cased. */
  readonly principalDomain: string;
  /**
   * Refuse sign-ins whose email is outside `principalDomain`.
   * @default false
   */
  readonly enforcePrincipalDomain?: boolean;
  /**
   * ID-token claims tried, in order, for the user name.
   * @default ["email", "preferred_username", "sub"]
   */
  readonly jwtPrincipalClaims?: readonly string[];
  /**
   * Explicit claim mapping, `username:<claim>` and `email:<claim>` (both or none).
   * @default []
   */
  readonly jwtPrincipalClaimsMapping?: readonly string[];
  /**
   * Create OpenMetadata users on their first sign-in.
   * @default true
   */
  readonly enableSelfSignup?: boolean;
  /**
   * Take people's roles (and admin status, from the value `Admin`) from the ID token's `roles` claim, which Entra
   * fills with the user's assigned app roles. The stack config turns it on when it maps roles to groups.
   * @default false
   */
  readonly useRolesFromProvider?: boolean;
}

/** Plain values (no Pulumi Outputs) from which the SSO model is derived. */
export interface SsoInput extends SsoSettings {
  /** The Entra application (client) ID, a GUID. */
  readonly clientId: string;
  /** The Entra directory (tenant) ID, a GUID. */
  readonly tenantId: string;
  /**
   * How the OpenMetadata server reaches itself, for its own JWKS (`http://openmetadata:8585` in Kubernetes, say).
   * @default "http://localhost:8585"
   */
  readonly internalUrl?: string;
  /** OpenMetadata's own JWT signing settings. */
  readonly jwt: SsoJwtInput;
  /**
   * The OpenMetadata release the settings are for (a known release, see releases.ts); decides the line's renderings.
   * @default DEFAULT_OPENMETADATA_VERSION
   */
  readonly openmetadataVersion?: string;
}
