import * as azuread from "@pulumi/azuread";
import * as docker from "@pulumi/docker";
import * as k8s from "@pulumi/kubernetes";
import { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { chartName } from "./helm-chart";
import { readKnown } from "./known";

/** Image name parts of the containers that hold data: OpenMetadata's MySQL/Postgres images and search engines. */
const DATA_IMAGE_PARTS = ["openmetadata/db", "openmetadata/postgresql", "elasticsearch", "opensearch"];
/**
 * Container names that give away a data container. Needed because programs usually pass
 * `RemoteImage.imageId` (`sha256:…`, unknown during preview) as `image`, which names no image.
 */
const DATA_CONTAINER_NAME = /mysql|postgres|elasticsearch|opensearch/i;
/** The chart that bundles MySQL and OpenSearch for OpenMetadata on Kubernetes. */
const DEPENDENCIES_CHART = "openmetadata-dependencies";

/** True when a docker Container runs a database or a search engine, judged by its image or its names. */
export function isDataContainer(image: string | undefined, names: (string | undefined)[]): boolean {
  const imageMatches = image !== undefined && DATA_IMAGE_PARTS.some((part) => image.includes(part));
  return imageMatches || names.some((name) => name !== undefined && DATA_CONTAINER_NAME.test(name));
}

/** True for the resources whose deletion loses the sign-in setup or data. */
function holdsState(args: ResourceValidationArgs): boolean {
  if (args.isType(azuread.Application) || args.isType(docker.Volume)) return true;
  if (args.isType(k8s.core.v1.PersistentVolumeClaim)) return true;
  const container = args.asType(docker.Container);
  if (container) {
    const image = readKnown(() => container.image);
    return isDataContainer(image, [args.name, readKnown(() => container.name)]);
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
    "In production, the Entra app, docker volumes and data containers, the openmetadata-dependencies release " +
    "and PersistentVolumeClaims are protected.",
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
