/** Plain settings of the Kubernetes component that decide chart values and which children exist. */
import type * as pulumi from "@pulumi/pulumi";
import type { ExternalDatabaseArgs, ExternalSearchArgs } from "../openmetadata/data-services";

/** A managed MySQL or PostgreSQL database. Defaults: mysql, TLS on ("useSSL=true..." / "sslmode=require"). */
export type ExternalDatabase = ExternalDatabaseArgs<pulumi.Input<string>>;

/** A managed OpenSearch or Elasticsearch endpoint. Defaults: opensearch, port 443, https. */
export type ExternalSearch = ExternalSearchArgs<pulumi.Input<string>>;

/** An Airflow with OpenMetadata's APIs, for ingestion pipelines. */
export interface ExternalPipelineClient {
  /** http(s) URL of the Airflow API server, e.g. https://airflow.example.com. */
  readonly apiEndpoint: string;
  /** @default "admin" */
  readonly username?: string;
  /** Secret. */
  readonly password: pulumi.Input<string>;
}

/** MySQL, OpenSearch and Airflow from the `openmetadata-dependencies` chart, in the same namespace. */
export interface BundledDependencies {
  readonly mode: "bundled";
}

/** Managed services; no dependency chart is installed. */
export interface ExternalDependencies {
  readonly mode: "external";
  readonly database: ExternalDatabase;
  readonly search: ExternalSearch;
  /** Omit to run without pipeline management from OpenMetadata. */
  readonly pipelineClient?: ExternalPipelineClient;
}

export type Dependencies = BundledDependencies | ExternalDependencies;

export interface IngressSettings {
  /** IngressClass name, e.g. "nginx". @default "nginx" */
  readonly className?: string;
  /** Existing TLS Secret for the host; with certManagerIssuer, the Secret cert-manager writes. */
  readonly tlsSecretName?: string;
  /** cert-manager ClusterIssuer name; adds the `cert-manager.io/cluster-issuer` annotation. */
  readonly certManagerIssuer?: string;
}

export interface ServerResources {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly cpu: string; readonly memory: string };
}
