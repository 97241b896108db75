/**
 * The bundled search engine's container settings per release line: env and where it keeps its data in the search
 * volume. The images are the line's `bundledSearch` (releases.ts); these are the settings those images need.
 *
 * - Elasticsearch 8.11.4 and 9.3.0 (docker.elastic.co images): single node, security off, as upstream's quickstart
 *   compose runs 8.11.4; 9.x takes the same settings (`discovery.type`, `xpack.security.enabled` as dotted env).
 *   Elasticsearch 9 refuses to start on data written by 8.x before 8.19 ("Upgrading to the latest 8.18 patch
 *   release is required even if you choose a full cluster restart" for 9.0, 8.19 for 9.1+: Elastic's upgrade
 *   docs, deploy-manage/upgrade/prepare-to-upgrade and the upgrade paths), and the 1.8-1.11 lines bundle 8.11.4.
 *   So from Elasticsearch 9 each major keeps its data in its own directory of the same volume (`path.data`
 *   `<mount>/es<major>`): the volume keeps its name and stays protected, the upgrade needs no data replacement,
 *   the previous major's files stay next to it (for a restore of the previous release), and the server starts on
 *   empty indices that a reindex fills (OpenMetadata's post-upgrade step; docs: deployment/upgrade, "Reindex").
 * - OpenSearch 2.19.x and 3.3.2 (opensearchproject/opensearch): `DISABLE_SECURITY_PLUGIN=true` makes the image's
 *   entrypoint pass `-Eplugins.security.disabled=true` and `DISABLE_INSTALL_DEMO_CONFIG=true` skips the demo
 *   security setup, the only step that demands `OPENSEARCH_INITIAL_ADMIN_PASSWORD` from 2.12 on
 *   (opensearch-project/opensearch-build docker/release/config/opensearch/opensearch-docker-entrypoint-2.x.sh
 *   @c66fe25d and -default.x.sh @a17589a4, the one 3.x images use): no admin password exists at all, so none needs
 *   publishing. OpenSearch 3 upgrades in place from 2.19.0 or later ("The minimum required cluster version for
 *   upgrades to 3.x.x is 2.19.0", docs.opensearch.org migrate-or-upgrade/rolling-upgrade), which every 2.x bundle
 *   here is: its data directory never changes.
 */
import type { SearchEngine } from "../openmetadata/data-services";
import type { OpenMetadataRelease } from "../openmetadata/releases";

/** Where the search volume is mounted in the bundled engine's container. */
export const SEARCH_DATA_MOUNT: Record<SearchEngine, string> = {
  elasticsearch: "/usr/share/elasticsearch/data",
  opensearch: "/usr/share/opensearch/data",
};

/** The version of the engine `release` bundles. */
export function bundledSearchVersion(release: OpenMetadataRelease, engine: SearchEngine): string {
  return release.bundledSearch[engine];
}

const major = (version: string) => Number(version.split(".")[0]);

/**
 * The engine's data directory: the volume's root, except for Elasticsearch 9 and later, whose data lives in
 * `<mount>/es<major>` (see the header).
 */
export function searchDataPath(release: OpenMetadataRelease, engine: SearchEngine): string {
  const m = major(bundledSearchVersion(release, engine));
  return engine === "elasticsearch" && m >= 9
    ? `${SEARCH_DATA_MOUNT[engine]}/es${m}`
    : SEARCH_DATA_MOUNT[engine];
}

/** The bundled engine's env: single node, security off, heap `heapMb`, and its data directory if not the root. */
export function bundledSearchEnv(
  release: OpenMetadataRelease,
  engine: SearchEngine,
  heapMb: number,
): string[] {
  const dataPath = searchDataPath(release, engine);
  const ownDirectory = dataPath === SEARCH_DATA_MOUNT[engine] ? [] : [`path.data=${dataPath}`];
  return engine === "elasticsearch"
    ? [
        "discovery.type=single-node",
        `ES_JAVA_OPTS=-Xms${heapMb}m -Xmx${heapMb}m`,
        "xpack.security.enabled=false",
        ...ownDirectory,
      ]
    : [
        "discovery.type=single-node",
        `OPENSEARCH_JAVA_OPTS=-Xms${heapMb}m -Xmx${heapMb}m`,
        "DISABLE_SECURITY_PLUGIN=true",
        "DISABLE_INSTALL_DEMO_CONFIG=true",
        ...ownDirectory,
      ];
}
