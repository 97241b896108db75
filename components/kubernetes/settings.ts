/** Plain settings of the Kubernetes target that decide chart values and which children exist. */
import type * as pulumi from "@pulumi/pulumi";

export type DatabaseEngine = "mysql" | "postgresql";
export type SearchType = "opensearch" | "elasticsearch";

/** A managed MySQL or PostgreSQL database for OpenMetadata. */
export interface ExternalDatabase {
  /** @default "mysql" */
  engine?: DatabaseEngine;
  host: string;
  /** @default 3306 for mysql, 5432 for postgresql */
  port?: number;
  /** @default "openmetadata_db" */
  databaseName?: string;
  /** @default "openmetadata_user" */
  user?: string;
  /** The user's password; kept secret. */
  password: pulumi.Input<string>;
  /** JDBC parameters. @default TLS on: "allowPublicKeyRetrieval=true&useSSL=true&serverTimezone=UTC" or "sslmode=require" */
  params?: string;
}

/** A managed OpenSearch or Elasticsearch endpoint. */
export interface ExternalSearch {
  /** @default "opensearch" */
  type?: SearchType;
  host: string;
  /** @default 443 */
  port?: number;
  /** @default "https" */
  scheme?: "http" | "https";
  /** Basic authentication; omit for none. */
  auth?: { username: string; password: pulumi.Input<string> };
}

/** An Airflow with OpenMetadata's APIs, for ingestion pipelines. */
export interface ExternalPipelineClient {
  apiEndpoint: string;
  /** @default "admin" */
  username?: string;
  password: pulumi.Input<string>;
}

/** MySQL, OpenSearch and Airflow from the `openmetadata-dependencies` chart, in the same namespace. */
export interface BundledDependencies {
  mode: "bundled";
}

/** Managed services; no dependency chart is installed. */
export interface ExternalDependencies {
  mode: "external";
  database: ExternalDatabase;
  search: ExternalSearch;
  /** Omit to run without pipeline management from OpenMetadata. */
  pipelineClient?: ExternalPipelineClient;
}

export type Dependencies = BundledDependencies | ExternalDependencies;

export interface IngressSettings {
  /** IngressClass name, e.g. "nginx". */
  className: string;
  /** Existing TLS Secret for the host; with certManagerIssuer, the Secret cert-manager writes. */
  tlsSecretName?: string;
  /** cert-manager ClusterIssuer name; adds the `cert-manager.io/cluster-issuer` annotation. */
  certManagerIssuer?: string;
}

export interface ServerResources {
  requests: { cpu: string; memory: string };
  limits: { cpu: string; memory: string };
}
