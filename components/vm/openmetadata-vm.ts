import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_JWT_KEY_DIR } from "../openmetadata/sso";
import * as command from "@pulumi/command";
import { renderEnvFile, type SsoModel } from "../openmetadata/sso";
import { renderCloudInit } from "./cloud-init";
import { vmServerEnv, type VmDatabase, type VmSearch } from "./env";
import {
  deleteEnvScript,
  deleteKeysScript,
  deleteUnitScript,
  dirOf,
  prepareScript,
  restartScript,
  writeEnvScript,
  writeKeysScript,
  writeUnitScript,
} from "./scripts";
import { ENV_FILE_PATH, renderSystemdUnit, SERVICE_NAME } from "./unit";
import {
  ABSOLUTE_PATH_FORM,
  HOST_FORM,
  HOST_RE,
  isAbsolutePath,
  isPemPrivateKey,
  isPort,
  PEM_FORM,
  PORT_FORM,
  SERVICE_USER_FORM,
  SERVICE_USER_RE,
  SHA256_FORM,
  SHA256_RE,
} from "./validate";

/** An SSH endpoint. */
export interface VmSshEndpoint {
  /** Host name or IP address. */
  host: pulumi.Input<string>;
  /** SSH port. @default 22 */
  port?: pulumi.Input<number>;
  /** Login user: root or a user with passwordless sudo. @default "root" */
  user?: pulumi.Input<string>;
  /**
   * The host's SSH public key (`ssh-ed25519 AAAA...`). When unset the host key is NOT checked (the
   * provider's default); set it for anything but a throw-away VM. @default unset (not checked)
   */
  hostKey?: pulumi.Input<string>;
}

/** How to reach the VM over SSH. */
export interface VmConnection extends VmSshEndpoint {
  /** Unencrypted PEM private key of `user`; kept secret. */
  privateKey: pulumi.Input<string>;
  /** A jump host in front of the VM. @default none (direct connection) */
  bastion?: VmSshEndpoint & {
    /** @default the VM's private key */
    privateKey?: pulumi.Input<string>;
  };
}

/** The pinned OpenMetadata release for the cloud-init user-data. */
export interface VmRelease {
  /** OpenMetadata version, e.g. "1.8.12". */
  version: string;
  /** sha256 of `openmetadata-<version>.tar.gz` (64 lower-case hex digits). */
  sha256: string;
  /** @default the GitHub release asset URL (releaseTarballUrl) */
  url?: string;
  /** Java 21 runtime package. @default "openjdk-21-jre-headless" */
  javaPackage?: string;
}

/** Health check after a restart. */
export interface VmHealthCheck {
  /** @default "http://127.0.0.1:8586/healthcheck" (the admin port) */
  url?: string;
  /** @default 60 */
  retries?: number;
  /** @default 5 */
  intervalSeconds?: number;
}

/** Each field may be a plain value or an Output (e.g. a secret password). */
export type InputFields<T> = { [K in keyof T]: pulumi.Input<T[K]> };

export interface OpenMetadataVmArgs {
  /** SSH connection to the VM. */
  connection: VmConnection;
  /** The SSO model (from buildSsoModel); rendered into the env file unchanged. */
  sso: pulumi.Input<SsoModel>;
  /** The Entra client secret: required for a confidential client, refused for a public one. @default none */
  oidcClientSecret?: pulumi.Input<string>;
  /** OpenMetadata's own JWT key pair as base64 DER (OpenMetadataJwtKeys); written to the model's key paths. */
  jwtKeys: {
    privateKeyDerBase64: pulumi.Input<string>;
    publicKeyDerBase64: pulumi.Input<string>;
  };
  /** External database connection; the password should be a secret. */
  database: InputFields<VmDatabase>;
  /** External search connection. @default Elasticsearch at http://localhost:9200 */
  search?: InputFields<VmSearch>;
  /** Directory of the extracted release. @default "/opt/openmetadata" */
  installDir?: string;
  /**
   * Directory of OpenMetadata's JWT key files; must hold the model's `jwtTokenConfiguration` key paths. Plain,
   * so preparing the VM need not wait for the SSO model. @default "/etc/openmetadata/jwtkeys"
   */
  jwtKeyDir?: string;
  /** Dedicated system user that runs the service. @default "openmetadata" */
  serviceUser?: string;
  /** The release cloud-init installs (the userData output). */
  release: VmRelease;
  /** Health check after a restart. @default see VmHealthCheck */
  healthCheck?: VmHealthCheck;
}

export const VM_DEFAULTS = {
  installDir: "/opt/openmetadata",
  serviceUser: "openmetadata",
  healthUrl: "http://127.0.0.1:8586/healthcheck",
  retries: 60,
  intervalSeconds: 5,
} as const;

const known = <T>(v: pulumi.Input<T> | undefined): v is T => v !== undefined && !pulumi.Output.isInstance(v);

function endpointProblems(
  prefix: string,
  e: VmSshEndpoint & { privateKey?: pulumi.Input<string> },
): string[] {
  const problems: string[] = [];
  if (e.host === undefined || e.host === "")
    problems.push(`${prefix}.host: is required; must be ${HOST_FORM}`);
  else if (known(e.host) && !HOST_RE.test(e.host))
    problems.push(`${prefix}.host: must be ${HOST_FORM}; got ${JSON.stringify(e.host)}`);
  if (known(e.port) && !isPort(e.port)) problems.push(`${prefix}.port: must be ${PORT_FORM}; got ${e.port}`);
  if (known(e.user) && !SERVICE_USER_RE.test(e.user))
    problems.push(`${prefix}.user: must be ${SERVICE_USER_FORM}; got ${JSON.stringify(e.user)}`);
  if (known(e.privateKey) && !isPemPrivateKey(e.privateKey))
    problems.push(`${prefix}.privateKey: must be ${PEM_FORM} (value hidden)`);
  return problems;
}

/** Every problem with the plain arguments, each naming the argument and the accepted form. */
export function openMetadataVmArgsProblems(args: OpenMetadataVmArgs): string[] {
  const c = args.connection;
  const problems = endpointProblems("connection", c);
  if (c.privateKey === undefined || c.privateKey === "")
    problems.push(`connection.privateKey: is required; must be ${PEM_FORM}`);
  if (c.bastion) problems.push(...endpointProblems("connection.bastion", c.bastion));
  const installDir = args.installDir ?? VM_DEFAULTS.installDir;
  if (!isAbsolutePath(installDir))
    problems.push(`installDir: must be ${ABSOLUTE_PATH_FORM}; got ${JSON.stringify(installDir)}`);
  if (args.jwtKeyDir !== undefined && !isAbsolutePath(args.jwtKeyDir))
    problems.push(`jwtKeyDir: must be ${ABSOLUTE_PATH_FORM}; got ${JSON.stringify(args.jwtKeyDir)}`);
  const user = args.serviceUser ?? VM_DEFAULTS.serviceUser;
  if (!SERVICE_USER_RE.test(user) || user === "root")
    problems.push(`serviceUser: must be ${SERVICE_USER_FORM}, not root; got ${JSON.stringify(user)}`);
  if (!SHA256_RE.test(args.release.sha256))
    problems.push(`release.sha256: must be ${SHA256_FORM}; got ${JSON.stringify(args.release.sha256)}`);
  if (!/^\d+\.\d+\.\d+$/.test(args.release.version))
    problems.push(
      `release.version: must be x.y.z such as 1.8.12; got ${JSON.stringify(args.release.version)}`,
    );
  if (args.release.url !== undefined && !/^https:\/\/\S+$/.test(args.release.url))
    problems.push(`release.url: must be an https URL; got ${JSON.stringify(args.release.url)}`);
  const h = args.healthCheck ?? {};
  if (h.url !== undefined && !/^https?:\/\/[^\s'"]+$/.test(h.url))
    problems.push(
      `healthCheck.url: must be an http(s) URL such as ${VM_DEFAULTS.healthUrl}; got ${JSON.stringify(h.url)}`,
    );
  for (const key of ["retries", "intervalSeconds"] as const) {
    const v = h[key];
    if (v !== undefined && !(Number.isInteger(v) && v >= 1 && v <= 3600))
      problems.push(`healthCheck.${key}: must be a whole number from 1 to 3600; got ${v}`);
  }
  return problems;
}

const sha256 = (...parts: string[]): string => {
  const h = createHash("sha256");
  for (const p of parts) h.update(p).update("\0");
  return h.digest("hex");
};

function connectionArgs(c: VmConnection): command.types.input.remote.ConnectionArgs {
  const privateKey = pulumi.secret(c.privateKey);
  return {
    host: c.host,
    port: c.port ?? 22,
    user: c.user ?? "root",
    privateKey,
    ...(c.hostKey !== undefined ? { hostKey: c.hostKey } : {}),
    ...(c.bastion
      ? {
          proxy: {
            host: c.bastion.host,
            port: c.bastion.port ?? 22,
            user: c.bastion.user ?? c.user ?? "root",
            privateKey: c.bastion.privateKey === undefined ? privateKey : pulumi.secret(c.bastion.privateKey),
            ...(c.bastion.hostKey !== undefined ? { hostKey: c.bastion.hostKey } : {}),
          },
        }
      : {}),
  };
}

/**
 * OpenMetadata from the release tarball on a Linux VM, configured over SSH: writes the env file (the SSO
 * model's env rendering plus database and search settings; 0600, owned by the service user), OpenMetadata's JWT
 * keys as DER, and `openmetadata.service`; restarts the service only when one of them changes, then waits for
 * the admin health check. `userData` is cloud-init for a fresh VM that installs the same files and the release.
 * Deleting the component stops the service and removes only these files; the release, logs, the database and
 * the search index stay.
 */
export class OpenMetadataVm extends pulumi.ComponentResource {
  /** The env file's path on the VM. */
  public readonly envFilePath: string;
  /** The systemd unit's text. */
  public readonly unitText: string;
  /** The env file's readable part (every non-secret entry, in order). */
  public readonly envFilePublicText: pulumi.Output<string>;
  /** The whole env file (secret). */
  public readonly envFileText: pulumi.Output<string>;
  /** cloud-init user-data (`#cloud-config`) for a fresh VM; secret, as it carries the env file and keys. */
  public readonly userData: pulumi.Output<string>;
  /** The restart command, which ends when the server is healthy. */
  public readonly restart: command.remote.Command;

  constructor(name: string, args: OpenMetadataVmArgs, opts?: pulumi.ComponentResourceOptions) {
    const problems = openMetadataVmArgsProblems(args);
    if (problems.length > 0) {
      throw new Error(`OpenMetadataVm ${name}: invalid arguments:\n  ${problems.join("\n  ")}`);
    }
    super("openmetadata-entra:vm:OpenMetadataVm", name, {}, opts);
    const installDir = args.installDir ?? VM_DEFAULTS.installDir;
    const serviceUser = args.serviceUser ?? VM_DEFAULTS.serviceUser;
    const connection = connectionArgs(args.connection);
    const child = { parent: this };

    this.envFilePath = ENV_FILE_PATH;
    this.unitText = renderSystemdUnit({ installDir, serviceUser });

    const entries = pulumi
      .all([args.sso, args.oidcClientSecret, args.database, args.search ?? {}])
      .apply(([sso, oidcClientSecret, database, search]) =>
        vmServerEnv(sso, oidcClientSecret === undefined ? undefined : { oidcClientSecret }, database, search),
      );
    // The readable part holds no secret entry, so the plan shows the SSO settings; the rest stays secret.
    this.envFilePublicText = pulumi.unsecret(entries.apply((e) => renderEnvFile(e.filter((x) => !x.secret))));
    const secretText = pulumi.secret(entries.apply((e) => renderEnvFile(e.filter((x) => x.secret))));
    this.envFileText = pulumi.secret(pulumi.concat(this.envFilePublicText, secretText));

    const jwtKeyDir = args.jwtKeyDir ?? DEFAULT_JWT_KEY_DIR;
    const keyPaths = pulumi.output(args.sso).apply((m) => {
      const paths = {
        privateKeyPath: m.jwtTokenConfiguration.rsaprivateKeyFilePath,
        publicKeyPath: m.jwtTokenConfiguration.rsapublicKeyFilePath,
      };
      for (const path of Object.values(paths)) {
        if (dirOf(path) !== jwtKeyDir)
          throw new Error(
            `OpenMetadataVm ${name}: the SSO model's key file ${path} is not in jwtKeyDir ${jwtKeyDir}`,
          );
      }
      return paths;
    });
    const publicKey = pulumi.output(args.jwtKeys.publicKeyDerBase64);
    const privateKey = pulumi.secret(args.jwtKeys.privateKeyDerBase64);

    const prepare = new command.remote.Command(
      `${name}-prepare`,
      {
        connection,
        create: prepareScript({ installDir, serviceUser, keyDir: jwtKeyDir }),
        addPreviousOutputInEnv: false,
      },
      child,
    );
    const env = new command.remote.Command(
      `${name}-env`,
      {
        connection,
        create: this.envFilePublicText.apply((text) => writeEnvScript(text, serviceUser)),
        stdin: secretText,
        delete: deleteEnvScript(),
        addPreviousOutputInEnv: false,
      },
      { parent: this, dependsOn: [prepare] },
    );
    const keys = new command.remote.Command(
      `${name}-jwt-keys`,
      {
        connection,
        create: pulumi
          .all([keyPaths, publicKey])
          .apply(([k, publicKeyDerBase64]) => writeKeysScript({ ...k, publicKeyDerBase64, serviceUser })),
        stdin: privateKey,
        delete: keyPaths.apply(deleteKeysScript),
        addPreviousOutputInEnv: false,
      },
      { parent: this, dependsOn: [prepare] },
    );
    const unit = new command.remote.Command(
      `${name}-unit`,
      {
        connection,
        create: writeUnitScript(this.unitText),
        delete: deleteUnitScript(),
        addPreviousOutputInEnv: false,
      },
      { parent: this, dependsOn: [prepare] },
    );
    const h = args.healthCheck ?? {};
    // A new content hash replaces this command, which restarts the service; nothing else restarts it.
    this.restart = new command.remote.Command(
      `${name}-restart`,
      {
        connection,
        create: restartScript({
          url: h.url ?? VM_DEFAULTS.healthUrl,
          retries: h.retries ?? VM_DEFAULTS.retries,
          intervalSeconds: h.intervalSeconds ?? VM_DEFAULTS.intervalSeconds,
        }),
        triggers: [
          this.envFileText.apply((t) => sha256(t)),
          pulumi
            .all([keyPaths, privateKey, publicKey])
            .apply(([k, priv, pub]) => sha256(k.privateKeyPath, priv, k.publicKeyPath, pub)),
          sha256(this.unitText),
        ],
        addPreviousOutputInEnv: false,
      },
      { parent: this, dependsOn: [env, keys, unit] },
    );

    this.userData = pulumi.secret(
      pulumi.all([this.envFileText, keyPaths, privateKey, publicKey]).apply(([envFileText, k, priv, pub]) =>
        renderCloudInit({
          ...args.release,
          installDir,
          serviceUser,
          envFileText,
          privateKeyPath: k.privateKeyPath,
          privateKeyDerBase64: priv,
          publicKeyPath: k.publicKeyPath,
          publicKeyDerBase64: pub,
          unitText: this.unitText,
        }),
      ),
    );

    this.registerOutputs({
      envFilePath: this.envFilePath,
      unitText: this.unitText,
      envFilePublicText: this.envFilePublicText,
      userData: this.userData,
      serviceName: SERVICE_NAME,
    });
  }
}
