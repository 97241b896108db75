import { VERSION_RE } from "../../config/rules";
import type { OpenMetadataDockerArgs } from "./args";

export const DATABASE_ENGINES = ["mysql", "postgresql"] as const;
export const SEARCH_ENGINES = ["elasticsearch", "opensearch"] as const;
export const MODES = ["bundled", "external"] as const;
export const MIN_SEARCH_HEAP_MB = 512;
export const MIN_SERVER_WAIT_SECONDS = 60;
/** Docker names are also host names on the network: lower-case DNS labels. */
export const NAME_PREFIX_RE = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

const oneOf = (arg: string, values: readonly string[], got: unknown) =>
  `${arg}: must be ${values.slice(0, -1).join(", ")} or ${values[values.length - 1]}; got ${JSON.stringify(got)}`;

const isPort = (p: unknown): p is number =>
  Number.isInteger(p) && (p as number) >= 1 && (p as number) <= 65535;

/** Every problem with the arguments, each naming the argument and the accepted form; empty when valid. */
export function dockerArgsProblems(args: OpenMetadataDockerArgs): string[] {
  const problems: string[] = [];
  const { database = { mode: "bundled" }, search = { mode: "bundled" } } = args;
  if (args.version !== undefined && !VERSION_RE.test(args.version))
    problems.push(
      `version: must be a release version x.y.z such as 1.8.12; got ${JSON.stringify(args.version)}`,
    );
  if (args.namePrefix !== undefined && !NAME_PREFIX_RE.test(args.namePrefix))
    problems.push(
      "namePrefix: must be 1-40 lower-case letters, digits and hyphens, starting and ending with a letter or digit; " +
        `got ${JSON.stringify(args.namePrefix)}`,
    );

  if (!MODES.includes(database.mode)) problems.push(oneOf("database.mode", MODES, database.mode));
  if (database.engine !== undefined && !DATABASE_ENGINES.includes(database.engine))
    problems.push(oneOf("database.engine", DATABASE_ENGINES, database.engine));
  if (database.mode === "external") {
    if (!database.host) problems.push("database.host: is required with database.mode external (a host name)");
    if (database.port !== undefined && !isPort(database.port))
      problems.push(
        `database.port: must be a port number from 1 to 65535; got ${JSON.stringify(database.port)}`,
      );
  }

  if (!MODES.includes(search.mode)) problems.push(oneOf("search.mode", MODES, search.mode));
  if (search.engine !== undefined && !SEARCH_ENGINES.includes(search.engine))
    problems.push(oneOf("search.engine", SEARCH_ENGINES, search.engine));
  if (search.mode === "bundled" && search.heapMb !== undefined) {
    if (!Number.isInteger(search.heapMb) || search.heapMb < MIN_SEARCH_HEAP_MB)
      problems.push(
        `search.heapMb: must be a whole number of MB, at least ${MIN_SEARCH_HEAP_MB}; got ${JSON.stringify(search.heapMb)}`,
      );
  }
  if (search.mode === "external") {
    if (!search.host) problems.push("search.host: is required with search.mode external (a host name)");
    if (search.port !== undefined && !isPort(search.port))
      problems.push(`search.port: must be a port number from 1 to 65535; got ${JSON.stringify(search.port)}`);
    if (search.scheme !== undefined && !["http", "https"].includes(search.scheme))
      problems.push(oneOf("search.scheme", ["http", "https"], search.scheme));
    if (search.password !== undefined && !search.user)
      problems.push("search.password: is only used together with search.user");
  }

  if ((args.ingestion ?? true) && database.mode === "external")
    problems.push(
      "ingestion: needs database.mode bundled (Airflow's database lives in the bundled database); " +
        "set ingestion to false with an external database",
    );
  const uiPort = args.uiPort ?? 8585;
  if (!isPort(uiPort))
    problems.push(`uiPort: must be a port number from 1 to 65535; got ${JSON.stringify(uiPort)}`);
  if (args.airflowPort !== undefined) {
    if (!isPort(args.airflowPort))
      problems.push(
        `airflowPort: must be a port number from 1 to 65535; got ${JSON.stringify(args.airflowPort)}`,
      );
    else if (args.airflowPort === uiPort)
      problems.push(`airflowPort: must differ from uiPort; both publish host port ${uiPort}`);
    if (args.ingestion === false) problems.push("airflowPort: is only used with ingestion true");
  }
  const wait = args.serverWaitTimeoutSeconds;
  if (wait !== undefined && (!Number.isInteger(wait) || wait < MIN_SERVER_WAIT_SECONDS))
    problems.push(
      `serverWaitTimeoutSeconds: must be a whole number of seconds, at least ${MIN_SERVER_WAIT_SECONDS}; got ${JSON.stringify(wait)}`,
    );
  return problems;
}
