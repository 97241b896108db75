/**
 * The `openmetadata` chart's values, as a pure function of plain settings. Authentication, authorizer and JWT
 * settings come only from the SSO model's Helm rendering; this file adds database, search, pipeline client,
 * Fernet key, JWT key mount, ingress and resources.
 */
import { DEFAULT_JWT_KEY_DIR, type HelmSsoValues } from "../openmetadata/sso";
import {
  CHART_SECRETS,
  DEPENDENCIES_RELEASE,
  OPENMETADATA_PORT,
  OPENMETADATA_SERVICE,
  OWN_SECRETS,
} from "./chart";
import { ingressValues } from "./ingress-values";
import type { Dependencies, ExternalDatabase, IngressSettings, ServerResources } from "./settings";
import { DATABASE_DRIVER_CLASS, DEFAULT_DATABASE_PORT } from "../openmetadata/data-services";

export interface OpenMetadataValuesInput {
  /** `renderHelmValues(model)`, unchanged. */
  sso: HelmSsoValues;
  publicUrl: string;
  dependencies: Dependencies;
  /** Omit for no ingress. */
  ingress?: IngressSettings;
  resources: ServerResources;
}

const JWT_KEYS_VOLUME = "jwt-keys";

/** Driver, scheme and port from the shared database settings; JDBC parameters for managed (TLS) databases. */
const ENGINE_DEFAULTS = {
  mysql: {
    port: DEFAULT_DATABASE_PORT.mysql,
    driverClass: DATABASE_DRIVER_CLASS.mysql,
    dbScheme: "mysql",
    params: "allowPublicKeyRetrieval=true&useSSL=true&serverTimezone=UTC",
  },
  postgresql: {
    port: DEFAULT_DATABASE_PORT.postgresql,
    driverClass: DATABASE_DRIVER_CLASS.postgresql,
    dbScheme: "postgresql",
    params: "sslmode=require",
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
          params: "allowPublicKeyRetrieval=true&useSSL=false&serverTimezone=UTC",
        };
  const engine = ENGINE_DEFAULTS[db.engine ?? "mysql"];
  return {
    enabled: true,
    host: db.host,
    port: db.port ?? engine.port,
    driverClass: engine.driverClass,
    dbScheme: engine.dbScheme,
    databaseName: db.databaseName ?? "openmetadata_db",
    auth: { username: db.user ?? "openmetadata_user", password: secretRef(CHART_SECRETS.mysql) },
    dbParams: db.params ?? engine.params,
  };
}

function searchValues(dependencies: Dependencies) {
  if (dependencies.mode === "bundled")
    return { enabled: true, host: "opensearch", searchType: "opensearch", port: 9200, scheme: "http" };
  const s = dependencies.search;
  return {
    enabled: true,
    host: s.host,
    searchType: s.type ?? "opensearch",
    port: s.port ?? 443,
    scheme: s.scheme ?? "https",
    auth: s.auth
      ? { enabled: true, username: s.auth.username, password: secretRef(CHART_SECRETS.elasticsearch) }
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
      auth: auth("admin"),
    };
  const client = dependencies.pipelineClient;
  if (!client) return { enabled: false };
  return {
    enabled: true,
    apiEndpoint: client.apiEndpoint,
    // An Airflow outside the cluster reaches the server the way people do.
    metadataApiEndpoint: `${publicUrl}/api`,
    verifySsl: client.apiEndpoint.startsWith("https:") ? "validate" : "no-ssl",
    auth: auth(client.username ?? "admin"),
  };
}

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
    extraEnvs: [...sso.extraEnvs],
    extraVolumes: [{ name: JWT_KEYS_VOLUME, secret: { secretName: OWN_SECRETS.jwtKeys.name } }],
    extraVolumeMounts: [{ name: JWT_KEYS_VOLUME, mountPath: DEFAULT_JWT_KEY_DIR, readOnly: true }],
    ingress: input.ingress ? ingressValues(input.publicUrl, input.ingress) : { enabled: false },
    resources: input.resources,
  };
}
