/**
 * The `openmetadata` chart's values, as a pure function of plain settings. Authentication, authorizer and JWT
 * settings come only from the SSO model's Helm rendering; this file adds database, search, pipeline client,
 * Fernet key, JWT key mount, ingress and resources.
 */
import type { HelmSsoValues } from "../openmetadata/sso";
import { KUBERNETES_DEFAULTS } from "./args";
import {
  CHART_SECRETS,
  DEPENDENCIES_RELEASE,
  OPENMETADATA_PORT,
  OPENMETADATA_SERVICE,
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
  /** `renderHelmValues(model)`, unchanged. */
  sso: HelmSsoValues;
  publicUrl: string;
  dependencies: Dependencies;
  /** Omit for no ingress. */
  ingress?: IngressSettings;
  resources: ServerResources;
  /** Where the JWT key Secret is mounted: the SSO model's key directory. */
  jwtKeyDir: string;
  /** Annotations of the server's pod template (the secrets digest). */
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

function pipelineClientValues(dependencies: Dependencies, publicUrl: string) {
  const auth = (username: string) => ({
    enabled: true,
    username,
    password: secretRef(CHART_SECRETS.airflow),
  });
  if (dependencies.mode === "bundled")
    return {
      enabled: true,
      apiEndpoint: `http://${DEPENDENCIES_RELEASE}-web:8080`,
      metadataApiEndpoint: `http://${OPENMETADATA_SERVICE}:${OPENMETADATA_PORT}/api`,
      auth: auth(KUBERNETES_DEFAULTS.pipelineUsername),
    };
  const client = dependencies.pipelineClient;
  if (!client) return { enabled: false };
  return {
    enabled: true,
    apiEndpoint: client.apiEndpoint,
    // An Airflow outside the cluster reaches the server the way people do.
    metadataApiEndpoint: `${publicUrl}/api`,
    verifySsl: client.apiEndpoint.startsWith("https:") ? "validate" : "no-ssl",
    auth: auth(client.username ?? KUBERNETES_DEFAULTS.pipelineUsername),
  };
}

/** Bundled mode always has Airflow; external mode only with a pipeline endpoint. */
const pipelineClientEnabled = (dependencies: Dependencies): boolean =>
  dependencies.mode === "bundled" || dependencies.pipelineClient !== undefined;

export function openMetadataValues(input: OpenMetadataValuesInput) {
  const { sso, dependencies } = input;
  return {
    openmetadata: {
      config: {
        ...sso.openmetadata.config,
        database: databaseValues(dependencies),
        elasticsearch: searchValues(dependencies),
        pipelineServiceClientConfig: pipelineClientValues(dependencies, input.publicUrl),
        // The chart's default `value` is a published key; the generated one comes from a Secret instead.
        fernetkey: { value: "", ...secretRef(OWN_SECRETS.fernet) },
      },
    },
    // Chart 1.8.12 renders PIPELINE_SERVICE_CLIENT_ENABLED only when the client is enabled (and the server's
    // default is true), so without Airflow the server would keep polling a missing endpoint: set it here.
    extraEnvs: [
      ...sso.extraEnvs,
      ...(pipelineClientEnabled(dependencies)
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
