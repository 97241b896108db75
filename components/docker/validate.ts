/** The Docker component's rules over its plain args, each problem naming the arg path. */
import { BIND_ADDRESS, checkForm, checkOneOf, PORT, wholeNumber, type Form } from "../forms";
import {
  DATABASE_ENGINES,
  defaultDatabaseParams,
  defaultSearchScheme,
  externalDatabaseProblems,
  productionTransportProblems,
  externalSearchProblems,
  SEARCH_ENGINES,
} from "../openmetadata/data-services";
import { DEFAULT_OPENMETADATA_VERSION, releaseProblems } from "../openmetadata/releases";
import { ssoConfigSourceProblems } from "../openmetadata/security-config";
import type { Problem } from "../problems";
import {
  DOCKER_DEFAULTS,
  MIN_SEARCH_HEAP_MB,
  MIN_SERVER_WAIT_SECONDS,
  type OpenMetadataDockerArgs,
} from "./args";

const MODES = ["bundled", "external"] as const;

/** Docker names are also host names on the network: lower-case DNS labels, short enough for suffixes. */
export const NAME_PREFIX: Form = {
  form: "1-40 lower-case letters, digits and hyphens, starting and ending with a letter or digit",
  test: (v) => typeof v === "string" && /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/.test(v),
};
/** A registry host with an optional port and path. */
export const IMAGE_REGISTRY: Form = {
  form: "a registry host with an optional port and path, e.g. registry.example.com/mirror",
  test: (v) =>
    typeof v === "string" && /^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(?::\d{1,5})?(?:\/[a-z0-9._-]+)*$/.test(v),
};

const optional = (path: string, value: unknown, form: Form): Problem[] =>
  value === undefined ? [] : checkForm(path, value, form);

/** Every problem with the arguments, each naming the argument and the accepted form; empty when valid. */
export function dockerArgsProblems(args: Omit<OpenMetadataDockerArgs, "sso">): Problem[] {
  const problems: Problem[] = [];
  const { database = { mode: "bundled" }, search = { mode: "bundled" } } = args;
  if (args.version !== undefined) problems.push(...releaseProblems(args.version, "version"));
  if (args.ssoConfigSource !== undefined)
    problems.push(
      ...ssoConfigSourceProblems(
        args.ssoConfigSource,
        args.version ?? DEFAULT_OPENMETADATA_VERSION,
        "ssoConfigSource",
      ),
    );
  problems.push(...optional("imageRegistry", args.imageRegistry, IMAGE_REGISTRY));
  problems.push(...optional("namePrefix", args.namePrefix, NAME_PREFIX));

  problems.push(...checkOneOf("database.mode", database.mode, MODES));
  if (database.mode === "bundled" && database.engine !== undefined)
    problems.push(...checkOneOf("database.engine", database.engine, DATABASE_ENGINES));
  if (database.mode === "external") problems.push(...externalDatabaseProblems("database", database));

  problems.push(...checkOneOf("search.mode", search.mode, MODES));
  if (search.mode === "bundled") {
    if (search.engine !== undefined)
      problems.push(...checkOneOf("search.engine", search.engine, SEARCH_ENGINES));
    problems.push(
      ...optional(
        "search.heapMb",
        search.heapMb,
        wholeNumber(MIN_SEARCH_HEAP_MB, Number.MAX_SAFE_INTEGER, "MB"),
      ),
    );
  }
  if (search.mode === "external") problems.push(...externalSearchProblems("search", search));

  const ingestion = args.ingestion ?? DOCKER_DEFAULTS.ingestion;
  if (ingestion && database.mode === "external")
    problems.push({
      path: "ingestion",
      message:
        "needs the bundled database (Airflow's database lives in it); set it to false with an external database",
    });
  const uiPort = args.uiPort ?? DOCKER_DEFAULTS.uiPort;
  problems.push(...checkForm("uiPort", uiPort, PORT));
  problems.push(...optional("uiBindAddress", args.uiBindAddress, BIND_ADDRESS));
  if (args.airflowPort !== undefined) {
    problems.push(...checkForm("airflowPort", args.airflowPort, PORT));
    if (!ingestion) problems.push({ path: "airflowPort", message: "is only used with ingestion on" });
    else if (args.airflowPort === uiPort)
      problems.push({
        path: "airflowPort",
        message: `must differ from the UI port; both publish host port ${uiPort}`,
      });
  }
  if (args.production)
    problems.push(
      ...productionTransportProblems(
        database.mode === "external"
          ? {
              path: "database",
              engine: database.engine ?? DOCKER_DEFAULTS.databaseEngine,
              host: database.host,
              params:
                database.params ??
                defaultDatabaseParams(database.engine ?? DOCKER_DEFAULTS.databaseEngine, database.host),
            }
          : undefined,
        search.mode === "external"
          ? { path: "search", host: search.host, scheme: search.scheme ?? defaultSearchScheme(search.host) }
          : undefined,
      ),
    );
  problems.push(
    ...optional(
      "serverWaitTimeoutSeconds",
      args.serverWaitTimeoutSeconds,
      wholeNumber(MIN_SERVER_WAIT_SECONDS, Number.MAX_SAFE_INTEGER, "seconds"),
    ),
  );
  return problems;
}
