import { SERVER_IMAGE_OPS_SCRIPT, type OpenMetadataRelease } from "../openmetadata/releases";
import { SERVER_PORT } from "../openmetadata/server-ports";

/**
 * Facts about OpenMetadata's official Helm charts 1.8-1.13 (repository https://helm.open-metadata.org, charts
 * `openmetadata-dependencies` and `openmetadata`, chart version == app version): the names their values and
 * templates expect. Sources: the charts' values.yaml, templates and README at the tags openmetadata-<version>
 * (what differs between versions is in releases.ts, ChartFacts).
 */

export const HELM_REPOSITORY = "https://helm.open-metadata.org";
export const OPENMETADATA_CHART = "openmetadata";
export const DEPENDENCIES_CHART = "openmetadata-dependencies";

/**
 * Helm release names. The openmetadata chart sets `fullnameOverride: openmetadata`, so its Service is
 * `openmetadata` whatever the release is called; the dependencies release name is part of the Airflow endpoint
 * (bundledAirflowEndpoint), so both keep the names the docs use.
 */
export const OPENMETADATA_RELEASE = "openmetadata";
export const DEPENDENCIES_RELEASE = "openmetadata-dependencies";
/** The openmetadata chart's Service name (its `fullnameOverride`) and HTTP port. */
export const OPENMETADATA_SERVICE = "openmetadata";
export const OPENMETADATA_PORT = SERVER_PORT;

/** Secrets (name and key) the charts read, as their READMEs create them with `kubectl create secret`. */
export const CHART_SECRETS = {
  mysql: { name: "mysql-secrets", key: "openmetadata-mysql-password" },
  airflow: { name: "airflow-secrets", key: "openmetadata-airflow-password" },
  airflowMysql: { name: "airflow-mysql-secrets", key: "airflow-mysql-password" },
  elasticsearch: { name: "elasticsearch-secrets", key: "openmetadata-elasticsearch-password" },
} as const;

/** Secrets this program adds; the chart reads them through `fernetkey.secretRef` and `extraVolumes`. */
export const OWN_SECRETS = {
  fernet: { name: "openmetadata-fernet-key", key: "fernet-key" },
  jwtKeys: { name: "openmetadata-jwt-keys" },
  /** Bitnami MySQL's `auth.existingSecret` (bundled mode): the root password under the key it expects. */
  mysqlRoot: { name: "openmetadata-mysql-root", key: "mysql-root-password" },
  /**
   * The bundled Airflow's own keys (the charts' defaults are published). The key names are the ones the official
   * apache-airflow chart reads from `fernetKeySecretName`, `webserverSecretKeySecretName`, `apiSecretKeySecretName`
   * and `jwtSecretName`; airflow-helm gets the first two through `extraEnv`. The API secret key and the JWT secret
   * exist only for Airflow 3 (apache-airflow).
   */
  airflowKeys: {
    name: "openmetadata-airflow-keys",
    fernetKey: "fernet-key",
    webserverSecretKey: "webserver-secret-key",
    apiSecretKey: "api-secret-key",
    jwtSecret: "jwt-secret",
  },
  /**
   * The apache-airflow chart's `data.metadataSecretName`: Airflow's metadata database as a SQLAlchemy URL under
   * `connection` (it replaces `data.metadataConnection`, whose published password would otherwise be used).
   */
  airflowMetadata: { name: "openmetadata-airflow-metadata", key: "connection" },
} as const;

/** Airflow's database in the bundled MySQL, as the dependencies chart's init scripts create it. */
export const AIRFLOW_DATABASE = {
  host: "mysql",
  port: 3306,
  name: "airflow_db",
  user: "airflow_user",
} as const;

/** The SQLAlchemy URL of Airflow's metadata database (the apache-airflow chart's `connection` key). */
export function airflowMetadataConnection(password: string): string {
  const db = AIRFLOW_DATABASE;
  return `mysql://${db.user}:${encodeURIComponent(password)}@${db.host}:${db.port}/${db.name}`;
}

/**
 * The bundled Airflow's API as the openmetadata chart's own default names it: airflow-helm's webserver Service
 * `<release>-web` (Airflow 2), the apache-airflow chart's `<release>-api-server` (Airflow 3) from 1.11.3 (values.yaml
 * `pipelineServiceClientConfig[.airflow].apiEndpoint` at each tag).
 */
export function bundledAirflowEndpoint(release: OpenMetadataRelease): string {
  const service = release.chart.airflowChart === "apache-airflow" ? "api-server" : "web";
  return `http://${DEPENDENCIES_RELEASE}-${service}:8080`;
}

/**
 * The server image's ops script: the chart's run-db-migrations init container runs
 * `bash -c "<it> migrate <upgradeMigrationConfigs.additionalArgs>"` (_helpers.tpl OpenMetadata.buildUpgradeCommand,
 * the same at every 1.8-1.13 tag).
 */
export const OPS_SCRIPT = SERVER_IMAGE_OPS_SCRIPT;

/** The URL by which the server reaches itself inside the cluster (its own JWKS for bot tokens). */
export function openMetadataServiceUrl(namespace: string): string {
  return `http://${OPENMETADATA_SERVICE}.${namespace}.svc.cluster.local:${OPENMETADATA_PORT}`;
}

/** Pod-template annotation holding a digest of the Secrets the server reads, so a changed secret rolls the pods. */
export const SECRETS_DIGEST_ANNOTATION = "openmetadata-entra/secrets-digest";

/**
 * Pod-template annotation holding securityConfigDigest of the SSO model: the chart renders the SSO settings into
 * its own Secrets, which carry no checksum in the pod template, so without it an SSO-only change would never reach
 * a running pod; with it the pods roll, and on 1.10+ with the stack as source the init container's reset runs.
 */
export const SSO_DIGEST_ANNOTATION = "openmetadata-entra/sso-digest";
