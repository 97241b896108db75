import * as docker from "@pulumi/docker";
import * as k8s from "@pulumi/kubernetes";
import {
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  validateResourceOfType,
} from "@pulumi/policy";
import { envListToMap, type KnownEnv, REMOTE_COMMAND, VM_ENV_FILE, vmEnvFileOf } from "./env-files";
import { resolveRelease } from "../components/openmetadata/releases";
import { chartName } from "./helm-chart";
import { readKnown, readOrUnknown, UNKNOWN } from "./known";

/** Loopback hosts: traffic to them never leaves the machine, so cleartext there is no exposure. */
export function isLoopbackHost(host: string): boolean {
  return (
    host === "localhost" ||
    host === "::1" ||
    host === "[::1]" ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  );
}

/**
 * A single-label host name (`openmetadata-mysql`): from inside a Docker container, another container on the
 * same user-defined network, resolved by Docker's DNS; that traffic stays on the Docker host. This is how the
 * program's Docker target reaches its bundled database and search engine (allowed in production).
 */
export function isContainerName(host: string): boolean {
  return /^[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?$/.test(host) && !/^\d+$/.test(host);
}

export type DatabaseEngine = "mysql" | "postgresql";

/** One JDBC parameter's value (`k=v&k2=v2`), the key compared case-insensitively. */
function jdbcParam(params: string, key: string): string | undefined {
  return params
    .split("&")
    .map((pair) => pair.split("="))
    .find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];
}

/**
 * Whether JDBC parameters leave the connection unencrypted or allow a cleartext fallback: MySQL without
 * `sslMode=REQUIRED|VERIFY_CA|VERIFY_IDENTITY` (Connector/J's `useSSL=true` alone only prefers TLS), PostgreSQL
 * without `sslmode=require|verify-ca|verify-full`. The same rule as the program's production check.
 */
export function isCleartextDatabase(engine: DatabaseEngine, params: string): boolean {
  return engine === "mysql"
    ? !/^(REQUIRED|VERIFY_CA|VERIFY_IDENTITY)$/i.test(jdbcParam(params, "sslMode") ?? "")
    : !/^(require|verify-ca|verify-full)$/.test(jdbcParam(params, "sslmode") ?? "");
}

/** The parameter a TLS connection needs, as the fix names it. */
const TLS_PARAMS: Record<DatabaseEngine, { missing: string; fix: string }> = {
  mysql: {
    missing: "sslMode=REQUIRED, VERIFY_CA or VERIFY_IDENTITY",
    fix: "add sslMode=REQUIRED (or VERIFY_CA, VERIFY_IDENTITY) to it",
  },
  postgresql: {
    missing: "sslmode=require, verify-ca or verify-full",
    fix: "add sslmode=require (or verify-ca, verify-full) to it",
  },
};

/** A database connection as a server environment or chart values describe it (defaults already applied). */
interface DatabaseConnection {
  engine: DatabaseEngine;
  host: string;
  /** Undefined when not set: the server's (or chart's) default, which has `useSSL=false`. */
  params: string | undefined;
}

/** A search connection; the scheme undefined when not set (the default is http). */
interface SearchConnection {
  host: string;
  scheme: string | undefined;
}

/** How a resource's settings are named in messages and which hosts count as local. */
interface Where {
  subject: string;
  paramsSetting: string;
  schemeSetting: string;
  isLocal: (host: string) => boolean;
}

const MUST = "production stacks must use TLS";

function checkDatabase(db: DatabaseConnection, where: Where, report: ReportViolation): void {
  if (where.isLocal(db.host) || (db.params !== undefined && !isCleartextDatabase(db.engine, db.params)))
    return;
  const tls = TLS_PARAMS[db.engine];
  const state = db.params === undefined ? "is unset (the default has useSSL=false)" : `has no ${tls.missing}`;
  report(
    `${where.subject} reaches the database at ${db.host} in cleartext: ${where.paramsSetting} ${state}; ` +
      `${MUST}: ${tls.fix}.`,
  );
}

function checkSearch(search: SearchConnection, where: Where, report: ReportViolation): void {
  const scheme = (search.scheme ?? "http").toLowerCase();
  if (where.isLocal(search.host) || scheme !== "http") return;
  const state = search.scheme === undefined ? "is unset (http)" : `is "${search.scheme}"`;
  report(
    `${where.subject} reaches the search engine at ${search.host} in cleartext: ${where.schemeSetting} ` +
      `${state}; ${MUST}: set it to https.`,
  );
}

/** The engine a server env or chart values select (DB_SCHEME / dbScheme, DB_DRIVER_CLASS / driverClass). */
function engineOf(scheme: unknown, driverClass: unknown): DatabaseEngine {
  return scheme === "postgresql" || driverClass === "org.postgresql.Driver" ? "postgresql" : "mysql";
}

/**
 * The database and search connections of an OpenMetadata server environment, with the defaults of its
 * `conf/openmetadata.yaml` (`${DB_HOST:-localhost}`, `${ELASTICSEARCH_SCHEME:-http}` …). The database only when
 * the env sets OpenMetadata's own DB_PARAMS or DB_DRIVER_CLASS (Airflow's image reads DB_HOST too). A setting
 * missing from an incomplete env (a part unknown during preview) is not judged.
 */
function checkServerEnv({ values: env, complete }: KnownEnv, where: Where, report: ReportViolation): void {
  const dbHost = env.get("DB_HOST") || "localhost";
  if ((env.has("DB_PARAMS") || env.has("DB_DRIVER_CLASS")) && (complete || env.has("DB_PARAMS"))) {
    const engine = engineOf(env.get("DB_SCHEME"), env.get("DB_DRIVER_CLASS"));
    checkDatabase({ engine, host: dbHost, params: env.get("DB_PARAMS") }, where, report);
  }
  const searchHost = env.get("ELASTICSEARCH_HOST") || "localhost";
  if (complete || env.has("ELASTICSEARCH_SCHEME")) {
    checkSearch({ host: searchHost, scheme: env.get("ELASTICSEARCH_SCHEME") }, where, report);
  }
}

/** The OpenMetadata server chart and its defaults for what the values leave out (chart 1.8: the bundled services). */
const OPENMETADATA_CHART = "openmetadata";
const CHART_DEFAULTS = {
  databaseHost: "mysql",
  searchHost: "opensearch",
  apiEndpoint: "http://openmetadata-dependencies-web:8080",
};
const VALUES = "values.openmetadata.config";

/** The part of the openmetadata chart's values this policy reads. */
interface OpenMetadataValues {
  openmetadata?: {
    config?: {
      database?: {
        enabled?: boolean;
        host?: string;
        dbScheme?: string;
        driverClass?: string;
        dbParams?: string;
      };
      elasticsearch?: { enabled?: boolean; host?: string; scheme?: string };
      pipelineServiceClientConfig?: {
        enabled?: boolean;
        type?: string;
        apiEndpoint?: string;
        airflow?: { apiEndpoint?: string };
      };
    };
  };
}
type Config = NonNullable<NonNullable<OpenMetadataValues["openmetadata"]>["config"]>;

/**
 * Reads values leaves under `openmetadata.config`; `undefined` when any of them (or a level above) is unknown
 * during preview, so the check that needs them waits for the update.
 */
function knownLeaves<K extends string>(
  values: OpenMetadataValues | undefined,
  read: (config: Config | undefined) => Record<K, unknown>,
): Record<K, string | boolean | undefined> | undefined {
  // The policy SDK's proxy throws when a leaf (or a level above it) that is read is unknown.
  const leaves = readOrUnknown(() => read(values?.openmetadata?.config));
  return leaves === UNKNOWN ? undefined : (leaves as Record<K, string | boolean | undefined>);
}

/**
 * Where the chart reads Airflow's endpoint: flat `apiEndpoint`, or `airflow.apiEndpoint` under `type: airflow`
 * (the release data's ChartFacts.pipelineConfig for the chart version; a version it does not know counts as
 * nested when the values say `type`).
 */
function pipelineLayout(chartVersion: unknown, config: Config | undefined): "flat" | "nested" {
  try {
    return resolveRelease(String(chartVersion)).chart.pipelineConfig;
  } catch {
    return config?.pipelineServiceClientConfig?.type !== undefined ? "nested" : "flat";
  }
}

function checkReleaseValues(
  values: OpenMetadataValues | undefined,
  chartVersion: unknown,
  where: Where,
  report: ReportViolation,
): void {
  const db = knownLeaves(values, (c) => ({
    enabled: c?.database?.enabled,
    host: c?.database?.host,
    dbScheme: c?.database?.dbScheme,
    driverClass: c?.database?.driverClass,
    dbParams: c?.database?.dbParams,
  }));
  if (db && db.enabled !== false) {
    const host = typeof db.host === "string" ? db.host : CHART_DEFAULTS.databaseHost;
    const params = typeof db.dbParams === "string" ? db.dbParams : undefined;
    checkDatabase({ engine: engineOf(db.dbScheme, db.driverClass), host, params }, where, report);
  }
  const search = knownLeaves(values, (c) => ({
    enabled: c?.elasticsearch?.enabled,
    host: c?.elasticsearch?.host,
    scheme: c?.elasticsearch?.scheme,
  }));
  if (search && search.enabled !== false) {
    const host = typeof search.host === "string" ? search.host : CHART_DEFAULTS.searchHost;
    const scheme = typeof search.scheme === "string" ? search.scheme : undefined;
    checkSearch({ host, scheme }, where, report);
  }
  const pipeline = knownLeaves(values, (c) => {
    const nested = pipelineLayout(chartVersion, c) === "nested";
    return {
      enabled: c?.pipelineServiceClientConfig?.enabled,
      nested,
      apiEndpoint: nested
        ? c?.pipelineServiceClientConfig?.airflow?.apiEndpoint
        : c?.pipelineServiceClientConfig?.apiEndpoint,
    };
  });
  if (pipeline && pipeline.enabled !== false) {
    const set = typeof pipeline.apiEndpoint === "string";
    const endpoint = set ? (pipeline.apiEndpoint as string) : CHART_DEFAULTS.apiEndpoint;
    const setting = `${VALUES}.pipelineServiceClientConfig.${pipeline.nested ? "airflow.apiEndpoint" : "apiEndpoint"}`;
    if (/^http:/i.test(endpoint)) {
      const state = set ? "is an http URL" : "is unset (the chart's default is http)";
      report(
        `${where.subject} sends Airflow's credentials in cleartext: ${setting} ${state}; ${MUST}: use an https endpoint.`,
      );
    }
  }
}

/** Config of {@link productionDataTransportTls}. */
export interface TransportConfig {
  /** The stack is production: data connections must use TLS. @default false */
  production?: boolean;
}

const isProduction = (args: ResourceValidationArgs) => args.getConfig<TransportConfig>().production === true;

/**
 * In production, OpenMetadata reaches its database, search engine and Airflow over TLS unless they are on
 * loopback (or, from a Docker container, another container of the same Docker network). Unknown values (during
 * preview) pass; they are checked when the update runs.
 */
export const productionDataTransportTls: ResourceValidationPolicy = {
  name: "production-data-transport-tls",
  description:
    "In production, the OpenMetadata server's database (DB_PARAMS / dbParams with sslMode or sslmode), search " +
    "engine (https) and Airflow endpoint (https) are reached over TLS when they are not on loopback.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      production: {
        type: "boolean",
        default: false,
        description: "The stack is production: database, search and Airflow connections must use TLS.",
      },
    },
  },
  validateResource: [
    validateResourceOfType(docker.Container, (container, args, report) => {
      if (!isProduction(args)) return;
      const env = envListToMap(readOrUnknown(() => container.envs));
      const where = {
        subject: `Container "${args.name}"`,
        paramsSetting: "env DB_PARAMS",
        schemeSetting: "env ELASTICSEARCH_SCHEME",
        isLocal: (host: string) => isLoopbackHost(host) || isContainerName(host),
      };
      checkServerEnv(env, where, report);
    }),
    (args, report) => {
      if (args.type !== REMOTE_COMMAND || !isProduction(args)) return;
      const env = vmEnvFileOf(args.props);
      if (env === undefined) return;
      const where = {
        subject: `Command "${args.name}" (${VM_ENV_FILE})`,
        paramsSetting: "DB_PARAMS",
        schemeSetting: "ELASTICSEARCH_SCHEME",
        isLocal: isLoopbackHost,
      };
      checkServerEnv(env, where, report);
    },
    validateResourceOfType(k8s.helm.v3.Release, (release, args, report) => {
      if (!isProduction(args)) return;
      const chart = readKnown(() => release.chart);
      if (chart === undefined || chartName(chart) !== OPENMETADATA_CHART) return;
      const where = {
        subject: `Release "${args.name}" (chart ${OPENMETADATA_CHART})`,
        paramsSetting: `${VALUES}.database.dbParams`,
        schemeSetting: `${VALUES}.elasticsearch.scheme`,
        isLocal: isLoopbackHost,
      };
      const values = readOrUnknown(() => release.values);
      const version = readOrUnknown(() => release.version);
      if (values !== UNKNOWN && version !== UNKNOWN)
        checkReleaseValues(values as OpenMetadataValues | undefined, version, where, report);
    }),
  ],
};
