/**
 * The server's environment on the VM: exactly the SSO model's env rendering, followed by the database and search
 * settings OpenMetadata's `conf/openmetadata.yaml` reads (`${DB_HOST:-localhost}` and so on). Nothing
 * auth-related is built here.
 */
import { renderServerEnv, type EnvEntry, type SsoModel, type SsoSecrets } from "../openmetadata/sso";
import {
  dataServiceEnv as sharedDataServiceEnv,
  DEFAULT_DATABASE_PORT,
  DEFAULT_SEARCH_PORT,
  defaultDatabaseParams,
  defaultSearchScheme,
  OPENMETADATA_DATABASE,
  OPENMETADATA_DB_USER,
} from "../openmetadata/data-services";
import { yamlScalarEnvValue } from "../quoting";
import { VM_DEFAULTS, type VmDatabase, type VmSearch } from "./args";

/** Database and search settings with plain secrets (inside an apply). */
export type PlainVmDatabase = Omit<VmDatabase, "password"> & { password: string };
export type PlainVmSearch = Omit<VmSearch, "password"> & { password?: string };

/** Database and search entries, VM defaults applied (services on the same host); passwords are the secret ones. */
export function dataServiceEnv(database: PlainVmDatabase, search: PlainVmSearch): EnvEntry[] {
  const engine = database.engine ?? VM_DEFAULTS.databaseEngine;
  const dbHost = database.host ?? VM_DEFAULTS.databaseHost;
  const searchHost = search.host ?? VM_DEFAULTS.searchHost;
  return sharedDataServiceEnv<string>(
    {
      engine,
      host: dbHost,
      params: database.params ?? defaultDatabaseParams(engine, dbHost),
      port: database.port ?? DEFAULT_DATABASE_PORT[engine],
      name: database.name ?? OPENMETADATA_DATABASE,
      user: database.user ?? OPENMETADATA_DB_USER,
      password: database.password,
    },
    {
      engine: search.engine ?? VM_DEFAULTS.searchEngine,
      host: searchHost,
      port: search.port ?? DEFAULT_SEARCH_PORT,
      scheme: search.scheme ?? defaultSearchScheme(searchHost),
      user: search.user,
      password: search.password,
    },
    yamlScalarEnvValue,
  );
}

/** Where the server listens and its Fernet key (for the secrets it stores; never upstream's published default). */
export interface VmServerSettings {
  bindAddress: string;
  fernetKey: string;
}

/** The whole env file's entries: the SSO rendering first, unchanged, then the data services and the server's own. */
export function vmServerEnv(
  model: SsoModel,
  secrets: SsoSecrets | undefined,
  database: PlainVmDatabase,
  search: PlainVmSearch,
  server: VmServerSettings,
): EnvEntry[] {
  return [
    ...renderServerEnv(model, secrets),
    ...dataServiceEnv(database, search),
    { name: "SERVER_HOST", value: server.bindAddress, secret: false },
    // No Airflow runs beside a VM install: without this the server polls http://localhost:8080 for ever.
    { name: "PIPELINE_SERVICE_CLIENT_ENABLED", value: "false", secret: false },
    { name: "FERNET_KEY", value: yamlScalarEnvValue(server.fernetKey), secret: true },
  ];
}
