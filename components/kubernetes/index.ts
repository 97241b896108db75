/** OpenMetadata on Kubernetes from the official Helm charts, with Entra ID SSO. */
export { OpenMetadataKubernetes } from "./component";
export * from "./args";
export * from "./settings";
export * from "./chart";
export { openMetadataValues, pipelineClientValues } from "./values";
export { dependenciesValues, type DependenciesValues } from "./dependencies-values";
export { ingressValues } from "./ingress-values";
export { unknownChartConfigKeys, chartConfigSectionKeys, HELM_CONFIG_SECTION_KEYS } from "./chart-keys";
export { kubernetesArgsProblems, kubeconfigContexts } from "./validate";
