/** Config keys of the Docker target (OpenMetadata on a Docker host), all prefixed `docker`. */
import {
  DOCKER_DEFAULTS as D,
  MIN_SEARCH_HEAP_MB,
  MIN_SERVER_WAIT_SECONDS,
} from "../../components/docker/args";
import type { ConfigKeyDeclaration } from "../../config/keys";

export const DOCKER_KEYS = {
  dockerHost: {
    type: "string",
    description:
      "Docker host: unix:///var/run/docker.sock (local), ssh://user@host (uses the ssh client) or tcp://host:2376 (with dockerTlsCa/Cert/Key).",
    default: "unix:///var/run/docker.sock",
  },
  dockerSshOpts: {
    type: "array",
    description: "Extra ssh options for an ssh:// dockerHost, e.g. [-o, StrictHostKeyChecking=yes].",
    default: [],
  },
  dockerTlsCa: {
    type: "string",
    description: "PEM CA certificate of a tcp:// dockerHost (TLS).",
    secret: true,
  },
  dockerTlsCert: {
    type: "string",
    description: "PEM client certificate for a tcp:// dockerHost (TLS).",
    secret: true,
  },
  dockerTlsKey: {
    type: "string",
    description: "PEM client private key for a tcp:// dockerHost (TLS).",
    secret: true,
  },
  dockerImageRegistry: {
    type: "string",
    description:
      "Registry host that replaces every image's registry (a mirror or an air-gapped registry), e.g. registry.example.com/mirror.",
  },
  dockerNamePrefix: {
    type: "string",
    description:
      "Prefix of container, network and volume names; two deployments on one Docker host need different prefixes.",
    default: D.namePrefix,
  },
  dockerDatabaseMode: {
    type: "string",
    description: "bundled: a database container of this stack; external: connect to dockerDatabaseHost.",
    default: D.databaseMode,
  },
  dockerDatabaseEngine: {
    type: "string",
    description: "mysql or postgresql (bundled: OpenMetadata's db or postgresql image).",
    default: D.databaseEngine,
  },
  dockerDatabaseHost: { type: "string", description: "External database host name." },
  dockerDatabasePort: {
    type: "integer",
    description: "External database port. Defaults to 3306 (mysql) or 5432 (postgresql).",
  },
  dockerDatabaseName: {
    type: "string",
    description: "External database name. Defaults to openmetadata_db.",
  },
  dockerDatabaseUser: {
    type: "string",
    description: "External database user. Defaults to openmetadata_user.",
  },
  dockerDatabasePassword: {
    type: "string",
    description: "External database password.",
    secret: true,
  },
  dockerDatabaseParams: {
    type: "string",
    description: "External database JDBC parameters (DB_PARAMS), e.g. sslMode=REQUIRED&serverTimezone=UTC.",
  },
  dockerSearchMode: {
    type: "string",
    description:
      "bundled: a single-node search container of this stack; external: connect to dockerSearchHost.",
    default: D.searchMode,
  },
  dockerSearchEngine: {
    type: "string",
    description:
      "elasticsearch or opensearch (when bundled: the version the OpenMetadata release line pins).",
    default: D.searchEngine,
  },
  dockerSearchHeapMb: {
    type: "integer",
    description: `Bundled search engine's JVM heap in MB (at least ${MIN_SEARCH_HEAP_MB}).`,
    default: D.searchHeapMb,
  },
  dockerSearchHost: { type: "string", description: "External search host name." },
  dockerSearchPort: { type: "integer", description: "External search port. Defaults to 9200." },
  dockerSearchScheme: {
    type: "string",
    description: "External search scheme: http or https. Defaults to http.",
  },
  dockerSearchUser: { type: "string", description: "External search user (secured clusters)." },
  dockerSearchPassword: {
    type: "string",
    description: "External search password (with dockerSearchUser).",
    secret: true,
  },
  dockerIngestion: {
    type: "boolean",
    description: "Run the Airflow ingestion container (needs dockerDatabaseMode bundled).",
    default: D.ingestion,
  },
  dockerUiPort: {
    type: "integer",
    description:
      "Host port of the OpenMetadata UI; must equal publicUrl's port when publicUrl is a localhost URL.",
    default: D.uiPort,
  },
  dockerUiBindAddress: {
    type: "string",
    description:
      "Host address the UI port is published on. 127.0.0.1 keeps it on the Docker host, behind a reverse proxy that serves publicUrl; 0.0.0.0 publishes it on every interface.",
    default: D.uiBindAddress,
  },
  dockerAirflowPort: {
    type: "integer",
    description: "Publish Airflow's UI on 127.0.0.1 at this host port; unset keeps it unpublished.",
  },
  dockerServerWaitTimeout: {
    type: "integer",
    description: `Seconds to wait for the OpenMetadata server to become healthy (at least ${MIN_SERVER_WAIT_SECONDS}).`,
    default: D.serverWaitTimeoutSeconds,
  },
} as const satisfies Record<string, ConfigKeyDeclaration>;
