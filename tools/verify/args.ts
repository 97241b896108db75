/** Command-line flags of `npm run verify`, parsed and checked (bad flags are usage errors, exit 2). */
import { parseArgs } from "node:util";
import { SSO_CONFIG_SOURCES, type SsoConfigSource } from "../../components/openmetadata/security-config";
import { DEFAULT_ENTRA_BASE_URL } from "./endpoints";

export const USAGE = `Usage: npm run verify -- (--stack <name> | --expect <file|->) [options]

Checks a deployed OpenMetadata's SSO against the stack outputs.

  --stack <name>             expected values from the offline plan of this stack (unless --expect is given)
  --expect <file|->          expected values from 'pulumi stack output --json' (a file, or - for stdin)
  --url <url>                call the server at this URL instead of the stack's publicUrl
  --json                     print JSON instead of a table
  --timeout <seconds>        total time budget, including waiting for the server to start (default 300)
  --request-timeout <sec>    timeout of one request (default 10)
  --backoff <seconds>        first pause between retries, doubled each time up to 10 s (default 1)
  --ca-file <pem>            also trust the CA certificates in this PEM file
  --entra-base-url <url>     replace https://login.microsoftonline.com (scheme and host) in Entra URLs
  --sso-config-source <src>  stack or database: the stack's ssoConfigSource, when its outputs do not name it
                             (decides the fix verify names for drift on OpenMetadata 1.10+; default stack)
  --token-file <file>        a file (mode 0600) holding an OpenMetadata admin's JWT or personal access token: on
                             1.10+ the authorizer settings (roles from the provider, admins) are compared too

Exit codes: 0 all checks passed (warnings and rows not checked allowed), 1 a check failed, 2 usage or
configuration error, 3 the server could not be reached within the time budget.
`;

/** A bad command line: the CLI prints it with the usage and exits 2. */
export class UsageError extends Error {}

/** The parsed command line. */
export interface Args {
  stack?: string;
  expect?: string;
  url?: string;
  json: boolean;
  help: boolean;
  /** @default 300 */
  timeoutSeconds: number;
  /** @default 10 */
  requestTimeoutSeconds: number;
  /** @default 1 */
  backoffSeconds: number;
  caFile?: string;
  /** @default "https://login.microsoftonline.com" */
  entraBaseUrl: string;
  /** The stack's `ssoConfigSource`, for outputs that do not carry it. */
  ssoConfigSource?: SsoConfigSource;
  /** A file holding an admin token (the token itself is never an argument). */
  tokenFile?: string;
}

function seconds(flag: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(value) || value <= 0) {
    throw new UsageError(`--${flag} must be a positive number of seconds; got ${JSON.stringify(raw)}`);
  }
  return value;
}

function httpUrl(flag: string, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const url = URL.parse(raw);
  if (url === null || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new UsageError(`--${flag} must be an http(s) URL; got ${JSON.stringify(raw)}`);
  }
  return raw;
}

/** Parses `argv` (without node and the script). Throws UsageError. */
export function parseCliArgs(argv: string[]): Args {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        stack: { type: "string" },
        expect: { type: "string" },
        url: { type: "string" },
        json: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
        timeout: { type: "string" },
        "request-timeout": { type: "string" },
        backoff: { type: "string" },
        "ca-file": { type: "string" },
        "entra-base-url": { type: "string" },
        "sso-config-source": { type: "string" },
        "token-file": { type: "string" },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const args: Args = {
    json: values.json,
    help: values.help,
    timeoutSeconds: seconds("timeout", values.timeout, 300),
    requestTimeoutSeconds: seconds("request-timeout", values["request-timeout"], 10),
    backoffSeconds: seconds("backoff", values.backoff, 1),
    entraBaseUrl: httpUrl("entra-base-url", values["entra-base-url"]) ?? DEFAULT_ENTRA_BASE_URL,
  };
  if (values.stack !== undefined) args.stack = values.stack;
  if (values.expect !== undefined) args.expect = values.expect;
  if (values["ca-file"] !== undefined) args.caFile = values["ca-file"];
  if (values["token-file"] !== undefined) {
    if (values["token-file"] === "") throw new UsageError("--token-file needs a file name");
    args.tokenFile = values["token-file"];
  }
  const source = values["sso-config-source"];
  if (source !== undefined) {
    if (!(SSO_CONFIG_SOURCES as readonly string[]).includes(source)) {
      throw new UsageError(
        `--sso-config-source must be ${SSO_CONFIG_SOURCES.join(" or ")}; got ${JSON.stringify(source)}`,
      );
    }
    args.ssoConfigSource = source as SsoConfigSource;
  }
  const url = httpUrl("url", values.url);
  if (url !== undefined) args.url = url;
  if (!args.help && args.stack === undefined && args.expect === undefined) {
    throw new UsageError("give --stack <name> or --expect <file|->");
  }
  return args;
}
