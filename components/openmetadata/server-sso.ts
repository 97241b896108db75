/**
 * What a deployment component is given for SSO: a factory for the one SSO model, the client secret (exactly for a
 * confidential client) and OpenMetadata's JWT key material. Components call `model` with the URL by which their
 * server reaches itself and the directory they mount the keys in, so nothing that must agree with the model is
 * asked of them twice. Built once per program from Entra's IDs; never the app registration itself.
 */
import * as pulumi from "@pulumi/pulumi";
import { assertNoProblems } from "../problems";
import { normalizePublicUrl } from "./urls";
import {
  buildSsoModel,
  clientSecretProblems,
  ssoSettingsProblems,
  type SsoModel,
  type SsoSettings,
} from "./sso";

/** Where a server finds itself and its keys; the component knows both. */
export interface SsoServer {
  /** How the server reaches itself, for its own JWKS (container name, `localhost`, in-cluster Service). */
  readonly internalUrl: string;
  /** Directory of `public_key.der` / `private_key.der` in the server's file system. @default "/etc/openmetadata/jwtkeys" */
  readonly jwtKeyDir?: string;
  /** The OpenMetadata release the server runs (its line decides the model's line-specific values). */
  readonly openmetadataVersion: string;
}

/** OpenMetadata's own JWT key pair (OpenMetadataJwtKeys gives exactly these). */
export interface JwtKeyMaterial {
  /** PKCS#8 DER, base64; secret. */
  readonly privateKeyDerBase64: pulumi.Input<string>;
  /** X.509 SubjectPublicKeyInfo DER, base64. */
  readonly publicKeyDerBase64: pulumi.Input<string>;
  /** The key's `kid`. */
  readonly keyId: pulumi.Input<string>;
  /** The JWT issuer (the public host). */
  readonly issuer: pulumi.Input<string>;
}

export interface OpenMetadataSso {
  /** The URL people open, normalised: components derive their ingress, proxy or bind address from it. */
  readonly publicUrl: string;
  /** The SSO model for a server at `server.internalUrl` with its keys in `server.jwtKeyDir`. */
  model(server: SsoServer): pulumi.Output<SsoModel>;
  /** The Entra client secret (secret): set exactly when the client type is confidential. */
  readonly clientSecret?: pulumi.Output<string>;
  /** OpenMetadata's JWT key pair, written where the model's `jwtTokenConfiguration` points. */
  readonly jwtKeys: JwtKeyMaterial;
}

export interface OpenMetadataSsoArgs {
  /** The stack's SSO settings (checked here, before anything uses them). */
  readonly settings: SsoSettings;
  /** The Entra application (client) ID. */
  readonly clientId: pulumi.Input<string>;
  /** The Entra tenant ID. */
  readonly tenantId: pulumi.Input<string>;
  readonly jwtKeys: JwtKeyMaterial;
  /** The Entra client secret: required for a confidential client, refused for a public one. */
  readonly clientSecret?: pulumi.Input<string>;
}

/** The SSO source every deployment component takes; throws ArgsError for invalid settings. */
export function openMetadataSso(args: OpenMetadataSsoArgs): OpenMetadataSso {
  assertNoProblems("OpenMetadata SSO", [
    ...ssoSettingsProblems(args.settings),
    ...clientSecretProblems(args.settings.clientType ?? "public", args.clientSecret !== undefined),
  ]);
  return {
    publicUrl: normalizePublicUrl(args.settings.publicUrl),
    model: (server) =>
      pulumi
        .all([args.clientId, args.tenantId, args.jwtKeys.keyId, args.jwtKeys.issuer])
        .apply(([clientId, tenantId, keyId, issuer]) =>
          buildSsoModel({
            ...args.settings,
            clientId,
            tenantId,
            internalUrl: server.internalUrl,
            openmetadataVersion: server.openmetadataVersion,
            jwt: { keyId, issuer, ...(server.jwtKeyDir ? { keyDir: server.jwtKeyDir } : {}) },
          }),
        ),
    clientSecret: args.clientSecret === undefined ? undefined : pulumi.secret(args.clientSecret),
    jwtKeys: args.jwtKeys,
  };
}
