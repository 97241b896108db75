/**
 * Public API: reuse these components from other Pulumi programs, e.g. `new OpenMetadataDocker(...)` with your
 * own Entra app. Each target's building blocks are also available under its namespace (`docker.*`,
 * `kubernetes.*`). Importing this file loads every target's SDK; the program itself imports targets lazily.
 */
export * from "./entra";
export * from "./openmetadata/urls";
export * from "./openmetadata/sso";
export { OpenMetadataJwtKeys, type OpenMetadataJwtKeysArgs } from "./openmetadata/jwt-keys";
export { OpenMetadataDocker } from "./docker";
export type { OpenMetadataDockerArgs } from "./docker";
export { OpenMetadataKubernetes } from "./kubernetes";
export type { OpenMetadataKubernetesArgs } from "./kubernetes";
export { OpenMetadataVm } from "./vm";
export type { OpenMetadataVmArgs } from "./vm";
export * as docker from "./docker";
export * as kubernetes from "./kubernetes";
export * as vm from "./vm";
