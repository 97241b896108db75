import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import type { DockerTargetConfig } from "../config/targets/docker";
import { dockerServerInternalUrl, OpenMetadataDocker } from "../components/docker";
import type { BundledDatabase, ExternalDatabase, BundledSearch, ExternalSearch } from "../components/docker";
import { isLocalUrl } from "../components/openmetadata/urls";
import type { StackConfig } from "../config";
import type { DeployTarget } from "./context";

/** An explicit provider from config, so an ambient DOCKER_HOST never picks the host silently. */
function dockerProvider(c: DockerTargetConfig): docker.Provider {
  const secret = (v: string | undefined) => (v === undefined ? undefined : pulumi.secret(v));
  return new docker.Provider("docker", {
    host: c.dockerHost,
    sshOpts: c.dockerSshOpts,
    caMaterial: secret(c.dockerTlsCa),
    certMaterial: secret(c.dockerTlsCert),
    keyMaterial: secret(c.dockerTlsKey),
  });
}

function database(c: DockerTargetConfig): BundledDatabase | ExternalDatabase {
  if (c.dockerDatabaseMode === "bundled") return { mode: "bundled", engine: c.dockerDatabaseEngine };
  return {
    mode: "external",
    engine: c.dockerDatabaseEngine,
    host: c.dockerDatabaseHost ?? "",
    port: c.dockerDatabasePort,
    name: c.dockerDatabaseName,
    user: c.dockerDatabaseUser,
    password: pulumi.secret(c.dockerDatabasePassword ?? ""),
    params: c.dockerDatabaseParams,
  };
}

function search(c: DockerTargetConfig): BundledSearch | ExternalSearch {
  if (c.dockerSearchMode === "bundled")
    return { mode: "bundled", engine: c.dockerSearchEngine, heapMb: c.dockerSearchHeapMb };
  return {
    mode: "external",
    engine: c.dockerSearchEngine,
    host: c.dockerSearchHost ?? "",
    port: c.dockerSearchPort,
    scheme: c.dockerSearchScheme,
    user: c.dockerSearchUser,
    password: c.dockerSearchPassword === undefined ? undefined : pulumi.secret(c.dockerSearchPassword),
  };
}

/** The UI binds to loopback for a localhost publicUrl; otherwise a reverse proxy or users reach it on the host. */
export function uiBindAddress(publicUrl: string): string {
  return isLocalUrl(publicUrl) ? "127.0.0.1" : "0.0.0.0";
}

function dockerConfig(config: StackConfig): DockerTargetConfig {
  if (config.target.kind !== "docker") throw new Error(`the docker target got a ${config.target.kind} stack`);
  return config.target.config;
}

/** OpenMetadata on a Docker host, with the SSO model rendered into the server's env. */
export const deployDocker: DeployTarget = (context) => {
  const { config } = context;
  const c = dockerConfig(config);
  const sso = context.ssoModel(dockerServerInternalUrl(c.dockerNamePrefix));
  const clientSecret = config.entra.clientType === "confidential" ? context.identity.clientSecret : undefined;
  const deployment = new OpenMetadataDocker(
    "openmetadata",
    {
      sso,
      oidcClientSecret: clientSecret,
      jwtKeys: context.jwtKeys,
      version: config.openmetadataVersion,
      imageRegistry: c.dockerImageRegistry,
      namePrefix: c.dockerNamePrefix,
      database: database(c),
      search: search(c),
      ingestion: c.dockerIngestion,
      uiPort: c.dockerUiPort,
      uiBindAddress: uiBindAddress(config.publicUrl),
      airflowPort: c.dockerAirflowPort,
      serverWaitTimeoutSeconds: c.dockerServerWaitTimeout,
      protect: config.production,
    },
    { providers: [dockerProvider(c)] },
  );
  return {
    sso,
    outputs: {
      dockerServerContainer: deployment.serverName,
      dockerHostUrl: deployment.hostUrl,
      dockerVolumes: deployment.volumeNames,
    },
  };
};
