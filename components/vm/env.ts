/**
 * The server's environment on the VM: exactly the SSO model's env rendering, followed by the database and search
 * settings OpenMetadata's `conf/openmetadata.yaml` reads (`${DB_HOST:-localhost}` and so on). Nothing
 * auth-related is built here.
 */
import { renderServerEnv, type EnvEntry, type SsoModel, type SsoSecrets } from "../openmetadata/sso";
import {
  dataServiceEnv as sharedDataServiceEnv,
  DEFAULT_DATABASE_PORT,
  type DatabaseEngine,
  type SearchEngine,
} from "../openmetadata/data-services";

export type DatabaseType = DatabaseEngine;
export type SearchType = SearchEngine;

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

/** Database and search entries, VM defaults applied (services on the same host); passwords are the secret ones. */
export function dataServiceEnv(database: VmDatabase, search: VmSearch): EnvEntry[] {
  const engine = database.type ?? "mysql";
  return sharedDataServiceEnv<string>(
    {
      engine,
      host: database.host ?? "localhost",
      port: database.port ?? DEFAULT_DATABASE_PORT[engine],
      name: database.name ?? "openmetadata_db",
      user: database.user ?? "openmetadata_user",
      password: database.password,
    },
    {
      engine: search.type ?? "elasticsearch",
      host: search.host ?? "localhost",
      port: search.port ?? 9200,
      scheme: search.scheme ?? "http",
      user: search.user,
      password: search.password,
    },
  );
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
