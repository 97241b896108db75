/** The OpenMetadata SSO model and its renderings: pure functions of plain values, no Pulumi resources. */
export * from "./model";
export type { SsoInput, SsoJwtInput, SsoSettings } from "./input";
export * from "./validate-input";
export { buildSsoModel, openMetadataJwksUrl } from "./build-model";
export {
  entraAuthority,
  entraDiscoveryUri,
  ENTRA_LOGIN_HOST,
  ENTRA_SIGNING_KEYS_URL,
} from "../../entra/endpoints";
export { formatEnvList } from "./env-list";
export { renderServerEnv, checkSecretsFitModel, type EnvEntry } from "./render-server-env";
export { renderEnvFile } from "./env-file";
export * from "./helm-chart-keys";
export {
  renderHelmValues,
  renderHelmOidcSecretData,
  type HelmSsoValues,
  type HelmValuesOptions,
  type HelmOidcSecretRef,
  type SecretKeyRef,
} from "./render-helm-values";
