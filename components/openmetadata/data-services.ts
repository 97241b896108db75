/**
 * OpenMetadata's database and search settings as server environment variables, with the names its
 * `conf/openmetadata.yaml` reads (`${DB_HOST:-localhost}` ...; the same names as the upstream quickstart compose
 * and Helm chart 1.8.12). Shared by every target that configures the server through its environment, so the
 * names and driver classes exist once. Generic in the type of a secret value: plain strings on a VM's env file,
 * Pulumi inputs in a container's env.
 */

export type DatabaseEngine = "mysql" | "postgresql";
export type SearchEngine = "elasticsearch" | "opensearch";

export const DATABASE_DRIVER_CLASS: Record<DatabaseEngine, string> = {
  mysql: "com.mysql.cj.jdbc.Driver",
  postgresql: "org.postgresql.Driver",
};
export const DEFAULT_DATABASE_PORT: Record<DatabaseEngine, number> = { mysql: 3306, postgresql: 5432 };

export interface DatabaseSettings<Secret> {
  engine: DatabaseEngine;
  host: string;
  port: number;
  name: string;
  user: string;
  password: Secret;
  /** JDBC parameters (DB_PARAMS); left out when undefined so the server's default applies. */
  params?: string;
}

export interface SearchSettings<Secret> {
  engine: SearchEngine;
  host: string;
  port: number;
  scheme: "http" | "https";
  user?: string;
  password?: Secret;
}

/** One environment variable; `secret` ones must reach the server only as secrets. */
export interface ServerEnvVar<Secret> {
  name: string;
  value: string | Secret;
  secret: boolean;
}

export function dataServiceEnv<Secret>(
  db: DatabaseSettings<Secret>,
  search: SearchSettings<Secret>,
): ServerEnvVar<Secret>[] {
  const plain = (name: string, value: string | number): ServerEnvVar<Secret> => ({
    name,
    value: String(value),
    secret: false,
  });
  return [
    plain("DB_DRIVER_CLASS", DATABASE_DRIVER_CLASS[db.engine]),
    plain("DB_SCHEME", db.engine),
    plain("DB_HOST", db.host),
    plain("DB_PORT", db.port),
    ...(db.params !== undefined ? [plain("DB_PARAMS", db.params)] : []),
    plain("OM_DATABASE", db.name),
    plain("DB_USER", db.user),
    { name: "DB_USER_PASSWORD", value: db.password, secret: true },
    plain("SEARCH_TYPE", search.engine),
    plain("ELASTICSEARCH_HOST", search.host),
    plain("ELASTICSEARCH_PORT", search.port),
    plain("ELASTICSEARCH_SCHEME", search.scheme),
    ...(search.user !== undefined ? [plain("ELASTICSEARCH_USER", search.user)] : []),
    ...(search.password !== undefined
      ? [{ name: "ELASTICSEARCH_PASSWORD", value: search.password, secret: true }]
      : []),
  ];
}
