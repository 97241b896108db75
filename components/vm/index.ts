/** OpenMetadata on a Linux VM: the component, and the pure renderings it is built from. */
export * from "./openmetadata-vm";
export * from "./args";
export { vmArgsProblems, SSH_PUBLIC_KEY, PACKAGE_NAME } from "./validate";
export {
  renderSystemdUnit,
  unitExecutables,
  SERVICE_NAME,
  UNIT_PATH,
  ENV_FILE_PATH,
  SSO_RESET_SCRIPT_PATH,
  STATE_DIR,
} from "./unit";
export { vmResetScript, type VmResetOptions } from "./sso-reset";
export { renderCloudInit, releaseTarballUrl, type CloudInitOptions } from "./cloud-init";
export { vmServerEnv, dataServiceEnv } from "./env";
