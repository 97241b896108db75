/**
 * The Docker target's config: the shape of its keys (bundled and external modes as discriminated unions), the
 * mapping to OpenMetadataDocker's args, and the rules, which are the component's own checks reported under the
 * keys plus the few rules about the Docker provider and the public URL.
 */
import { z } from "zod";
import type { OpenMetadataDockerArgs } from "../../components/docker/args";
import { dockerArgsProblems } from "../../components/docker/validate";
import {
  DATABASE_ENGINES,
  SEARCH_ENGINES,
  SEARCH_SCHEMES,
} from "../../components/openmetadata/data-services";
import { isLocalUrl, publicPort } from "../../components/openmetadata/urls";
import type { Problem } from "../../components/problems";
import { toKeyPaths, type KeyMap } from "../../config/key-paths";
import { modeError, oneOf, unused, unusedUnlessDefault } from "../../config/shape";
import type { CoreSettings, TargetConfigModule, WrapSecret } from "../context";
import { DOCKER_KEYS } from "./keys";

const MODES = ["bundled", "external"] as const;
const external = (key: string) => unused(`with ${key} external`);

const common = z.object({
  dockerHost: z.string(),
  dockerSshOpts: z.array(z.string()),
  dockerTlsCa: z.string().optional(),
  dockerTlsCert: z.string().optional(),
  dockerTlsKey: z.string().optional(),
  dockerImageRegistry: z.string().optional(),
  dockerNamePrefix: z.string(),
  dockerIngestion: z.boolean(),
  dockerUiPort: z.number(),
  dockerUiBindAddress: z.string(),
  dockerAirflowPort: z.number().optional(),
  dockerServerWaitTimeout: z.number(),
});

const database = z.discriminatedUnion(
  "dockerDatabaseMode",
  [
    z.object({
      dockerDatabaseMode: z.literal("bundled"),
      dockerDatabaseEngine: oneOf(DATABASE_ENGINES),
      dockerDatabaseHost: external("dockerDatabaseMode"),
      dockerDatabasePort: external("dockerDatabaseMode"),
      dockerDatabaseName: external("dockerDatabaseMode"),
      dockerDatabaseUser: external("dockerDatabaseMode"),
      dockerDatabasePassword: external("dockerDatabaseMode"),
      dockerDatabaseParams: external("dockerDatabaseMode"),
    }),
    z.object({
      dockerDatabaseMode: z.literal("external"),
      dockerDatabaseEngine: oneOf(DATABASE_ENGINES),
      dockerDatabaseHost: z.string(),
      dockerDatabasePort: z.number().optional(),
      dockerDatabaseName: z.string().optional(),
      dockerDatabaseUser: z.string().optional(),
      dockerDatabasePassword: z.string(),
      dockerDatabaseParams: z.string().optional(),
    }),
  ],
  modeError("dockerDatabaseMode", MODES),
);

const search = z.discriminatedUnion(
  "dockerSearchMode",
  [
    z.object({
      dockerSearchMode: z.literal("bundled"),
      dockerSearchEngine: oneOf(SEARCH_ENGINES),
      dockerSearchHeapMb: z.number(),
      dockerSearchHost: external("dockerSearchMode"),
      dockerSearchPort: external("dockerSearchMode"),
      dockerSearchScheme: external("dockerSearchMode"),
      dockerSearchUser: external("dockerSearchMode"),
      dockerSearchPassword: external("dockerSearchMode"),
    }),
    z.object({
      dockerSearchMode: z.literal("external"),
      dockerSearchEngine: oneOf(SEARCH_ENGINES),
      dockerSearchHeapMb: unusedUnlessDefault(
        DOCKER_KEYS.dockerSearchHeapMb.default,
        "with dockerSearchMode bundled",
      ),
      dockerSearchHost: z.string(),
      dockerSearchPort: z.number().optional(),
      dockerSearchScheme: oneOf(SEARCH_SCHEMES).optional(),
      dockerSearchUser: z.string().optional(),
      dockerSearchPassword: z.string().optional(),
    }),
  ],
  modeError("dockerSearchMode", MODES),
);

const shape = common.and(database).and(search);
export type DockerTargetConfig = z.output<typeof shape>;

/** OpenMetadataDocker's args (all but the SSO source) for this config; the one mapping config and deploy share. */
export function dockerArgs(
  c: DockerTargetConfig,
  core: CoreSettings,
  secret: WrapSecret,
): Omit<OpenMetadataDockerArgs, "sso"> {
  return {
    version: core.openmetadataVersion,
    ssoConfigSource: core.ssoConfigSource,
    imageRegistry: c.dockerImageRegistry,
    namePrefix: c.dockerNamePrefix,
    database:
      c.dockerDatabaseMode === "bundled"
        ? { mode: "bundled", engine: c.dockerDatabaseEngine }
        : {
            mode: "external",
            engine: c.dockerDatabaseEngine,
            host: c.dockerDatabaseHost,
            port: c.dockerDatabasePort,
            name: c.dockerDatabaseName,
            user: c.dockerDatabaseUser,
            password: secret(c.dockerDatabasePassword),
            params: c.dockerDatabaseParams,
          },
    search:
      c.dockerSearchMode === "bundled"
        ? { mode: "bundled", engine: c.dockerSearchEngine, heapMb: c.dockerSearchHeapMb }
        : {
            mode: "external",
            engine: c.dockerSearchEngine,
            host: c.dockerSearchHost,
            port: c.dockerSearchPort,
            scheme: c.dockerSearchScheme,
            user: c.dockerSearchUser,
            password: c.dockerSearchPassword === undefined ? undefined : secret(c.dockerSearchPassword),
          },
    ingestion: c.dockerIngestion,
    uiPort: c.dockerUiPort,
    uiBindAddress: c.dockerUiBindAddress,
    airflowPort: c.dockerAirflowPort,
    serverWaitTimeoutSeconds: c.dockerServerWaitTimeout,
    protect: core.protectData,
    production: core.production,
  };
}

/** Which key sets each argument of OpenMetadataDocker. */
export const DOCKER_ARG_KEYS: KeyMap = {
  version: "openmetadataVersion",
  ssoConfigSource: "ssoConfigSource",
  imageRegistry: "dockerImageRegistry",
  namePrefix: "dockerNamePrefix",
  "database.mode": "dockerDatabaseMode",
  "database.engine": "dockerDatabaseEngine",
  "database.host": "dockerDatabaseHost",
  "database.port": "dockerDatabasePort",
  "database.name": "dockerDatabaseName",
  "database.user": "dockerDatabaseUser",
  "database.password": "dockerDatabasePassword",
  "database.params": "dockerDatabaseParams",
  "search.mode": "dockerSearchMode",
  "search.engine": "dockerSearchEngine",
  "search.heapMb": "dockerSearchHeapMb",
  "search.host": "dockerSearchHost",
  "search.port": "dockerSearchPort",
  "search.scheme": "dockerSearchScheme",
  "search.user": "dockerSearchUser",
  "search.password": "dockerSearchPassword",
  ingestion: "dockerIngestion",
  uiPort: "dockerUiPort",
  uiBindAddress: "dockerUiBindAddress",
  airflowPort: "dockerAirflowPort",
  serverWaitTimeoutSeconds: "dockerServerWaitTimeout",
};

/** A Docker host URL; a user name is fine (ssh://user@host), a password never (it would sit in state). */
const DOCKER_HOST_RE = /^(unix|ssh|tcp|npipe):\/\/(?![^/@]*:[^/@]*@)\S+$/;

/** Rules about the Docker provider and the public URL, which are the config's, not the component's. */
function configRules(c: DockerTargetConfig, core: CoreSettings): Problem[] {
  const problems: Problem[] = [];
  const issue = (path: keyof typeof DOCKER_KEYS, message: string) => problems.push({ path, message });
  if (/^[a-z]+:\/\/[^/@]*:[^/@]*@/.test(c.dockerHost))
    issue(
      "dockerHost",
      "must not hold a password (it would sit in the stack's state): use TLS certificates or ssh keys",
    );
  else if (!DOCKER_HOST_RE.test(c.dockerHost))
    issue(
      "dockerHost",
      "must be a Docker host URL: unix:///var/run/docker.sock, ssh://user@host or tcp://host:2376",
    );
  const tcp = c.dockerHost.startsWith("tcp://");
  for (const key of ["dockerTlsCa", "dockerTlsCert", "dockerTlsKey"] as const)
    if (c[key] !== undefined && !tcp) issue(key, "is only used with a tcp:// dockerHost");
  const tls = [c.dockerTlsCa, c.dockerTlsCert, c.dockerTlsKey].filter((v) => v !== undefined).length;
  if (tls !== 0 && tls !== 3)
    issue("dockerTlsKey", "dockerTlsCa, dockerTlsCert and dockerTlsKey must be set together (all three PEM)");
  if (c.dockerSshOpts.length > 0 && !c.dockerHost.startsWith("ssh://"))
    issue("dockerSshOpts", "is only used with an ssh:// dockerHost");
  if (isLocalUrl(core.publicUrl) && publicPort(core.publicUrl) !== c.dockerUiPort)
    issue(
      "dockerUiPort",
      `must equal publicUrl's port ${publicPort(core.publicUrl)} for a localhost publicUrl; got ${c.dockerUiPort}`,
    );
  return problems;
}

export const dockerTarget: TargetConfigModule<DockerTargetConfig> = {
  keys: DOCKER_KEYS,
  shape,
  problems: (c, core) => [
    ...configRules(c, core),
    ...toKeyPaths(dockerArgsProblems(dockerArgs(c, core, (v) => v)), DOCKER_ARG_KEYS, "target"),
  ],
};
