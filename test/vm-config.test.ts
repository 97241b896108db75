import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError, parseStackConfig } from "../config";
import type { RawSource } from "../config/raw";
import { vmArgs } from "../targets/vm/config";
import { FAKE_RSA_PRIVATE_KEY_PEM, FAKE_TLS_CERTIFICATE_PEM } from "../tools/plan/fakes";
import { certificatePem, standInCertificatePem } from "../tools/vm/x509";

const P = "openmetadata-entra";
const k = (key: string) => `${P}:${key}`;
const SHA = "f".repeat(64);
const HOST_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHRlc3QtaG9zdC1rZXktZm9yLXZtLWNvbmZpZy10ZXN0cw";
const BASTION_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHRlc3QtYmFzdGlvbi1rZXktZm9yLXZtLWNvbmZpZy10ZXM";
/** A certificate for the public URL's host, valid now, of the private key the stack gives. */
const CERT = standInCertificatePem(FAKE_RSA_PRIVATE_KEY_PEM, "om.example.com");
const BASE: Record<string, string> = {
  [k("publicUrl")]: "https://om.example.com",
  [k("adminPrincipals")]: JSON.stringify(["jane.doe"]),
  [k("principalDomain")]: "example.com",
  [k("target")]: "vm",
  [k("vmHost")]: "vm.example.com",
  [k("vmSshPrivateKey")]: FAKE_RSA_PRIVATE_KEY_PEM,
  [k("vmReleaseSha256")]: SHA,
  [k("vmDatabasePassword")]: "db-pw",
  [k("vmHostKey")]: HOST_KEY,
  [k("vmTlsCertificate")]: CERT,
  [k("vmTlsPrivateKey")]: FAKE_RSA_PRIVATE_KEY_PEM,
};
const SECRETS = [
  k("vmSshPrivateKey"),
  k("vmDatabasePassword"),
  k("vmSearchPassword"),
  k("vmTlsCertificate"),
  k("vmTlsPrivateKey"),
];
const PROD: Record<string, string> = {
  [k("production")]: "true",
  [k("entraOwners")]: JSON.stringify([
    "00000000-0000-0000-0000-00000000a001",
    "00000000-0000-0000-0000-00000000a002",
  ]),
  [k("entraAssignmentRequired")]: "true",
  [k("entraAssignedGroups")]: JSON.stringify(["00000000-0000-0000-0000-00000000b001"]),
};

function parse(values: Record<string, string | undefined>) {
  const merged = Object.fromEntries(
    Object.entries({ ...BASE, ...values }).filter((e): e is [string, string] => e[1] !== undefined),
  );
  const source: RawSource = {
    get: (key) => merged[key],
    isSecret: (key) => SECRETS.includes(key),
    keys: () => Object.keys(merged),
  };
  return parseStackConfig(source, "test");
}

function problems(values: Record<string, string | undefined>): string[] {
  try {
    parse(values);
    return [];
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return e.problems;
  }
}

const INSTALL_DIR_FORM =
  "must be an absolute directory of at least two components, not a system directory, such as /opt/openmetadata (letters, digits, / . _ -)";
const HOST_KEY_REQUIRED =
  "is required (the SSH host key, so no man in the middle receives the secrets; e.g. from ssh-keyscan -t ed25519 <host>)";

function error(values: Record<string, string | undefined>): ConfigError {
  try {
    parse(values);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error("config was accepted");
}

describe("vm target config", () => {
  it("applies the defaults", () => {
    const target = parse({}).target;
    expect(target).toEqual({
      kind: "vm",
      config: {
        vmHost: "vm.example.com",
        vmPort: 22,
        vmUser: "root",
        vmSshPrivateKey: FAKE_RSA_PRIVATE_KEY_PEM,
        vmHostKey: HOST_KEY,
        vmInsecureSkipHostKeyCheck: false,
        vmBastionPort: 22,
        vmInstallDir: "/opt/openmetadata",
        vmServiceUser: "openmetadata",
        vmReleaseSha256: SHA,
        vmJavaPackage: "openjdk-21-jre-headless",
        vmServerBindAddress: "127.0.0.1",
        vmHealthCheckSeconds: 300,
        vmTlsCertificate: CERT,
        vmTlsPrivateKey: FAKE_RSA_PRIVATE_KEY_PEM,
        vmDatabaseType: "mysql",
        vmDatabaseHost: "localhost",
        vmDatabaseName: "openmetadata_db",
        vmDatabaseUser: "openmetadata_user",
        vmDatabasePassword: "db-pw",
        vmSearchType: "elasticsearch",
        vmSearchHost: "localhost",
        vmSearchPort: 9200,
      },
    });
  });

  it("reports a missing host, a key that is not PEM, a relative path and a port out of range, all at once", () => {
    expect(
      problems({
        [k("vmHost")]: undefined,
        [k("vmSshPrivateKey")]: "ssh-ed25519 AAAA",
        [k("vmInstallDir")]: "opt/openmetadata",
        [k("vmPort")]: "70000",
      }),
    ).toEqual([
      `${P}:vmHost: is required (Host name or IP address of the VM that runs OpenMetadata, as reached over SSH.); set it with pulumi config set vmHost <value>`,
      `${P}:vmPort: must be a port number from 1 to 65535; got 70000`,
      `${P}:vmSshPrivateKey: must be a PEM private key (-----BEGIN OPENSSH PRIVATE KEY----- or -----BEGIN RSA/EC/PRIVATE KEY-----), unencrypted (value hidden)`,
      `${P}:vmInstallDir: ${INSTALL_DIR_FORM}; got "opt/openmetadata"`,
    ]);
  });

  it("requires the release checksum and the key as a secret", () => {
    const source = (values: Record<string, string>): RawSource => ({
      get: (key) => values[key],
      isSecret: (key) => SECRETS.includes(key) && key !== k("vmSshPrivateKey"),
      keys: () => Object.keys(values),
    });
    const values = { ...BASE, ...PROD };
    delete values[k("vmReleaseSha256")];
    let error: ConfigError | undefined;
    try {
      parseStackConfig(source(values), "test");
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error?.problems).toEqual([
      `${P}:vmSshPrivateKey: must be set as a secret: pulumi config set --secret vmSshPrivateKey <value>`,
      `${P}:vmReleaseSha256: is required (SHA-256 (64 hex digits) of openmetadata-<openmetadataVersion>.tar.gz from the GitHub release; cloud-init refuses a tarball that differs.); set it with pulumi config set vmReleaseSha256 <value>`,
    ]);
    expect(error?.missingStandInKeys).toEqual(["vmReleaseSha256"]);
  });

  it("refuses vm keys on another target", () => {
    expect(problems({ [k("target")]: "none" })).toContain(
      `${P}:vmHost: is only used with target vm; this stack's target is none`,
    );
  });

  it("wants the search user and password together", () => {
    expect(problems({ [k("vmSearchUser")]: "elastic" })).toEqual([
      `${P}:vmSearchPassword: is required (with a search user: basic authentication); set it with pulumi config set --secret vmSearchPassword <value>`,
    ]);
    expect(problems({ [k("vmSearchPassword")]: "search-pw" })).toEqual([
      `${P}:vmSearchPassword: is only used together with a search user`,
    ]);
  });

  it("never runs the service as root", () => {
    expect(problems({ [k("vmServiceUser")]: "root" })).toEqual([
      `${P}:vmServiceUser: must be a Linux user name such as openmetadata (lower case, up to 32 characters), not root; got "root"`,
    ]);
  });

  it("checks the database name and user with the shared forms", () => {
    expect(problems({ [k("vmDatabaseName")]: "openmetadata$db", [k("vmDatabaseUser")]: "om user" })).toEqual([
      `${P}:vmDatabaseName: must be a database name: letters, digits and _, starting with a letter or _ (at most 63); got "openmetadata$db"`,
      `${P}:vmDatabaseUser: must be a user name: letters, digits and _ . @ - (at most 128); got "om user"`,
    ]);
  });

  it("refuses a version outside the supported lines, under openmetadataVersion", () => {
    expect(problems({ [k("openmetadataVersion")]: "1.7.0" })).toEqual([
      `${P}:openmetadataVersion: must be a release of a supported line (1.8.x, 1.9.x, 1.10.x, 1.11.x, 1.12.x, 1.13.x); got "1.7.0"`,
    ]);
  });

  it("passes ssoConfigSource to the VM, and refuses database on 1.9 once, under ssoConfigSource", () => {
    const source = (values: Record<string, string>) => {
      const c = parse(values);
      return c.target.kind === "vm" ? vmArgs(c.target.config, c.core, (v) => v).ssoConfigSource : "not vm";
    };
    expect([source({}), source({ [k("ssoConfigSource")]: "database" })]).toEqual(["stack", "database"]);
    // The core rule and the component's own check say the same thing: reported once.
    expect(problems({ [k("openmetadataVersion")]: "1.9.17", [k("ssoConfigSource")]: "database" })).toEqual([
      `${P}:ssoConfigSource: must be "stack" on OpenMetadata 1.9: the server reads its SSO settings from the environment on every start (stored settings exist from 1.10)`,
    ]);
  });
});

describe("SSH host keys", () => {
  it("requires vmHostKey, a key the offline plan may stand in", () => {
    const e = error({ [k("vmHostKey")]: undefined });
    expect(e.problems).toEqual([
      `${P}:vmHostKey: ${HOST_KEY_REQUIRED}; set it with pulumi config set vmHostKey <value>`,
    ]);
    expect(e.missingStandInKeys).toEqual(["vmHostKey"]);
  });

  it("refuses a vmHostKey that is not an OpenSSH public key line", () => {
    expect(problems({ [k("vmHostKey")]: "vm.example.com ssh-ed25519 AAAA" })).toEqual([
      `${P}:vmHostKey: must be an OpenSSH public key such as 'ssh-ed25519 AAAA...'; got "vm.example.com ssh-ed25519 AAAA"`,
    ]);
  });

  it("accepts vmInsecureSkipHostKeyCheck without a host key outside production", () => {
    const c = parse({ [k("vmHostKey")]: undefined, [k("vmInsecureSkipHostKeyCheck")]: "true" });
    expect(
      c.target.kind === "vm" && [c.target.config.vmInsecureSkipHostKeyCheck, c.target.config.vmHostKey],
    ).toEqual([true, undefined]);
  });

  it("refuses vmInsecureSkipHostKeyCheck in production", () => {
    expect(
      problems({ ...PROD, [k("vmHostKey")]: undefined, [k("vmInsecureSkipHostKeyCheck")]: "true" }),
    ).toEqual([
      `${P}:vmInsecureSkipHostKeyCheck: must be false in production (the SSH host keys are always checked)`,
    ]);
  });

  it("refuses a vmHostKey together with vmInsecureSkipHostKeyCheck, naming the key to unset", () => {
    // The message names config keys, not the component's argument connection.insecureSkipHostKeyCheck.
    expect(problems({ [k("vmInsecureSkipHostKeyCheck")]: "true" })).toEqual([
      `${P}:vmHostKey: is not checked with vmInsecureSkipHostKeyCheck; set one or the other`,
    ]);
  });

  it("requires vmBastionHostKey with vmBastionHost, and refuses it without one", () => {
    const e = error({ [k("vmBastionHost")]: "bastion.example.com" });
    expect(e.problems).toEqual([
      `${P}:vmBastionHostKey: ${HOST_KEY_REQUIRED}; set it with pulumi config set vmBastionHostKey <value>`,
    ]);
    expect(e.missingStandInKeys).toEqual(["vmBastionHostKey"]);
    expect(
      problems({ [k("vmBastionHost")]: "bastion.example.com", [k("vmBastionHostKey")]: BASTION_KEY }),
    ).toEqual([]);
    expect(problems({ [k("vmBastionHostKey")]: BASTION_KEY })).toEqual([
      `${P}:vmBastionHostKey: is only used with vmBastionHost`,
    ]);
  });
});

describe("vmInstallDir", () => {
  it.each(["/opt/om;id>>/tmp/x;:", "/", "/etc", "/opt", "/usr/local"])("refuses %j", (dir) => {
    expect(problems({ [k("vmInstallDir")]: dir })).toEqual([
      `${P}:vmInstallDir: ${INSTALL_DIR_FORM}; got ${JSON.stringify(dir)}`,
    ]);
  });

  it("accepts /opt/openmetadata", () => {
    expect(problems({ [k("vmInstallDir")]: "/opt/openmetadata" })).toEqual([]);
  });
});

describe("vmDatabasePassword", () => {
  it.each([
    [
      "${HOME}",
      "a${HOME}b",
      "must not contain ${ (OpenMetadata would expand it as a variable) (value hidden)",
    ],
    [
      "a newline",
      "first\nsecond",
      "must not contain control characters such as newlines (OpenMetadata pastes it into its YAML configuration) (value hidden)",
    ],
  ])("is refused with %s, without quoting it", (_name, password, message) => {
    expect(problems({ [k("vmDatabasePassword")]: password })).toEqual([
      `${P}:vmDatabasePassword: ${message}`,
    ]);
  });

  it("is accepted with $ and #", () => {
    expect(problems({ [k("vmDatabasePassword")]: "pa$$word#1" })).toEqual([]);
  });
});

describe("production refuses cleartext off the VM", () => {
  it("accepts the defaults (database and search on the VM itself)", () => {
    expect(problems(PROD)).toEqual([]);
  });

  it("refuses vmSearchScheme http to a remote search engine", () => {
    expect(
      problems({ ...PROD, [k("vmSearchHost")]: "search.example.com", [k("vmSearchScheme")]: "http" }),
    ).toEqual([
      `${P}:vmSearchScheme: must use TLS in production: the search engine at search.example.com would be reached in cleartext`,
    ]);
  });

  it("accepts vmSearchScheme http to localhost", () => {
    expect(problems({ ...PROD, [k("vmSearchHost")]: "localhost", [k("vmSearchScheme")]: "http" })).toEqual(
      [],
    );
  });

  it("refuses vmDatabaseParams without TLS to a remote database, and accepts the TLS default there", () => {
    const remote = { ...PROD, [k("vmDatabaseHost")]: "db.example.com" };
    expect(problems({ ...remote, [k("vmDatabaseParams")]: "useSSL=false" })).toEqual([
      `${P}:vmDatabaseParams: must use TLS in production: the database at db.example.com would be reached in cleartext`,
    ]);
    expect(problems(remote)).toEqual([]);
  });
});

describe("vmReleaseUrl", () => {
  it("refuses a URL with credentials", () => {
    expect(problems({ [k("vmReleaseUrl")]: "https://u:p@host/x.tgz" })).toEqual([
      `${P}:vmReleaseUrl: must be a https or http URL without credentials, such as https://mirror.example.com/openmetadata-1.8.12.tar.gz (value hidden)`,
    ]);
  });

  it("accepts a mirror", () => {
    expect(
      problems({ [k("vmReleaseUrl")]: "https://mirror.example.com/om/openmetadata-1.8.12.tar.gz" }),
    ).toEqual([]);
  });
});

describe("the TLS front (vmTls)", () => {
  it("refuses vmTls none with an https publicUrl", () => {
    expect(
      problems({
        [k("vmTls")]: "none",
        [k("vmTlsCertificate")]: undefined,
        [k("vmTlsPrivateKey")]: undefined,
      }),
    ).toEqual([
      `${P}:vmTls: must be nginx or external for an https public URL (nothing else terminates TLS)`,
    ]);
  });

  it("refuses vmTls nginx with a base-path publicUrl", () => {
    expect(
      problems({
        [k("publicUrl")]: "https://example.com/om",
        [k("vmTls")]: "nginx",
        [k("vmTlsCertificate")]: standInCertificatePem(FAKE_RSA_PRIVATE_KEY_PEM, "example.com"),
      }),
    ).toEqual([
      `${P}:vmTls: must be external for a public URL with a base path (serve OpenMetadata under a sub-path with your own proxy)`,
    ]);
  });

  it("accepts vmTls external with a base-path publicUrl, without certificate keys", () => {
    expect(
      problems({
        [k("publicUrl")]: "https://example.com/om",
        [k("vmTls")]: "external",
        [k("vmTlsCertificate")]: undefined,
        [k("vmTlsPrivateKey")]: undefined,
      }),
    ).toEqual([]);
  });

  describe("the certificate must fit the public URL (node's X509Certificate checkHost / checkIP, validFrom / validTo)", () => {
    const DAY = 24 * 60 * 60 * 1000;
    const now = Date.now();
    const cert = (names: string[], from = now - DAY, to = now + 30 * DAY, extra = {}) =>
      certificatePem({
        privateKeyPem: FAKE_RSA_PRIVATE_KEY_PEM,
        names,
        notBefore: new Date(from),
        notAfter: new Date(to),
        ...extra,
      });
    const utc = (t: number) => new Date(Math.floor(t / 1000) * 1000).toISOString().replace(/\.000Z$/, "Z");

    it.each<[string, string, string[]]>([
      ["the host itself", "https://om.example.com", ["om.example.com"]],
      ["a wildcard for its one label", "https://om.example.com", ["*.example.com"]],
      ["one of several names", "https://om.example.com:8443", ["other.example.com", "om.example.com"]],
      ["an IPv4 address", "https://10.0.0.4", ["10.0.0.4"]],
    ])("accepts a certificate naming %s", (_what, publicUrl, names) => {
      expect(problems({ [k("publicUrl")]: publicUrl, [k("vmTlsCertificate")]: cert(names) })).toEqual([]);
    });

    it.each<[string, string, string[], string]>([
      [
        "another host",
        "https://om.example.com",
        ["catalog.example.com"],
        "must name the public URL's host om.example.com in its subjectAltName; it names DNS:catalog.example.com",
      ],
      [
        "a wildcard two labels up",
        "https://om.staging.example.com",
        ["*.example.com"],
        "must name the public URL's host om.staging.example.com in its subjectAltName; it names DNS:*.example.com",
      ],
      [
        "a host name where the URL has an address",
        "https://10.0.0.4",
        ["om.example.com"],
        "must name the public URL's host 10.0.0.4 in its subjectAltName (as an IP address); it names DNS:om.example.com",
      ],
    ])("refuses a certificate naming %s, under vmTlsCertificate", (_what, publicUrl, names, message) => {
      expect(problems({ [k("publicUrl")]: publicUrl, [k("vmTlsCertificate")]: cert(names) })).toEqual([
        `${P}:vmTlsCertificate: ${message}`,
      ]);
    });

    it("refuses a certificate that names its host only in the subject CN (browsers ignore it)", () => {
      const cnOnly = cert(["om.example.com"], now - DAY, now + DAY, { withoutSubjectAltName: true });
      expect(problems({ [k("vmTlsCertificate")]: cnOnly })).toEqual([
        `${P}:vmTlsCertificate: must name the public URL's host om.example.com in its subjectAltName; it names nothing there (only a subject CN, which browsers ignore)`,
      ]);
    });

    it("refuses an expired certificate and one not valid yet, with the date", () => {
      const expiredAt = now - DAY;
      expect(
        problems({ [k("vmTlsCertificate")]: cert(["om.example.com"], now - 30 * DAY, expiredAt) }),
      ).toEqual([
        `${P}:vmTlsCertificate: has expired: it was valid until ${utc(expiredAt)} (renew it and set the new one)`,
      ]);
      const from = now + DAY;
      expect(problems({ [k("vmTlsCertificate")]: cert(["om.example.com"], from, now + 30 * DAY) })).toEqual([
        `${P}:vmTlsCertificate: is not valid yet: it is valid from ${utc(from)} (check the clock that made it, or wait)`,
      ]);
    });

    it("reports the host and the date together, and checks the server's certificate, the chain's first", () => {
      const wrong = cert(["catalog.example.com"], now - 30 * DAY, now - DAY);
      expect(problems({ [k("vmTlsCertificate")]: wrong }).map((p) => p.split(": ")[1])).toEqual([
        "must name the public URL's host om.example.com in its subjectAltName; it names DNS:catalog.example.com",
        "has expired",
      ]);
      // An intermediate after it that names the host changes nothing: only the first certificate is served for it.
      const chain = `${cert(["catalog.example.com"])}${cert(["om.example.com"])}`;
      expect(problems({ [k("vmTlsCertificate")]: chain })).toEqual([
        `${P}:vmTlsCertificate: must name the public URL's host om.example.com in its subjectAltName; it names DNS:catalog.example.com`,
      ]);
    });

    it("refuses the offline plan's fixed fake certificate for a real host (it names offline-plan-stand-in.invalid)", () => {
      expect(problems({ [k("vmTlsCertificate")]: FAKE_TLS_CERTIFICATE_PEM })).toEqual([
        `${P}:vmTlsCertificate: must name the public URL's host om.example.com in its subjectAltName; it names DNS:offline-plan-stand-in.invalid`,
      ]);
    });
  });

  describe("with a second key and certificate made by openssl", () => {
    let dir: string;
    let otherKey: string;
    let otherCert: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), "vm-config-tls-"));
      execFileSync(
        "openssl",
        [
          "req",
          "-x509",
          "-newkey",
          "rsa:2048",
          "-nodes",
          "-keyout",
          join(dir, "key.pem"),
          "-out",
          join(dir, "cert.pem"),
          "-days",
          "1",
          "-subj",
          "/CN=om.example.com",
          "-addext",
          "subjectAltName=DNS:om.example.com",
        ],
        { stdio: "ignore" },
      );
      otherKey = readFileSync(join(dir, "key.pem"), "utf8");
      otherCert = readFileSync(join(dir, "cert.pem"), "utf8");
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("refuses a vmTlsCertificate that does not match vmTlsPrivateKey, without quoting either", () => {
      // The message names config keys, not the component's argument tls.certificatePem.
      expect(problems({ [k("vmTlsCertificate")]: otherCert })).toEqual([
        `${P}:vmTlsPrivateKey: must be the private key of vmTlsCertificate's certificate (they do not match)`,
      ]);
    });

    it("accepts the pair openssl made", () => {
      expect(problems({ [k("vmTlsCertificate")]: otherCert, [k("vmTlsPrivateKey")]: otherKey })).toEqual([]);
    });
  });
});
