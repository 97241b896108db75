/**
 * Throw-away X.509 certificates made with node:crypto alone (a minimal DER encoder, RFC 5280): for the tests of the
 * VM's TLS certificate checks, and for the offline plan to stand in a certificate that fits the stack (its public
 * URL's host, valid now, signed by the stand-in key) instead of one fixed certificate. Nothing here is fit to
 * protect anything.
 */
import { createPrivateKey, createPublicKey, sign, type KeyObject } from "node:crypto";
import { isIPv4, isIPv6 } from "node:net";

export interface CertificateOptions {
  /** PEM private key (RSA, or EC P-256) of the certificate: its public key goes in, and it signs a self-signed one. */
  readonly privateKeyPem: string;
  /** subjectAltName entries: host names (DNS) and IPv4/IPv6 addresses (IP). The first is also the subject CN. */
  readonly names: readonly string[];
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** @default 1 */
  readonly serial?: number;
  /** Leave subjectAltName out (a certificate that names its host only in the CN). @default false */
  readonly withoutSubjectAltName?: boolean;
  /** Sign with this key and name this issuer instead (a chain); @default self-signed */
  readonly issuer?: { readonly privateKeyPem: string; readonly commonName: string };
}

const tlv = (tag: number, value: Buffer): Buffer => {
  const n = value.length;
  const length =
    n < 0x80
      ? Buffer.from([n])
      : (() => {
          const bytes: number[] = [];
          for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
          return Buffer.from([0x80 | bytes.length, ...bytes]);
        })();
  return Buffer.concat([Buffer.from([tag]), length, value]);
};
const seq = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => tlv(0x31, Buffer.concat(items));
const explicit = (n: number, inner: Buffer) => tlv(0xa0 + n, inner);
const NULL = Buffer.from([0x05, 0x00]);

function integer(value: number): Buffer {
  const bytes: number[] = [];
  for (let v = value; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  if (bytes.length === 0 || bytes[0] & 0x80) bytes.unshift(0);
  return tlv(0x02, Buffer.from(bytes));
}

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split(".").map(Number);
  const out = [40 * a + b];
  for (const arc of rest) {
    const chunk: number[] = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift(0x80 | (v & 0x7f));
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

/** UTCTime for 1950–2049, GeneralizedTime otherwise (RFC 5280 4.1.2.5), to the second. */
function time(date: Date): Buffer {
  const iso = date.toISOString().replace(/\.\d{3}Z$/, "Z");
  const digits = iso.replace(/[-:T]/g, "");
  const year = date.getUTCFullYear();
  return year >= 1950 && year < 2050
    ? tlv(0x17, Buffer.from(digits.slice(2), "ascii"))
    : tlv(0x18, Buffer.from(digits, "ascii"));
}

const name = (commonName: string) =>
  seq(set(seq(oid("2.5.4.3"), tlv(0x0c, Buffer.from(commonName, "utf8")))));

function ipBytes(address: string): Buffer {
  if (isIPv4(address)) return Buffer.from(address.split(".").map(Number));
  const [head, tail = ""] = address.split("::");
  const part = (s: string) => (s === "" ? [] : s.split(":"));
  const groups = address.includes("::")
    ? [...part(head), ...Array(8 - part(head).length - part(tail).length).fill("0"), ...part(tail)]
    : part(address);
  return Buffer.concat(groups.map((g) => Buffer.from(g.padStart(4, "0"), "hex")));
}

function subjectAltName(names: readonly string[]): Buffer {
  const general = names.map((n) =>
    isIPv4(n) || isIPv6(n) ? tlv(0x87, ipBytes(n)) : tlv(0x82, Buffer.from(n, "ascii")),
  );
  return seq(oid("2.5.29.17"), tlv(0x04, seq(...general)));
}

function signatureAlgorithm(key: KeyObject): Buffer {
  if (key.asymmetricKeyType === "rsa") return seq(oid("1.2.840.113549.1.1.11"), NULL);
  if (key.asymmetricKeyType === "ec") return seq(oid("1.2.840.10045.4.3.2"));
  throw new Error(`unsupported key type ${key.asymmetricKeyType ?? "?"} (RSA or EC)`);
}

/** A v3 server certificate (CA:FALSE, serverAuth) as PEM. */
export function certificatePem(o: CertificateOptions): string {
  if (o.names.length === 0) throw new Error("a certificate needs at least one name");
  const subjectKey = createPrivateKey(o.privateKeyPem);
  const signer = o.issuer ? createPrivateKey(o.issuer.privateKeyPem) : subjectKey;
  const algorithm = signatureAlgorithm(signer);
  const spki = createPublicKey(subjectKey).export({ type: "spki", format: "der" });
  const extensions = [
    ...(o.withoutSubjectAltName ? [] : [subjectAltName(o.names)]),
    // basicConstraints (critical): not a CA.
    seq(oid("2.5.29.19"), tlv(0x01, Buffer.from([0xff])), tlv(0x04, seq())),
    // extKeyUsage: serverAuth.
    seq(oid("2.5.29.37"), tlv(0x04, seq(oid("1.3.6.1.5.5.7.3.1")))),
  ];
  const tbs = seq(
    explicit(0, integer(2)),
    integer(o.serial ?? 1),
    algorithm,
    name(o.issuer?.commonName ?? o.names[0]),
    seq(time(o.notBefore), time(o.notAfter)),
    name(o.names[0]),
    spki,
    explicit(3, seq(...extensions)),
  );
  const signature = sign("sha256", tbs, signer);
  const der = seq(tbs, algorithm, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const body = der.toString("base64").replace(/(.{64})/g, "$1\n");
  return `-----BEGIN CERTIFICATE-----\n${body.replace(/\n$/, "")}\n-----END CERTIFICATE-----\n`;
}

/**
 * The offline plan's stand-in for a stack's TLS certificate: a self-signed certificate for `host` alone, signed by
 * the stand-in key, valid from 2000 to 2126. Deterministic (fixed dates and serial; RSA PKCS#1 v1.5 signatures do
 * not vary), so two plans of the same stack show the same certificate.
 */
export function standInCertificatePem(privateKeyPem: string, host: string): string {
  return certificatePem({
    privateKeyPem,
    names: [host],
    notBefore: new Date("2000-01-01T00:00:00Z"),
    notAfter: new Date("2126-01-01T00:00:00Z"),
  });
}
