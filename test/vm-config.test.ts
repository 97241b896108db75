import { ConfigError, parseStackConfig } from "../config";
import type { RawSource } from "../config/raw";
import { FAKE_RSA_PRIVATE_KEY_PEM } from "../tools/plan/fakes";

const P = "openmetadata-entra";
const k = (key: string) => `${P}:${key}`;
const SHA = "f".repeat(64);
const BASE: Record<string, string> = {
  [k("publicUrl")]: "https://om.example.com",
  [k("adminPrincipals")]: JSON.stringify(["jane.doe"]),
  [k("principalDomain")]: "example.com",
  [k("target")]: "vm",
  [k("vmHost")]: "vm.example.com",
  [k("vmSshPrivateKey")]: FAKE_RSA_PRIVATE_KEY_PEM,
  [k("vmReleaseSha256")]: SHA,
  [k("vmDatabasePassword")]: "db-pw",
};
const SECRETS = [k("vmSshPrivateKey"), k("vmDatabasePassword"), k("vmSearchPassword")];

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
        vmBastionPort: 22,
        vmInstallDir: "/opt/openmetadata",
        vmServiceUser: "openmetadata",
        vmReleaseSha256: SHA,
        vmJavaPackage: "openjdk-21-jre-headless",
        vmDatabaseType: "mysql",
        vmDatabaseHost: "localhost",
        vmDatabaseName: "openmetadata_db",
        vmDatabaseUser: "openmetadata_user",
        vmDatabasePassword: "db-pw",
        vmSearchType: "elasticsearch",
        vmSearchHost: "localhost",
        vmSearchPort: 9200,
        vmSearchScheme: "http",
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
      `${P}:vmInstallDir: must be an absolute path such as /opt/openmetadata (letters, digits, / . _ -; no . or .. component, no trailing slash); got "opt/openmetadata"`,
    ]);
  });

  it("requires the release checksum, the key as a secret, and the host key in production", () => {
    const source = (values: Record<string, string>): RawSource => ({
      get: (key) => values[key],
      isSecret: (key) => key === k("vmDatabasePassword"),
      keys: () => Object.keys(values),
    });
    const values = {
      ...BASE,
      [k("production")]: "true",
      [k("entraOwners")]: JSON.stringify([
        "00000000-0000-0000-0000-00000000a001",
        "00000000-0000-0000-0000-00000000a002",
      ]),
      [k("entraAssignmentRequired")]: "true",
    };
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
    expect(problems({ ...values, [k("vmReleaseSha256")]: SHA })).toEqual([
      `${P}:vmHostKey: is required in production (the VM's SSH host key, e.g. from ssh-keyscan -t ed25519 <host>), so a man in the middle cannot receive the secrets`,
    ]);
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
    expect(problems({ [k("openmetadataVersion")]: "1.9.0" })).toEqual([
      `${P}:openmetadataVersion: must be a release of a supported line (1.8.x); got "1.9.0"`,
    ]);
  });
});
