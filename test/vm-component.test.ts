import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import type { OpenMetadataSso } from "../components/openmetadata/server-sso";
import {
  buildSsoModel,
  renderEnvFile,
  renderServerEnv,
  type SsoInput,
  type SsoSettings,
} from "../components/openmetadata/sso";
import { OpenMetadataVm, type OpenMetadataVmArgs } from "../components/vm";
import { installReleaseScript, releaseMarkerText, swapReleaseLines } from "../components/vm/scripts";
import { FAKE_RSA_PRIVATE_KEY_PEM } from "../tools/plan/fakes";
import { clearInputs, inputs, ofType, one, runComponents, valueOf } from "./helpers/offline";
import { CLIENT, KEY_ID, ssoSettings, ssoSource, TENANT } from "./helpers/sso-source";

/** A Fernet key from random bytes in base64: URL-safe base64 (written out here, not taken from the code). */
const toFernetKey = (base64: string): string => base64.replace(/\+/g, "-").replace(/\//g, "_");

const CMD = "command:remote:Command";
const SHA = "a".repeat(64);
const PUB_DER = Buffer.from("public-der").toString("base64");
const PRIV_DER = Buffer.from("private-der-secret").toString("base64");

/** The VM's SSH host key, as ssh-keyscan prints it (fake). */
const HOST_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeHostKeyOfTheVmForTests";

const SETTINGS: Partial<SsoSettings> = { publicUrl: "https://om.example.com", adminPrincipals: ["jane.doe"] };
/** The model the VM should be given: the server reaches itself on localhost, keys in the default directory. */
const ssoInput: SsoInput = {
  ...ssoSettings(SETTINGS),
  clientId: CLIENT,
  tenantId: TENANT,
  jwt: { keyId: KEY_ID, issuer: "om.example.com" },
  // The component builds its model for the release it runs (1.8: Entra's common keys URL).
  openmetadataVersion: "1.8.12",
};

/** The SSO source with the test's key pair; a confidential client passes `clientSecret`. */
function sso(settings: Partial<SsoSettings> = {}, clientSecret?: pulumi.Input<string>): OpenMetadataSso {
  return ssoSource({
    settings: { ...SETTINGS, ...settings },
    clientSecret,
    privateKeyDerBase64: PRIV_DER,
    publicKeyDerBase64: PUB_DER,
  });
}

function args(overrides: Partial<OpenMetadataVmArgs> = {}): OpenMetadataVmArgs {
  return {
    connection: {
      host: "vm.example.com",
      user: "azureuser",
      privateKey: pulumi.secret(FAKE_RSA_PRIVATE_KEY_PEM),
      hostKey: HOST_KEY,
    },
    sso: sso(),
    database: { password: pulumi.secret("db-password-1") },
    release: { version: "1.8.12", sha256: SHA },
    // A proxy in front of the VM terminates TLS for the https public URL (the nginx mode is tested on its own).
    tls: { mode: "external" },
    ...overrides,
  };
}

async function build(a: OpenMetadataVmArgs) {
  let vm: OpenMetadataVm | undefined;
  const run = await runComponents(() => {
    vm = new OpenMetadataVm("om", a);
  });
  return { run, vm: vm as OpenMetadataVm };
}

const byName = (run: Awaited<ReturnType<typeof build>>["run"], name: string) =>
  ofType(run, CMD).find((r) => r.name === name)!;

/** The data-service and server lines after the SSO rendering: every value double-quoted for systemd. */
const DATA_LINES = [
  'DB_DRIVER_CLASS="com.mysql.cj.jdbc.Driver"',
  'DB_SCHEME="mysql"',
  'DB_HOST="localhost"',
  'DB_PORT="3306"',
  // A database on loopback: upstream's local parameters (TLS is the default only for a remote one).
  'DB_PARAMS="allowPublicKeyRetrieval=true&useSSL=false&serverTimezone=UTC"',
  'OM_DATABASE="openmetadata_db"',
  'DB_USER="openmetadata_user"',
  'SEARCH_TYPE="elasticsearch"',
  'ELASTICSEARCH_HOST="localhost"',
  'ELASTICSEARCH_PORT="9200"',
  'ELASTICSEARCH_SCHEME="http"',
  'SERVER_HOST="127.0.0.1"',
  'PIPELINE_SERVICE_CLIENT_ENABLED="false"',
];

/** The Fernet key the mocks generate for `om-fernet-key` (random.RandomBytes), as the component converts it. */
const FERNET = toFernetKey(
  Buffer.alloc(32, createHash("sha256").update("om-fernet-key").digest("hex")).toString("base64"),
);
/** The secret lines (stdin) for the default args. */
const SECRET_LINES = `DB_USER_PASSWORD="db-password-1"\nFERNET_KEY="${FERNET}"\n`;

describe("OpenMetadataVm", () => {
  it("creates the six commands in a true chain after the version guard, all children of the component", async () => {
    const { run } = await build(args());
    const cmds = ofType(run, CMD);
    expect(cmds.map((c) => c.name).sort()).toEqual([
      "om-env",
      "om-install",
      "om-jwt-keys",
      "om-prepare",
      "om-restart",
      "om-unit",
    ]);
    const component = one(run, "openmetadata-entra:vm:OpenMetadataVm");
    expect(cmds.every((c) => c.parentUrn === component.urn)).toBe(true);
    const urn = (n: string) => byName(run, n).urn;
    // The downgrade guard runs where `pulumi up` runs; the first step on the VM and the migrating restart wait for it.
    const guard = one(run, "command:local:Command");
    expect([guard.name, guard.parentUrn]).toEqual(["om-version-guard", component.urn]);
    expect(byName(run, "om-prepare").dependsOn).toEqual([guard.urn]);
    for (const n of ["om-env", "om-jwt-keys", "om-unit"])
      expect(byName(run, n).dependsOn).toEqual([urn("om-prepare")]);
    // The install downloads only after the guard passed (a refused downgrade downloads nothing).
    expect([...byName(run, "om-install").dependsOn].sort()).toEqual([urn("om-prepare"), guard.urn].sort());
    expect([...byName(run, "om-restart").dependsOn].sort()).toEqual(
      [urn("om-install"), urn("om-env"), urn("om-jwt-keys"), urn("om-unit"), guard.urn].sort(),
    );
  });

  it("installs the pinned release: stages it with the install step's script, no delete (the release stays)", async () => {
    const { run } = await build(args());
    const install = inputs(byName(run, "om-install"));
    expect(install.create).toBe(
      installReleaseScript({
        installDir: "/opt/openmetadata",
        version: "1.8.12",
        sha256: SHA,
        url: "https://github.com/open-metadata/OpenMetadata/releases/download/1.8.12-release/openmetadata-1.8.12.tar.gz",
      }),
    );
    expect([install.delete, install.update, install.stdin]).toEqual([undefined, undefined, undefined]);
    const mirror = "https://mirror.example.com/om.tar.gz";
    const other = inputs(
      byName((await build(args({ release: { sha256: SHA, url: mirror } }))).run, "om-install"),
    );
    expect(other.create as string).toContain(`\nom_url='${mirror}'\n`);
    // The restart swaps in what was staged before it restarts.
    expect(inputs(byName(run, "om-restart")).create as string).toContain(
      `${swapReleaseLines("/opt/openmetadata", "openmetadata").join("\n")}\nif ! $S systemctl restart 'openmetadata.service'; then\n`,
    );
  });

  it("writes the env file as the SSO env rendering plus data services: readable inline, secrets on stdin", async () => {
    const { run, vm } = await build(args());
    const sso = renderServerEnv(buildSsoModel(ssoInput));
    const publicText = renderEnvFile(sso) + DATA_LINES.map((l) => `${l}\n`).join("");
    const env = byName(run, "om-env");
    const create = inputs(env).create as string;
    expect(create).toContain(`<<'OPENMETADATA_FILE'\n${publicText}OPENMETADATA_FILE\n`);
    expect(create).toContain(
      "$S install -m '0600' -o 'openmetadata' -g 'openmetadata' /dev/null '/etc/openmetadata/openmetadata.env.new'\n",
    );
    expect(create).toContain(
      "if $S test -f '/etc/openmetadata/openmetadata.env'; then $S cp -p '/etc/openmetadata/openmetadata.env' '/etc/openmetadata/openmetadata.env.bak'; fi\n" +
        "$S mv -f '/etc/openmetadata/openmetadata.env.new' '/etc/openmetadata/openmetadata.env'\n",
    );
    expect(inputs(env).stdin).toBe("[secret]");
    expect(clearInputs(env).stdin).toBe(SECRET_LINES);
    expect(await valueOf(vm.envFileText)).toBe(`${publicText}${SECRET_LINES}`);
    expect(await valueOf(vm.envFilePublicText)).toBe(publicText);
    expect(inputs(env).delete).toBe(
      'set -eu\nS=; [ "$(id -u)" -eq 0 ] || S="sudo -n"\n' +
        "$S rm -f '/etc/openmetadata/openmetadata.env' '/etc/openmetadata/openmetadata.env.bak' '/etc/openmetadata/openmetadata.env.new'\n",
    );
  });

  it("puts OIDC_CLIENT_SECRET of a confidential client in the env file, only on stdin", async () => {
    const { run } = await build(
      args({ sso: sso({ clientType: "confidential" }, pulumi.secret("client-secret-1")) }),
    );
    const env = byName(run, "om-env");
    expect(inputs(env).create as string).not.toContain("client-secret-1");
    expect(inputs(env).create as string).toContain(`\nOIDC_TENANT="${TENANT}"\n`);
    expect(clearInputs(env).stdin).toBe(`OIDC_CLIENT_SECRET="client-secret-1"\n${SECRET_LINES}`);
  });

  it("writes the JWT keys: private key (0600) from stdin, public key (0644) inline", async () => {
    const { run } = await build(args());
    const keys = byName(run, "om-jwt-keys");
    const create = inputs(keys).create as string;
    expect(create).toContain(
      "$S install -m '0600' -o 'openmetadata' -g 'openmetadata' /dev/null '/etc/openmetadata/jwtkeys/private_key.der.new'\n" +
        "$S sh -c 'base64 -d > \"$1\"' sh '/etc/openmetadata/jwtkeys/private_key.der.new'\n",
    );
    expect(create).toContain(
      "$S install -m '0644' -o 'openmetadata' -g 'openmetadata' /dev/null '/etc/openmetadata/jwtkeys/public_key.der.new'\n" +
        `$S sh -c 'base64 -d > "$1"' sh '/etc/openmetadata/jwtkeys/public_key.der.new' <<'OPENMETADATA_FILE'\n${PUB_DER}\nOPENMETADATA_FILE\n`,
    );
    expect(create).not.toContain(PRIV_DER);
    expect(inputs(keys).stdin).toBe("[secret]");
    expect(clearInputs(keys).stdin).toBe(PRIV_DER);
  });

  it("installs the unit text it exposes and removes only its files on delete", async () => {
    const { run, vm } = await build(args());
    const unit = byName(run, "om-unit");
    expect(inputs(unit).create as string).toContain(
      `<<'OPENMETADATA_FILE'\n${vm.unitText}OPENMETADATA_FILE\n`,
    );
    expect(inputs(unit).create as string).toMatch(
      /systemctl daemon-reload\n\$S systemctl enable 'openmetadata\.service'\n$/,
    );
    expect(inputs(unit).delete).toBe(
      'set -eu\nS=; [ "$(id -u)" -eq 0 ] || S="sudo -n"\n$S systemctl disable --now \'openmetadata.service\' || true\n' +
        "$S rm -f '/etc/systemd/system/openmetadata.service'\n$S systemctl daemon-reload\n",
    );
    expect(inputs(byName(run, "om-prepare")).delete).toBeUndefined();
    expect(inputs(byName(run, "om-restart")).delete).toBeUndefined();
  });

  it("restarts with a bounded health check that prints the journal's tail", async () => {
    const { run } = await build(args({ healthCheck: { retries: 3, intervalSeconds: 2 } }));
    const create = inputs(byName(run, "om-restart")).create as string;
    expect(create).toContain(`while [ "$i" -lt '3' ]; do\n`);
    expect(create).toContain("  sleep '2'\n");
    expect(create).toContain(
      "$S journalctl -u 'openmetadata.service' -n '100' --no-pager >&2 || true\nexit 1\n",
    );
  });

  it.each<[string, string]>([
    ["127.0.0.1", "http://127.0.0.1:8586/healthcheck"],
    ["0.0.0.0", "http://127.0.0.1:8586/healthcheck"],
    ["10.0.0.4", "http://10.0.0.4:8586/healthcheck"],
    ["::", "http://[::1]:8586/healthcheck"],
    ["fd00::4", "http://[fd00::4]:8586/healthcheck"],
  ])("polls the admin port where it listens (serverBindAddress %s)", async (serverBindAddress, url) => {
    const { run } = await build(args({ serverBindAddress }));
    expect(inputs(byName(run, "om-restart")).create as string).toContain(
      `curl -fsS -o /dev/null --max-time 5 '${url}' 2>/dev/null || wget -q -O /dev/null -T 5 '${url}' 2>/dev/null; then\n`,
    );
  });

  it("passes the SSH connection with the key as a secret and the bastion as proxy", async () => {
    const { run } = await build(
      args({
        connection: {
          host: "10.0.0.4",
          port: 2222,
          user: "azureuser",
          privateKey: pulumi.secret(FAKE_RSA_PRIVATE_KEY_PEM),
          hostKey: "ssh-ed25519 AAAAhost",
          bastion: { host: "bastion.example.com", hostKey: "ssh-ed25519 AAAAbastion" },
        },
      }),
    );
    const prepare = byName(run, "om-prepare");
    expect(inputs(prepare).connection).toBe("[secret]");
    // Every command connects the same way: the VM's and the bastion's host keys are both checked.
    for (const c of ofType(run, CMD))
      expect(clearInputs(c).connection).toEqual({
        // The provider's own defaults, filled in by the SDK.
        dialErrorLimit: 10,
        perDialTimeout: 15,
        host: "10.0.0.4",
        port: 2222,
        user: "azureuser",
        privateKey: FAKE_RSA_PRIVATE_KEY_PEM,
        hostKey: "ssh-ed25519 AAAAhost",
        proxy: {
          dialErrorLimit: 10,
          perDialTimeout: 15,
          host: "bastion.example.com",
          port: 22,
          user: "azureuser",
          privateKey: FAKE_RSA_PRIVATE_KEY_PEM,
          hostKey: "ssh-ed25519 AAAAbastion",
        },
      });
  });

  describe("restart triggers", () => {
    const triggers = async (a: OpenMetadataVmArgs) =>
      clearInputs(byName((await build(a)).run, "om-restart")).triggers as string[];

    it("stay the same for the same content", async () => {
      expect(await triggers(args())).toEqual(await triggers(args()));
    });

    it("change only the env hash when an SSO setting changes", async () => {
      const [a, b] = [
        await triggers(args()),
        await triggers(args({ sso: sso({ adminPrincipals: ["john.doe"] }) })),
      ];
      expect([a[0] !== b[0], a[1] === b[1], a[2] === b[2], a[3] === b[3]]).toEqual([true, true, true, true]);
    });

    it("change only the env hash when a secret in the env file changes", async () => {
      const [a, b] = [
        await triggers(args()),
        await triggers(args({ database: { password: pulumi.secret("other") } })),
      ];
      expect([a[0] !== b[0], a[1] === b[1], a[2] === b[2], a[3] === b[3]]).toEqual([true, true, true, true]);
    });

    it("change only the keys hash when the key pair changes", async () => {
      const other = ssoSource({
        settings: SETTINGS,
        privateKeyDerBase64: "b3RoZXI=",
        publicKeyDerBase64: PUB_DER,
      });
      const [a, b] = [await triggers(args()), await triggers(args({ sso: other }))];
      expect([a[0] === b[0], a[1] !== b[1], a[2] === b[2], a[3] === b[3]]).toEqual([true, true, true, true]);
    });

    it("change only the unit hash when the unit changes", async () => {
      const [a, b] = [await triggers(args()), await triggers(args({ installDir: "/srv/openmetadata" }))];
      expect([a[0] === b[0], a[1] === b[1], a[2] !== b[2], a[3] === b[3]]).toEqual([true, true, true, true]);
    });

    it("hold the release (version and checksum) last on 1.8 (no reset script): a patch upgrade restarts, so its migration runs with the swapped-in release", async () => {
      const a = await triggers(args({ release: { version: "1.8.10", sha256: SHA } }));
      const b = await triggers(args());
      const c = await triggers(args({ release: { version: "1.8.12", sha256: "c".repeat(64) } }));
      // Same unit within a line; only the release tells them apart.
      expect([a.length, a[3], b[3], c[3], a[0] === b[0], a[2] === b[2]]).toEqual([
        4,
        releaseMarkerText("1.8.10", SHA),
        releaseMarkerText("1.8.12", SHA),
        releaseMarkerText("1.8.12", "c".repeat(64)),
        true,
        true,
      ]);
    });
  });

  it("rejects bad input with every problem at once and registers nothing", async () => {
    let error: unknown;
    const run = await runComponents(() => {
      try {
        new OpenMetadataVm(
          "om",
          args({
            connection: { host: "", port: 70000, privateKey: "ssh-rsa AAAA not a private key" },
            installDir: "opt/openmetadata",
            jwtKeyDir: "../keys",
            release: { version: "1.8", sha256: "abc" },
          }),
        );
      } catch (e) {
        error = e;
      }
    });
    expect((error as Error).message).toBe(
      'OpenMetadataVm "om": invalid arguments (8):\n' +
        "  connection.hostKey: is required (the SSH host key, so no man in the middle receives the secrets; e.g. from ssh-keyscan -t ed25519 <host>)\n" +
        '  connection.host: must be a host name or IP address such as db.example.com, 10.0.0.4 or fd00::4; got ""\n' +
        "  connection.port: must be a port number from 1 to 65535; got 70000\n" +
        "  connection.privateKey: must be a PEM private key (-----BEGIN OPENSSH PRIVATE KEY----- or -----BEGIN RSA/EC/PRIVATE KEY-----), unencrypted (value hidden)\n" +
        '  installDir: must be an absolute directory of at least two components, not a system directory, such as /opt/openmetadata (letters, digits, / . _ -); got "opt/openmetadata"\n' +
        '  jwtKeyDir: must be an absolute directory of at least two components, not a system directory, such as /opt/openmetadata (letters, digits, / . _ -); got "../keys"\n' +
        '  release.version: must be a release version x.y.z such as 1.13.1; got "1.8"\n' +
        '  release.sha256: must be 64 lower-case hex digits (a sha256sum); got "abc"',
    );
    expect(run.resources).toEqual([]);
  });

  it.each<[string, Partial<OpenMetadataVmArgs>, string]>([
    [
      "the env file's directory",
      { installDir: "/etc/openmetadata/release" },
      'installDir: must not hold or be inside /etc/openmetadata: an upgrade replaces the release directory, and /etc/openmetadata must stay; got "/etc/openmetadata/release"',
    ],
    [
      "the state directory",
      { installDir: "/var/lib/openmetadata-entra" },
      'installDir: must not hold or be inside /var/lib/openmetadata-entra: an upgrade replaces the release directory, and /var/lib/openmetadata-entra must stay; got "/var/lib/openmetadata-entra"',
    ],
    [
      "the JWT keys",
      { installDir: "/srv/openmetadata", jwtKeyDir: "/srv/openmetadata/keys" },
      'jwtKeyDir: must be outside installDir (/srv/openmetadata): an upgrade replaces the release directory, and the keys must stay; got "/srv/openmetadata/keys"',
    ],
  ])("refuses an installDir that holds %s (an upgrade replaces it whole)", async (_what, extra, problem) => {
    let message = "";
    const run = await runComponents(() => {
      try {
        new OpenMetadataVm("om", args(extra));
      } catch (e) {
        message = (e as Error).message;
      }
    });
    expect([message, run.resources.length]).toEqual([
      `OpenMetadataVm "om": invalid arguments (1):\n  ${problem}`,
      0,
    ]);
  });

  async function rejected(a: OpenMetadataVmArgs): Promise<{ message: string; registered: number }> {
    let message = "";
    const run = await runComponents(() => {
      try {
        new OpenMetadataVm("om", a);
      } catch (e) {
        message = (e as Error).message;
      }
    });
    return { message, registered: run.resources.length };
  }

  it("refuses root as the service user", async () => {
    expect(await rejected(args({ serviceUser: "root" }))).toEqual({
      message:
        'OpenMetadataVm "om": invalid arguments (1):\n' +
        '  serviceUser: must be a Linux user name such as openmetadata (lower case, up to 32 characters), not root; got "root"',
      registered: 0,
    });
  });

  it("refuses a database name with $", async () => {
    const database = { name: "openmetadata$db", password: pulumi.secret("db-password-1") };
    expect(await rejected(args({ database }))).toEqual({
      message:
        'OpenMetadataVm "om": invalid arguments (1):\n' +
        '  database.name: must be a database name: letters, digits and _, starting with a letter or _ (at most 63); got "openmetadata$db"',
      registered: 0,
    });
  });

  it("writes the key files in jwtKeyDir, where the model it is given points", async () => {
    const { run, vm } = await build(args({ jwtKeyDir: "/srv/openmetadata/keys" }));
    const model = await valueOf(vm.sso);
    expect([
      model.jwtTokenConfiguration.rsaprivateKeyFilePath,
      model.jwtTokenConfiguration.rsapublicKeyFilePath,
    ]).toEqual(["/srv/openmetadata/keys/private_key.der", "/srv/openmetadata/keys/public_key.der"]);
    expect(model).toEqual(
      buildSsoModel({ ...ssoInput, jwt: { ...ssoInput.jwt, keyDir: "/srv/openmetadata/keys" } }),
    );
    const keys = byName(run, "om-jwt-keys");
    const create = inputs(keys).create as string;
    expect(create).toContain(
      "$S install -m '0600' -o 'openmetadata' -g 'openmetadata' /dev/null '/srv/openmetadata/keys/private_key.der.new'\n",
    );
    expect(create).toContain(
      "$S install -m '0644' -o 'openmetadata' -g 'openmetadata' /dev/null '/srv/openmetadata/keys/public_key.der.new'\n",
    );
    expect(create).not.toContain("/etc/openmetadata/jwtkeys");
    expect(inputs(keys).delete).toBe(
      'set -eu\nS=; [ "$(id -u)" -eq 0 ] || S="sudo -n"\n' +
        "$S rm -f '/srv/openmetadata/keys/private_key.der' '/srv/openmetadata/keys/public_key.der'\n",
    );
  });
});
