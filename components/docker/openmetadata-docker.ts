import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type { OpenMetadataDockerArgs } from "./args";
import { passwordInitScript, PASSWORD_INIT_FILE } from "./database-init";
import { envLine, serverEnvLines } from "./env-lines";
import {
  DATABASE_HEALTHCHECK,
  DEPENDENCY_WAIT_SECONDS,
  SERVER_HEALTHCHECK,
  searchHealthcheck,
} from "./health";
import { imageSet, type ImageSet } from "./images";
import { migrationGate, oneShotGate } from "./migration-check";
import { bundledSearchEnv, SEARCH_DATA_MOUNT } from "./search";
import {
  AIRFLOW_PORT,
  bundledDatabaseCommand,
  DATABASE_PORT,
  DatabaseConnection,
  BUNDLED_DB_PARAMS,
  ingestionEnv,
  MIGRATION_EXTRA_ENV,
  OPENMETADATA_DATABASE,
  OPENMETADATA_DB_USER,
  PipelineConnection,
  SEARCH_PORT,
  SearchConnection,
  SERVER_PORT,
  serverExtraEnv,
} from "./settings";
import {
  dockerResetScript,
  SSO_RESET_STEP,
  SSO_STATE_INIT_CAPABILITIES,
  SSO_STATE_INIT_SCRIPT,
  SSO_STATE_INIT_STEP,
  SSO_STATE_MOUNT,
} from "./sso-reset";
import { dockerArgsProblems } from "./validate";
import { assertNoProblems } from "../problems";
import { RELEASE_LAYOUT, resolveRelease } from "../openmetadata/releases";
import { reconcilesStoredSecurityConfig, securityConfigDigest } from "../openmetadata/security-config";
import { versionGuard } from "../openmetadata/version-guard";
import { toFernetKey } from "../openmetadata/fernet";
import { defaultDatabaseParams, defaultSearchScheme } from "../openmetadata/data-services";
import type { SsoModel } from "../openmetadata/sso";
import type { OpenMetadataSso } from "../openmetadata/server-sso";
import { DOCKER_DEFAULTS } from "./args";

/** The server container's name: also its host name on the network. */
export function serverContainerName(namePrefix: string = DOCKER_DEFAULTS.namePrefix): string {
  return `${namePrefix}-server`;
}

/** The URL by which the server reaches itself (its own JWKS), which the component gives the SSO model. */
export function dockerServerInternalUrl(namePrefix: string = DOCKER_DEFAULTS.namePrefix): string {
  return `http://${serverContainerName(namePrefix)}:${SERVER_PORT}`;
}

/** Generated secrets: alphanumeric, so they survive SQL, shell and OpenMetadata's YAML env substitution unquoted. */
const PASSWORD = { length: 32, special: false } as const;

/**
 * OpenMetadata (any supported release, 1.8-1.13) on a Docker host, laid out like the upstream quickstart compose:
 * database, search, a one-shot migration, the server and optional Airflow ingestion, on a private network. Only the
 * UI port is published. Stateful parts (volumes, database and search containers, generated credentials) take no
 * SSO input, so an SSO change replaces only the server, the migration and (1.10+, ssoConfigSource `stack`) the
 * one-shot that resets the server's stored SSO settings (sso-reset.ts). A version change is an in-place upgrade:
 * the same volumes, new containers, the migration (its name carries the version) before the new server; the
 * version guard refuses a downgrade before any container is touched.
 */
export class OpenMetadataDocker extends pulumi.ComponentResource {
  /** The server container's name and host name. */
  public readonly serverName: string;
  /** The URL the server uses for itself (JWKS). */
  public readonly internalUrl: string;
  /** Where the UI is published on the Docker host, e.g. http://127.0.0.1:8585. */
  public readonly hostUrl: string;
  /** The SSO settings the server is given (the model for this component's internal URL). */
  public readonly sso: pulumi.Output<SsoModel>;
  /** The images in use. */
  public readonly images: ImageSet;
  /** Docker names of the volumes that hold data. */
  public readonly volumeNames: pulumi.Output<string[]>;
  /** The server container. */
  public readonly server: docker.Container;
  /** The migration container (exited). */
  public readonly migration: docker.Container;
  /**
   * The one-shot that resets the stored SSO settings (exited), on OpenMetadata 1.10+ with ssoConfigSource `stack`;
   * undefined otherwise.
   */
  public readonly ssoReset: docker.Container | undefined;
  /** The guard that refuses a downgrade; every container waits for it. */
  public readonly versionGuard: pulumi.Resource;

  constructor(name: string, args: OpenMetadataDockerArgs, opts?: pulumi.ComponentResourceOptions) {
    assertNoProblems(`OpenMetadataDocker "${name}"`, dockerArgsProblems(args));
    super("openmetadata-entra:docker:OpenMetadataDocker", name, {}, opts);
    const release = resolveRelease(args.version);
    const version = release.version;
    const resetsStoredSso = reconcilesStoredSecurityConfig(release, args.ssoConfigSource);
    const prefix = args.namePrefix ?? DOCKER_DEFAULTS.namePrefix;
    const database = args.database ?? { mode: "bundled" };
    const search = args.search ?? { mode: "bundled" };
    const withIngestion = args.ingestion ?? DOCKER_DEFAULTS.ingestion;
    const dbEngine = database.engine ?? DOCKER_DEFAULTS.databaseEngine;
    const searchEngine = search.engine ?? DOCKER_DEFAULTS.searchEngine;
    const uiPort = args.uiPort ?? DOCKER_DEFAULTS.uiPort;
    const bind = args.uiBindAddress ?? DOCKER_DEFAULTS.uiBindAddress;
    // Data (volumes, the credentials they were created with, the Fernet key) is protected; the containers are
    // not, so an upgrade may replace them.
    const protect = args.protect ?? true;
    const child = { parent: this };
    const stateful = { parent: this, protect };
    const images = imageSet(release, dbEngine, searchEngine, args.imageRegistry);
    this.images = images;
    this.serverName = serverContainerName(prefix);
    this.internalUrl = dockerServerInternalUrl(prefix);
    this.hostUrl = `http://${bind.includes(":") ? `[${bind}]` : bind}:${uiPort}`;
    // Refuses a downgrade (the migrations only go forward) before anything that runs a versioned image changes.
    const guard = versionGuard(name, version, this);
    this.versionGuard = guard;

    const network = new docker.Network(
      `${name}-network`,
      { name: `${prefix}-network`, driver: "bridge" },
      child,
    );
    const onNetwork = [{ name: network.name }];
    // The Docker name says what a volume holds (`<prefix>-mysql-data`), so another engine never mounts it. The
    // data volumes are protected; Airflow's working volumes (generated DAGs, tmp) are only retained.
    const volume = (id: string, holds = id, data = true) =>
      new docker.Volume(
        `${name}-${id}`,
        { name: `${prefix}-${holds}` },
        { ...(data ? stateful : child), retainOnDelete: true },
      );
    const image = (suffix: string, ref: string) =>
      new docker.RemoteImage(`${name}-${suffix}-image`, { name: ref, keepLocally: true }, child);
    const password = (suffix: string) => new random.RandomPassword(`${name}-${suffix}`, PASSWORD, stateful);
    const volumes: docker.Volume[] = [];
    const waitFor: docker.Container[] = [];

    // Database: bundled container, or the connection to an external server.
    let db: DatabaseConnection;
    let airflowDbPassword: pulumi.Output<string> | undefined;
    if (database.mode === "bundled") {
      const rootPassword = password("db-root-password");
      const omPassword = password("db-password");
      const airflowPassword = password("airflow-db-password");
      airflowDbPassword = airflowPassword.result;
      const data = volume("db-data", `${dbEngine}-data`);
      volumes.push(data);
      const mysql = dbEngine === "mysql";
      const container = new docker.Container(
        `${name}-database`,
        {
          name: `${prefix}-${dbEngine}`,
          image: image("database", images.database).imageId,
          command: bundledDatabaseCommand(dbEngine, release),
          envs: mysql
            ? [envLine({ name: "MYSQL_ROOT_PASSWORD", value: rootPassword.result, secret: true })]
            : [
                "POSTGRES_USER=postgres",
                envLine({ name: "POSTGRES_PASSWORD", value: rootPassword.result, secret: true }),
              ],
          volumes: [
            { volumeName: data.name, containerPath: mysql ? "/var/lib/mysql" : "/var/lib/postgresql/data" },
          ],
          uploads: [
            {
              file: PASSWORD_INIT_FILE,
              content: passwordInitScript(dbEngine, omPassword.result, airflowPassword.result),
            },
          ],
          networksAdvanced: onNetwork,
          healthcheck: DATABASE_HEALTHCHECK[dbEngine],
          wait: true,
          waitTimeout: DEPENDENCY_WAIT_SECONDS,
          restart: "unless-stopped",
        },
        { ...child, dependsOn: [guard], deleteBeforeReplace: true },
      );
      waitFor.push(container);
      db = {
        engine: dbEngine,
        host: `${prefix}-${dbEngine}`,
        port: DATABASE_PORT[dbEngine],
        name: OPENMETADATA_DATABASE,
        user: OPENMETADATA_DB_USER,
        password: omPassword.result,
        params: BUNDLED_DB_PARAMS[dbEngine],
      };
    } else {
      db = {
        engine: dbEngine,
        host: database.host,
        port: database.port ?? DATABASE_PORT[dbEngine],
        name: database.name ?? OPENMETADATA_DATABASE,
        user: database.user ?? OPENMETADATA_DB_USER,
        password: pulumi.secret(database.password),
        params: database.params ?? defaultDatabaseParams(dbEngine, database.host),
      };
    }

    // Search: bundled single node, or an external cluster.
    let searchConnection: SearchConnection;
    if (search.mode === "bundled") {
      const heap = search.heapMb ?? DOCKER_DEFAULTS.searchHeapMb;
      const data = volume("search-data", `${searchEngine}-data`);
      volumes.push(data);
      const container = new docker.Container(
        `${name}-search`,
        {
          name: `${prefix}-${searchEngine}`,
          image: image("search", images.search).imageId,
          envs: bundledSearchEnv(release, searchEngine, heap),
          volumes: [{ volumeName: data.name, containerPath: SEARCH_DATA_MOUNT[searchEngine] }],
          networksAdvanced: onNetwork,
          healthcheck: searchHealthcheck(searchEngine),
          wait: true,
          waitTimeout: DEPENDENCY_WAIT_SECONDS,
          restart: "unless-stopped",
        },
        { ...child, dependsOn: [guard], deleteBeforeReplace: true },
      );
      waitFor.push(container);
      searchConnection = {
        engine: searchEngine,
        host: `${prefix}-${searchEngine}`,
        port: SEARCH_PORT,
        scheme: "http",
      };
    } else {
      searchConnection = {
        engine: searchEngine,
        host: search.host,
        port: search.port ?? DOCKER_DEFAULTS.externalSearchPort,
        scheme: search.scheme ?? defaultSearchScheme(search.host),
        ...(search.user ? { user: search.user } : {}),
        ...(search.password !== undefined ? { password: pulumi.secret(search.password) } : {}),
      };
    }

    // Fernet key for secrets OpenMetadata stores: 32 random bytes, url-safe base64 (Fernet's key format).
    const fernet = new random.RandomBytes(`${name}-fernet-key`, { length: 32 }, stateful);
    const fernetKey = pulumi.secret(fernet.base64.apply(toFernetKey));

    let pipeline: PipelineConnection | undefined;
    let airflowAdminPassword: random.RandomPassword | undefined;
    if (withIngestion) {
      airflowAdminPassword = password("airflow-admin-password");
      pipeline = {
        endpoint: `http://${prefix}-ingestion:${AIRFLOW_PORT}`,
        serverApiUrl: `${this.internalUrl}/api`,
        password: airflowAdminPassword.result,
      };
    }

    const extras = serverExtraEnv(db, searchConnection, pipeline, fernetKey);
    const sso = args.sso.model({ internalUrl: this.internalUrl, openmetadataVersion: version });
    this.sso = sso;
    const jwtUploads = jwtKeyUploads(sso, args.sso);
    const serverImage = image("server", images.server);

    // One-shot migration, as upstream's execute-migrate-all. Its name carries the version, so a version change
    // replaces it and so runs it again. `attach` makes the update wait until it exits.
    const migrationName = `${prefix}-migrate-${version}`;
    const migration = new docker.Container(
      `${name}-migrate`,
      {
        name: migrationName,
        image: serverImage.imageId,
        command: [`./${RELEASE_LAYOUT.opsScript}`, "migrate"],
        envs: serverEnvLines(sso, args.sso.clientSecret, [...extras, ...MIGRATION_EXTRA_ENV]),
        uploads: jwtUploads,
        networksAdvanced: onNetwork,
        attach: true,
        logs: true,
        mustRun: false,
        restart: "no",
      },
      { parent: this, dependsOn: [guard, ...waitFor], deleteBeforeReplace: true },
    );
    this.migration = migration;
    // The provider records a non-zero exit code without failing, so this Output fails instead: the server
    // depends on it, so it is never started after a failed migration, and the error shows the log tail.
    const migrationSucceeded = migrationGate(
      migration,
      migrationName,
      migration.exitCode,
      migration.containerLogs,
    );

    // 1.10+ with ssoConfigSource "stack": after the migration, reset the stored SSO settings whenever the stack's
    // digest differs from the one last applied, so the new server seeds them from its env (sso-reset.ts).
    let serverWaitsFor: pulumi.Input<pulumi.Resource> = migrationSucceeded;
    this.ssoReset = undefined;
    if (resetsStoredSso) {
      const state = volume("sso-state", "sso-state", false);
      volumes.push(state);
      const onState = [{ volumeName: state.name, containerPath: SSO_STATE_MOUNT }];
      const initName = `${prefix}-sso-state-init-${version}`;
      const init = new docker.Container(
        `${name}-sso-state-init`,
        {
          name: initName,
          image: serverImage.imageId,
          user: "0:0",
          capabilities: { drops: ["ALL"], adds: [...SSO_STATE_INIT_CAPABILITIES] },
          entrypoints: ["/bin/sh", "-c"],
          command: [SSO_STATE_INIT_SCRIPT],
          volumes: onState,
          networkMode: "none",
          attach: true,
          logs: true,
          mustRun: false,
          restart: "no",
        },
        { parent: this, dependsOn: [guard], deleteBeforeReplace: true },
      );
      const initDone = oneShotGate(SSO_STATE_INIT_STEP, init, initName, init.exitCode, init.containerLogs);
      // A new epoch whenever the stack takes the settings over again (see sso-reset.ts).
      const epoch = new random.RandomUuid(`${name}-sso-epoch`, {}, child);
      const digest = pulumi.unsecret(
        pulumi
          .all([sso, args.sso.clientSecret])
          .apply(([model, clientSecret]) => securityConfigDigest(model, clientSecret)),
      );
      const resetName = pulumi.interpolate`${prefix}-sso-reset-${digest}`;
      const reset = new docker.Container(
        `${name}-sso-reset`,
        {
          name: resetName,
          image: serverImage.imageId,
          entrypoints: ["/bin/sh", "-c"],
          command: [pulumi.all([digest, epoch.result]).apply(([d, e]) => dockerResetScript(d, e))],
          envs: serverEnvLines(sso, args.sso.clientSecret, extras),
          uploads: jwtUploads,
          volumes: onState,
          networksAdvanced: onNetwork,
          attach: true,
          logs: true,
          mustRun: false,
          restart: "no",
        },
        { parent: this, dependsOn: [guard, migrationSucceeded, initDone], deleteBeforeReplace: true },
      );
      this.ssoReset = reset;
      serverWaitsFor = oneShotGate(SSO_RESET_STEP, reset, resetName, reset.exitCode, reset.containerLogs);
    }

    this.server = new docker.Container(
      `${name}-server`,
      {
        name: this.serverName,
        image: serverImage.imageId,
        envs: serverEnvLines(sso, args.sso.clientSecret, extras),
        uploads: jwtUploads,
        ports: [{ internal: SERVER_PORT, external: uiPort, ip: bind }],
        networksAdvanced: onNetwork,
        healthcheck: SERVER_HEALTHCHECK,
        wait: true,
        waitTimeout: args.serverWaitTimeoutSeconds ?? DOCKER_DEFAULTS.serverWaitTimeoutSeconds,
        restart: "unless-stopped",
      },
      { parent: this, dependsOn: [guard, serverWaitsFor], deleteBeforeReplace: true },
    );

    if (withIngestion && airflowDbPassword && airflowAdminPassword) {
      const dagConfigs = volume("ingestion-dag-configs", "ingestion-dag-configs", false);
      const dags = volume("ingestion-dags", "ingestion-dags", false);
      const tmp = volume("ingestion-tmp", "ingestion-tmp", false);
      volumes.push(dagConfigs, dags, tmp);
      const airflowFernet = new random.RandomBytes(`${name}-airflow-fernet-key`, { length: 32 }, stateful);
      new docker.Container(
        `${name}-ingestion`,
        {
          name: `${prefix}-ingestion`,
          image: image("ingestion", images.ingestion).imageId,
          entrypoints: ["/bin/bash"],
          command: ["/opt/airflow/ingestion_dependency.sh"],
          envs: ingestionEnv(db, airflowDbPassword, airflowAdminPassword.result, release.airflowMajor, {
            fernetKey: pulumi.secret(airflowFernet.base64.apply(toFernetKey)),
            secretKey: password("airflow-secret-key").result,
            ...(release.airflowMajor === 3 ? { jwtSecret: password("airflow-jwt-secret").result } : {}),
          }).map(envLine),
          volumes: [
            { volumeName: dagConfigs.name, containerPath: "/opt/airflow/dag_generated_configs" },
            { volumeName: dags.name, containerPath: "/opt/airflow/dags" },
            { volumeName: tmp.name, containerPath: "/tmp" },
          ],
          ports:
            args.airflowPort === undefined
              ? []
              : [{ internal: AIRFLOW_PORT, external: args.airflowPort, ip: "127.0.0.1" }],
          networksAdvanced: onNetwork,
          restart: "unless-stopped",
        },
        { parent: this, dependsOn: [guard, ...waitFor.slice(0, 1)], deleteBeforeReplace: true },
      );
    }

    this.volumeNames = pulumi.all(volumes.map((v) => v.name));
    this.registerOutputs({
      serverName: this.serverName,
      sso: this.sso,
      internalUrl: this.internalUrl,
      hostUrl: this.hostUrl,
      volumeNames: this.volumeNames,
    });
  }
}

/** OpenMetadata's JWT key files at the paths the SSO model names (the private one secret). */
function jwtKeyUploads(
  sso: pulumi.Output<SsoModel>,
  source: OpenMetadataSso,
): docker.types.input.ContainerUpload[] {
  // Default mode 0644: the server runs as a non-root user; the files are readable only inside the container.
  return [
    {
      file: sso.apply((m) => m.jwtTokenConfiguration.rsapublicKeyFilePath),
      contentBase64: source.jwtKeys.publicKeyDerBase64,
    },
    {
      file: sso.apply((m) => m.jwtTokenConfiguration.rsaprivateKeyFilePath),
      contentBase64: pulumi.secret(source.jwtKeys.privateKeyDerBase64),
    },
  ];
}
