import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import * as command from "@pulumi/command";
import * as random from "@pulumi/random";
import { toFernetKey } from "../openmetadata/fernet";
import { DEFAULT_INTERNAL_URL, DEFAULT_JWT_KEY_DIR, renderEnvFile, type SsoModel } from "../openmetadata/sso";
import { resolveRelease } from "../openmetadata/releases";
import { ADMIN_PORT } from "../openmetadata/server-ports";
import { reconcilesStoredSecurityConfig, securityConfigDigest } from "../openmetadata/security-config";
import { versionGuard } from "../openmetadata/version-guard";
import { assertNoProblems } from "../problems";
import { VM_DEFAULTS, type OpenMetadataVmArgs, type VmConnection } from "./args";
import { releaseTarballUrl, renderCloudInit } from "./cloud-init";
import { vmServerEnv } from "./env";
import {
  deleteEnvScript,
  deleteKeysScript,
  deleteProxyScript,
  deleteResetScript,
  deleteUnitScript,
  installReleaseScript,
  prepareScript,
  releaseMarkerText,
  restartScript,
  writeEnvScript,
  writeKeysScript,
  writeProxyScript,
  writeResetScript,
  writeUnitScript,
} from "./scripts";
import { vmResetScript } from "./sso-reset";
import { ENV_FILE_PATH, renderSystemdUnit, SERVICE_NAME } from "./unit";
import { vmArgsProblems } from "./validate";
import { renderNginxConfig, upstream } from "./proxy";

const sha256 = (...parts: string[]): string => {
  const h = createHash("sha256");
  for (const p of parts) h.update(p).update("\0");
  return h.digest("hex");
};

function connectionArgs(c: VmConnection): command.types.input.remote.ConnectionArgs {
  const privateKey = pulumi.secret(c.privateKey);
  return {
    host: c.host,
    port: c.port ?? VM_DEFAULTS.sshPort,
    user: c.user ?? VM_DEFAULTS.sshUser,
    privateKey,
    ...(c.hostKey !== undefined ? { hostKey: c.hostKey } : {}),
    ...(c.bastion
      ? {
          proxy: {
            host: c.bastion.host,
            port: c.bastion.port ?? VM_DEFAULTS.sshPort,
            user: c.bastion.user ?? c.user ?? VM_DEFAULTS.sshUser,
            privateKey: c.bastion.privateKey === undefined ? privateKey : pulumi.secret(c.bastion.privateKey),
            ...(c.bastion.hostKey !== undefined ? { hostKey: c.bastion.hostKey } : {}),
          },
        }
      : {}),
  };
}

/**
 * OpenMetadata from the release tarball on a Linux VM, configured over SSH: installs the pinned release (the
 * `install` step downloads it, checks its sha256 and stages it beside the install directory; skipped when the
 * release marker already names that version and checksum), writes the env file (the SSO model's env rendering
 * plus database and search settings; 0600, owned by the service user), OpenMetadata's JWT keys as DER, and
 * `openmetadata.service`; restarts the service only when one of them (or the release) changes, swapping a staged
 * release in while the service is stopped, then waits for the admin health check. `userData` is cloud-init for a
 * fresh VM that runs the same install lines and writes the same files. Deleting the component stops the service
 * and removes only these files; the release, the previous release, logs, the database and the search index stay.
 *
 * Per release line (releases.ts): the tarball and the Java it needs, the docs link, and on 1.10+ with
 * ssoConfigSource `stack` the stored-SSO reset (sso-reset.ts) the unit runs after the migration, written with
 * the digest of the stack's settings so that an SSO change rewrites it and restarts the unit. A version guard
 * refuses a downgrade before anything on the VM is touched (nothing is downloaded); a newer version is an in-place
 * upgrade: the install stages the new release, the restart swaps it in (the previous one kept beside it) and the
 * unit's migration runs before it serves. The env file, keys and state directory are outside the release
 * directory and stay as they are.
 */
export class OpenMetadataVm extends pulumi.ComponentResource {
  /** The SSO settings the server is given (the model for `localhost` and this component's key directory). */
  public readonly sso: pulumi.Output<SsoModel>;
  /** The env file's path on the VM. */
  public readonly envFilePath: string;
  /** The systemd unit's text. */
  public readonly unitText: string;
  /**
   * The stored-SSO reset script the unit runs after the migration (OpenMetadata 1.10+ with ssoConfigSource
   * `stack`; undefined otherwise). Not secret: paths and the digest of the settings.
   */
  public readonly resetScriptText: pulumi.Output<string> | undefined;
  /** The env file's readable part (every non-secret entry, in order). */
  public readonly envFilePublicText: pulumi.Output<string>;
  /** The whole env file (secret). */
  public readonly envFileText: pulumi.Output<string>;
  /** cloud-init user-data (`#cloud-config`) for a fresh VM; secret, as it carries the env file and keys. */
  public readonly userData: pulumi.Output<string>;
  /** The restart command, which ends when the server is healthy. */
  public readonly restart: command.remote.Command;

  constructor(name: string, args: OpenMetadataVmArgs, opts?: pulumi.ComponentResourceOptions) {
    assertNoProblems(`OpenMetadataVm "${name}"`, vmArgsProblems(args, args.sso.publicUrl));
    super("openmetadata-entra:vm:OpenMetadataVm", name, {}, opts);
    const installDir = args.installDir ?? VM_DEFAULTS.installDir;
    const serviceUser = args.serviceUser ?? VM_DEFAULTS.serviceUser;
    const connection = connectionArgs(args.connection);

    const jwtKeyDir = args.jwtKeyDir ?? DEFAULT_JWT_KEY_DIR;
    const release = resolveRelease(args.release.version);
    const resets = reconcilesStoredSecurityConfig(release, args.ssoConfigSource);
    this.envFilePath = ENV_FILE_PATH;
    this.unitText = renderSystemdUnit({
      installDir,
      serviceUser,
      docs: release.docs,
      resetsSecurityConfig: resets,
    });
    // Refuses a downgrade in `pulumi up` before the first step on the VM (which every other step follows).
    const guard = versionGuard(name, release.version, this);
    // The server reaches its own JWKS on the VM itself.
    this.sso = args.sso.model({
      internalUrl: DEFAULT_INTERNAL_URL,
      jwtKeyDir,
      openmetadataVersion: release.version,
    });
    const search = args.search ?? {};
    // The server's own Fernet key for the secrets it stores (never the published default of openmetadata.yaml):
    // 32 random bytes, url-safe base64. Data: protected like the data it decrypts.
    const fernet = new random.RandomBytes(
      `${name}-fernet-key`,
      { length: 32 },
      { parent: this, protect: args.protect ?? true },
    );
    const fernetKey = pulumi.secret(fernet.base64.apply(toFernetKey));
    const entries = pulumi
      .all([this.sso, args.sso.clientSecret, args.database.password, search.password, fernetKey])
      .apply(([sso, oidcClientSecret, dbPassword, searchPassword, key]) =>
        vmServerEnv(
          sso,
          oidcClientSecret === undefined ? undefined : { oidcClientSecret },
          { ...args.database, password: dbPassword },
          { ...search, password: searchPassword },
          { bindAddress: args.serverBindAddress ?? VM_DEFAULTS.serverBindAddress, fernetKey: key },
        ),
      );
    // The readable part holds no secret entry, so the plan shows the SSO settings; the rest stays secret.
    this.envFilePublicText = pulumi.unsecret(entries.apply((e) => renderEnvFile(e.filter((x) => !x.secret))));
    const secretText = pulumi.secret(entries.apply((e) => renderEnvFile(e.filter((x) => x.secret))));
    this.envFileText = pulumi.secret(pulumi.concat(this.envFilePublicText, secretText));

    // The key files where the model (built for jwtKeyDir) says the server reads them.
    const keyPaths = this.sso.apply((m) => ({
      privateKeyPath: m.jwtTokenConfiguration.rsaprivateKeyFilePath,
      publicKeyPath: m.jwtTokenConfiguration.rsapublicKeyFilePath,
    }));
    const publicKey = pulumi.output(args.sso.jwtKeys.publicKeyDerBase64);
    const privateKey = pulumi.secret(args.sso.jwtKeys.privateKeyDerBase64);
    // The digest is of the model and the client secret together, so a rotated secret resets too; it reveals
    // nothing of the secret (security-config.ts), so the script is not secret.
    this.resetScriptText = resets
      ? pulumi.unsecret(
          pulumi
            .all([this.sso, args.sso.clientSecret])
            .apply(([model, clientSecret]) =>
              vmResetScript({ installDir, digest: securityConfigDigest(model, clientSecret) }),
            ),
        )
      : undefined;

    const prepare = new command.remote.Command(
      `${name}-prepare`,
      {
        connection,
        create: prepareScript({ installDir, serviceUser, keyDir: jwtKeyDir, javaMajor: release.javaMajor }),
        addPreviousOutputInEnv: false,
      },
      { parent: this, dependsOn: [guard] },
    );
    // The pinned release, staged beside installDir (downloaded, checked, extracted); the restart swaps it in while the
    // service is stopped. After the guard: a refused downgrade downloads nothing. No delete: the release stays.
    const releaseUrl = args.release.url ?? releaseTarballUrl(release.version);
    const install = new command.remote.Command(
      `${name}-install`,
      {
        connection,
        create: installReleaseScript({
          installDir,
          version: release.version,
          sha256: args.release.sha256,
          url: releaseUrl,
        }),
        addPreviousOutputInEnv: false,
      },
      { parent: this, dependsOn: [prepare, guard] },
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
    const reset =
      this.resetScriptText === undefined
        ? undefined
        : new command.remote.Command(
            `${name}-sso-reset`,
            {
              connection,
              create: this.resetScriptText.apply((text) => writeResetScript(text, serviceUser)),
              delete: deleteResetScript(),
              addPreviousOutputInEnv: false,
            },
            { parent: this, dependsOn: [prepare] },
          );
    // The TLS front (nginx mode): independent of OpenMetadata's restarts, it proxies to loopback.
    const bindAddress = args.serverBindAddress ?? VM_DEFAULTS.serverBindAddress;
    const tls = args.tls;
    const proxy =
      tls?.mode === "nginx"
        ? {
            configText: renderNginxConfig({ publicUrl: args.sso.publicUrl, upstreamHost: bindAddress }),
            certificatePem: pulumi.output(tls.certificatePem),
            privateKeyPem: pulumi.secret(tls.privateKeyPem),
          }
        : undefined;
    if (proxy)
      new command.remote.Command(
        `${name}-proxy`,
        {
          connection,
          create: proxy.certificatePem.apply((certificatePem) =>
            writeProxyScript({ configText: proxy.configText, certificatePem }),
          ),
          stdin: proxy.privateKeyPem,
          delete: deleteProxyScript(),
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
        create: restartScript(
          {
            // The admin port listens on the bind address too: 127.0.0.1 by default, loopback for a wildcard bind.
            url: h.url ?? `http://${upstream(bindAddress)}:${ADMIN_PORT}/healthcheck`,
            retries: h.retries ?? VM_DEFAULTS.retries,
            intervalSeconds: h.intervalSeconds ?? VM_DEFAULTS.intervalSeconds,
          },
          // A staged release is swapped in first (the service stopped), so the migration runs with it.
          { installDir, serviceUser },
        ),
        // Only its triggers restart the server: any other input change (the SSH connection after a host key
        // rotation, say) updates the resource without running the restart again.
        update: "true",
        triggers: [
          this.envFileText.apply((t) => sha256(t)),
          pulumi
            .all([keyPaths, privateKey, publicKey])
            .apply(([k, priv, pub]) => sha256(k.privateKeyPath, priv, k.publicKeyPath, pub)),
          sha256(this.unitText),
          // A new release (version and checksum) restarts the unit: the restart swaps in what the install staged,
          // and its migration runs before the new release serves.
          releaseMarkerText(release.version, args.release.sha256),
          ...(this.resetScriptText ? [this.resetScriptText.apply((t) => sha256(t))] : []),
        ],
        addPreviousOutputInEnv: false,
      },
      { parent: this, dependsOn: [install, env, keys, unit, ...(reset ? [reset] : []), guard] },
    );

    this.userData = pulumi.secret(
      pulumi
        .all([
          this.envFileText,
          keyPaths,
          privateKey,
          publicKey,
          proxy?.certificatePem,
          proxy?.privateKeyPem,
          this.resetScriptText,
        ])
        .apply(([envFileText, k, priv, pub, certificatePem, tlsKeyPem, resetScriptText]) =>
          renderCloudInit({
            proxy:
              proxy && certificatePem !== undefined && tlsKeyPem !== undefined
                ? { configText: proxy.configText, certificatePem, privateKeyPem: tlsKeyPem }
                : undefined,
            ...args.release,
            version: release.version,
            javaMajor: release.javaMajor,
            installDir,
            serviceUser,
            envFileText,
            privateKeyPath: k.privateKeyPath,
            privateKeyDerBase64: priv,
            publicKeyPath: k.publicKeyPath,
            publicKeyDerBase64: pub,
            unitText: this.unitText,
            resetScriptText,
          }),
        ),
    );

    this.registerOutputs({
      sso: this.sso,
      envFilePath: this.envFilePath,
      unitText: this.unitText,
      resetScriptText: this.resetScriptText,
      envFilePublicText: this.envFilePublicText,
      userData: this.userData,
      serviceName: SERVICE_NAME,
    });
  }
}
