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

const SHA = "0123456789abcdef".repeat(4);
const unitText = renderSystemdUnit({ installDir: "/opt/openmetadata", serviceUser: "openmetadata" });
const options: CloudInitOptions = {
  version: "1.8.12",
  sha256: SHA,
  installDir: "/opt/openmetadata",
  serviceUser: "openmetadata",
  envFileText: "AUTHENTICATION_PROVIDER=azure\nDB_USER_PASSWORD=pw\n",
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

  it("downloads the pinned release, verifies its sha256 before extracting, then enables the service", () => {
    const runcmd = config.runcmd as string[];
    const tarball = "/var/tmp/openmetadata-1.8.12.tar.gz";
    expect(runcmd.slice(0, 5)).toEqual([
      "set -eu",
      `curl -fsSL --retry 5 -o ${tarball} https://github.com/open-metadata/OpenMetadata/releases/download/1.8.12-release/openmetadata-1.8.12.tar.gz`,
      `echo '${SHA}  ${tarball}' | sha256sum -c -`,
      "install -d -m 0755 /opt/openmetadata",
      `tar -xzf ${tarball} -C /opt/openmetadata --strip-components=1 --no-same-owner`,
    ]);
    expect(runcmd.slice(-2)).toEqual([
      "systemctl daemon-reload",
      "systemctl enable --now openmetadata.service",
    ]);
    expect(releaseTarballUrl("1.8.12")).toBe(
      "https://github.com/open-metadata/OpenMetadata/releases/download/1.8.12-release/openmetadata-1.8.12.tar.gz",
    );
  });
});

const schema = hasTool("cloud-init") ? describe : describe.skip;
if (!hasTool("cloud-init"))
  console.warn("skipping cloud-init schema: not installed (apt-get install -y cloud-init)");

schema("cloud-init schema", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "vm-cloud-init-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("accepts the rendered user-data", () => {
    const result = checkUserData(userData, dir);
    expect([result.ok, result.output]).toEqual([true, `Valid cloud-config: ${join(dir, "user-data.yaml")}`]);
  });

  it("rejects a wrong permissions type (the check can fail)", () => {
    const result = checkUserData(userData.replace('permissions: "0600"', "permissions: 600"), dir);
    expect(result.ok).toBe(false);
    expect(result.output).toContain("write_files.0.permissions: 600 is not of type 'string'");
  });
});
