/**
 * The server's environment on the VM: exactly the SSO model's env rendering, followed by the database and search
 * settings OpenMetadata's `conf/openmetadata.yaml` reads (`${DB_HOST:-localhost}` and so on). Nothing
 * auth-related is built here.
 */
import { renderServerEnv, type EnvEntry, type SsoModel, type SsoSecrets } from "../openmetadata/sso";

export type DatabaseType = "mysql" | "postgresql";
export type SearchType = "elasticsearch" | "opensearch";

/** OpenMetadata's database connection (`database:` in openmetadata.yaml). */
export interface VmDatabase {
  /** @default "mysql" */
  type?: DatabaseType;
  /** @default "localhost" */
  host?: string;
  /** @default 3306 for mysql, 5432 for postgresql */
  port?: number;
  /** @default "openmetadata_db" */
  name?: string;
  /** @default "openmetadata_user" */
  user?: string;
  password: string;
}

/** OpenMetadata's search connection (`elasticsearch:` in openmetadata.yaml). */
export interface VmSearch {
  /** @default "elasticsearch" */
  type?: SearchType;
  /** @default "localhost" */
  host?: string;
  /** @default 9200 */
  port?: number;
  /** @default "http" */
  scheme?: "http" | "https";
  user?: string;
  password?: string;
}

const DRIVER: Record<DatabaseType, string> = {
  mysql: "com.mysql.cj.jdbc.Driver",
  postgresql: "org.postgresql.Driver",
};
const DEFAULT_DB_PORT: Record<DatabaseType, number> = { mysql: 3306, postgresql: 5432 };

/** Database and search entries; passwords are the secret ones. */
export function dataServiceEnv(database: VmDatabase, search: VmSearch): EnvEntry[] {
  const type = database.type ?? "mysql";
  const plain = (name: string, value: string | number): EnvEntry => ({
    name,
    value: String(value),
    secret: false,
  });
  const entries: EnvEntry[] = [
    plain("DB_DRIVER_CLASS", DRIVER[type]),
    plain("DB_SCHEME", type),
    plain("DB_HOST", database.host ?? "localhost"),
    plain("DB_PORT", database.port ?? DEFAULT_DB_PORT[type]),
    plain("OM_DATABASE", database.name ?? "openmetadata_db"),
    plain("DB_USER", database.user ?? "openmetadata_user"),
    { name: "DB_USER_PASSWORD", value: database.password, secret: true },
    plain("SEARCH_TYPE", search.type ?? "elasticsearch"),
    plain("ELASTICSEARCH_HOST", search.host ?? "localhost"),
    plain("ELASTICSEARCH_PORT", search.port ?? 9200),
    plain("ELASTICSEARCH_SCHEME", search.scheme ?? "http"),
  ];
  if (search.user !== undefined) entries.push(plain("ELASTICSEARCH_USER", search.user));
  if (search.password !== undefined) {
    entries.push({ name: "ELASTICSEARCH_PASSWORD", value: search.password, secret: true });
  }
  return entries;
}

/** The whole env file's entries: the SSO rendering first, unchanged, then the data services. */
export function vmServerEnv(
  model: SsoModel,
  secrets: SsoSecrets | undefined,
  database: VmDatabase,
  search: VmSearch,
): EnvEntry[] {
  return [...renderServerEnv(model, secrets), ...dataServiceEnv(database, search)];
}
