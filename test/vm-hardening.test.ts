/**
 * The VM component's issue-14 hardening, at the component: SSH host keys, where the server listens, the
 * generated Fernet key, the pipeline client, JDBC and search transport, the Java check, and the nginx TLS front.
 */
import { spawnSync } from "node:child_process";
import { createHash, generateKeyPairSync } from "node:crypto";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import type { SsoSettings } from "../components/openmetadata/sso";
import {
  OpenMetadataVm,
  type OpenMetadataVmArgs,
  renderCloudInit,
  renderSystemdUnit,
} from "../components/vm";
import { renderNginxConfig } from "../components/vm/proxy";
import { prepareScript } from "../components/vm/scripts";
import { FAKE_RSA_PRIVATE_KEY_PEM } from "../tools/plan/fakes";
import { certificatePem, standInCertificatePem } from "../tools/vm/x509";
import type { OfflineRun, RecordedResource } from "../tools/plan/mock-runtime";
import { clearInputs, inputs, ofType, runComponents, valueOf } from "./helpers/offline";
import { Sandbox, shellSyntaxOk, type Call } from "./helpers/sandbox-sh";
import { ssoSource } from "./helpers/sso-source";
import { parseSystemdEnvFile, readAsOpenMetadata } from "./helpers/systemd-env";

/** The TLS front's certificate: for the public URL's host (om.example.com), of the stand-in key, valid now. */
const TLS_CERTIFICATE_PEM = standInCertificatePem(FAKE_RSA_PRIVATE_KEY_PEM, "om.example.com");
const CMD = "command:remote:Command";
const HOST_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeHostKeyOfTheVm";
const BASTION_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeHostKeyOfTheBastion";
/** OpenMetadata's published FERNET_KEY default (openmetadata.yaml, the Helm chart). */
const PUBLISHED_FERNET_KEY = "jJ/9sz0g0OHxsfxOoSfdFdmk3ysNmPRnH3TUAbz3IHA=";
const HOST_KEY_REQUIRED =
  "is required (the SSH host key, so no man in the middle receives the secrets; e.g. from ssh-keyscan -t ed25519 <host>)";

const sso = (settings: Partial<SsoSettings> = {}) =>
  ssoSource({ settings: { publicUrl: "https://om.example.com", ...settings } });

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
    release: { version: "1.8.12", sha256: "a".repeat(64) },
    tls: { mode: "external" },
    ...overrides,
  };
}

async function attempt(a: OpenMetadataVmArgs) {
  let vm: OpenMetadataVm | undefined;
  let message: string | undefined;
  const run = await runComponents(() => {
    try {
      vm = new OpenMetadataVm("om", a);
    } catch (e) {
      message = (e as Error).message;
    }
  });
  return { vm, message, run, registered: run.resources.length };
}

async function build(a: OpenMetadataVmArgs): Promise<{ vm: OpenMetadataVm; run: OfflineRun }> {
  const { vm, message, run } = await attempt(a);
  if (!vm) throw new Error(message);
  return { vm, run };
}

const refusal = (...lines: string[]) =>
  `OpenMetadataVm "om": invalid arguments (${lines.length}):\n${lines.map((l) => `  ${l}`).join("\n")}`;

const byName = (run: OfflineRun, name: string): RecordedResource => {
  const found = run.resources.find((r) => r.name === name);
  if (!found) throw new Error(`no resource ${name}`);
  return found;
};

/** The env file as systemd gives it to the service. */
const envOf = async (vm: OpenMetadataVm) => parseSystemdEnvFile(await valueOf(vm.envFileText));

describe("SSH host keys", () => {
  it("requires the VM's and the bastion's host keys, unless insecureSkipHostKeyCheck; then none may be given", async () => {
    const { hostKey: _omitted, ...noKey } = args().connection;
    const results = [
      await attempt(args({ connection: noKey })),
      await attempt(args({ connection: { ...args().connection, bastion: { host: "bastion.example.com" } } })),
      await attempt(args({ connection: { ...args().connection, insecureSkipHostKeyCheck: true } })),
      await attempt(args({ connection: { ...args().connection, hostKey: "not-a-key" } })),
    ];
    expect(results.map((r) => [r.message, r.registered])).toEqual([
      [refusal(`connection.hostKey: ${HOST_KEY_REQUIRED}`), 0],
      [refusal(`connection.bastion.hostKey: ${HOST_KEY_REQUIRED}`), 0],
      [
        refusal(
          "connection.hostKey: is not checked with connection.insecureSkipHostKeyCheck; set one or the other",
        ),
        0,
      ],
      [
        refusal(
          `connection.hostKey: must be an OpenSSH public key such as 'ssh-ed25519 AAAA...'; got "not-a-key"`,
        ),
        0,
      ],
    ]);
    // Skipping the check: accepted, and no command's connection carries a host key.
    const { run } = await build(
      args({
        connection: { ...noKey, insecureSkipHostKeyCheck: true, bastion: { host: "bastion.example.com" } },
      }),
    );
    const connections = ofType(run, CMD).map((c) => clearInputs(c).connection as Record<string, unknown>);
    expect(connections.map((c) => ["hostKey" in c, "hostKey" in (c.proxy as object)])).toEqual(
      connections.map(() => [false, false]),
    );
  });

  it("refuses insecureSkipHostKeyCheck in production", async () => {
    const { hostKey: _omitted, ...noKey } = args().connection;
    expect(
      (await attempt(args({ production: true, connection: { ...noKey, insecureSkipHostKeyCheck: true } })))
        .message,
    ).toBe(
      refusal(
        "connection.insecureSkipHostKeyCheck: must be false in production (the SSH host keys are always checked)",
      ),
    );
    expect((await attempt(args({ production: true }))).message).toBeUndefined();
  });

  it("requires the bastion's host key and passes it as the connection's proxy.hostKey, for every command", async () => {
    expect(
      (
        await attempt(
          args({
            connection: { ...args().connection, bastion: { host: "bastion.example.com", user: "jump" } },
          }),
        )
      ).message,
    ).toBe(refusal(`connection.bastion.hostKey: ${HOST_KEY_REQUIRED}`));
    const bastionPem = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
      type: "pkcs8",
      format: "pem",
    }) as string;
    const { run } = await build(
      args({
        connection: {
          ...args().connection,
          bastion: {
            host: "bastion.example.com",
            port: 2222,
            user: "jump",
            hostKey: BASTION_KEY,
            privateKey: pulumi.secret(bastionPem),
          },
        },
      }),
    );
    const proxies = ofType(run, CMD).map((c) => (clearInputs(c).connection as { proxy: unknown }).proxy);
    expect(proxies).toHaveLength(6);
    for (const proxy of proxies)
      expect(proxy).toEqual({
        dialErrorLimit: 10,
        perDialTimeout: 15,
        host: "bastion.example.com",
        port: 2222,
        user: "jump",
        hostKey: BASTION_KEY,
        privateKey: bastionPem,
      });
  });
});

describe("the server's own settings in the env file", () => {
  it('binds OpenMetadata to SERVER_HOST="127.0.0.1" by default and to serverBindAddress otherwise', async () => {
    const serverHost = async (a: OpenMetadataVmArgs) => {
      const { vm } = await build(a);
      const line = (await valueOf(vm.envFilePublicText))
        .split("\n")
        .find((l) => l.startsWith("SERVER_HOST="));
      // What the server reads for `bindHost: ${SERVER_HOST:-0.0.0.0}` (both of its ports).
      return [line, readAsOpenMetadata(await envOf(vm), "SERVER_HOST", "bindHost")];
    };
    expect(await serverHost(args())).toEqual(['SERVER_HOST="127.0.0.1"', "127.0.0.1"]);
    expect(await serverHost(args({ serverBindAddress: "10.0.0.4" }))).toEqual([
      'SERVER_HOST="10.0.0.4"',
      "10.0.0.4",
    ]);
    expect(await serverHost(args({ serverBindAddress: "0.0.0.0" }))).toEqual([
      'SERVER_HOST="0.0.0.0"',
      "0.0.0.0",
    ]);
    expect((await attempt(args({ serverBindAddress: "vm.example.com" }))).message).toBe(
      refusal(
        'serverBindAddress: must be an IPv4 or IPv6 address such as 127.0.0.1 or 0.0.0.0; got "vm.example.com"',
      ),
    );
  });

  it('turns the pipeline client off: PIPELINE_SERVICE_CLIENT_ENABLED="false", read as false', async () => {
    const { vm } = await build(args());
    expect((await valueOf(vm.envFilePublicText)).split("\n")).toContain(
      'PIPELINE_SERVICE_CLIENT_ENABLED="false"',
    );
    expect(readAsOpenMetadata(await envOf(vm), "PIPELINE_SERVICE_CLIENT_ENABLED", "enabled")).toBe(false);
  });

  it("generates FERNET_KEY: a protected RandomBytes, secret, only on stdin, never upstream's published key", async () => {
    const { vm, run } = await build(args());
    const bytes = byName(run, "om-fernet-key");
    expect([bytes.type, inputs(bytes), bytes.protect]).toEqual([
      "random:index/randomBytes:RandomBytes",
      { length: 32 },
      true,
    ]);
    const sha = createHash("sha256").update("om-fernet-key").digest("hex");
    const expected = Buffer.alloc(32, sha).toString("base64").replace(/\+/g, "-").replace(/\//g, "_");
    const env = await envOf(vm);
    expect(env.get("FERNET_KEY")).toBe(expected);
    expect(readAsOpenMetadata(env, "FERNET_KEY", "fernetKey")).toBe(expected);
    expect(expected).not.toBe(PUBLISHED_FERNET_KEY);
    expect(Buffer.from(expected, "base64url")).toHaveLength(32);
    const write = byName(run, "om-env");
    expect(inputs(write).stdin).toBe("[secret]");
    expect(String(clearInputs(write).stdin).split("\n")).toContain(`FERNET_KEY="${expected}"`);
    expect(String(inputs(write).create)).not.toContain("FERNET_KEY");
    expect(await valueOf(vm.envFilePublicText)).not.toContain("FERNET_KEY");
    expect(await pulumi.isSecret(vm.envFileText)).toBe(true);
    // protect false leaves it unprotected (a throw-away VM).
    expect(byName((await build(args({ protect: false }))).run, "om-fernet-key").protect).toBe(false);
  });
});

describe("database and search transport", () => {
  const transport = async (database: Partial<OpenMetadataVmArgs["database"]>, search = {}) => {
    const { vm } = await build(
      args({ database: { password: pulumi.secret("db-password-1"), ...database }, search }),
    );
    const env = await envOf(vm);
    return [env.get("DB_PARAMS"), env.get("ELASTICSEARCH_SCHEME")];
  };

  it("defaults DB_PARAMS to TLS for a remote database and search to https, upstream's local settings on loopback", async () => {
    expect(await transport({})).toEqual([
      "allowPublicKeyRetrieval=true&useSSL=false&serverTimezone=UTC",
      "http",
    ]);
    expect(await transport({ host: "127.0.0.1" }, { host: "127.0.0.1" })).toEqual([
      "allowPublicKeyRetrieval=true&useSSL=false&serverTimezone=UTC",
      "http",
    ]);
    expect(await transport({ host: "db.example.com" }, { host: "search.example.com" })).toEqual([
      "allowPublicKeyRetrieval=true&sslMode=REQUIRED&serverTimezone=UTC",
      "https",
    ]);
    expect(await transport({ engine: "postgresql", host: "10.0.0.8" })).toEqual(["sslmode=require", "http"]);
    expect(await transport({ engine: "postgresql" })).toEqual(["sslmode=disable", "http"]);
    expect(await transport({ host: "db.example.com", params: "sslMode=VERIFY_IDENTITY" })).toEqual([
      "sslMode=VERIFY_IDENTITY",
      "http",
    ]);
  });

  it("refuses cleartext to a remote database or search engine in production", async () => {
    expect(
      (
        await attempt(
          args({
            production: true,
            database: { host: "db.example.com", password: pulumi.secret("p"), params: "useSSL=false" },
            search: { host: "search.example.com", scheme: "http" },
          }),
        )
      ).message,
    ).toBe(
      refusal(
        "database.params: must use TLS in production: the database at db.example.com would be reached in cleartext",
        "search.scheme: must use TLS in production: the search engine at search.example.com would be reached in cleartext",
      ),
    );
    for (const ok of [
      {
        database: { host: "db.example.com", password: pulumi.secret("p") },
        search: { host: "search.example.com" },
      },
      { database: { password: pulumi.secret("p") }, search: { scheme: "http" as const } },
    ])
      expect((await attempt(args({ production: true, ...ok }))).message).toBeUndefined();
  });
});

describe("the Java check", () => {
  const CHECK = [
    `java_major=$(java -version 2>&1 | sed -n '1s/^[^"]*"\\([0-9][0-9]*\\).*/\\1/p' || true)`,
    `if [ -z "$java_major" ] || [ "$java_major" -lt '21' ]; then`,
    `  printf 'OpenMetadata needs Java %s or newer; found %s. Install a Java %s runtime on the VM (the package named by vmJavaPackage).\\n' '21' "\${java_major:-none}" '21' >&2`,
    "  exit 1",
    "fi",
  ].join("\n");
  const message = (found: string) =>
    `OpenMetadata needs Java 21 or newer; found ${found}. Install a Java 21 runtime on the VM (the package named by vmJavaPackage).\n`;

  it("is in the prepare command and, before the service is enabled, in the user-data", async () => {
    const { vm, run } = await build(args());
    expect(String(inputs(byName(run, "om-prepare")).create)).toMatch(new RegExp(`\n${escape(CHECK)}\n$`));
    const runcmd = (parse(await valueOf(vm.userData)) as { runcmd: string[] }).runcmd.join("\n");
    expect(runcmd).toContain(
      `\n${CHECK}\nsystemctl daemon-reload\n'systemctl' 'enable' '--now' 'openmetadata.service'`,
    );
  });

  describe("run with a stub java", () => {
    let sb: Sandbox;
    const java = (versionLine: string) =>
      new Sandbox({
        record: ["useradd", "install", "curl", "rm", "chown", "chmod", "systemctl"],
        readStdin: ["tee"],
        custom: {
          id: '[ "$#" -eq 1 ] && [ "$1" = -u ] && { echo 0; exit 0; }; exit 0',
          ...(versionLine === "" ? {} : { java: `printf '%s\\n' '${versionLine}' >&2` }),
          // The release download, as far as the user-data's install lines need it (in the sandbox).
          mktemp: 'echo "$HOME/download"',
          sha256sum: `echo '${"a".repeat(64)}  download'`,
          tar: [
            'while [ "$#" -gt 0 ]; do [ "$1" != -C ] || d=$2; shift; done',
            'for f in bin/openmetadata-server-start.sh bootstrap/openmetadata-ops.sh; do /bin/mkdir -p "$d/${f%/*}"; : > "$d/$f"; /bin/chmod 755 "$d/$f"; done',
          ].join("\n"),
        },
        real: ["sed", "cat", "cut"],
      });
    afterEach(() => sb?.remove());

    it.each<[string, number, string, string]>([
      ["Java 17", 1, 'openjdk version "17.0.10" 2024-01-16', message("17")],
      ["Java 8", 1, 'java version "1.8.0_392"', message("1")],
      ["no java", 1, "", message("none")],
      ["Java 21", 0, 'openjdk version "21.0.2" 2024-01-16', ""],
      ["Java 22", 0, 'openjdk version "22" 2024-03-19', ""],
    ])("the prepare script with %s exits %i", (_name, status, versionLine, stderr) => {
      sb = java(versionLine);
      const installDir = sb.path("opt", "openmetadata");
      for (const exe of ["bootstrap/openmetadata-ops.sh", "bin/openmetadata-server-start.sh"]) {
        mkdirSync(dirname(join(installDir, exe)), { recursive: true });
        writeFileSync(join(installDir, exe), "#!/bin/sh\n");
        chmodSync(join(installDir, exe), 0o755);
      }
      const script = prepareScript({
        installDir,
        serviceUser: "openmetadata",
        keyDir: "/etc/k",
        javaMajor: 21,
      });
      const r = sb.run(script);
      expect([r.status, r.stderr]).toEqual([status, stderr]);
      // The check asked the java on the PATH (when there is one).
      expect(r.calls.filter((c) => c.argv[0] === "java")).toEqual(
        versionLine === "" ? [] : [{ argv: ["java", "-version"] }],
      );
    });

    it("stops the user-data before the service is enabled when Java is too old (17), and enables it with 21", () => {
      const userData = (installDir: string) =>
        renderCloudInit({
          version: "1.8.12",
          sha256: "a".repeat(64),
          javaMajor: 21,
          installDir,
          serviceUser: "openmetadata",
          envFileText: "",
          privateKeyPath: "/etc/openmetadata/jwtkeys/private_key.der",
          privateKeyDerBase64: "",
          publicKeyPath: "/etc/openmetadata/jwtkeys/public_key.der",
          publicKeyDerBase64: "",
          unitText: renderSystemdUnit({ installDir: "/opt/openmetadata", serviceUser: "openmetadata" }),
        });
      const runcmd = (s: Sandbox) =>
        (parse(userData(s.path("opt", "openmetadata"))) as { runcmd: string[] }).runcmd.join("\n");
      sb = java('openjdk version "17.0.10" 2024-01-16');
      const old = sb.run(runcmd(sb));
      expect([old.status, old.stderr]).toEqual([1, message("17")]);
      // The release was downloaded and staged first; the service is neither enabled nor started.
      expect(
        old.calls.filter((c) => ["curl", "systemctl"].includes(c.argv[0])).map((c) => c.argv[0]),
      ).toEqual(["curl"]);
      sb.remove();
      sb = java('openjdk version "21.0.2" 2024-01-16');
      const ok = sb.run(runcmd(sb));
      expect([ok.status, ok.stderr]).toEqual([0, ""]);
      expect(ok.calls.filter((c) => c.argv[0] === "systemctl")).toEqual<Call[]>([
        { argv: ["systemctl", "daemon-reload"] },
        { argv: ["systemctl", "enable", "--now", "openmetadata.service"] },
      ]);
    });
  });
});

/** A regular expression matching `text` literally. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

describe("the nginx TLS front", () => {
  const NGINX = {
    mode: "nginx",
    certificatePem: TLS_CERTIFICATE_PEM,
    privateKeyPem: FAKE_RSA_PRIVATE_KEY_PEM,
  } as const;
  const CONFIG_443 = [
    "# OpenMetadata behind TLS, rendered by openmetadata-entra; do not edit.",
    "server {",
    "    listen 443 ssl;",
    "    listen [::]:443 ssl;",
    "    server_name om.example.com;",
    "    ssl_certificate /etc/openmetadata/tls/fullchain.pem;",
    "    ssl_certificate_key /etc/openmetadata/tls/privkey.pem;",
    "    ssl_protocols TLSv1.2 TLSv1.3;",
    "    ssl_session_cache shared:openmetadata:10m;",
    '    add_header Strict-Transport-Security "max-age=31536000" always;',
    "    client_max_body_size 100m;",
    "    location / {",
    "        proxy_pass http://127.0.0.1:8585;",
    "        proxy_http_version 1.1;",
    "        proxy_set_header Host $host;",
    "        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
    "        proxy_set_header X-Forwarded-Proto https;",
    "        proxy_set_header Upgrade $http_upgrade;",
    '        proxy_set_header Connection "upgrade";',
    "        proxy_read_timeout 300s;",
    "    }",
    "}",
    "server {",
    "    listen 80;",
    "    listen [::]:80;",
    "    server_name om.example.com;",
    "    return 301 https://$host$request_uri;",
    "}",
    "",
  ].join("\n");
  /** Port 8443: no port-80 redirect (it would send people to 443); a wildcard bind is reached on loopback. */
  const CONFIG_8443 = CONFIG_443.split("server {\n    listen 80;")[0]
    .replace(/443 ssl;/g, "8443 ssl;")
    .replace("http://127.0.0.1:8585", "http://[::1]:8585");

  it("renders exactly this config for https://om.example.com, and for port 8443 without the port-80 redirect", () => {
    expect(renderNginxConfig({ publicUrl: "https://om.example.com", upstreamHost: "127.0.0.1" })).toBe(
      CONFIG_443,
    );
    expect(renderNginxConfig({ publicUrl: "https://om.example.com:8443", upstreamHost: "::" })).toBe(
      CONFIG_8443,
    );
    expect(CONFIG_8443).not.toContain("listen 80");
    expect(renderNginxConfig({ publicUrl: "https://om.example.com", upstreamHost: "0.0.0.0" })).toBe(
      CONFIG_443,
    );
    expect(renderNginxConfig({ publicUrl: "https://om.example.com", upstreamHost: "10.0.0.4" })).toBe(
      CONFIG_443.replace("http://127.0.0.1:8585", "http://10.0.0.4:8585"),
    );
  });

  it("installs the certificate inline and the key from stdin (0600), checks with nginx -t, then reloads", async () => {
    const { run } = await build(args({ tls: NGINX }));
    const proxy = byName(run, "om-proxy");
    expect(proxy.dependsOn).toEqual([byName(run, "om-prepare").urn]);
    const cert = TLS_CERTIFICATE_PEM;
    const tmp = (p: string) => `'${p}.new'`;
    const KEY = "/etc/openmetadata/tls/privkey.pem";
    const CERT = "/etc/openmetadata/tls/fullchain.pem";
    const CONF = "/etc/nginx/conf.d/openmetadata.conf";
    expect(inputs(proxy).create).toBe(
      [
        "set -eu",
        'S=; [ "$(id -u)" -eq 0 ] || S="sudo -n"',
        // Through sudo: nginx is in /usr/sbin, on sudo's secure_path but not a login user's PATH.
        "if ! $S sh -c 'command -v nginx' >/dev/null 2>&1; then",
        "  echo 'nginx is not installed on the VM: install it (apt-get install -y nginx), or use the userData output' >&2",
        "  exit 1",
        "fi",
        `cleanup() { $S rm -f ${tmp(CERT)} ${tmp(KEY)} ${tmp(CONF)}; }; trap cleanup EXIT`,
        "$S install -d -m 0750 -o root -g root '/etc/openmetadata/tls'",
        ...[KEY, CERT, CONF].map((f) => `if $S test -f '${f}'; then $S cp -p '${f}' '${f}.previous'; fi`),
        `$S rm -f ${tmp(KEY)}`,
        `$S install -m '0600' -o 'root' -g 'root' /dev/null ${tmp(KEY)}`,
        `$S tee ${tmp(KEY)} >/dev/null`,
        `$S mv -f ${tmp(KEY)} '${KEY}'`,
        `$S rm -f ${tmp(CERT)}`,
        `$S install -m '0644' -o 'root' -g 'root' /dev/null ${tmp(CERT)}`,
        `$S tee ${tmp(CERT)} >/dev/null <<'OPENMETADATA_FILE'`,
        `${cert}OPENMETADATA_FILE`,
        `$S mv -f ${tmp(CERT)} '${CERT}'`,
        `$S rm -f ${tmp(CONF)}`,
        `$S install -m '0644' -o 'root' -g 'root' /dev/null ${tmp(CONF)}`,
        `$S tee ${tmp(CONF)} >/dev/null <<'OPENMETADATA_FILE'`,
        `${CONFIG_443}OPENMETADATA_FILE`,
        `$S mv -f ${tmp(CONF)} '${CONF}'`,
        "if ! $S nginx -t; then",
        ...[KEY, CERT, CONF].map(
          (f) =>
            `  if $S test -f '${f}.previous'; then $S mv -f '${f}.previous' '${f}'; else $S rm -f '${f}'; fi`,
        ),
        "  echo 'nginx refused the new TLS front; the previous files are back in place and nginx was not reloaded' >&2",
        "  exit 1",
        "fi",
        `$S rm -f '${KEY}.previous' '${CERT}.previous' '${CONF}.previous'`,
        "$S systemctl enable nginx",
        "$S systemctl reload-or-restart nginx",
        "",
      ].join("\n"),
    );
    expect(inputs(proxy).stdin).toBe("[secret]");
    expect(clearInputs(proxy).stdin).toBe(FAKE_RSA_PRIVATE_KEY_PEM);
    expect(String(inputs(proxy).create)).not.toContain("PRIVATE KEY");
    expect(inputs(proxy).delete).toBe(
      'set -eu\nS=; [ "$(id -u)" -eq 0 ] || S="sudo -n"\n' +
        `$S rm -f '${CONF}' '${CERT}' '${KEY}'\n` +
        "if $S sh -c 'command -v nginx' >/dev/null 2>&1; then $S systemctl reload nginx || true; fi\n",
    );
    expect(shellSyntaxOk(String(inputs(proxy).create))).toEqual({ status: 0, stderr: "" });
  });

  it("has nginx, the three files with their modes and nginx -t in the user-data", async () => {
    const { vm } = await build(args({ tls: NGINX }));
    const config = parse(await valueOf(vm.userData)) as {
      packages: string[];
      write_files: { path: string; content: string; owner: string; permissions: string }[];
      runcmd: string[];
    };
    expect(config.packages).toEqual(["openjdk-21-jre-headless", "curl", "ca-certificates", "tar", "nginx"]);
    expect(config.write_files.slice(4)).toEqual([
      {
        path: "/etc/openmetadata/tls/privkey.pem",
        content: FAKE_RSA_PRIVATE_KEY_PEM,
        owner: "root:root",
        permissions: "0600",
        defer: true,
      },
      {
        path: "/etc/openmetadata/tls/fullchain.pem",
        content: TLS_CERTIFICATE_PEM,
        owner: "root:root",
        permissions: "0644",
        defer: true,
      },
      {
        path: "/etc/nginx/conf.d/openmetadata.conf",
        content: CONFIG_443,
        owner: "root:root",
        permissions: "0644",
        defer: true,
      },
    ]);
    expect(config.runcmd.slice(-3)).toEqual([
      "nginx -t",
      "systemctl enable nginx",
      "systemctl reload-or-restart nginx",
    ]);
    // Without the nginx front: no proxy command, no nginx in the user-data.
    const { vm: plain, run } = await build(args());
    expect(run.resources.filter((r) => r.name === "om-proxy")).toEqual([]);
    const plainConfig = parse(await valueOf(plain.userData)) as {
      packages: string[];
      write_files: unknown[];
    };
    expect([plainConfig.packages.includes("nginx"), plainConfig.write_files.length]).toEqual([false, 4]);
  });

  it("refuses a certificate that does not name the public URL's host, or is expired, before any child exists", async () => {
    const other = standInCertificatePem(FAKE_RSA_PRIVATE_KEY_PEM, "catalog.example.com");
    const expired = certificatePem({
      privateKeyPem: FAKE_RSA_PRIVATE_KEY_PEM,
      names: ["om.example.com"],
      notBefore: new Date("2020-01-01T00:00:00Z"),
      notAfter: new Date("2021-01-01T00:00:00Z"),
    });
    const results = [
      await attempt(args({ tls: { ...NGINX, certificatePem: other } })),
      await attempt(args({ tls: { ...NGINX, certificatePem: expired } })),
    ];
    expect(results.map((r) => [r.message, r.registered])).toEqual([
      [
        refusal(
          "tls.certificatePem: must name the public URL's host om.example.com in its subjectAltName; it names DNS:catalog.example.com",
        ),
        0,
      ],
      [
        refusal(
          "tls.certificatePem: has expired: it was valid until 2021-01-01T00:00:00Z (renew it and set the new one)",
        ),
        0,
      ],
    ]);
  });

  it("refuses https without a TLS front, nginx for a base path or an http URL, and a key that is not the certificate's", async () => {
    const otherKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
      type: "pkcs8",
      format: "pem",
    }) as string;
    const results = [
      (await attempt(args({ tls: undefined }))).message,
      (await attempt(args({ tls: { mode: "none" } }))).message,
      (await attempt(args({ tls: NGINX, sso: sso({ publicUrl: "https://om.example.com/om" }) }))).message,
      (await attempt(args({ tls: NGINX, sso: sso({ publicUrl: "http://localhost:8585" }) }))).message,
      (await attempt(args({ tls: { ...NGINX, privateKeyPem: otherKey } }))).message,
    ];
    expect(results).toEqual([
      refusal(
        "tls.mode: is required (for an https public URL: nginx (TLS on the VM) or external (a proxy in front of it))",
      ),
      refusal("tls.mode: must be nginx or external for an https public URL (nothing else terminates TLS)"),
      refusal(
        "tls.mode: must be external for a public URL with a base path (serve OpenMetadata under a sub-path with your own proxy)",
      ),
      refusal('tls.mode: must be none for an http public URL; got "nginx"'),
      refusal(
        "tls.privateKeyPem: must be the private key of tls.certificatePem's certificate (they do not match)",
      ),
    ]);
  });

  describe("the proxy command run against a fake root", () => {
    const KEY = "/etc/openmetadata/tls/privkey.pem";
    const CERT = "/etc/openmetadata/tls/fullchain.pem";
    const CONF = "/etc/nginx/conf.d/openmetadata.conf";
    let sb: Sandbox;
    /**
     * File commands that act under $FAKEROOT; nginx -t passes or fails as told. The login user is not root, so
     * every command goes through `sudo -n` (a stub that runs it from the stubs), `test` and `cp` included.
     */
    const fakeRoot = (nginxTest: "ok" | "fails") =>
      new Sandbox({
        record: ["systemctl"],
        custom: {
          id: '[ "$#" -eq 1 ] && [ "$1" = -u ] && { echo 1000; exit 0; }; exit 1',
          sudo: '[ "$1" = -n ] && shift; exec "$@"',
          test: '[ "$1" = -f ] && exec /bin/test -f "$FAKEROOT$2"; exit 2',
          cp: '[ "$1" = -p ] && shift; /bin/cp -p "$FAKEROOT$1" "$FAKEROOT$2"',
          install:
            'd=; for a in "$@"; do last=$a; [ "$a" = -d ] && d=1; done\nif [ -n "$d" ]; then /bin/mkdir -p "$FAKEROOT$last"; else : > "$FAKEROOT$last"; fi',
          tee: 'if [ "$1" = -a ]; then /bin/cat >> "$FAKEROOT$2"; else /bin/cat > "$FAKEROOT$1"; fi',
          mv: '/bin/mv -f "$FAKEROOT$2" "$FAKEROOT$3"',
          rm: 'shift; for p in "$@"; do /bin/rm -f "$FAKEROOT$p"; done',
          nginx:
            nginxTest === "ok"
              ? "exit 0"
              : "echo 'nginx: [emerg] a conflicting server on 0.0.0.0:443' >&2; exit 1",
        },
      });
    afterEach(() => sb?.remove());

    const run = async (nginxTest: "ok" | "fails") => {
      sb = fakeRoot(nginxTest);
      const root = sb.path("root");
      for (const [path, text] of [
        [KEY, "OLD KEY\n"],
        [CERT, "OLD CERT\n"],
        [CONF, "# the working config\n"],
      ]) {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), text);
      }
      const { run } = await build(args({ tls: NGINX }));
      const proxy = byName(run, "om-proxy");
      const r = sb.run(String(clearInputs(proxy).create), String(clearInputs(proxy).stdin), {
        FAKEROOT: root,
      });
      const read = (path: string) => readFileSync(join(root, path), "utf8");
      return { r, files: [read(KEY), read(CERT), read(CONF)] };
    };

    it("installs the key, certificate and config, then reloads nginx", async () => {
      const { r, files } = await run("ok");
      expect([r.status, r.stderr]).toEqual([0, ""]);
      expect(files).toEqual([FAKE_RSA_PRIVATE_KEY_PEM, TLS_CERTIFICATE_PEM, CONFIG_443]);
      expect(r.calls.filter((c) => ["nginx", "systemctl"].includes(c.argv[0]))).toEqual<Call[]>([
        { argv: ["nginx", "-t"] },
        { argv: ["systemctl", "enable", "nginx"] },
        { argv: ["systemctl", "reload-or-restart", "nginx"] },
      ]);
    });

    // writeProxyScript's comment: "checks the whole nginx configuration before reloading, so a bad file never
    // replaces a working one": after a failing check the previous files are back.
    it("leaves the working files in place when nginx -t fails (as scripts.ts documents)", async () => {
      const { r, files } = await run("fails");
      expect([r.status, r.stderr]).toEqual([
        1,
        "nginx: [emerg] a conflicting server on 0.0.0.0:443\n" +
          "nginx refused the new TLS front; the previous files are back in place and nginx was not reloaded\n",
      ]);
      expect(r.calls.filter((c) => c.argv[0] === "systemctl")).toEqual([]);
      expect(files).toEqual(["OLD KEY\n", "OLD CERT\n", "# the working config\n"]);
    });
  });

  describe("nginx -t on the rendered config", () => {
    const hasNginx = spawnSync("sh", ["-c", "command -v nginx"]).status === 0;
    if (!hasNginx) console.warn("skipping nginx -t: nginx is not installed (apt-get install -y nginx)");
    const maybe = hasNginx ? it : it.skip;
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "vm-nginx-"))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    /** nginx -t with the rendered site (its TLS paths moved into `dir`) in a minimal main config. */
    const check = (site: string, key = FAKE_RSA_PRIVATE_KEY_PEM) => {
      writeFileSync(join(dir, "fullchain.pem"), TLS_CERTIFICATE_PEM);
      writeFileSync(join(dir, "privkey.pem"), key, { mode: 0o600 });
      writeFileSync(join(dir, "openmetadata.conf"), site.split("/etc/openmetadata/tls").join(dir));
      writeFileSync(
        join(dir, "nginx.conf"),
        `pid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\nevents {}\nhttp {\n  access_log off;\n  include ${dir}/openmetadata.conf;\n}\n`,
      );
      const r = spawnSync(
        "nginx",
        ["-t", "-p", dir, "-e", join(dir, "error.log"), "-c", join(dir, "nginx.conf")],
        {
          encoding: "utf8",
        },
      );
      return { status: r.status, stderr: r.stderr };
    };

    maybe("accepts the configs for port 443 and port 8443 with the fake certificate and key", () => {
      for (const site of [CONFIG_443, CONFIG_8443])
        expect(check(site)).toEqual({
          status: 0,
          stderr:
            `nginx: the configuration file ${dir}/nginx.conf syntax is ok\n` +
            `nginx: configuration file ${dir}/nginx.conf test is successful\n`,
        });
    });

    maybe("fails (the check can fail) for a key that is not the certificate's", () => {
      const otherKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
        type: "pkcs8",
        format: "pem",
      }) as string;
      const r = check(CONFIG_443, otherKey);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain("key values mismatch");
    });
  });
});
