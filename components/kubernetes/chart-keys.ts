/**
 * Keys the `openmetadata` chart accepts under the `openmetadata.config` sections this target writes. The chart's
 * values.schema.json sets `additionalProperties: false` on every one of them. The SSO lists come from the SSO
 * rendering (helm-chart-keys.ts); the others from the charts' values.schema.json at the tags openmetadata-1.8.12,
 * 1.9.17, 1.10.14, 1.11.2, 1.11.13, 1.12.12 and 1.13.1, which list the same keys for these sections except
 * `pipelineServiceClientConfig`: from 1.11.12 it also has `type` and the nested `airflow` (k8s, argoWorkflows: not
 * written here). Anything else goes to `extraEnvs`. The tests validate the rendered values against each schema.
 */
import type { ChartFacts } from "../openmetadata/releases";
import {
  HELM_AUTHENTICATION_KEYS,
  HELM_AUTHORIZER_KEYS,
  HELM_JWT_TOKEN_CONFIGURATION_KEYS,
  HELM_OIDC_CONFIGURATION_KEYS,
  HELM_SECRET_REF_KEYS,
} from "../openmetadata/sso";

export const HELM_DATABASE_KEYS = [
  "enabled",
  "host",
  "port",
  "driverClass",
  "dbScheme",
  "databaseName",
  "auth",
  "dbParams",
  "maxSize",
  "minSize",
  "initialSize",
  "checkConnectionWhileIdle",
  "checkConnectionOnBorrow",
  "evictionInterval",
  "minIdleTime",
] as const;

export const HELM_DATABASE_AUTH_KEYS = ["username", "password"] as const;

export const HELM_ELASTICSEARCH_KEYS = [
  "enabled",
  "host",
  "searchType",
  "port",
  "scheme",
  "clusterAlias",
  "payLoadSize",
  "connectionTimeoutSecs",
  "socketTimeoutSecs",
  "batchSize",
  "searchIndexMappingLanguage",
  "keepAliveTimeoutSecs",
  "trustStore",
  "auth",
] as const;

export const HELM_ELASTICSEARCH_AUTH_KEYS = ["enabled", "username", "password"] as const;

export const HELM_PIPELINE_CLIENT_KEYS = [
  "enabled",
  "className",
  "apiEndpoint",
  "metadataApiEndpoint",
  "verifySsl",
  "hostIp",
  "ingestionIpInfoEnabled",
  "healthCheckInterval",
  "sslCertificatePath",
  "auth",
] as const;

export const HELM_PIPELINE_CLIENT_AUTH_KEYS = [
  "enabled",
  "username",
  "password",
  "trustStorePath",
  "trustStorePassword",
] as const;

/** `pipelineServiceClientConfig.airflow` of the nested layout (chart 1.11.12 / 1.12.1 on): the flat keys, moved. */
export const HELM_PIPELINE_CLIENT_AIRFLOW_KEYS = HELM_PIPELINE_CLIENT_KEYS;

/** The nested layout's top level: the flat keys (still in the schema) plus the client type and its sections. */
export const HELM_PIPELINE_CLIENT_NESTED_KEYS = [
  ...HELM_PIPELINE_CLIENT_KEYS,
  "type",
  "airflow",
  "k8s",
] as const;

export const HELM_FERNET_KEYS = ["value", "secretRef", "secretKey"] as const;

export const HELM_UPGRADE_MIGRATION_KEYS = ["additionalArgs", "debug"] as const;

/** Path under `openmetadata.config` → the keys allowed there (the flat pipeline layout). */
export const HELM_CONFIG_SECTION_KEYS: Readonly<Record<string, readonly string[]>> = {
  authentication: HELM_AUTHENTICATION_KEYS,
  "authentication.oidcConfiguration": HELM_OIDC_CONFIGURATION_KEYS,
  "authentication.oidcConfiguration.clientId": HELM_SECRET_REF_KEYS,
  "authentication.oidcConfiguration.clientSecret": HELM_SECRET_REF_KEYS,
  authorizer: HELM_AUTHORIZER_KEYS,
  jwtTokenConfiguration: HELM_JWT_TOKEN_CONFIGURATION_KEYS,
  database: HELM_DATABASE_KEYS,
  "database.auth": HELM_DATABASE_AUTH_KEYS,
  "database.auth.password": HELM_SECRET_REF_KEYS,
  elasticsearch: HELM_ELASTICSEARCH_KEYS,
  "elasticsearch.auth": HELM_ELASTICSEARCH_AUTH_KEYS,
  "elasticsearch.auth.password": HELM_SECRET_REF_KEYS,
  pipelineServiceClientConfig: HELM_PIPELINE_CLIENT_KEYS,
  "pipelineServiceClientConfig.auth": HELM_PIPELINE_CLIENT_AUTH_KEYS,
  "pipelineServiceClientConfig.auth.password": HELM_SECRET_REF_KEYS,
  fernetkey: HELM_FERNET_KEYS,
  upgradeMigrationConfigs: HELM_UPGRADE_MIGRATION_KEYS,
};

/** The keys allowed per section for a chart's pipeline layout. */
export function chartConfigSectionKeys(
  pipelineConfig: ChartFacts["pipelineConfig"],
): Readonly<Record<string, readonly string[]>> {
  if (pipelineConfig === "flat") return HELM_CONFIG_SECTION_KEYS;
  return {
    ...HELM_CONFIG_SECTION_KEYS,
    pipelineServiceClientConfig: HELM_PIPELINE_CLIENT_NESTED_KEYS,
    "pipelineServiceClientConfig.airflow": HELM_PIPELINE_CLIENT_AIRFLOW_KEYS,
    "pipelineServiceClientConfig.airflow.auth": HELM_PIPELINE_CLIENT_AUTH_KEYS,
    "pipelineServiceClientConfig.airflow.auth.password": HELM_SECRET_REF_KEYS,
  };
}

/**
 * `openmetadata.config.<path>.<key>` for every key the chart does not accept; empty when all are known.
 * @param pipelineConfig the chart's pipeline layout (releases.ts ChartFacts). @default "flat"
 */
export function unknownChartConfigKeys(
  config: Record<string, unknown>,
  pipelineConfig: ChartFacts["pipelineConfig"] = "flat",
): string[] {
  const found: string[] = [];
  for (const [path, allowed] of Object.entries(chartConfigSectionKeys(pipelineConfig))) {
    let node: unknown = config;
    for (const part of path.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
    if (node === null || typeof node !== "object") continue;
    for (const key of Object.keys(node))
      if (!allowed.includes(key)) found.push(`openmetadata.config.${path}.${key}`);
  }
  return found;
}
