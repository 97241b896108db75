import * as k8s from "@pulumi/kubernetes";
import { ReportViolation, ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { chartName } from "./helm-chart";
import { readKnown } from "./known";

/** The part of a container (or of chart values) this check reads. */
interface WithResources {
  name?: string;
  resources?: { limits?: Record<string, unknown> };
}
/** The part of a pod spec this check reads. */
interface PodSpecLike {
  containers?: WithResources[];
  initContainers?: WithResources[];
}

/** The limits every container must set. */
const REQUIRED_LIMITS = ["cpu", "memory"];

/** `resources.limits.<key>` for each required limit missing from `subject`. */
function missingLimits(subject: WithResources | undefined): string[] {
  const limits = subject?.resources?.limits;
  return REQUIRED_LIMITS.filter((key) => limits?.[key] === undefined || limits[key] === "").map(
    (key) => `resources.limits.${key}`,
  );
}

/** Reports each init or app container of `spec` that lacks a cpu or memory limit. */
function checkPodSpec(
  kind: string,
  name: string,
  spec: PodSpecLike | undefined,
  report: ReportViolation,
): void {
  for (const container of [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])]) {
    const missing = missingLimits(container);
    if (missing.length > 0) {
      report(
        `${kind} "${name}" container "${container.name}" has no ${missing.join(" or ")}; ` +
          "set cpu and memory limits on every container.",
      );
    }
  }
}

export const kubernetesWorkloadResourceLimits: ResourceValidationPolicy = {
  name: "kubernetes-workload-resource-limits",
  description:
    "Every container of the Deployments, StatefulSets, DaemonSets, Jobs, CronJobs and Pods the program " +
    "defines sets resources.limits.cpu and resources.limits.memory.",
  enforcementLevel: "mandatory",
  validateResource: [
    validateResourceOfType(k8s.apps.v1.Deployment, (w, args, report) =>
      checkPodSpec("Deployment", args.name, w.spec?.template?.spec, report),
    ),
    validateResourceOfType(k8s.apps.v1.StatefulSet, (w, args, report) =>
      checkPodSpec("StatefulSet", args.name, w.spec?.template?.spec, report),
    ),
    validateResourceOfType(k8s.apps.v1.DaemonSet, (w, args, report) =>
      checkPodSpec("DaemonSet", args.name, w.spec?.template?.spec, report),
    ),
    validateResourceOfType(k8s.batch.v1.Job, (w, args, report) =>
      checkPodSpec("Job", args.name, w.spec?.template?.spec, report),
    ),
    validateResourceOfType(k8s.batch.v1.CronJob, (w, args, report) =>
      checkPodSpec("CronJob", args.name, w.spec?.jobTemplate?.spec?.template?.spec, report),
    ),
    validateResourceOfType(k8s.core.v1.Pod, (w, args, report) =>
      checkPodSpec("Pod", args.name, w.spec, report),
    ),
  ],
};

/** The OpenMetadata server chart; its `resources` value becomes the server container's resources. */
const OPENMETADATA_CHART = "openmetadata";

export const openmetadataReleaseResourceLimits: ResourceValidationPolicy = {
  name: "openmetadata-release-resource-limits",
  description:
    "The openmetadata Helm release sets values.resources.limits (cpu and memory); the chart sets none.",
  enforcementLevel: "advisory",
  validateResource: validateResourceOfType(k8s.helm.v3.Release, (release, args, report) => {
    const chart = readKnown(() => release.chart);
    if (chart === undefined || chartName(chart) !== OPENMETADATA_CHART) return;
    const missing = missingLimits(release.values as WithResources | undefined);
    if (missing.length > 0) {
      report(
        `Release "${args.name}" (chart ${OPENMETADATA_CHART}) does not set values.${missing.join(" or values.")}; ` +
          "set resources.limits.cpu and resources.limits.memory in the chart values.",
      );
    }
  }),
};
