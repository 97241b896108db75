import { createHash, createPrivateKey, createPublicKey } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { FAKE_RSA_PRIVATE_KEY_PEM } from "../tools/plan/fixtures/fake-rsa";
import {
  keyIdFromPublicKeyDer,
  OpenMetadataJwtKeys,
  privateKeyPemToPkcs8DerBase64,
  publicKeyPemToSpkiDerBase64,
} from "../components/openmetadata/jwt-keys";

/** A throwaway key generated once with `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048`. */
const FIXTURE_PEM = FAKE_RSA_PRIVATE_KEY_PEM;
const FIXTURE_KEY = createPrivateKey(FIXTURE_PEM);
/** As tls.PrivateKey gives them: PKCS#1 private key PEM, SubjectPublicKeyInfo public key PEM. */
const PKCS1_PEM = FIXTURE_KEY.export({ type: "pkcs1", format: "pem" }).toString();
const PUBLIC_PEM = createPublicKey(FIXTURE_KEY).export({ type: "spki", format: "pem" }).toString();

/** sha256 of `openssl pkcs8 -topk8 -inform PEM -outform DER -nocrypt -in fake-rsa-2048.pem`. */
const OPENSSL_PKCS8_DER_SHA256 = "c3c38493c62a81142e75add30972603235a3c2ef05d0f587d2b55ccbb6e77b17";
/** sha256 of `openssl rsa -in fake-rsa-2048.pem -pubout -outform DER`. */
const OPENSSL_SPKI_DER_SHA256 = "315c0eba520f970fdfe7c3dd804957b2ef9ecdbc862cf8989e042a448118ecfd";

const sha256 = (base64: string): string =>
  createHash("sha256").update(Buffer.from(base64, "base64")).digest("hex");
const UUID_V8 = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("PEM to DER conversions", () => {
  it("gives the same PKCS#8 DER as openssl's documented command, from PKCS#8 or PKCS#1 PEM", () => {
    expect(sha256(privateKeyPemToPkcs8DerBase64(FIXTURE_PEM))).toBe(OPENSSL_PKCS8_DER_SHA256);
    expect(sha256(privateKeyPemToPkcs8DerBase64(PKCS1_PEM))).toBe(OPENSSL_PKCS8_DER_SHA256);
  });

  it("gives the same SubjectPublicKeyInfo DER as openssl, from the public or the private PEM", () => {
    expect(sha256(publicKeyPemToSpkiDerBase64(PUBLIC_PEM))).toBe(OPENSSL_SPKI_DER_SHA256);
    expect(sha256(publicKeyPemToSpkiDerBase64(PKCS1_PEM))).toBe(OPENSSL_SPKI_DER_SHA256);
  });

  it("refuses text that is not a key", () => {
    expect(() => privateKeyPemToPkcs8DerBase64("not a key")).toThrow();
  });
});

describe("keyIdFromPublicKeyDer", () => {
  it("is a version-8 UUID from the key's SHA-256, the same for the same key", () => {
    const der = publicKeyPemToSpkiDerBase64(PUBLIC_PEM);
    const keyId = keyIdFromPublicKeyDer(der);
    expect(keyId).toMatch(UUID_V8);
    expect(keyId.replace(/-/g, "").slice(0, 12)).toBe(OPENSSL_SPKI_DER_SHA256.slice(0, 12));
    expect(keyIdFromPublicKeyDer(der)).toBe(keyId);
  });

  it("changes when the key changes", () => {
    expect(keyIdFromPublicKeyDer(Buffer.from("a").toString("base64"))).not.toBe(
      keyIdFromPublicKeyDer(Buffer.from("b").toString("base64")),
    );
  });
});

describe("OpenMetadataJwtKeys", () => {
  const registered: pulumi.runtime.MockResourceArgs[] = [];

  beforeAll(async () => {
    await pulumi.runtime.setMocks(
      {
        newResource(args) {
          registered.push(args);
          const state =
            args.type === "tls:index/privateKey:PrivateKey"
              ? { ...args.inputs, privateKeyPem: PKCS1_PEM, publicKeyPem: PUBLIC_PEM }
              : args.inputs;
          return { id: args.custom === false ? undefined : `${args.name}_id`, state };
        },
        call: (args) => args.inputs,
      },
      "openmetadata-entra",
      "test",
    );
  });

  const valueOf = <T>(output: pulumi.Output<T>): Promise<T> =>
    new Promise((resolve) => output.apply((v) => resolve(v)));
  const isSecret = <T>(output: pulumi.Output<T>): Promise<boolean> =>
    (output as unknown as { isSecret: Promise<boolean> }).isSecret;

  it("creates one RSA 2048 tls.PrivateKey child and exposes DER keys, key ID and issuer", async () => {
    const keys = new OpenMetadataJwtKeys("om-jwt", { issuer: pulumi.output("om.example.com") });
    const [priv, pub, keyId, issuer] = await Promise.all([
      valueOf(keys.privateKeyDerBase64),
      valueOf(keys.publicKeyDerBase64),
      valueOf(keys.keyId),
      valueOf(keys.issuer),
    ]);
    await valueOf(keys.urn);

    expect(sha256(priv)).toBe(OPENSSL_PKCS8_DER_SHA256);
    expect(sha256(pub)).toBe(OPENSSL_SPKI_DER_SHA256);
    expect(keyId).toBe(keyIdFromPublicKeyDer(pub));
    expect(issuer).toBe("om.example.com");
    expect(await isSecret(keys.privateKeyDerBase64)).toBe(true);
    expect(await isSecret(keys.publicKeyDerBase64)).toBe(false);
    expect(await isSecret(keys.keyId)).toBe(false);

    const component = registered.filter((r) => r.type === "openmetadata-entra:openmetadata:JwtKeys");
    const children = registered.filter((r) => r.type === "tls:index/privateKey:PrivateKey");
    expect(component.map((r) => r.name)).toEqual(["om-jwt"]);
    expect(children.map((r) => [r.name, r.inputs])).toEqual([
      ["om-jwt-rsa", { algorithm: "RSA", rsaBits: 2048 }],
    ]);
  });
});
