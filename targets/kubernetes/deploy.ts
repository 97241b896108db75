/** Deploys the Kubernetes target: OpenMetadataKubernetes with the config's args. */
import * as pulumi from "@pulumi/pulumi";
import { OpenMetadataKubernetes } from "../../components/kubernetes";
import type { DeployContext, TargetDeployment } from "../context";
import { kubernetesArgs, type KubernetesTargetConfig } from "./config";

export function deployKubernetes({
  core,
  config,
  sso,
}: DeployContext<KubernetesTargetConfig>): TargetDeployment {
  const deployment = new OpenMetadataKubernetes("openmetadata", {
    ...kubernetesArgs(config, core, pulumi.secret),
    sso,
  });
  return {
    sso: deployment.sso,
    outputs: {
      kubernetesNamespace: deployment.namespace,
      openmetadataReleaseStatus: deployment.releaseStatus,
    },
  };
}
