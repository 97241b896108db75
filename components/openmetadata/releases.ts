/**
 * What depends on the OpenMetadata version, in one place: the supported release lines and, per line, the images,
 * charts and bundled search engines every target uses. Adding a line is a data change here. A version outside
 * the supported lines is refused (config reports it under `openmetadataVersion`), never rendered with another
 * line's facts.
 */
import { ArgsError, got, type Problem } from "../problems";

/** Facts of one release line (`1.8` = every 1.8.x patch). */
export interface ReleaseLine {
  /** `major.minor`. */
  readonly line: string;
  /** The patch release used when only the line is meant (the default version for this line). */
  readonly defaultPatch: string;
  /** Bundled search engines (Docker target), as the line's upstream quickstart compose pins them. */
  readonly bundledSearch: { readonly elasticsearch: string; readonly opensearch: string };
  /** Java major version the release tarball needs (VM target). */
  readonly javaMajor: number;
  /**
   * The bundled MySQL image the `openmetadata-dependencies` chart must be given, when its own default can no longer
   * be pulled (Bitnami moved its images to `bitnamilegacy`). Undefined when the chart's default works.
   */
  readonly dependenciesMysqlImage?: {
    readonly registry: string;
    readonly repository: string;
    readonly tag: string;
  };
}

/**
 * Sources: the 1.8.12 quickstart compose (`docker/docker-compose-quickstart/docker-compose.yml` at tag
 * `1.8.12-release`: elasticsearch 8.11.4), the openmetadata-dependencies chart 1.8.12 (OpenSearch 2.19.1), and the
 * 1.8 bare-metal guide (Java 21). The 1.8.12 dependencies chart still pulls the default image of the Bitnami mysql
 * chart 9.7.2 from `docker.io/bitnami`, which Bitnami removed; the later lines' charts (1.9.4+) pin
 * `docker.io/bitnamilegacy/mysql:8.0.37-debian-12-r2`, the same MySQL 8.0 series, which 1.8 uses too.
 */
export const RELEASE_LINES: readonly ReleaseLine[] = [
  {
    line: "1.8",
    defaultPatch: "1.8.12",
    bundledSearch: { elasticsearch: "8.11.4", opensearch: "2.19.1" },
    javaMajor: 21,
    dependenciesMysqlImage: {
      registry: "docker.io",
      repository: "bitnamilegacy/mysql",
      tag: "8.0.37-debian-12-r2",
    },
  },
];

/** The version every target uses unless the stack names another. */
export const DEFAULT_OPENMETADATA_VERSION = RELEASE_LINES[RELEASE_LINES.length - 1].defaultPatch;

/** OpenMetadata's own image registry (upstream quickstart compose). */
export const OPENMETADATA_REGISTRY = "docker.getcollate.io";

/** One exact release: its line's facts plus what is named by the version itself. */
export interface OpenMetadataRelease extends ReleaseLine {
  /** `x.y.z`. */
  readonly version: string;
  /** Image repositories of OpenMetadata's own images at `version` (registry, path and tag). */
  readonly images: {
    readonly server: string;
    readonly ingestion: string;
    /** OpenMetadata's MySQL image with its databases and users. */
    readonly mysql: string;
    /** OpenMetadata's PostgreSQL image with its databases and users. */
    readonly postgresql: string;
  };
  /** Helm chart versions (`openmetadata`, `openmetadata-dependencies`); the charts follow the app version. */
  readonly charts: { readonly openmetadata: string; readonly dependencies: string };
}

const VERSION_RE = /^(\d+)\.(\d+)\.(\d+)$/;

/** The supported lines, for messages: `1.8.x`. */
export const SUPPORTED_LINES_TEXT = RELEASE_LINES.map((l) => `${l.line}.x`).join(", ");

/** Problems with a version: not `x.y.z`, or not a patch release of a supported line. */
export function releaseProblems(version: unknown, path = "version"): Problem[] {
  const match = typeof version === "string" ? VERSION_RE.exec(version) : null;
  if (!match)
    return [
      {
        path,
        message: `must be a release version x.y.z such as ${DEFAULT_OPENMETADATA_VERSION}; ${got(version)}`,
      },
    ];
  const line = `${Number(match[1])}.${Number(match[2])}`;
  if (!RELEASE_LINES.some((l) => l.line === line))
    return [
      { path, message: `must be a release of a supported line (${SUPPORTED_LINES_TEXT}); ${got(version)}` },
    ];
  return [];
}

/** The facts of `version`; throws ArgsError when it is not a release of a supported line. */
export function resolveRelease(version: string = DEFAULT_OPENMETADATA_VERSION): OpenMetadataRelease {
  const problems = releaseProblems(version);
  if (problems.length > 0) throw new ArgsError("OpenMetadata release", problems);
  const [major, minor] = version.split(".").map(Number);
  const line = RELEASE_LINES.find((l) => l.line === `${major}.${minor}`) as ReleaseLine;
  const image = (path: string) => `${OPENMETADATA_REGISTRY}/openmetadata/${path}:${version}`;
  return {
    ...line,
    version,
    images: {
      server: image("server"),
      ingestion: image("ingestion"),
      mysql: image("db"),
      postgresql: image("postgresql"),
    },
    charts: { openmetadata: version, dependencies: version },
  };
}
