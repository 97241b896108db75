/**
 * The package's root entry (`openmetadata-entra`): the pure building blocks every target shares (SSO model and
 * renderings, URLs, releases, forms and problems) and the SSO source the components take. Each deployment
 * component has its own entry so a program loads only the SDK it uses: `openmetadata-entra/entra`,
 * `openmetadata-entra/docker`, `openmetadata-entra/vm`, `openmetadata-entra/kubernetes`.
 */
export * from "./problems";
export * from "./forms";
export * from "./openmetadata/urls";
export * from "./openmetadata/sso";
export * from "./openmetadata/releases";
export * from "./openmetadata/server-sso";
export { OpenMetadataJwtKeys, type OpenMetadataJwtKeysArgs } from "./openmetadata/jwt-keys";
