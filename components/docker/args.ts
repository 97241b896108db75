import type * as pulumi from "@pulumi/pulumi";
import type { SsoModel } from "../openmetadata/sso";
import type { DatabaseEngine, SearchEngine } from "./images";

/** MySQL or PostgreSQL in a container of this component, with OpenMetadata's database image. */
export interface BundledDatabase {
  mode: "bundled";
  /** @default "mysql" */
  engine?: DatabaseEngine;
}

/** A database server run elsewhere (managed MySQL/PostgreSQL); the database and user must exist. */
export interface ExternalDatabase {
  mode: "external";
  engine: DatabaseEngine;
  host: string;
  /** @default 3306 for mysql, 5432 for postgresql */
  port?: number;
  /** @default "openmetadata_db" */
  name?: string;
  /** @default "openmetadata_user" */
  user?: string;
  /** Secret. */
  password: pulumi.Input<string>;
  /** JDBC parameters (`DB_PARAMS`). @default "allowPublicKeyRetrieval=true&useSSL=false&serverTimezone=UTC" */
  params?: string;
}

/** Elasticsearch or OpenSearch, single node, in a container of this component. */
export interface BundledSearch {
  mode: "bundled";
  /** @default "elasticsearch" */
  engine?: SearchEngine;
  /** JVM heap (-Xms and -Xmx) in MB, at least 512. @default 1024 */
  heapMb?: number;
}

/** A search cluster run elsewhere. */
export interface ExternalSearch {
  mode: "external";
  engine: SearchEngine;
  host: string;
  /** @default 9200 */
  port?: number;
  /** @default "http" */
  scheme?: "http" | "https";
  /** Only with a secured cluster. */
  user?: string;
  /** Secret; only with `user`. */
  password?: pulumi.Input<string>;
}

/** OpenMetadata's own JWT key pair, base64 DER, written to the paths the SSO model names. */
export interface JwtKeyMaterial {
  /** PKCS#8 DER, base64; secret. */
  privateKeyDerBase64: pulumi.Input<string>;
  /** X.509 SubjectPublicKeyInfo DER, base64. */
  publicKeyDerBase64: pulumi.Input<string>;
}

/**
 * Arguments of OpenMetadataDocker. Those that decide which containers exist (modes, engines, ingestion, ports,
 * names, version) are plain values; everything else may be an Input. The Docker host is chosen by the docker
 * provider passed in the component's `providers` option.
 */
export interface OpenMetadataDockerArgs {
  /** The SSO model; the server's auth settings are its env rendering, nothing else. */
  sso: pulumi.Input<SsoModel>;
  /** The Entra client secret, for a confidential client only; secret. */
  oidcClientSecret?: pulumi.Input<string>;
  /** OpenMetadata's own JWT signing keys. */
  jwtKeys: JwtKeyMaterial;
  /** OpenMetadata version of every OpenMetadata image (x.y.z). @default "1.8.12" */
  version?: string;
  /** Registry host replacing every image's registry (a mirror). @default upstream registries */
  imageRegistry?: string;
  /**
   * Prefix of the Docker names (containers, network, volumes): two deployments on one host need different ones.
   * The server reaches its own JWKS at `http://<namePrefix>-server:8585`.
   * @default "openmetadata"
   */
  namePrefix?: string;
  /** @default { mode: "bundled", engine: "mysql" } */
  database?: BundledDatabase | ExternalDatabase;
  /** @default { mode: "bundled", engine: "elasticsearch", heapMb: 1024 } */
  search?: BundledSearch | ExternalSearch;
  /** Run the Airflow ingestion container (needs the bundled database, which holds Airflow's). @default true */
  ingestion?: boolean;
  /** Host port of the UI (container port 8585). @default 8585 */
  uiPort?: number;
  /** Host address the UI port binds to; 127.0.0.1 keeps it on the host. @default "127.0.0.1" */
  uiBindAddress?: string;
  /** Publish Airflow's UI on 127.0.0.1 at this port; unset keeps it unpublished. */
  airflowPort?: number;
  /** Seconds to wait for the server's health check after it starts (at least 60). @default 300 */
  serverWaitTimeoutSeconds?: number;
  /** Protect volumes and data containers from deletion (production). @default false */
  protect?: boolean;
}
