/**
 * What depends on the OpenMetadata version, in one place: the supported release lines, their known patch releases,
 * and the facts every target uses (images, charts, bundled search engines, what the server reads). Adding a line
 * or a patch is a data change here. A version outside the known releases is refused (config reports it under
 * `openmetadataVersion` with the list), never rendered with another line's facts.
 *
 * Sources (cited per fact below): the Helm charts repository (github.com/open-metadata/openmetadata-helm-charts),
 * every tag `openmetadata-<v>` / `openmetadata-dependencies-<v>` read at its commit; the versioned docs
 * (docs.open-metadata.org/v1.<n>.x: deployment/upgrade and minimum-requirements); the 1.x quickstart compose files.
 */
import { ArgsError, got, type Problem } from "../problems";

type Version = readonly [number, number, number];

/** Facts of one release line (`1.8` = every 1.8.x patch). */
export interface ReleaseLine {
  /** `major.minor`. */
  readonly line: string;
  /** The patch release used when only the line is meant (the newest one published as a Helm chart). */
  readonly defaultPatch: string;
  /**
   * Patch numbers published with a Helm chart up to the newest this data was checked against. A gap in this list
   * (a patch never released, or released without a chart) is refused; a patch newer than the last one is accepted
   * as unverified (its facts are those of the newest known patch, and the plan says so).
   */
  readonly patches: readonly number[];
  /**
   * Bundled search engines (Docker target), within the majors the line's server supports: Elasticsearch 8 and
   * OpenSearch 2 up to 1.11, Elasticsearch 9.3+ and OpenSearch 3.2+ from 1.12 (v1.12.x upgrade matrix).
   */
  readonly bundledSearch: { readonly elasticsearch: string; readonly opensearch: string };
  /**
   * Airflow major version in the line's `openmetadata/ingestion` image: 2 up to 1.10, 3 from 1.11 ("Airflow 3.x (the
   * new default in OpenMetadata 1.11)", open-metadata/docs-v1 content/partials/v1.11/deployment/upgrade/
   * upgrade-prerequisites.md @43a64951; OpenMetadata ingestion/Dockerfile @00a7ac16 builds FROM
   * apache/airflow:3.2.2). The same page: Airflow 3's first start migrates an Airflow 2 database, which on MySQL with
   * binary logging (MySQL 8's default) needs `log_bin_trust_function_creators` ("FUNCTION
   * airflow_db.uuid_generate_v7 does not exist" otherwise).
   */
  readonly airflowMajor: 2 | 3;
  /**
   * Java major version the release tarball needs (VM target). 21 for every line: the bare-metal guide says "Java
   * (version 21.0.0)" in its pre-1.12 text (open-metadata/docs-v1, the page that still names Elasticsearch up to
   * 8.11.4 and AWS OpenSearch up to 2.19), and in docs.open-metadata.org/v1.12.x, latest and v2.1.x. No
   * version-pinned v1.8.x-v1.11.x bare-metal page was found; none of the pages found names another Java.
   */
  readonly javaMajor: number;
  /** Minimum database server versions (docs: minimum-requirements; 1.12's upgrade matrix raised them). */
  readonly databaseMinimum: { readonly mysql: string; readonly postgresql: string };
  /**
   * The server keeps its authentication and authorizer configuration in its database (1.10.0 on: the settings
   * rows `authenticationConfiguration` / `authorizerConfiguration`); env and YAML only seed a missing row.
   */
  readonly securityConfigInDatabase: boolean;
  /**
   * Where Entra's ID-token signing keys are named in `publicKeyUrls`: the v1.8/v1.9 Azure docs name
   * `common/discovery/keys`; from 1.10 the docs, and from 1.12 the server's Azure validator, want the tenant's own
   * `<authority>/discovery/v2.0/keys`.
   */
  readonly entraKeysUrl: "common" | "tenant-v2";
  /**
   * The server validates Azure SSO settings when they are saved (Settings → SSO, `PATCH
   * /api/v1/system/security/config`, `POST /api/v1/system/security/validate`: `AzureAuthValidator`), refusing an
   * authority other than `https://login.microsoftonline.com/<tenant>` and `publicKeyUrls` without the tenant's
   * `discovery/v2.0/keys`. From 1.12 as issue 16 and the v1.12 docs say; the first patch with it is not pinned
   * upstream. The stack's settings pass it on every line (build-model.ts).
   */
  readonly azureValidator: boolean;
  /**
   * The roles for people the line's server seeds (`openmetadata-service/src/main/resources/json/data/role/*.json`,
   * `provider: system`): what a role claim may name. Bot roles are left out (the server never syncs a bot's roles),
   * and so is `DomainOnlyAccessRole` (a `provider: user` add-on whose first line is not pinned): a stack that needs
   * it or a role of its own sets `entraAllowCustomRoles`. `Admin` is not a role entity; see roles.ts.
   */
  readonly seedRoles: readonly string[];
  /**
   * The server honours `authorizerConfiguration.useRolesFromProvider` (env `AUTHORIZER_USE_ROLES_FROM_PROVIDER`,
   * Helm `openmetadata.config.authorizer.useRolesFromProvider`): JwtFilter reads the token's `roles` claim and
   * UserResource syncs them, since PR #15903 (chart 1.4.0 added the value; every chart 1.8.12-1.13.1 maps it).
   */
  readonly rolesFromProvider: boolean;
  /** The docs' version segment, e.g. `v1.8.x`. */
  readonly docs: string;
}

/**
 * The human seed roles, unchanged from before 1.0 through 1.13 (`DataConsumer.json`, `DataSteward.json`), and
 * `useRolesFromProvider` read by every supported line (JwtFilter's `roles` claim, since PR #15903 in 1.4).
 */
const SEED_ROLES = ["DataConsumer", "DataSteward"] as const;

/** What every line has in common, and the first line of each fact that changed once (cited in ReleaseLine). */
const EVERY_LINE = { javaMajor: 21, seedRoles: SEED_ROLES, rolesFromProvider: true } as const;
const FROM_1_10 = { securityConfigInDatabase: true, entraKeysUrl: "tenant-v2" } as const;
const BEFORE_1_10 = { securityConfigInDatabase: false, entraKeysUrl: "common" } as const;
const MYSQL_8_POSTGRES_12 = { mysql: "8.0.0", postgresql: "12.0" } as const;
const MYSQL_8_0_42_POSTGRES_15 = { mysql: "8.0.42", postgresql: "15" } as const;

/** One line: its own data and the changed-once facts for its minor version. */
function releaseLine(minor: number, own: Pick<ReleaseLine, "patches" | "bundledSearch">): ReleaseLine {
  const patches = own.patches;
  return {
    line: `1.${minor}`,
    defaultPatch: `1.${minor}.${patches[patches.length - 1]}`,
    ...own,
    ...EVERY_LINE,
    ...(minor >= 10 ? FROM_1_10 : BEFORE_1_10),
    airflowMajor: minor >= 11 ? 3 : 2,
    databaseMinimum: minor >= 12 ? MYSQL_8_0_42_POSTGRES_15 : MYSQL_8_POSTGRES_12,
    azureValidator: minor >= 12,
    docs: `v1.${minor}.x`,
  };
}

/** The published chart patches of each line (helm-charts tags present in the repository's index.yaml). */
export const RELEASE_LINES: readonly ReleaseLine[] = [
  releaseLine(8, {
    patches: [0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 12],
    bundledSearch: { elasticsearch: "8.11.4", opensearch: "2.19.1" },
  }),
  releaseLine(9, {
    patches: [0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 14, 15, 16, 17],
    bundledSearch: { elasticsearch: "8.11.4", opensearch: "2.19.3" },
  }),
  releaseLine(10, {
    patches: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14],
    bundledSearch: { elasticsearch: "8.11.4", opensearch: "2.19.3" },
  }),
  releaseLine(11, {
    patches: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13],
    // The v1.11.x docs support OpenSearch 2.19 (chart 1.11.12+ bundles 3.3.2; the Docker target follows the docs).
    bundledSearch: { elasticsearch: "8.11.4", opensearch: "2.19.3" },
  }),
  releaseLine(12, {
    // 1.12.0 has no chart and 1.12.2's chart was never published.
    patches: [1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
    bundledSearch: { elasticsearch: "9.3.0", opensearch: "3.3.2" },
  }),
  releaseLine(13, { patches: [0, 1], bundledSearch: { elasticsearch: "9.3.0", opensearch: "3.3.2" } }),
];

/** The version every target uses unless the stack names another: the newest line's default patch. */
export const DEFAULT_OPENMETADATA_VERSION = RELEASE_LINES[RELEASE_LINES.length - 1].defaultPatch;

/** OpenMetadata's own image registry (upstream quickstart compose). */
export const OPENMETADATA_REGISTRY = "docker.getcollate.io";

/**
 * The release's layout, the same in the tarball and in the server image (openmetadata-dist
 * `src/main/assembly/binary.xml`): the ops tool (migrations, `remove-security-config`; it passes
 * `-c <its dir>/../conf/openmetadata.yaml` itself), the start script and the server's configuration.
 */
export const RELEASE_LAYOUT = {
  opsScript: "bootstrap/openmetadata-ops.sh",
  startScript: "bin/openmetadata-server-start.sh",
  config: "conf/openmetadata.yaml",
} as const;

/**
 * Where the server image holds the release, owned by the user it runs as (`USER openmetadata`; the Helm chart
 * runs `/opt/openmetadata/bootstrap/openmetadata-ops.sh migrate` at every 1.8-1.13 tag).
 */
export const SERVER_IMAGE_HOME = "/opt/openmetadata";

/** The ops tool in the server image. */
export const SERVER_IMAGE_OPS_SCRIPT = `${SERVER_IMAGE_HOME}/${RELEASE_LAYOUT.opsScript}`;

/**
 * How the `openmetadata` and `openmetadata-dependencies` charts of one patch release differ, from the per-tag
 * reading of the charts repository (first tag with each change in brackets).
 */
export interface ChartFacts {
  /**
   * `pipelineServiceClientConfig`: `flat` (`apiEndpoint`, `auth` at the top) or `nested` under `type: airflow` and
   * `airflow.*` [1.11.12, 1.12.1]: with the nested chart the flat keys are silently ignored.
   */
  readonly pipelineConfig: "flat" | "nested";
  /**
   * The dependencies chart's Airflow: the community `airflow-helm` 8.9.0 (Airflow 2, Service `-web`) or the
   * official `apache-airflow` 1.18.0 (Airflow 3, Service `-api-server`) [1.11.3].
   */
  readonly airflowChart: "airflow-helm" | "apache-airflow";
  /**
   * The Bitnami MySQL image the dependencies chart must be given: its default can no longer be pulled (Bitnami
   * moved its images to `bitnamilegacy`); the chart pins one itself from 1.9.4 on.
   */
  readonly mysqlImage?: { readonly registry: string; readonly repository: string; readonly tag: string };
  /**
   * A disabled pipeline client reaches the server as `PIPELINE_SERVICE_CLIENT_ENABLED=false` from the chart itself
   * (rendered into the `-pipeline-secret` from 1.10.9): the Deployment mounts the `-pipeline-secret` whatever `enabled` says
   * [1.12.2, helm-charts commit f2e5a18 "always mount pipeline-secret so PIPELINE_SERVICE_CLIENT_ENABLED is applied"
   * (#471)]; before, templates/deployment.yaml mounts it only for an enabled client, so 1.10.9-1.12.1 render the
   * value into a Secret no container reads (checked with `helm template` of every line's chart).
   */
  readonly deliversPipelineDisabled: boolean;
}

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
  /** How this release's charts render. */
  readonly chart: ChartFacts;
  /**
   * The release tarball (VM target): the GitHub release asset `openmetadata-<v>.tar.gz` of the tag `<v>-release`.
   * The name is the bare-metal guides' convention `openmetadata-x.y.z.tar.gz` (docs-v1 pre-1.12 guide, v1.12.x and
   * v1.13.x-SNAPSHOT upgrade steps, v2.1.x); the tag naming is the release notes' (`1.11.1-release`,
   * `1.13.1-release`). Its one top directory `openmetadata-<v>/` holds bin/, bootstrap/, conf/ and libs/
   * (openmetadata-dist `src/main/assembly/binary.xml`); `bootstrap/openmetadata-ops.sh` passes
   * `-c <its dir>/../conf/openmetadata.yaml` itself.
   */
  readonly tarball: { readonly file: string; readonly url: string };
  /**
   * Whether this exact patch is one the release data was checked against (false: a patch newer than the line's
   * newest known one, rendered with that one's facts).
   */
  readonly verified: boolean;
}

/** x.y.z without leading zeros (as every OpenMetadata tag is written). */
const VERSION_RE = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

const parse = (version: string): Version => version.split(".").map(Number) as unknown as Version;

/** a ≥ b, comparing x.y.z numerically. */
export function atLeast(version: string, floor: string): boolean {
  const [a, b] = [parse(version), parse(floor)];
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return true;
}

/** The supported releases, for messages: `1.8.0-1.8.12, ...`. */
export const SUPPORTED_LINES_TEXT = RELEASE_LINES.map((l) => `${l.line}.x`).join(", ");

/** Problems with a version: not `x.y.z`, not of a supported line, or a patch the line never published. */
export function releaseProblems(version: unknown, path = "version"): Problem[] {
  const match = typeof version === "string" ? VERSION_RE.exec(version) : null;
  if (!match)
    return [
      {
        path,
        message: `must be a release version x.y.z such as ${DEFAULT_OPENMETADATA_VERSION}; ${got(version)}`,
      },
    ];
  const lineName = `${Number(match[1])}.${Number(match[2])}`;
  const line = RELEASE_LINES.find((l) => l.line === lineName);
  if (!line)
    return [
      { path, message: `must be a release of a supported line (${SUPPORTED_LINES_TEXT}); ${got(version)}` },
    ];
  const patch = Number(match[3]);
  const newestKnown = line.patches[line.patches.length - 1];
  if (patch <= newestKnown && !line.patches.includes(patch))
    return [
      {
        path,
        message:
          `must be a published ${line.line} patch (${line.patches.map((p) => `${line.line}.${p}`).join(", ")}, ` +
          `or a newer one); ${got(version)}`,
      },
    ];
  return [];
}

/** The Bitnami MySQL image the charts pin from 1.9.4 on (helm-charts commit 66675a1). */
const BITNAMI_LEGACY_MYSQL = {
  registry: "docker.io",
  repository: "bitnamilegacy/mysql",
  tag: "8.0.37-debian-12-r2",
} as const;

function chartFacts(version: string): ChartFacts {
  return {
    pipelineConfig: atLeast(version, "1.11.12") ? "nested" : "flat",
    airflowChart: atLeast(version, "1.11.3") ? "apache-airflow" : "airflow-helm",
    ...(atLeast(version, "1.9.4") ? {} : { mysqlImage: BITNAMI_LEGACY_MYSQL }),
    deliversPipelineDisabled: atLeast(version, "1.12.2"),
  };
}

/** The facts of `version`; throws ArgsError when it is not a known release. */
export function resolveRelease(version: string = DEFAULT_OPENMETADATA_VERSION): OpenMetadataRelease {
  const problems = releaseProblems(version);
  if (problems.length > 0) throw new ArgsError("OpenMetadata release", problems);
  const [major, minor] = parse(version);
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
    chart: chartFacts(version),
    tarball: {
      file: `openmetadata-${version}.tar.gz`,
      url: `https://github.com/open-metadata/OpenMetadata/releases/download/${version}-release/openmetadata-${version}.tar.gz`,
    },
    verified: line.patches.includes(parse(version)[2]),
  };
}
