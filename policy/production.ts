import * as azuread from "@pulumi/azuread";
import * as docker from "@pulumi/docker";
import * as k8s from "@pulumi/kubernetes";
import { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { chartName } from "./helm-chart";
import { readKnown } from "./known";

/** The chart that bundles MySQL and OpenSearch for OpenMetadata on Kubernetes. */
const DEPENDENCIES_CHART = "openmetadata-dependencies";
/**
 * Docker volumes that hold data are named after what they hold (`<prefix>-mysql-data`, ...); Airflow's working
 * volumes (generated DAGs, tmp) are not data. Containers are not data either: their data lives in these volumes,
 * and protecting a container would block the upgrade that replaces it with a new image.
 */
const DATA_VOLUME_NAME = /-(mysql|postgresql|elasticsearch|opensearch)-data$/;

/** True when a docker Volume holds a database's or a search engine's data, judged by its Docker name. */
export function isDataVolume(name: string | undefined): boolean {
  return name !== undefined && DATA_VOLUME_NAME.test(name);
}

/** True for the resources whose deletion loses the sign-in setup or data. */
function holdsState(args: ResourceValidationArgs): boolean {
  if (args.isType(azuread.Application)) return true;
  if (args.isType(k8s.core.v1.PersistentVolumeClaim) || args.isType(k8s.core.v1.Namespace)) return true;
  const volume = args.asType(docker.Volume);
  // A volume whose name is not known yet (preview) counts: the check must not pass on an unknown.
  if (volume) {
    const name = readKnown(() => volume.name);
    return name === undefined || isDataVolume(name);
  }
  const release = args.asType(k8s.helm.v3.Release);
  if (release) {
    const chart = readKnown(() => release.chart);
    return chart !== undefined && chartName(chart) === DEPENDENCIES_CHART;
  }
  return false;
}

/** Config of {@link productionResourcesProtected}. */
export interface ProductionConfig {
  /** The stack is production: stateful resources must be protected. @default false */
  production?: boolean;
}

/**
 * Production stacks protect what holds state. Only `protect` counts: @pulumi/policy 1.21 passes a resource's
 * `protect`, `ignoreChanges`, `deleteBeforeReplace`, `aliases`, `customTimeouts`, `additionalSecretOutputs`
 * and `parent` to policies, but not `retainOnDelete` (the analyzer protocol does not carry it).
 */
export const productionResourcesProtected: ResourceValidationPolicy = {
  name: "production-resources-protected",
  description:
    "In production, the Entra app, the docker volumes that hold data, the namespace, the openmetadata-dependencies " +
    "release and PersistentVolumeClaims are protected (containers are not: an upgrade replaces them).",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      production: {
        type: "boolean",
        default: false,
        description: "The stack is production: stateful resources must set the protect option.",
      },
    },
  },
  validateResource: (args, reportViolation) => {
    if (args.getConfig<ProductionConfig>().production !== true) return;
    if (args.opts.protect || !holdsState(args)) return;
    const kind = args.type.split(":").pop();
    reportViolation(
      `${kind} "${args.name}" is not protected; production stacks must set the resource option ` +
        "protect: true on it (retainOnDelete is not visible to policy packs, so it does not satisfy this rule).",
    );
  },
};
