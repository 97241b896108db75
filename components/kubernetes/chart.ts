import { SERVER_PORT } from "../openmetadata/server-ports";

/**
 * Facts about OpenMetadata's official Helm charts 1.8.x (repository https://helm.open-metadata.org, charts
 * `openmetadata-dependencies` and `openmetadata`, chart version == app version): the names their values and
 * templates expect. Source: the charts' values.yaml and README at tag openmetadata-1.8.12.
 */

export const HELM_REPOSITORY = "https://helm.open-metadata.org";
export const OPENMETADATA_CHART = "openmetadata";
export const DEPENDENCIES_CHART = "openmetadata-dependencies";

/**
 * Helm release names. The openmetadata chart sets `fullnameOverride: openmetadata`, so its Service is
 * `openmetadata` whatever the release is called; the dependencies release name is part of the default Airflow
 * endpoint (`http://openmetadata-dependencies-web:8080`), so both keep the names the docs use.
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
  /** The bundled Airflow's own Fernet key and webserver secret key (the chart's defaults are published). */
  airflowKeys: {
    name: "openmetadata-airflow-keys",
    fernetKey: "fernet-key",
    webserverSecretKey: "webserver-secret-key",
  },
} as const;

/** The URL by which the server reaches itself inside the cluster (its own JWKS for bot tokens). */
export function openMetadataServiceUrl(namespace: string): string {
  return `http://${OPENMETADATA_SERVICE}.${namespace}.svc.cluster.local:${OPENMETADATA_PORT}`;
}

/** Pod-template annotation holding a digest of the Secrets the server reads, so a changed secret rolls the pods. */
export const SECRETS_DIGEST_ANNOTATION = "openmetadata-entra/secrets-digest";
