/** OpenMetadata on a Docker host: the reusable component and its building blocks. */
export { OpenMetadataDocker, dockerServerInternalUrl, serverContainerName } from "./openmetadata-docker";
export * from "./args";
export { imageSet, type ImageSet } from "./images";
export { dockerArgsProblems, NAME_PREFIX, IMAGE_REGISTRY } from "./validate";
export { serverExtraEnv, ingestionEnv, MIGRATION_EXTRA_ENV, type EnvVar } from "./settings";
export {
  migrationFailure,
  migrationGate,
  oneShotFailure,
  oneShotGate,
  type OneShotStep,
} from "./migration-check";
export { bundledSearchEnv, searchDataPath } from "./search";
export { dockerResetScript, OPS_SCRIPT, SSO_STATE_MOUNT } from "./sso-reset";
