/**
 * cloud-init user-data for a fresh VM: the service user, a Java 21 runtime, the pinned OpenMetadata release
 * (downloaded and checked against its sha256 before extraction), and the same env file, JWT keys and unit the
 * SSH path writes; then the service is enabled and started. Files are written in cloud-init's final stage
 * (`defer: true`), after the service user exists, so their owner can be that user.
 */
import { stringify } from "yaml";
import { resolveRelease } from "../openmetadata/releases";
import { shellCommand } from "../quoting";
import { VM_DEFAULTS } from "./args";
import { javaCheckLines, stageReleaseLines, swapReleaseLines } from "./scripts";
import { PROXY_CONFIG_PATH, TLS_CERTIFICATE_PATH, TLS_DIR, TLS_PRIVATE_KEY_PATH } from "./proxy";
import { ENV_FILE_DIR, ENV_FILE_PATH, SERVICE_NAME, SSO_RESET_SCRIPT_PATH, UNIT_PATH } from "./unit";

/** The release tarball's URL on GitHub (`<version>-release` tag); the fact is the release's (releases.ts). */
export function releaseTarballUrl(version: string): string {
  return resolveRelease(version).tarball.url;
}

export interface CloudInitOptions {
  version: string;
  /** sha256 of the tarball; the download is refused when it differs. */
  sha256: string;
  /** @default releaseTarballUrl(version) */
  url?: string;
  /** @default "openjdk-21-jre-headless" */
  javaPackage?: string;
  /** The Java major version the release needs; the service is not enabled without it. */
  javaMajor: number;
  installDir: string;
  serviceUser: string;
  /** The env file's full text (secret). */
  envFileText: string;
  privateKeyPath: string;
  privateKeyDerBase64: string;
  publicKeyPath: string;
  publicKeyDerBase64: string;
  unitText: string;
  /** The stored-SSO reset script the unit runs (OpenMetadata 1.10+ with ssoConfigSource `stack`). */
  resetScriptText?: string;
  /** The TLS front (nginx mode): its site config, the certificate chain and its private key (secret). */
  proxy?: { configText: string; certificatePem: string; privateKeyPem: string };
}

/** `#cloud-config` YAML. It holds secrets (env file, private key): keep it a secret output. */
export function renderCloudInit(o: CloudInitOptions): string {
  const url = o.url ?? releaseTarballUrl(o.version);
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
    packages: [
      o.javaPackage ?? VM_DEFAULTS.javaPackage,
      "curl",
      "ca-certificates",
      "tar",
      ...(o.proxy ? ["nginx"] : []),
    ],
    write_files: [
      file(ENV_FILE_PATH, o.envFileText, "0600", owner),
      file(o.privateKeyPath, o.privateKeyDerBase64, "0600", owner, true),
      file(o.publicKeyPath, o.publicKeyDerBase64, "0644", owner, true),
      file(UNIT_PATH, o.unitText, "0644", "root:root"),
      ...(o.resetScriptText !== undefined
        ? [file(SSO_RESET_SCRIPT_PATH, o.resetScriptText, "0640", `root:${o.serviceUser}`)]
        : []),
      ...(o.proxy
        ? [
            file(TLS_PRIVATE_KEY_PATH, o.proxy.privateKeyPem, "0600", "root:root"),
            file(TLS_CERTIFICATE_PATH, o.proxy.certificatePem, "0644", "root:root"),
            file(PROXY_CONFIG_PATH, o.proxy.configText, "0644", "root:root"),
          ]
        : []),
    ],
    // Every value is a quoted shell word (quoting.ts), whatever the forms already refused.
    runcmd: [
      "set -eu",
      // The install step's own lines (scripts.ts), as root: stage the release beside installDir (download, sha256,
      // extract, marker), then put it in place and make logs/ the service user's.
      "S=",
      ...stageReleaseLines({ installDir: o.installDir, version: o.version, sha256: o.sha256, url }),
      ...swapReleaseLines(o.installDir, o.serviceUser),
      shellCommand("chown", `root:${o.serviceUser}`, ENV_FILE_DIR, dirname(o.privateKeyPath)),
      shellCommand("chmod", "0750", ENV_FILE_DIR, dirname(o.privateKeyPath)),
      // write_files creates parent directories 0755; the SSH path makes the TLS directory 0750.
      ...(o.proxy ? [shellCommand("chmod", "0750", TLS_DIR)] : []),
      ...javaCheckLines(o.javaMajor),
      "systemctl daemon-reload",
      shellCommand("systemctl", "enable", "--now", SERVICE_NAME),
      ...(o.proxy ? ["nginx -t", "systemctl enable nginx", "systemctl reload-or-restart nginx"] : []),
    ],
  };
  return `#cloud-config\n${stringify(config, { lineWidth: 0 })}`;
}

const dirname = (path: string): string => path.slice(0, path.lastIndexOf("/")) || "/";
