/** The Docker component's args and defaults, without the SDK (the stack config reads them too). */
import type { SsoConfigSource } from "../openmetadata/security-config";
import type * as pulumi from "@pulumi/pulumi";
import type { OpenMetadataSso } from "../openmetadata/server-sso";
import type {
  DatabaseEngine,
  ExternalDatabaseArgs,
  ExternalSearchArgs,
  SearchEngine,
} from "../openmetadata/data-services";

/** MySQL or PostgreSQL in a container of this component, with OpenMetadata's database image. */
export interface BundledDatabase {
  readonly mode: "bundled";
  /** @default "mysql" */
  readonly engine?: DatabaseEngine;
}

/**
 * A database server run elsewhere (managed MySQL/PostgreSQL); the database and user must exist. Its JDBC
 * parameters default to TLS (`sslMode=REQUIRED` / `sslmode=require`), except on loopback.
 */
export interface ExternalDatabase extends ExternalDatabaseArgs<pulumi.Input<string>> {
  readonly mode: "external";
}

/** Elasticsearch or OpenSearch, single node, in a container of this component. */
export interface BundledSearch {
  readonly mode: "bundled";
  /** @default "elasticsearch" */
  readonly engine?: SearchEngine;
  /** JVM heap (-Xms and -Xmx) in MB, at least 512. @default 1024 */
  readonly heapMb?: number;
}

/** A search cluster run elsewhere. Defaults: engine elasticsearch, port 9200, https (http on loopback). */
export interface ExternalSearch extends ExternalSearchArgs<pulumi.Input<string>> {
  readonly mode: "external";
}

/**
 * Arguments of OpenMetadataDocker. Those that decide which containers exist (modes, engines, ingestion, ports,
 * names, version) are plain values; secrets may be Inputs. The Docker host is chosen by the docker provider passed
 * in the component's `providers` option.
 */
export interface OpenMetadataDockerArgs {
  /** SSO: the model factory (called with this component's internal URL), client secret and JWT keys. */
  readonly sso: OpenMetadataSso;
  /** OpenMetadata version of every OpenMetadata image (a patch of a supported line). @default DEFAULT_OPENMETADATA_VERSION */
  readonly version?: string;
  /**
   * Who owns the server's stored SSO settings on OpenMetadata 1.10+: `stack` resets them at every deploy that
   * changes the SSO settings (a one-shot container after the migration, sso-reset.ts), so the server re-seeds them
   * from this stack; `database` leaves them to OpenMetadata's UI. Only `stack` on 1.8/1.9. @default "stack"
   */
  readonly ssoConfigSource?: SsoConfigSource;
  /** Registry host (and path) replacing every image's registry (a mirror). @default upstream registries */
  readonly imageRegistry?: string;
  /**
   * Prefix of the Docker names (containers, network, volumes): two deployments on one host need different ones.
   * The server reaches its own JWKS at `http://<namePrefix>-server:8585`.
   * @default "openmetadata"
   */
  readonly namePrefix?: string;
  /** @default { mode: "bundled", engine: "mysql" } */
  readonly database?: BundledDatabase | ExternalDatabase;
  /** @default { mode: "bundled", engine: "elasticsearch", heapMb: 1024 } */
  readonly search?: BundledSearch | ExternalSearch;
  /** Run the Airflow ingestion container (needs the bundled database, which holds Airflow's). @default true */
  readonly ingestion?: boolean;
  /** Host port of the UI (container port 8585). @default 8585 */
  readonly uiPort?: number;
  /** Host address (IPv4 or IPv6) the UI port binds to; 127.0.0.1 keeps it on the host. @default "127.0.0.1" */
  readonly uiBindAddress?: string;
  /** Publish Airflow's UI on 127.0.0.1 at this port; unset keeps it unpublished. */
  readonly airflowPort?: number;
  /** Seconds to wait for the server's health check after it starts (at least 60). @default 300 */
  readonly serverWaitTimeoutSeconds?: number;
  /** Protect the data (volumes, generated credentials, the Fernet key) from deletion and replacement. @default true */
  readonly protect?: boolean;
  /** Production: connections to an external database or search engine must use TLS. @default false */
  readonly production?: boolean;
}

/** The defaults of OpenMetadataDocker's args, resolved once. */
export const DOCKER_DEFAULTS = {
  namePrefix: "openmetadata",
  databaseMode: "bundled",
  searchMode: "bundled",
  databaseEngine: "mysql",
  searchEngine: "elasticsearch",
  searchHeapMb: 1024,
  ingestion: true,
  uiPort: 8585,
  uiBindAddress: "127.0.0.1",
  serverWaitTimeoutSeconds: 300,
  externalSearchPort: 9200,
} as const;

/** Minimums the component enforces. */
export const MIN_SEARCH_HEAP_MB = 512;
export const MIN_SERVER_WAIT_SECONDS = 60;
