import * as pulumi from "@pulumi/pulumi";
import { yamlScalarEnvValue } from "../quoting";
import type { DatabaseEngine, SearchEngine } from "../openmetadata/data-services";
import type { OpenMetadataRelease } from "../openmetadata/releases";
import {
  dataServiceEnv,
  DB_PARAMS,
  DEFAULT_DATABASE_PORT,
  DEFAULT_SEARCH_PORT,
} from "../openmetadata/data-services";

export { OPENMETADATA_DATABASE, OPENMETADATA_DB_USER } from "../openmetadata/data-services";
/** Airflow's database and user as the upstream database images create them. */
export const AIRFLOW_DATABASE = "airflow_db";
export const AIRFLOW_DB_USER = "airflow_user";
/** Airflow's admin user; its password is generated. */
export const AIRFLOW_ADMIN_USER = "admin";
/** The bundled database's JDBC parameters: the upstream compose's, on the deployment's private network. */
export const BUNDLED_DB_PARAMS = DB_PARAMS.local;
export { ADMIN_PORT, SERVER_PORT } from "../openmetadata/server-ports";
export const SEARCH_PORT = DEFAULT_SEARCH_PORT;
export const AIRFLOW_PORT = 8080;

export const DATABASE_PORT = DEFAULT_DATABASE_PORT;
/** SQLAlchemy schemes of Airflow's own database connection. */
const AIRFLOW_DB_SCHEME: Record<DatabaseEngine, string> = {
  mysql: "mysql+pymysql",
  postgresql: "postgresql+psycopg2",
};

/** Where and how OpenMetadata reaches its database, whichever mode. */
export interface DatabaseConnection {
  engine: DatabaseEngine;
  host: string;
  port: number;
  name: string;
  user: string;
  password: pulumi.Input<string>;
  params: string;
}

export interface SearchConnection {
  engine: SearchEngine;
  host: string;
  port: number;
  scheme: "http" | "https";
  user?: string;
  password?: pulumi.Input<string>;
}

export interface PipelineConnection {
  /** http://<ingestion container>:8080 */
  endpoint: string;
  /** http://<server container>:8585/api, how Airflow calls back. */
  serverApiUrl: string;
  password: pulumi.Input<string>;
}

/** One environment variable; secret ones reach the container only as Pulumi secrets. */
export interface EnvVar {
  name: string;
  value: pulumi.Input<string>;
  secret: boolean;
}

const plain = (name: string, value: string | number | boolean): EnvVar => ({
  name,
  value: String(value),
  secret: false,
});
const secret = (name: string, value: pulumi.Input<string>): EnvVar => ({ name, value, secret: true });
/** A secret OpenMetadata pastes into its YAML as a whole scalar, quoted where YAML would misread it. */
const asScalar = (value: pulumi.Input<string>): pulumi.Input<string> =>
  typeof value === "string" ? yamlScalarEnvValue(value) : pulumi.output(value).apply(yamlScalarEnvValue);

/** The server's settings besides SSO, with upstream's variable names (quickstart compose, Helm chart 1.8.12). */
export function serverExtraEnv(
  db: DatabaseConnection,
  search: SearchConnection,
  pipeline: PipelineConnection | undefined,
  fernetKey: pulumi.Input<string>,
): EnvVar[] {
  return [
    ...dataServiceEnv<pulumi.Input<string>>(db, search, asScalar),
    plain("PIPELINE_SERVICE_CLIENT_ENABLED", pipeline !== undefined),
    ...(pipeline
      ? [
          plain("PIPELINE_SERVICE_CLIENT_ENDPOINT", pipeline.endpoint),
          plain("SERVER_HOST_API_URL", pipeline.serverApiUrl),
          plain("AIRFLOW_USERNAME", AIRFLOW_ADMIN_USER),
          secret("AIRFLOW_PASSWORD", asScalar(pipeline.password)),
        ]
      : []),
    secret("FERNET_KEY", asScalar(fernetKey)),
  ];
}

/** The one-shot migration also gets upstream's row limit per migration batch. */
export const MIGRATION_EXTRA_ENV: readonly EnvVar[] = [plain("MIGRATION_LIMIT_PARAM", 1200)];

/**
 * Airflow's own keys, generated: the ingestion image writes its airflow.cfg while it is built (`airflow db migrate`
 * in OpenMetadata's ingestion/Dockerfile), so the keys Airflow generates into it are the same for everyone who
 * pulls the image. The Fernet key encrypts Airflow's connections and variables; the secret key signs Airflow 2's
 * web sessions (`[webserver] secret_key`) or Airflow 3's (`[api] secret_key`); Airflow 3's components also sign
 * each other's calls with `[api_auth] jwt_secret` (the Kubernetes target sets the same keys through the charts).
 */
export interface AirflowKeys {
  fernetKey: pulumi.Input<string>;
  secretKey: pulumi.Input<string>;
  /** Airflow 3 only. */
  jwtSecret?: pulumi.Input<string>;
}

/** The env carrying AirflowKeys for an Airflow major version. */
export function airflowKeyEnv(airflowMajor: 2 | 3, keys: AirflowKeys): EnvVar[] {
  return [
    secret("AIRFLOW__CORE__FERNET_KEY", keys.fernetKey),
    ...(airflowMajor === 2
      ? [secret("AIRFLOW__WEBSERVER__SECRET_KEY", keys.secretKey)]
      : [
          secret("AIRFLOW__API__SECRET_KEY", keys.secretKey),
          secret("AIRFLOW__API_AUTH__JWT_SECRET", keys.jwtSecret as pulumi.Input<string>),
        ]),
  ];
}

/**
 * Airflow (ingestion image) settings, as the upstream compose's `ingestion` service sets them (the same names for
 * the Airflow 3 images of 1.11+: the image still starts with /opt/airflow/ingestion_dependency.sh and serves on
 * 8080; the chart's 1.13.1 values still set AIRFLOW__API__AUTH_BACKENDS), then Airflow's own keys.
 */
export function ingestionEnv(
  db: DatabaseConnection,
  airflowDbPassword: pulumi.Input<string>,
  adminPassword: pulumi.Input<string>,
  airflowMajor: 2 | 3,
  keys: AirflowKeys,
): EnvVar[] {
  return [
    plain(
      "AIRFLOW__API__AUTH_BACKENDS",
      "airflow.api.auth.backend.basic_auth,airflow.api.auth.backend.session",
    ),
    plain("AIRFLOW__CORE__EXECUTOR", "LocalExecutor"),
    plain("AIRFLOW__OPENMETADATA_AIRFLOW_APIS__DAG_GENERATED_CONFIGS", "/opt/airflow/dag_generated_configs"),
    plain("AIRFLOW_ADMIN_USER", AIRFLOW_ADMIN_USER),
    secret("AIRFLOW_ADMIN_PASSWORD", adminPassword),
    plain("DB_HOST", db.host),
    plain("DB_PORT", db.port),
    plain("AIRFLOW_DB", AIRFLOW_DATABASE),
    plain("DB_SCHEME", AIRFLOW_DB_SCHEME[db.engine]),
    plain("DB_USER", AIRFLOW_DB_USER),
    secret("DB_PASSWORD", airflowDbPassword),
    plain("DB_PROPERTIES", ""),
    ...airflowKeyEnv(airflowMajor, keys),
  ];
}

/**
 * The bundled database server's flags: upstream compose's sort / work memory, and for a release whose Airflow is
 * 3 (releases.ts `airflowMajor`) MySQL's `--log-bin-trust-function-creators=1`, the flag upstream's v1.11 upgrade
 * guide adds to the compose MySQL service: Airflow 3's migration of an Airflow 2 database creates a stored function,
 * which MySQL 8 refuses with binary logging on (its default) otherwise, and the ingestion container then never
 * starts after an upgrade into 1.11+. PostgreSQL is not affected (same guide).
 */
export function bundledDatabaseCommand(engine: DatabaseEngine, release: OpenMetadataRelease): string[] {
  if (engine === "postgresql") return ["--work_mem=10MB"];
  return [
    "--sort_buffer_size=10M",
    ...(release.airflowMajor === 3 ? ["--log-bin-trust-function-creators=1"] : []),
  ];
}
