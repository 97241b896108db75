/**
 * Keys the `openmetadata` chart 1.8.12 accepts under the `openmetadata.config` sections this target writes.
 * The chart's values.schema.json sets `additionalProperties: false` on authentication, authorizer,
 * jwtTokenConfiguration, database and oidcConfiguration. The SSO lists come from the SSO rendering
 * (helm-chart-keys.ts); the others are derived the same way, from the chart's own values.yaml at tag
 * openmetadata-1.8.12 (its defaults, so the schema accepts every one). Anything else goes to `extraEnvs`.
 */
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

export const HELM_FERNET_KEYS = ["value", "secretRef", "secretKey"] as const;

/** Path under `openmetadata.config` → the keys allowed there. */
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
};

/** `openmetadata.config.<path>.<key>` for every key the chart does not accept; empty when all are known. */
export function unknownChartConfigKeys(config: Record<string, unknown>): string[] {
  const found: string[] = [];
  for (const [path, allowed] of Object.entries(HELM_CONFIG_SECTION_KEYS)) {
    let node: unknown = config;
    for (const part of path.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
    if (node === null || typeof node !== "object") continue;
    for (const key of Object.keys(node))
      if (!allowed.includes(key)) found.push(`openmetadata.config.${path}.${key}`);
  }
  return found;
}
