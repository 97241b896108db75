/**
 * The `openmetadata` chart's values, as a pure function of plain settings and the release's chart facts.
 * Authentication, authorizer and JWT settings come only from the SSO model's Helm rendering; this file adds
 * database, search, pipeline client (in the layout of the release's chart), Fernet key, JWT key mount, the reset of
 * the stored SSO settings (1.10+, stack as source), ingress and resources.
 */
import type { OpenMetadataRelease } from "../openmetadata/releases";
import { chainedResetCommand } from "../openmetadata/security-config";
import type { HelmSsoValues } from "../openmetadata/sso";
import { KUBERNETES_DEFAULTS } from "./args";
import {
  bundledAirflowEndpoint,
  CHART_SECRETS,
  OPENMETADATA_PORT,
  OPENMETADATA_SERVICE,
  OPS_SCRIPT,
  OWN_SECRETS,
} from "./chart";
import { ingressValues } from "./ingress-values";
import type { Dependencies, ExternalDatabase, IngressSettings, ServerResources } from "./settings";
import {
  DATABASE_DRIVER_CLASS,
  DB_PARAMS,
  DEFAULT_DATABASE_PORT,
  DEFAULT_SEARCH_PORT,
  OPENMETADATA_DATABASE,
  OPENMETADATA_DB_USER,
} from "../openmetadata/data-services";

export interface OpenMetadataValuesInput {
  /** The release the chart is installed at (its chart facts decide the layout). */
  release: OpenMetadataRelease;
  /**
   * Reset the server's stored SSO settings at every pod start, after the migration (reconcilesStoredSecurityConfig:
   * 1.10+ with the stack as source).
   */
  resetStoredSsoSettings: boolean;
  /** `renderHelmValues(model)`, unchanged. */
  sso: HelmSsoValues;
  publicUrl: string;
  dependencies: Dependencies;
  /** Omit for no ingress. */
  ingress?: IngressSettings;
  resources: ServerResources;
  /** Where the JWT key Secret is mounted: the SSO model's key directory. */
  jwtKeyDir: string;
  /** Annotations of the server's pod template (the secrets and SSO digests). */
  podAnnotations: Record<string, string>;
}

const JWT_KEYS_VOLUME = "jwt-keys";

/** Driver, scheme and port from the shared database settings; JDBC parameters for managed (TLS) databases. */
const ENGINE_DEFAULTS = {
  mysql: {
    port: DEFAULT_DATABASE_PORT.mysql,
    driverClass: DATABASE_DRIVER_CLASS.mysql,
    dbScheme: "mysql",
    params: DB_PARAMS.tls.mysql,
  },
  postgresql: {
    port: DEFAULT_DATABASE_PORT.postgresql,
    driverClass: DATABASE_DRIVER_CLASS.postgresql,
    dbScheme: "postgresql",
    params: DB_PARAMS.tls.postgresql,
  },
} as const;

const secretRef = (s: { name: string; key: string }) => ({ secretRef: s.name, secretKey: s.key });

function databaseValues(dependencies: Dependencies) {
  const db: ExternalDatabase =
    dependencies.mode === "external"
      ? dependencies.database
      : // The bundled MySQL (service `mysql`, no TLS), as the dependencies chart sets it up.
        {
          host: "mysql",
          password: "",
          params: DB_PARAMS.local.mysql,
        };
  const engine = ENGINE_DEFAULTS[db.engine ?? KUBERNETES_DEFAULTS.externalDatabaseEngine];
  return {
    enabled: true,
    host: db.host,
    port: db.port ?? engine.port,
    driverClass: engine.driverClass,
    dbScheme: engine.dbScheme,
    databaseName: db.name ?? OPENMETADATA_DATABASE,
    auth: { username: db.user ?? OPENMETADATA_DB_USER, password: secretRef(CHART_SECRETS.mysql) },
    dbParams: db.params ?? engine.params,
  };
}

function searchValues(dependencies: Dependencies) {
  if (dependencies.mode === "bundled")
    return {
      enabled: true,
      host: "opensearch",
      searchType: "opensearch",
      port: DEFAULT_SEARCH_PORT,
      scheme: "http",
    };
  const s = dependencies.search;
  return {
    enabled: true,
    host: s.host,
    searchType: s.engine ?? KUBERNETES_DEFAULTS.externalSearchEngine,
    port: s.port ?? KUBERNETES_DEFAULTS.externalSearchPort,
    scheme: s.scheme ?? KUBERNETES_DEFAULTS.externalSearchScheme,
    auth: s.user
      ? { enabled: true, username: s.user, password: secretRef(CHART_SECRETS.elasticsearch) }
      : { enabled: false },
  };
}

/** The Airflow endpoint the server uses and how it signs in; undefined for none. */
function airflowClient(dependencies: Dependencies, release: OpenMetadataRelease, publicUrl: string) {
  const auth = (username: string) => ({
    enabled: true,
    username,
    password: secretRef(CHART_SECRETS.airflow),
  });
  if (dependencies.mode === "bundled")
    return {
      apiEndpoint: bundledAirflowEndpoint(release),
      metadataApiEndpoint: `http://${OPENMETADATA_SERVICE}:${OPENMETADATA_PORT}/api`,
      auth: auth(KUBERNETES_DEFAULTS.pipelineUsername),
    };
  const client = dependencies.pipelineClient;
  if (!client) return undefined;
  return {
    apiEndpoint: client.apiEndpoint,
    // An Airflow outside the cluster reaches the server the way people do.
    metadataApiEndpoint: `${publicUrl}/api`,
    verifySsl: client.apiEndpoint.startsWith("https:") ? "validate" : "no-ssl",
    auth: auth(client.username ?? KUBERNETES_DEFAULTS.pipelineUsername),
  };
}

/**
 * `pipelineServiceClientConfig` in the chart's layout. Flat: every key at the top. Nested (1.11.12, 1.12.1 on):
 * `type: airflow`, the Airflow keys under `airflow`, `metadataApiEndpoint` at the top (templates/secrets.yaml); the
 * flat keys are still allowed by the schema but no template reads them. A disabled nested client also turns
 * `airflow.auth` off: the nested _helpers.tpl reads `enabled | default true` (true for false), and would otherwise
 * render AIRFLOW_PASSWORD from the chart's default `airflow-secrets`, a Secret that need not exist.
 */
export function pipelineClientValues(
  dependencies: Dependencies,
  release: OpenMetadataRelease,
  publicUrl: string,
) {
  const client = airflowClient(dependencies, release, publicUrl);
  if (release.chart.pipelineConfig === "flat")
    return client ? { enabled: true, ...client } : { enabled: false };
  if (!client) return { enabled: false, airflow: { auth: { enabled: false } } };
  const { metadataApiEndpoint, ...airflow } = client;
  return { enabled: true, type: "airflow", metadataApiEndpoint, airflow };
}

/** Bundled mode always has Airflow; external mode only with a pipeline endpoint. */
const pipelineClientEnabled = (dependencies: Dependencies): boolean =>
  dependencies.mode === "bundled" || dependencies.pipelineClient !== undefined;

export function openMetadataValues(input: OpenMetadataValuesInput) {
  const { sso, dependencies, release } = input;
  return {
    openmetadata: {
      config: {
        ...sso.openmetadata.config,
        database: databaseValues(dependencies),
        elasticsearch: searchValues(dependencies),
        pipelineServiceClientConfig: pipelineClientValues(dependencies, release, input.publicUrl),
        // The chart's default `value` is a published key; the generated one comes from a Secret instead.
        fernetkey: { value: "", ...secretRef(OWN_SECRETS.fernet) },
        // The init container runs `bash -c "<ops> migrate <additionalArgs>"` with the server's env; the tail
        // clears the stored SSO settings after a successful migration, so the server's start seeds them from it.
        ...(input.resetStoredSsoSettings
          ? { upgradeMigrationConfigs: { additionalArgs: chainedResetCommand(OPS_SCRIPT) } }
          : {}),
      },
    },
    // Before chart 1.12.2 PIPELINE_SERVICE_CLIENT_ENABLED reaches the server only for an enabled client (and the
    // server's default is true), so without Airflow the server would keep polling a missing endpoint: set it here.
    extraEnvs: [
      ...sso.extraEnvs,
      ...(pipelineClientEnabled(dependencies) || release.chart.deliversPipelineDisabled
        ? []
        : [{ name: "PIPELINE_SERVICE_CLIENT_ENABLED", value: "false" }]),
    ],
    extraVolumes: [{ name: JWT_KEYS_VOLUME, secret: { secretName: OWN_SECRETS.jwtKeys.name } }],
    extraVolumeMounts: [{ name: JWT_KEYS_VOLUME, mountPath: input.jwtKeyDir, readOnly: true }],
    ingress: input.ingress ? ingressValues(input.publicUrl, input.ingress) : { enabled: false },
    resources: input.resources,
    podAnnotations: input.podAnnotations,
  };
}
