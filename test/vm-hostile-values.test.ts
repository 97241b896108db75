/**
 * The VM's scripts and cloud-init with values that would be dangerous unquoted: the rendered text parses
 * (`sh -n`), and run for real with `sh` in a sandbox whose commands are recording stubs, every value reaches its
 * command as one unchanged argument and no canary command runs. The component itself refuses such directories.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import { renderEnvFile } from "../components/openmetadata/sso";
import {
  OpenMetadataVm,
  type OpenMetadataVmArgs,
  renderCloudInit,
  renderSystemdUnit,
} from "../components/vm";
import {
  deleteKeysScript,
  installReleaseScript,
  prepareScript,
  restartScript,
  writeEnvScript,
  writeKeysScript,
} from "../components/vm/scripts";
import { FAKE_RSA_PRIVATE_KEY_PEM } from "../tools/plan/fakes";
import { runComponents } from "./helpers/offline";
import { Sandbox, shellSyntaxOk, type Call } from "./helpers/sandbox-sh";
import { ssoSource } from "./helpers/sso-source";

const ENV_FILE = "/etc/openmetadata/openmetadata.env";
const JAVA_21 = "printf 'openjdk version \"21.0.2\" 2024-01-16\\n' >&2";

/** Hostile values for every input a script or the user-data takes; canaries are files an injected `touch` makes. */
interface Hostile {
  dir: string;
  user: string;
  keyDir: string;
  healthUrl: string;
  url: string;
  version: string;
  sha256: string;
  envValue: string;
  secretValue: string;
  canaries: string[];
}

const canariesIn = (d: string) => [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((n) => `${d}/pwned-${n}`);

/** Two sets: plain command separators (which run, unquoted), and quotes and substitutions (which break out). */
const VARIANTS: [string, (d: string) => Hostile][] = [
  [
    "command separators",
    (d) => {
      const c = canariesIn(d);
      return {
        dir: `${d}/om;touch ${c[0]};x`,
        user: `om;touch ${c[1]}`,
        keyDir: `${d}/keys && touch ${c[2]} #`,
        healthUrl: `http://127.0.0.1:8586/healthcheck;touch ${c[3]}`,
        url: `https://example.com/x.tar.gz;touch ${c[4]}`,
        version: `1.8.12;touch ${c[5]}`,
        sha256: `0123|touch ${c[6]}`,
        envValue: `$(touch ${c[7]})`,
        secretValue: `p"a$s#w\\o'rd;$(touch ${c[8]})`,
        canaries: c,
      };
    },
  ],
  [
    "quotes and substitutions",
    (d) => {
      const c = canariesIn(d);
      return {
        dir: `${d}/o m;touch ${c[0]};'$(touch ${c[1]})'\`touch ${c[2]}\`"&&x|y*`,
        user: `om;touch ${c[3]};x'$(touch ${c[4]})"`,
        keyDir: `${d}/keys $(touch ${c[5]}) ;'`,
        healthUrl: `http://127.0.0.1:8586/healthcheck';touch ${c[6]};'$(touch ${c[7]})`,
        url: `https://example.com/a b;'$(touch ${c[8]})'.tar.gz`,
        version: `1.8.12";touch ${c[9]};"`,
        sha256: `0123';touch ${c[10]};'`,
        envValue: "`touch " + c[11] + "` 'single' \"double\" \\ ; # & |",
        secretValue: `'"\\$(touch ${c[11]})`,
        canaries: c,
      };
    },
  ],
];

let sb: Sandbox;
let H: Hostile;

const newSandbox = () =>
  new Sandbox({
    record: ["useradd", "install", "rm", "mv", "cp", "curl", "tar", "chown", "chmod", "journalctl"],
    readStdin: ["tee"],
    custom: {
      // `id -u` says root (so $S stays empty); `id -u <user>` says the user does not exist yet.
      id: '[ "$#" -eq 1 ] && [ "$1" = -u ] && { echo 0; exit 0; }; exit 1',
      java: JAVA_21,
      // Every unit is inactive (stopped) when asked.
      systemctl: '[ "$1" != is-active ] || exit 3',
      // The release download: a temporary file in the sandbox, its checksum the one the test gives, and a tarball
      // that extracts the two scripts the unit runs into the -C directory.
      mktemp: 'echo "$HOME/download"',
      sha256sum: `printf '%s  %s\\n' "\${STUB_SHA256:-}" "$1"`,
      tar: [
        'while [ "$#" -gt 0 ]; do [ "$1" != -C ] || d=$2; shift; done',
        'for f in bin/openmetadata-server-start.sh bootstrap/openmetadata-ops.sh; do /bin/mkdir -p "$d/${f%/*}"; : > "$d/$f"; /bin/chmod 755 "$d/$f"; done',
      ].join("\n"),
    },
    real: ["sed", "cat", "cut", "touch", "base64"],
  });
const GOOD_SHA = "a".repeat(64);

const injected = () => H.canaries.filter((c) => existsSync(c));

describe("the sandbox", () => {
  beforeEach(() => {
    sb = newSandbox();
    H = VARIANTS[0][1](sb.dir);
  });
  afterEach(() => sb.remove());

  it("catches an injection: an unquoted value runs its command and splits into several arguments", () => {
    const r = sb.run(`install -d -o ${H.user} /x`);
    expect(r.calls).toEqual<Call[]>([{ argv: ["install", "-d", "-o", "om"] }]);
    expect(injected()).toEqual([H.canaries[1]]);
  });
});

describe.each(VARIANTS)("with hostile values (%s)", (_variant, make) => {
  beforeEach(() => {
    sb = newSandbox();
    H = make(sb.dir);
  });
  afterEach(() => sb.remove());

  describe("prepareScript with hostile installDir, serviceUser and key directory", () => {
    it("parses, and runs with every value as one argument and nothing injected", () => {
      const script = prepareScript({
        installDir: H.dir,
        serviceUser: H.user,
        keyDir: H.keyDir,
        javaMajor: 21,
      });
      expect(shellSyntaxOk(script)).toEqual({ status: 0, stderr: "" });
      const r = sb.run(script);
      expect([r.status, r.stderr]).toEqual([0, ""]);
      expect(r.calls).toEqual<Call[]>([
        { argv: ["id", "-u"] },
        { argv: ["id", "-u", H.user] },
        {
          argv: [
            "useradd",
            "--system",
            "--user-group",
            "--home-dir",
            H.dir,
            "--no-create-home",
            "--shell",
            "/usr/sbin/nologin",
            H.user,
          ],
        },
        { argv: ["install", "-d", "-m", "0750", "-o", "root", "-g", H.user, "/etc/openmetadata", H.keyDir] },
        { argv: ["java", "-version"] },
      ]);
      expect(injected()).toEqual([]);
    });
  });

  describe("the release install with hostile installDir, version, URL and checksum", () => {
    const install = (sha256: string) =>
      installReleaseScript({ installDir: H.dir, version: H.version, sha256, url: H.url });

    it("refuses the download whose checksum differs, printing every value as it is", () => {
      const script = install(H.sha256);
      expect(shellSyntaxOk(script)).toEqual({ status: 0, stderr: "" });
      const r = sb.run(script, "", { STUB_SHA256: GOOD_SHA });
      expect([r.status, r.stderr]).toEqual([
        1,
        `The download of ${H.url} has sha256 ${GOOD_SHA}, not ${H.sha256} (vmReleaseSha256 / release.sha256): nothing was installed\n`,
      ]);
      const download = sb.path("download");
      expect(r.calls).toEqual<Call[]>([
        { argv: ["id", "-u"] },
        { argv: ["mktemp", "/var/tmp/openmetadata-release.XXXXXXXX"] },
        { argv: ["curl", "-fsSL", "--retry", "5", "-o", download, H.url] },
        { argv: ["sha256sum", download] },
        // The exit trap.
        { argv: ["rm", "-f", download] },
      ]);
      expect(injected()).toEqual([]);
    });

    it("stages into <installDir>.next with every value as one argument", () => {
      const r = sb.run(install(GOOD_SHA), "", { STUB_SHA256: GOOD_SHA });
      expect([r.status, r.stderr]).toEqual([0, ""]);
      const download = sb.path("download");
      const next = `${H.dir}.next`;
      expect(r.calls).toEqual<Call[]>([
        { argv: ["id", "-u"] },
        { argv: ["mktemp", "/var/tmp/openmetadata-release.XXXXXXXX"] },
        { argv: ["curl", "-fsSL", "--retry", "5", "-o", download, H.url] },
        { argv: ["sha256sum", download] },
        { argv: ["rm", "-rf", next] },
        { argv: ["install", "-d", "-m", "0755", next] },
        { argv: ["tar", "-xzf", download, "-C", next, "--strip-components=1", "--no-same-owner"] },
        {
          argv: ["tee", `${next}/.openmetadata-entra-release`],
          stdin: `version=${H.version}\nsha256=${GOOD_SHA}\n`,
        },
        { argv: ["rm", "-f", download] },
      ]);
      expect(r.stdout).toBe(`Staged OpenMetadata ${H.version} (sha256 ${GOOD_SHA}) in ${next}\n`);
      expect(injected()).toEqual([]);
    });

    it("swaps the staged release in (service stopped), with every value as one argument", () => {
      const next = `${H.dir}.next`;
      mkdirSync(next, { recursive: true });
      writeFileSync(`${next}/.openmetadata-entra-release`, "version=x\n");
      mkdirSync(H.dir, { recursive: true });
      const script = restartScript(
        { url: "http://127.0.0.1:8586/healthcheck", retries: 1, intervalSeconds: 1 },
        { installDir: H.dir, serviceUser: H.user },
      );
      expect(shellSyntaxOk(script)).toEqual({ status: 0, stderr: "" });
      const r = sb.run(script);
      expect(r.calls.slice(0, 8)).toEqual<Call[]>([
        { argv: ["id", "-u"] },
        { argv: ["systemctl", "stop", "openmetadata.service"] },
        { argv: ["systemctl", "is-active", "--quiet", "openmetadata.service"] },
        { argv: ["rm", "-rf", `${H.dir}.previous`] },
        { argv: ["mv", H.dir, `${H.dir}.previous`] },
        { argv: ["mv", next, H.dir] },
        { argv: ["install", "-d", "-m", "0750", "-o", H.user, "-g", H.user, `${H.dir}/logs`] },
        { argv: ["systemctl", "restart", "openmetadata.service"] },
      ]);
      expect(injected()).toEqual([]);
    });
  });

  describe("writeEnvScript with a hostile service user and env values", () => {
    it("writes the readable lines from a quoted heredoc and the secret lines from stdin, unchanged", () => {
      const publicText = renderEnvFile([{ name: "A", value: H.envValue, secret: false }]);
      const secretText = renderEnvFile([{ name: "DB_USER_PASSWORD", value: H.secretValue, secret: true }]);
      const script = writeEnvScript(publicText, H.user);
      expect(shellSyntaxOk(script)).toEqual({ status: 0, stderr: "" });
      const r = sb.run(script, secretText);
      expect([r.status, r.stderr]).toEqual([0, ""]);
      const tmp = `${ENV_FILE}.new`;
      expect(r.calls).toEqual<Call[]>([
        { argv: ["id", "-u"] },
        { argv: ["rm", "-f", tmp] },
        { argv: ["install", "-m", "0600", "-o", H.user, "-g", H.user, "/dev/null", tmp] },
        { argv: ["tee", tmp], stdin: publicText },
        { argv: ["tee", "-a", tmp], stdin: secretText },
        ...(existsSync(ENV_FILE) ? [{ argv: ["cp", "-p", ENV_FILE, `${ENV_FILE}.bak`] }] : []),
        { argv: ["mv", "-f", tmp, ENV_FILE] },
        // The cleanup trap on exit.
        { argv: ["rm", "-f", tmp] },
      ]);
      expect(injected()).toEqual([]);
    });
  });

  describe("writeKeysScript and deleteKeysScript with a hostile key directory", () => {
    it("decodes the private key from stdin and the public key inline into the hostile paths", () => {
      mkdirSync(H.keyDir, { recursive: true });
      const priv = `${H.keyDir}/private_key.der`;
      const pub = `${H.keyDir}/public_key.der`;
      const script = writeKeysScript({
        privateKeyPath: priv,
        publicKeyPath: pub,
        publicKeyDerBase64: Buffer.from("public der").toString("base64"),
        serviceUser: H.user,
      });
      expect(shellSyntaxOk(script)).toEqual({ status: 0, stderr: "" });
      const r = sb.run(script, Buffer.from("private der").toString("base64"));
      expect([r.status, r.stderr]).toEqual([0, ""]);
      expect(r.calls).toEqual<Call[]>([
        { argv: ["id", "-u"] },
        { argv: ["rm", "-f", `${priv}.new`] },
        { argv: ["install", "-m", "0600", "-o", H.user, "-g", H.user, "/dev/null", `${priv}.new`] },
        { argv: ["mv", "-f", `${priv}.new`, priv] },
        { argv: ["rm", "-f", `${pub}.new`] },
        { argv: ["install", "-m", "0644", "-o", H.user, "-g", H.user, "/dev/null", `${pub}.new`] },
        { argv: ["mv", "-f", `${pub}.new`, pub] },
        { argv: ["rm", "-f", `${priv}.new`, `${pub}.new`] },
      ]);
      // The real base64 wrote the bytes where the quoted paths say (mv is a stub, so they stay at .new).
      expect([readFileSync(`${priv}.new`, "utf8"), readFileSync(`${pub}.new`, "utf8")]).toEqual([
        "private der",
        "public der",
      ]);
      const del = sb.run(deleteKeysScript({ privateKeyPath: priv, publicKeyPath: pub }));
      expect([del.status, del.calls]).toEqual([
        0,
        [{ argv: ["id", "-u"] }, { argv: ["rm", "-f", priv, pub] }],
      ]);
      expect(injected()).toEqual([]);
    });
  });

  describe("restartScript with a hostile health URL", () => {
    it("gives curl the URL as one argument and prints it unchanged", () => {
      const url = H.healthUrl;
      const script = restartScript({ url, retries: 2, intervalSeconds: 1 });
      expect(shellSyntaxOk(script)).toEqual({ status: 0, stderr: "" });
      const r = sb.run(script);
      expect([r.status, r.stdout, r.stderr]).toEqual([0, `OpenMetadata is healthy at ${url}\n`, ""]);
      expect(r.calls).toEqual<Call[]>([
        { argv: ["id", "-u"] },
        { argv: ["systemctl", "restart", "openmetadata.service"] },
        { argv: ["curl", "-fsS", "-o", "/dev/null", "--max-time", "5", url] },
      ]);
      expect(injected()).toEqual([]);
    });
  });

  describe("renderCloudInit with hostile values", () => {
    const renderOptions = () => ({
      version: H.version,
      sha256: H.sha256,
      url: H.url,
      javaMajor: 21,
      installDir: H.dir,
      serviceUser: H.user,
      envFileText: 'A="1"\n',
      privateKeyPath: `${H.keyDir}/private_key.der`,
      privateKeyDerBase64: "cHJpdmF0ZQ==",
      publicKeyPath: `${H.keyDir}/public_key.der`,
      publicKeyDerBase64: "cHVibGlj",
      unitText: renderSystemdUnit({ installDir: "/opt/openmetadata", serviceUser: "openmetadata" }),
    });
    const render = () => {
      const { version, url, sha256 } = H;
      return { userData: renderCloudInit(renderOptions()), version, url, sha256 };
    };

    it("keeps every value exact in the YAML: users, file paths and owners", () => {
      const { userData } = render();
      const config = parse(userData) as {
        users: [string, { name: string; homedir: string }];
        write_files: { path: string; owner: string; permissions: string }[];
      };
      expect([config.users[1].name, config.users[1].homedir]).toEqual([H.user, H.dir]);
      expect(config.write_files.map((f) => [f.path, f.owner, f.permissions])).toEqual([
        [ENV_FILE, `${H.user}:${H.user}`, "0600"],
        [`${H.keyDir}/private_key.der`, `${H.user}:${H.user}`, "0600"],
        [`${H.keyDir}/public_key.der`, `${H.user}:${H.user}`, "0644"],
        ["/etc/systemd/system/openmetadata.service", "root:root", "0644"],
      ]);
    });

    it("runs its runcmd as one sh script with every value as one argument and nothing injected", () => {
      const { userData, url, sha256 } = render();
      const script = (parse(userData) as { runcmd: string[] }).runcmd.join("\n");
      expect(shellSyntaxOk(script)).toEqual({ status: 0, stderr: "" });
      // The hostile checksum cannot match: the download is refused before anything is extracted.
      const refused = sb.run(script, "", { STUB_SHA256: GOOD_SHA });
      expect([refused.status, refused.stderr]).toEqual([
        1,
        `The download of ${url} has sha256 ${GOOD_SHA}, not ${sha256} (vmReleaseSha256 / release.sha256): nothing was installed\n`,
      ]);
      expect(injected()).toEqual([]);
      // With a checksum that matches, it runs to its end.
      const good = parse(renderCloudInit({ ...renderOptions(), sha256: GOOD_SHA })) as { runcmd: string[] };
      const r = sb.run(good.runcmd.join("\n"), "", { STUB_SHA256: GOOD_SHA });
      expect([r.status, r.stderr]).toEqual([0, ""]);
      const download = sb.path("download");
      const next = `${H.dir}.next`;
      expect(r.calls).toEqual<Call[]>([
        { argv: ["mktemp", "/var/tmp/openmetadata-release.XXXXXXXX"] },
        { argv: ["curl", "-fsSL", "--retry", "5", "-o", download, url] },
        { argv: ["sha256sum", download] },
        { argv: ["rm", "-rf", next] },
        { argv: ["install", "-d", "-m", "0755", next] },
        { argv: ["tar", "-xzf", download, "-C", next, "--strip-components=1", "--no-same-owner"] },
        {
          argv: ["tee", `${next}/.openmetadata-entra-release`],
          stdin: `version=${H.version}\nsha256=${GOOD_SHA}\n`,
        },
        { argv: ["rm", "-f", download] },
        // No marker was written (tee is a stub), so there is nothing to swap in; logs/ is made the user's.
        { argv: ["install", "-d", "-m", "0750", "-o", H.user, "-g", H.user, `${H.dir}/logs`] },
        { argv: ["chown", `root:${H.user}`, "/etc/openmetadata", H.keyDir] },
        { argv: ["chmod", "0750", "/etc/openmetadata", H.keyDir] },
        { argv: ["java", "-version"] },
        { argv: ["systemctl", "daemon-reload"] },
        { argv: ["systemctl", "enable", "--now", "openmetadata.service"] },
      ]);
      expect(injected()).toEqual([]);
    });
  });
});

describe("OpenMetadataVm refuses install directories that are not a service's own", () => {
  const args = (installDir: string): OpenMetadataVmArgs => ({
    connection: {
      host: "vm.example.com",
      privateKey: pulumi.secret(FAKE_RSA_PRIVATE_KEY_PEM),
      hostKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeHostKey",
    },
    sso: ssoSource(),
    database: { password: pulumi.secret("db-password-1") },
    release: { sha256: "a".repeat(64) },
    installDir,
  });
  const build = async (installDir: string) => {
    let message: string | undefined;
    const run = await runComponents(() => {
      try {
        new OpenMetadataVm("om", args(installDir));
      } catch (e) {
        message = (e as Error).message;
      }
    });
    return { message, run };
  };
  const attempt = async (installDir: string) => {
    const { message, run } = await build(installDir);
    return { message, registered: run.resources.length };
  };

  it("refuses system directories and injection, registering nothing, and accepts a service's own directory", async () => {
    const form =
      "must be an absolute directory of at least two components, not a system directory, such as /opt/openmetadata (letters, digits, / . _ -)";
    const refused = [
      "/opt/om;id>>/tmp/x;:",
      "/",
      "/etc",
      "/opt",
      "/usr/local",
      "/usr/bin/om",
      "/var/lib",
      "/opt/",
    ];
    const results = [];
    for (const dir of refused) results.push(await attempt(dir));
    expect(results).toEqual(
      refused.map((dir) => ({
        message: `OpenMetadataVm "om": invalid arguments (1):\n  installDir: ${form}; got ${JSON.stringify(dir)}`,
        registered: 0,
      })),
    );
    for (const dir of ["/opt/openmetadata", "/srv/openmetadata/app"]) {
      const { message, run } = await build(dir);
      expect(message).toBeUndefined();
      const prepare = run.resources.find((r) => r.name === "om-prepare")!;
      expect(String(prepare.inputs.create)).toContain(
        `--home-dir '${dir}' --no-create-home --shell /usr/sbin/nologin 'openmetadata'\n`,
      );
    }
  });
});
