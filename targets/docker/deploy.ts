/** Deploys the Docker target: an explicit Docker provider and OpenMetadataDocker with the config's args. */
import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { OpenMetadataDocker } from "../../components/docker";
import type { DeployContext, TargetDeployment } from "../context";
import { dockerArgs, type DockerTargetConfig } from "./config";

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

export function deployDocker({ core, config, sso }: DeployContext<DockerTargetConfig>): TargetDeployment {
  const deployment = new OpenMetadataDocker(
    "openmetadata",
    { ...dockerArgs(config, core, pulumi.secret), sso },
    { providers: [dockerProvider(config)] },
  );
  return {
    sso: deployment.sso,
    outputs: {
      dockerServerContainer: deployment.serverName,
      dockerHostUrl: deployment.hostUrl,
      dockerVolumes: deployment.volumeNames,
    },
  };
}
