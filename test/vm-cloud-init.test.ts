import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import {
  releaseTarballUrl,
  renderCloudInit,
  renderSystemdUnit,
  type CloudInitOptions,
} from "../components/vm";
import { checkUserData, hasTool, unitFromUserData } from "../tools/vm/render-check";
import { stageReleaseLines, swapReleaseLines } from "../components/vm/scripts";

const SHA = "0123456789abcdef".repeat(4);
const unitText = renderSystemdUnit({ installDir: "/opt/openmetadata", serviceUser: "openmetadata" });
const options: CloudInitOptions = {
  version: "1.8.12",
  sha256: SHA,
  javaMajor: 21,
  installDir: "/opt/openmetadata",
  serviceUser: "openmetadata",
  envFileText: 'AUTHENTICATION_PROVIDER="azure"\nDB_USER_PASSWORD="pw"\n',
  privateKeyPath: "/etc/openmetadata/jwtkeys/private_key.der",
  privateKeyDerBase64: "cHJpdmF0ZQ==",
  publicKeyPath: "/etc/openmetadata/jwtkeys/public_key.der",
  publicKeyDerBase64: "cHVibGlj",
  unitText,
};
const userData = renderCloudInit(options);
const config = parse(userData) as Record<string, unknown>;

describe("renderCloudInit", () => {
  it("starts with #cloud-config and creates the service user as a system user without login", () => {
    expect(userData.startsWith("#cloud-config\n")).toBe(true);
    expect(config.users).toEqual([
      "default",
      {
        name: "openmetadata",
        system: true,
        homedir: "/opt/openmetadata",
        no_create_home: true,
        shell: "/usr/sbin/nologin",
        lock_passwd: true,
      },
    ]);
    expect(config.packages).toEqual(["openjdk-21-jre-headless", "curl", "ca-certificates", "tar"]);
  });

  it("writes the same env file, keys and unit, after the user exists", () => {
    expect(config.write_files).toEqual([
      {
        path: "/etc/openmetadata/openmetadata.env",
        content: options.envFileText,
        owner: "openmetadata:openmetadata",
        permissions: "0600",
        defer: true,
      },
      {
        path: "/etc/openmetadata/jwtkeys/private_key.der",
        content: "cHJpdmF0ZQ==",
        owner: "openmetadata:openmetadata",
        permissions: "0600",
        encoding: "b64",
        defer: true,
      },
      {
        path: "/etc/openmetadata/jwtkeys/public_key.der",
        content: "cHVibGlj",
        owner: "openmetadata:openmetadata",
        permissions: "0644",
        encoding: "b64",
        defer: true,
      },
      {
        path: "/etc/systemd/system/openmetadata.service",
        content: unitText,
        owner: "root:root",
        permissions: "0644",
        defer: true,
      },
    ]);
    expect(unitFromUserData(userData)).toBe(unitText);
  });

  it("stages and swaps in the pinned release with the install step's lines (sha256 checked before extracting), then enables the service", () => {
    const runcmd = config.runcmd as string[];
    const url =
      "https://github.com/open-metadata/OpenMetadata/releases/download/1.8.12-release/openmetadata-1.8.12.tar.gz";
    // Every value a quoted shell word; the service is enabled only after the Java check.
    expect(runcmd).toEqual([
      "set -eu",
      "S=",
      ...stageReleaseLines({ installDir: "/opt/openmetadata", version: "1.8.12", sha256: SHA, url }),
      ...swapReleaseLines("/opt/openmetadata", "openmetadata"),
      "'chown' 'root:openmetadata' '/etc/openmetadata' '/etc/openmetadata/jwtkeys'",
      "'chmod' '0750' '/etc/openmetadata' '/etc/openmetadata/jwtkeys'",
      `java_major=$(java -version 2>&1 | sed -n '1s/^[^"]*"\\([0-9][0-9]*\\).*/\\1/p' || true)`,
      `if [ -z "$java_major" ] || [ "$java_major" -lt '21' ]; then`,
      `  printf 'OpenMetadata needs Java %s or newer; found %s. Install a Java %s runtime on the VM (the package named by vmJavaPackage).\\n' '21' "\${java_major:-none}" '21' >&2`,
      "  exit 1",
      "fi",
      "systemctl daemon-reload",
      "'systemctl' 'enable' '--now' 'openmetadata.service'",
    ]);
    // The URL, the checksum and the marker's text are in the stage lines as quoted words.
    expect(runcmd).toContain(`om_url='${url}'`);
    expect(runcmd).toContain(`om_sha256='${SHA}'`);
    expect(releaseTarballUrl("1.8.12")).toBe(
      "https://github.com/open-metadata/OpenMetadata/releases/download/1.8.12-release/openmetadata-1.8.12.tar.gz",
    );
  });
});

describe("renderCloudInit with the stored-SSO reset (1.10+, ssoConfigSource stack)", () => {
  it("writes the reset script after the unit, 0640 root:<service user>, and changes nothing else", () => {
    const withReset = parse(renderCloudInit({ ...options, resetScriptText: "set -u\n" })) as Record<
      string,
      unknown
    >;
    const files = withReset.write_files as unknown[];
    expect(files.slice(0, 4)).toEqual(config.write_files);
    expect(files.slice(4)).toEqual([
      {
        path: "/etc/openmetadata/reset-security-config.sh",
        content: "set -u\n",
        owner: "root:openmetadata",
        permissions: "0640",
        defer: true,
      },
    ]);
    expect({ ...withReset, write_files: config.write_files }).toEqual(config);
  });
});

/** The nginx TLS front (vm tls mode nginx): its three files, the package, and nginx -t before it is reloaded. */
const proxyUserData = renderCloudInit({
  ...options,
  proxy: { configText: "server {}\n", certificatePem: "CERT\n", privateKeyPem: "KEY\n" },
});
const proxyConfig = parse(proxyUserData) as Record<string, unknown>;

describe("renderCloudInit with the nginx TLS front", () => {
  it("installs nginx and writes the key (0600), the certificate and the site config (0644), owned by root", () => {
    expect(proxyConfig.packages).toEqual([
      "openjdk-21-jre-headless",
      "curl",
      "ca-certificates",
      "tar",
      "nginx",
    ]);
    expect((proxyConfig.write_files as unknown[]).slice(0, 4)).toEqual(
      (config.write_files as unknown[]).slice(0, 4),
    );
    expect((proxyConfig.write_files as unknown[]).slice(4)).toEqual([
      {
        path: "/etc/openmetadata/tls/privkey.pem",
        content: "KEY\n",
        owner: "root:root",
        permissions: "0600",
        defer: true,
      },
      {
        path: "/etc/openmetadata/tls/fullchain.pem",
        content: "CERT\n",
        owner: "root:root",
        permissions: "0644",
        defer: true,
      },
      {
        path: "/etc/nginx/conf.d/openmetadata.conf",
        content: "server {}\n",
        owner: "root:root",
        permissions: "0644",
        defer: true,
      },
    ]);
  });

  it("closes the TLS directory, then checks the configuration with nginx -t before enabling and reloading nginx", () => {
    const runcmd = proxyConfig.runcmd as string[];
    const plain = config.runcmd as string[];
    const javaCheck = plain.indexOf("systemctl daemon-reload") - 5;
    expect(runcmd).toEqual([
      ...plain.slice(0, javaCheck),
      "'chmod' '0750' '/etc/openmetadata/tls'",
      ...plain.slice(javaCheck),
      "nginx -t",
      "systemctl enable nginx",
      "systemctl reload-or-restart nginx",
    ]);
  });
});

const schema = hasTool("cloud-init") ? describe : describe.skip;
if (!hasTool("cloud-init"))
  console.warn("skipping cloud-init schema: not installed (apt-get install -y cloud-init)");

schema("cloud-init schema", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "vm-cloud-init-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("accepts the rendered user-data, with and without the nginx TLS front", () => {
    for (const text of [userData, proxyUserData]) {
      const result = checkUserData(text, dir);
      expect([result.ok, result.output]).toEqual([
        true,
        `Valid cloud-config: ${join(dir, "user-data.yaml")}`,
      ]);
    }
  });

  it("rejects a wrong permissions type (the check can fail)", () => {
    const result = checkUserData(userData.replace('permissions: "0600"', "permissions: 600"), dir);
    expect(result.ok).toBe(false);
    expect(result.output).toContain("write_files.0.permissions: 600 is not of type 'string'");
  });
});
