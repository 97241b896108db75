/**
 * cloud-init user-data for a fresh VM: the service user, a Java 21 runtime, the pinned OpenMetadata release
 * (downloaded and checked against its sha256 before extraction), and the same env file, JWT keys and unit the
 * SSH path writes; then the service is enabled and started. Files are written in cloud-init's final stage
 * (`defer: true`), after the service user exists, so their owner can be that user.
 */
import { stringify } from "yaml";
import { VM_DEFAULTS } from "./args";
import { ENV_FILE_DIR, ENV_FILE_PATH, SERVICE_NAME, UNIT_PATH } from "./unit";

/** The release tarball's URL on GitHub (`<version>-release` tag), as the bare-metal guide downloads it. */
export function releaseTarballUrl(version: string): string {
  return `https://github.com/open-metadata/OpenMetadata/releases/download/${version}-release/openmetadata-${version}.tar.gz`;
}

export interface CloudInitOptions {
  version: string;
  /** sha256 of the tarball; the download is refused when it differs. */
  sha256: string;
  /** @default releaseTarballUrl(version) */
  url?: string;
  /** @default "openjdk-21-jre-headless" */
  javaPackage?: string;
  installDir: string;
  serviceUser: string;
  /** The env file's full text (secret). */
  envFileText: string;
  privateKeyPath: string;
  privateKeyDerBase64: string;
  publicKeyPath: string;
  publicKeyDerBase64: string;
  unitText: string;
}

/** `#cloud-config` YAML. It holds secrets (env file, private key): keep it a secret output. */
export function renderCloudInit(o: CloudInitOptions): string {
  const url = o.url ?? releaseTarballUrl(o.version);
  const tarball = `/var/tmp/openmetadata-${o.version}.tar.gz`;
  const owner = `${o.serviceUser}:${o.serviceUser}`;
  const file = (path: string, content: string, permissions: string, fileOwner: string, b64 = false) => ({
    path,
    content,
    owner: fileOwner,
    permissions,
    ...(b64 ? { encoding: "b64" } : {}),
    defer: true,
  });
  const config = {
    users: [
      "default",
      {
        name: o.serviceUser,
        system: true,
        homedir: o.installDir,
        no_create_home: true,
        shell: "/usr/sbin/nologin",
        lock_passwd: true,
      },
    ],
    package_update: true,
    packages: [o.javaPackage ?? VM_DEFAULTS.javaPackage, "curl", "ca-certificates", "tar"],
    write_files: [
      file(ENV_FILE_PATH, o.envFileText, "0600", owner),
      file(o.privateKeyPath, o.privateKeyDerBase64, "0600", owner, true),
      file(o.publicKeyPath, o.publicKeyDerBase64, "0644", owner, true),
      file(UNIT_PATH, o.unitText, "0644", "root:root"),
    ],
    runcmd: [
      "set -eu",
      `curl -fsSL --retry 5 -o ${tarball} ${url}`,
      `echo '${o.sha256}  ${tarball}' | sha256sum -c -`,
      `install -d -m 0755 ${o.installDir}`,
      `tar -xzf ${tarball} -C ${o.installDir} --strip-components=1 --no-same-owner`,
      `rm -f ${tarball}`,
      `install -d -m 0750 -o ${o.serviceUser} -g ${o.serviceUser} ${o.installDir}/logs`,
      `chown root:${o.serviceUser} ${ENV_FILE_DIR} ${dirname(o.privateKeyPath)}`,
      `chmod 0750 ${ENV_FILE_DIR} ${dirname(o.privateKeyPath)}`,
      "systemctl daemon-reload",
      `systemctl enable --now ${SERVICE_NAME}`,
    ],
  };
  return `#cloud-config\n${stringify(config, { lineWidth: 0 })}`;
}

const dirname = (path: string): string => path.slice(0, path.lastIndexOf("/")) || "/";
