/**
 * OpenMetadata's database and search connections, defined once for every target: the engines, the forms of
 * their settings and their rules, and the server environment variables with the names its
 * `conf/openmetadata.yaml` reads (`${DB_HOST:-localhost}` ...; the same names as the upstream quickstart compose
 * and Helm chart 1.8.12). Generic in the type of a secret value: plain strings on a VM's env file, Pulumi inputs
 * in a container's env.
 */
import { checkForm, checkOneOf, HOST, PORT, type Form } from "../forms";
import { required, type Problem } from "../problems";
import { envValueProblem } from "../quoting";

/** Problems of a secret the server reads from its environment (never quoting the value). */
export function secretValueProblems(path: string, value: unknown): Problem[] {
  if (typeof value !== "string") return [];
  const problem = envValueProblem(value);
  return problem ? [{ path, message: `${problem} (value hidden)` }] : [];
}

export const DATABASE_ENGINES = ["mysql", "postgresql"] as const;
export type DatabaseEngine = (typeof DATABASE_ENGINES)[number];
export const SEARCH_ENGINES = ["elasticsearch", "opensearch"] as const;
export type SearchEngine = (typeof SEARCH_ENGINES)[number];
export const SEARCH_SCHEMES = ["http", "https"] as const;
export type SearchScheme = (typeof SEARCH_SCHEMES)[number];

export const DATABASE_DRIVER_CLASS: Record<DatabaseEngine, string> = {
  mysql: "com.mysql.cj.jdbc.Driver",
  postgresql: "org.postgresql.Driver",
};
export const DEFAULT_DATABASE_PORT: Record<DatabaseEngine, number> = { mysql: 3306, postgresql: 5432 };
export const DEFAULT_SEARCH_PORT = 9200;

/**
 * JDBC parameters, defined once. `tls`: encrypted and refusing a cleartext fallback (MySQL Connector/J's
 * `sslMode=REQUIRED`; PostgreSQL's `sslmode=require`). `local`: a database on loopback or a private container
 * network of this deployment, as the upstream quickstart connects (no TLS).
 */
export const DB_PARAMS = {
  tls: {
    mysql: "allowPublicKeyRetrieval=true&sslMode=REQUIRED&serverTimezone=UTC",
    postgresql: "sslmode=require",
  },
  local: {
    mysql: "allowPublicKeyRetrieval=true&useSSL=false&serverTimezone=UTC",
    postgresql: "sslmode=disable",
  },
} as const satisfies Record<string, Record<DatabaseEngine, string>>;

/** Loopback hosts: traffic to them never leaves the machine, so cleartext there is no exposure. */
export function isLoopbackHost(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** The JDBC parameters a database gets unless given: TLS, except on loopback. */
export function defaultDatabaseParams(engine: DatabaseEngine, host: string): string {
  return isLoopbackHost(host) ? DB_PARAMS.local[engine] : DB_PARAMS.tls[engine];
}

/** The search scheme unless given: https, except on loopback. */
export function defaultSearchScheme(host: string): SearchScheme {
  return isLoopbackHost(host) ? "http" : "https";
}

/**
 * Whether JDBC parameters leave the connection unencrypted or allow a cleartext fallback: MySQL without
 * `sslMode=REQUIRED|VERIFY_CA|VERIFY_IDENTITY` (Connector/J's `useSSL=true` alone only prefers TLS), PostgreSQL
 * without `sslmode=require|verify-ca|verify-full`.
 */
export function isCleartextDatabase(engine: DatabaseEngine, params: string): boolean {
  const get = (key: string) =>
    params
      .split("&")
      .map((p) => p.split("="))
      .find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];
  return engine === "mysql"
    ? !/^(REQUIRED|VERIFY_CA|VERIFY_IDENTITY)$/i.test(get("sslMode") ?? "")
    : !/^(require|verify-ca|verify-full)$/.test(get("sslmode") ?? "");
}

const cleartext = (path: string, host: string, what: string): Problem[] =>
  isLoopbackHost(host)
    ? []
    : [{ path, message: `must use TLS in production: the ${what} at ${host} would be reached in cleartext` }];

/**
 * Production's transport rule: no connection leaves the machine in cleartext. The database's effective JDBC
 * parameters (given or default) and the search scheme, paths under `database` / `search`.
 */
export function productionTransportProblems(
  database: { path: string; engine: DatabaseEngine; host: string; params: string } | undefined,
  search: { path: string; host: string; scheme: SearchScheme } | undefined,
): Problem[] {
  return [
    // Parameters of the wrong form are refused by their form; only well-formed ones are judged for TLS.
    ...(database && JDBC_PARAMS.test(database.params) && isCleartextDatabase(database.engine, database.params)
      ? cleartext(`${database.path}.params`, database.host, "database")
      : []),
    ...(search && search.scheme === "http"
      ? cleartext(`${search.path}.scheme`, search.host, "search engine")
      : []),
  ];
}

/** OpenMetadata's database and user as the upstream images, charts and docs name them. */
export const OPENMETADATA_DATABASE = "openmetadata_db";
export const OPENMETADATA_DB_USER = "openmetadata_user";

/** An unquoted SQL identifier both engines accept (and a shell, a unit file and YAML read as it is). */
export const DATABASE_NAME: Form = {
  form: "a database name: letters, digits and _, starting with a letter or _ (at most 63)",
  test: (v) => typeof v === "string" && /^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(v),
};
/** A database or search user name (managed services add `@server` on Azure). */
export const SERVICE_USER: Form = {
  form: "a user name: letters, digits and _ . @ - (at most 128)",
  test: (v) => typeof v === "string" && /^[A-Za-z0-9_][A-Za-z0-9_.@-]{0,127}$/.test(v),
};
/** JDBC URL parameters (`DB_PARAMS`): `key=value` pairs joined by `&`. */
export const JDBC_PARAMS: Form = {
  form: "JDBC parameters key=value joined by &, e.g. sslMode=REQUIRED&serverTimezone=UTC",
  test: (v) =>
    typeof v === "string" &&
    /^[A-Za-z0-9_.-]+=[A-Za-z0-9_.:/+-]*(?:&[A-Za-z0-9_.-]+=[A-Za-z0-9_.:/+-]*)*$/.test(v),
};

/** Where and how OpenMetadata reaches its database. */
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

/** Where and how OpenMetadata reaches its search engine. */
export interface SearchSettings<Secret> {
  engine: SearchEngine;
  host: string;
  port: number;
  scheme: SearchScheme;
  user?: string;
  password?: Secret;
}

/** An external database as a component takes it: engine and host required, the rest defaulted by the target. */
export interface ExternalDatabaseArgs<Secret> {
  /** @default "mysql" */
  readonly engine?: DatabaseEngine;
  readonly host: string;
  /** @default 3306 for mysql, 5432 for postgresql */
  readonly port?: number;
  /** @default "openmetadata_db" */
  readonly name?: string;
  /** @default "openmetadata_user" */
  readonly user?: string;
  /** The user's password (secret). */
  readonly password: Secret;
  /** JDBC parameters (`DB_PARAMS`). @default the target's (TLS settings) */
  readonly params?: string;
}

/** An external search engine as a component takes it. */
export interface ExternalSearchArgs<Secret> {
  /** @default the target's */
  readonly engine?: SearchEngine;
  readonly host: string;
  /** @default the target's */
  readonly port?: number;
  /** @default the target's */
  readonly scheme?: SearchScheme;
  /** Only with a secured cluster; requires `password`. */
  readonly user?: string;
  /** Secret; only with `user`. */
  readonly password?: Secret;
}

const optional = (path: string, value: unknown, form: Form): Problem[] =>
  value === undefined ? [] : checkForm(path, value, form);

/** Problems of an external database's plain settings, paths under `path`. */
export function externalDatabaseProblems(path: string, db: ExternalDatabaseArgs<unknown>): Problem[] {
  return [
    ...(db.engine === undefined ? [] : checkOneOf(`${path}.engine`, db.engine, DATABASE_ENGINES)),
    ...checkForm(`${path}.host`, db.host, HOST),
    ...optional(`${path}.port`, db.port, PORT),
    ...optional(`${path}.name`, db.name, DATABASE_NAME),
    ...optional(`${path}.user`, db.user, SERVICE_USER),
    ...optional(`${path}.params`, db.params, JDBC_PARAMS),
    ...(db.password === undefined || db.password === ""
      ? [required(`${path}.password`, "the database user's password")]
      : []),
    ...secretValueProblems(`${path}.password`, db.password),
  ];
}

/** Problems of an external search engine's plain settings, paths under `path`. */
export function externalSearchProblems(path: string, search: ExternalSearchArgs<unknown>): Problem[] {
  const problems = [
    ...(search.engine === undefined ? [] : checkOneOf(`${path}.engine`, search.engine, SEARCH_ENGINES)),
    ...checkForm(`${path}.host`, search.host, HOST),
    ...optional(`${path}.port`, search.port, PORT),
    ...(search.scheme === undefined ? [] : checkOneOf(`${path}.scheme`, search.scheme, SEARCH_SCHEMES)),
    ...optional(`${path}.user`, search.user, SERVICE_USER),
  ];
  problems.push(...secretValueProblems(`${path}.password`, search.password));
  if (search.password !== undefined && search.user === undefined)
    problems.push({ path: `${path}.password`, message: "is only used together with a search user" });
  if (search.user !== undefined && search.password === undefined)
    problems.push(required(`${path}.password`, "with a search user: basic authentication"));
  return problems;
}

/** One environment variable; `secret` ones must reach the server only as secrets. */
export interface ServerEnvVar<Secret> {
  name: string;
  value: string | Secret;
  secret: boolean;
}

/**
 * The server's database and search variables. Passwords are whole scalars in openmetadata.yaml, so they pass
 * through `asScalar` (yamlScalarEnvValue on the secret's value) and arrive as written whatever they hold.
 */
export function dataServiceEnv<Secret>(
  db: DatabaseSettings<Secret>,
  search: SearchSettings<Secret>,
  asScalar: (secret: Secret) => Secret,
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
    { name: "DB_USER_PASSWORD", value: asScalar(db.password), secret: true },
    plain("SEARCH_TYPE", search.engine),
    plain("ELASTICSEARCH_HOST", search.host),
    plain("ELASTICSEARCH_PORT", search.port),
    plain("ELASTICSEARCH_SCHEME", search.scheme),
    ...(search.user !== undefined ? [plain("ELASTICSEARCH_USER", search.user)] : []),
    ...(search.password !== undefined
      ? [{ name: "ELASTICSEARCH_PASSWORD", value: asScalar(search.password), secret: true }]
      : []),
  ];
}
