/**
 * The images of the Docker deployment, one version for every OpenMetadata image. A registry override swaps only
 * the registry host, so a mirror keeps upstream's repository paths (`<registry>/openmetadata/server:1.8.12`).
 */

export type { DatabaseEngine, SearchEngine } from "../openmetadata/data-services";
import type { DatabaseEngine, SearchEngine } from "../openmetadata/data-services";

/** OpenMetadata's own registry (upstream quickstart compose). */
export const OPENMETADATA_REGISTRY = "docker.getcollate.io";
/** Elasticsearch of the upstream 1.8 quickstart. */
export const ELASTICSEARCH_VERSION = "8.11.4";
/** OpenSearch 2.x, the engine OpenMetadata's Helm dependencies chart bundles. */
export const OPENSEARCH_VERSION = "2.19.1";

export interface ImageSet {
  database: string;
  search: string;
  server: string;
  ingestion: string;
}

/** Image references for a version, database engine and search engine; `registry` replaces every registry host. */
export function imageSet(
  version: string,
  database: DatabaseEngine,
  search: SearchEngine,
  registry?: string,
): ImageSet {
  const at = (defaultRegistry: string | undefined, path: string) => {
    const host = registry ?? defaultRegistry;
    return host ? `${host}/${path}` : path;
  };
  return {
    database: at(
      OPENMETADATA_REGISTRY,
      `openmetadata/${database === "mysql" ? "db" : "postgresql"}:${version}`,
    ),
    search:
      search === "elasticsearch"
        ? at("docker.elastic.co", `elasticsearch/elasticsearch:${ELASTICSEARCH_VERSION}`)
        : at(undefined, `opensearchproject/opensearch:${OPENSEARCH_VERSION}`),
    server: at(OPENMETADATA_REGISTRY, `openmetadata/server:${version}`),
    ingestion: at(OPENMETADATA_REGISTRY, `openmetadata/ingestion:${version}`),
  };
}
