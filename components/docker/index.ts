/** OpenMetadata on a Docker host: the reusable component and its building blocks. */
export { OpenMetadataDocker, dockerServerInternalUrl, serverContainerName } from "./openmetadata-docker";
export {
  DEFAULT_OPENMETADATA_VERSION,
  DEFAULT_NAME_PREFIX,
  DEFAULT_SEARCH_HEAP_MB,
  DEFAULT_SERVER_WAIT_SECONDS,
} from "./openmetadata-docker";
export type * from "./args";
export { imageSet, type ImageSet, type DatabaseEngine, type SearchEngine } from "./images";
export { dockerArgsProblems } from "./validate";
export { serverExtraEnv, ingestionEnv, MIGRATION_EXTRA_ENV, type EnvVar } from "./settings";
export { migrationFailure, migrationGate } from "./migration-check";
