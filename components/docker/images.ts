/**
 * The images of the Docker deployment, from the release's facts: OpenMetadata's images at the release's version,
 * the bundled search engine at the version the release line pins. A registry override swaps only the registry
 * host, so a mirror keeps upstream's repository paths (`<registry>/openmetadata/server:1.8.12`).
 */
import type { DatabaseEngine, SearchEngine } from "../openmetadata/data-services";
import type { OpenMetadataRelease } from "../openmetadata/releases";

export interface ImageSet {
  database: string;
  search: string;
  server: string;
  ingestion: string;
}

/** `registry/path` with the first component of `ref` replaced when `ref` names a registry host. */
function withRegistry(ref: string, registry: string | undefined): string {
  if (!registry) return ref;
  const [first, ...rest] = ref.split("/");
  const hasRegistry = first.includes(".") || first.includes(":");
  return `${registry}/${hasRegistry ? rest.join("/") : ref}`;
}

/** Image references for a release, database engine and search engine; `registry` replaces every registry host. */
export function imageSet(
  release: OpenMetadataRelease,
  database: DatabaseEngine,
  search: SearchEngine,
  registry?: string,
): ImageSet {
  const searchImage =
    search === "elasticsearch"
      ? `docker.elastic.co/elasticsearch/elasticsearch:${release.bundledSearch.elasticsearch}`
      : `opensearchproject/opensearch:${release.bundledSearch.opensearch}`;
  return {
    database: withRegistry(release.images[database], registry),
    search: withRegistry(searchImage, registry),
    server: withRegistry(release.images.server, registry),
    ingestion: withRegistry(release.images.ingestion, registry),
  };
}
