import {
  kubernetesWorkloadResourceLimits,
  openmetadataReleaseResourceLimits,
} from "../policy/resource-limits";
import { violationsOf } from "./policy-harness";

const LIMITED = { name: "app", image: "x", resources: { limits: { cpu: "1", memory: "2Gi" } } };
const podSpec = (...containers: object[]) => ({ containers });

/** [kind, type token, props built around a pod spec] for every workload kind the policy covers. */
const WORKLOADS: [string, string, (spec: object) => Record<string, unknown>][] = [
  ["Deployment", "kubernetes:apps/v1:Deployment", (spec) => ({ spec: { template: { spec } } })],
  ["StatefulSet", "kubernetes:apps/v1:StatefulSet", (spec) => ({ spec: { template: { spec } } })],
  ["DaemonSet", "kubernetes:apps/v1:DaemonSet", (spec) => ({ spec: { template: { spec } } })],
  ["Job", "kubernetes:batch/v1:Job", (spec) => ({ spec: { template: { spec } } })],
  [
    "CronJob",
    "kubernetes:batch/v1:CronJob",
    (spec) => ({ spec: { jobTemplate: { spec: { template: { spec } } } } }),
  ],
  ["Pod", "kubernetes:core/v1:Pod", (spec) => ({ spec })],
];

describe("kubernetes-workload-resource-limits", () => {
  it.each(WORKLOADS)("accepts a %s whose containers all set cpu and memory limits", (_kind, type, wrap) => {
    expect(violationsOf(kubernetesWorkloadResourceLimits, type, wrap(podSpec(LIMITED, LIMITED)))).toEqual([]);
  });

  it.each(WORKLOADS)("rejects a %s with a container lacking limits", (kind, type, wrap) => {
    const spec = {
      ...podSpec(LIMITED, { name: "sidecar", image: "y" }),
      initContainers: [{ name: "migrate" }],
    };
    expect(violationsOf(kubernetesWorkloadResourceLimits, type, wrap(spec), { name: "om" })).toEqual([
      `${kind} "om" container "migrate" has no resources.limits.cpu or resources.limits.memory; set cpu and memory limits on every container.`,
      `${kind} "om" container "sidecar" has no resources.limits.cpu or resources.limits.memory; set cpu and memory limits on every container.`,
    ]);
  });

  it("names the one missing limit", () => {
    const spec = podSpec({
      name: "app",
      resources: { limits: { cpu: "500m" }, requests: { memory: "1Gi" } },
    });
    expect(
      violationsOf(kubernetesWorkloadResourceLimits, "kubernetes:apps/v1:Deployment", WORKLOADS[0][2](spec), {
        name: "om",
      }),
    ).toEqual([
      'Deployment "om" container "app" has no resources.limits.memory; set cpu and memory limits on every container.',
    ]);
  });

  it("is mandatory", () => {
    expect(kubernetesWorkloadResourceLimits.enforcementLevel).toBe("mandatory");
  });
});

describe("openmetadata-release-resource-limits", () => {
  const RELEASE = "kubernetes:helm.sh/v3:Release";

  it("accepts the openmetadata release with cpu and memory limits", () => {
    const props = {
      chart: "open-metadata/openmetadata",
      values: { resources: { limits: { cpu: "2", memory: "4Gi" } } },
    };
    expect(violationsOf(openmetadataReleaseResourceLimits, RELEASE, props)).toEqual([]);
  });

  it("rejects the openmetadata release without limits", () => {
    expect(
      violationsOf(openmetadataReleaseResourceLimits, RELEASE, { chart: "openmetadata" }, { name: "om" }),
    ).toEqual([
      'Release "om" (chart openmetadata) does not set values.resources.limits.cpu or values.resources.limits.memory; set resources.limits.cpu and resources.limits.memory in the chart values.',
    ]);
    const cpuOnly = { chart: "openmetadata", values: { resources: { limits: { cpu: "2" } } } };
    expect(violationsOf(openmetadataReleaseResourceLimits, RELEASE, cpuOnly, { name: "om" })).toEqual([
      'Release "om" (chart openmetadata) does not set values.resources.limits.memory; set resources.limits.cpu and resources.limits.memory in the chart values.',
    ]);
  });

  it("ignores other charts", () => {
    expect(
      violationsOf(openmetadataReleaseResourceLimits, RELEASE, { chart: "openmetadata-dependencies" }),
    ).toEqual([]);
  });

  it("is advisory", () => {
    expect(openmetadataReleaseResourceLimits.enforcementLevel).toBe("advisory");
  });
});
