import { createHash, createPrivateKey, createPublicKey } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";

/**
 * A PEM private key (PKCS#1 `RSA PRIVATE KEY`, as `tls.PrivateKey.privateKeyPem` gives, or PKCS#8) as base64
 * PKCS#8 DER: what OpenMetadata reads from `rsaprivateKeyFilePath` (JWTTokenGenerator wraps the file's bytes in a
 * `PKCS8EncodedKeySpec`; the enable-jwt-tokens doc makes it with `openssl pkcs8 -topk8 -outform DER -nocrypt`).
 */
export function privateKeyPemToPkcs8DerBase64(pem: string): string {
  return createPrivateKey(pem).export({ type: "pkcs8", format: "der" }).toString("base64");
}

/**
 * A PEM public key (or a private key, whose public half is taken) as base64 X.509 SubjectPublicKeyInfo DER: what
 * OpenMetadata reads from `rsapublicKeyFilePath` (`X509EncodedKeySpec`; `openssl rsa -pubout -outform DER`).
 */
export function publicKeyPemToSpkiDerBase64(pem: string): string {
  return createPublicKey(pem).export({ type: "spki", format: "der" }).toString("base64");
}

/**
 * A stable key ID for OpenMetadata's `JWT_KEY_ID`: an RFC 9562 version-8 UUID made of the first 128 bits of the
 * SHA-256 of the public key's DER, so it changes exactly when the key pair changes (as the docs ask: a fixed
 * UUID per key, kept across upgrades).
 */
export function keyIdFromPublicKeyDer(spkiDerBase64: string): string {
  const bytes = createHash("sha256").update(Buffer.from(spkiDerBase64, "base64")).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x80; // version 8 (custom)
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 9562 variant
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface OpenMetadataJwtKeysArgs {
  /**
   * The `iss` of the JWTs OpenMetadata issues to bots: the host (with port) people reach OpenMetadata on,
   * e.g. `publicHost(publicUrl)` from urls.ts. Passed through to the `issuer` output.
   */
  issuer: pulumi.Input<string>;
}

/**
 * OpenMetadata's own JWT signing key pair (RSA 2048), used for bot tokens such as ingestion-bot's. Targets write
 * `privateKeyDerBase64` / `publicKeyDerBase64` (decoded) to `private_key.der` / `public_key.der` in the SSO
 * model's key directory, and give `keyId` and `issuer` to buildSsoModel's `jwt`.
 */
export class OpenMetadataJwtKeys extends pulumi.ComponentResource {
  /** PKCS#8 DER private key, base64; secret. */
  public readonly privateKeyDerBase64: pulumi.Output<string>;
  /** X.509 SubjectPublicKeyInfo DER public key, base64. */
  public readonly publicKeyDerBase64: pulumi.Output<string>;
  /** UUID derived from the public key; changes only when the key changes. */
  public readonly keyId: pulumi.Output<string>;
  /** The JWT issuer, as given. */
  public readonly issuer: pulumi.Output<string>;

  constructor(name: string, args: OpenMetadataJwtKeysArgs, opts?: pulumi.ComponentResourceOptions) {
    super("openmetadata-entra:openmetadata:JwtKeys", name, {}, opts);
    const key = new tls.PrivateKey(`${name}-rsa`, { algorithm: "RSA", rsaBits: 2048 }, { parent: this });
    this.privateKeyDerBase64 = pulumi.secret(key.privateKeyPem.apply(privateKeyPemToPkcs8DerBase64));
    this.publicKeyDerBase64 = pulumi.unsecret(key.publicKeyPem.apply(publicKeyPemToSpkiDerBase64));
    this.keyId = this.publicKeyDerBase64.apply(keyIdFromPublicKeyDer);
    this.issuer = pulumi.output(args.issuer);
    this.registerOutputs({
      privateKeyDerBase64: this.privateKeyDerBase64,
      publicKeyDerBase64: this.publicKeyDerBase64,
      keyId: this.keyId,
      issuer: this.issuer,
    });
  }
}
