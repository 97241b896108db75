/**
 * The throw-away certificates of tools/vm/x509.ts (the VM's TLS tests, the offline plan's stand-in): what node's
 * X509Certificate and openssl read from them.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { createPrivateKey, generateKeyPairSync, X509Certificate } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FAKE_RSA_PRIVATE_KEY_PEM } from "../tools/plan/fakes";
import { certificatePem, standInCertificatePem } from "../tools/vm/x509";

const EC_KEY = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({
  type: "pkcs8",
  format: "pem",
}) as string;

describe.each([
  ["RSA", FAKE_RSA_PRIVATE_KEY_PEM],
  ["EC P-256", EC_KEY],
])("certificatePem with an %s key", (_kind, key) => {
  const pem = certificatePem({
    privateKeyPem: key,
    names: ["om.example.com", "*.apps.example.com", "10.0.0.4", "fd00::4"],
    notBefore: new Date("2001-02-03T04:05:06Z"),
    notAfter: new Date("2101-02-03T04:05:06Z"),
    serial: 4242,
  });
  const cert = new X509Certificate(pem);

  it("is a self-signed v3 certificate of that key, with the names and dates given", () => {
    expect([
      cert.subject,
      cert.issuer,
      cert.serialNumber,
      cert.subjectAltName,
      new Date(cert.validFrom).toISOString(),
      new Date(cert.validTo).toISOString(),
      cert.ca,
      cert.checkPrivateKey(createPrivateKey(key)),
      cert.verify(cert.publicKey),
    ]).toEqual([
      "CN=om.example.com",
      "CN=om.example.com",
      "1092",
      "DNS:om.example.com, DNS:*.apps.example.com, IP Address:10.0.0.4, IP Address:FD00:0:0:0:0:0:0:4",
      "2001-02-03T04:05:06.000Z",
      "2101-02-03T04:05:06.000Z",
      false,
      true,
      true,
    ]);
    expect([
      cert.checkHost("om.example.com", { subject: "never" }),
      cert.checkHost("x.apps.example.com", { subject: "never" }),
      cert.checkHost("other.example.com", { subject: "never" }),
      cert.checkIP("10.0.0.4"),
      cert.checkIP("fd00::4"),
      cert.checkIP("10.0.0.5"),
    ]).toEqual(["om.example.com", "*.apps.example.com", undefined, "10.0.0.4", "fd00::4", undefined]);
  });

  const hasOpenssl = spawnSync("sh", ["-c", "command -v openssl"]).status === 0;
  (hasOpenssl ? it : it.skip)("is read and verified by openssl as a TLS server certificate", () => {
    const dir = mkdtempSync(join(tmpdir(), "vm-x509-"));
    try {
      writeFileSync(join(dir, "cert.pem"), pem);
      const text = execFileSync("openssl", ["x509", "-in", join(dir, "cert.pem"), "-noout", "-text"], {
        encoding: "utf8",
      });
      expect(text).toMatch(/Version: 3 \(0x2\)/);
      expect(text).toMatch(/CA:FALSE/);
      expect(text).toMatch(/TLS Web Server Authentication/);
      const verify = execFileSync(
        "openssl",
        ["verify", "-purpose", "sslserver", "-CAfile", join(dir, "cert.pem"), join(dir, "cert.pem")],
        { encoding: "utf8" },
      );
      expect(verify.trim()).toBe(`${join(dir, "cert.pem")}: OK`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("standInCertificatePem", () => {
  it("is the same certificate every time (plans of one stack compare), for the host only, valid 2000-2126", () => {
    const a = standInCertificatePem(FAKE_RSA_PRIVATE_KEY_PEM, "openmetadata.staging.example.com");
    expect(standInCertificatePem(FAKE_RSA_PRIVATE_KEY_PEM, "openmetadata.staging.example.com")).toBe(a);
    const cert = new X509Certificate(a);
    expect([cert.subjectAltName, cert.validFrom, cert.validTo]).toEqual([
      "DNS:openmetadata.staging.example.com",
      "Jan  1 00:00:00 2000 GMT",
      "Jan  1 00:00:00 2126 GMT",
    ]);
    expect(
      new X509Certificate(standInCertificatePem(FAKE_RSA_PRIVATE_KEY_PEM, "10.0.0.4")).subjectAltName,
    ).toBe("IP Address:10.0.0.4");
  });
});
