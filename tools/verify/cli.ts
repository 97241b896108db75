/**
 * `npm run verify -- --stack <name>`: checks a deployed OpenMetadata's Entra ID SSO over HTTP against the stack
 * outputs. Exit codes: 0 passed (warnings allowed), 1 a check failed, 2 usage/config error, 3 server unreachable.
 */
import { readFile } from "node:fs/promises";
import { parseCliArgs, USAGE, UsageError, type Args } from "./args";
import { ConfigError, loadExpected, resolveSsoConfigSource, type PlanRunner } from "./expected";
import { formatJson, formatTable } from "./report";
import { verify, type Verification } from "./run";
import { escapeForTerminal } from "./text";
import { readTokenFile } from "./token-file";

/** Where the CLI reads and writes; tests pass their own. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** All of stdin, for `--expect -`. */
  readStdin(): Promise<string>;
  /** Runs the offline plan for `--stack` without `--expect`. @default a child process of tools/plan/launch.js */
  runPlan?: PlanRunner;
}

export const EXIT = { ok: 0, failed: 1, usage: 2, unreachable: 3 } as const;

/** The exit code for a finished verification. */
export function exitCodeOf(verification: Verification): number {
  if (verification.serverUnreachable) return EXIT.unreachable;
  return verification.rows.some((row) => row.status === "fail") ? EXIT.failed : EXIT.ok;
}

/** Reads `--ca-file`; a missing or non-PEM file is a configuration error. */
async function readCa(file: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new ConfigError(`cannot read --ca-file ${file}: ${(error as Error).message}`);
  }
  if (!text.includes("-----BEGIN CERTIFICATE-----")) {
    throw new ConfigError(`--ca-file ${file} holds no PEM certificate`);
  }
  return text;
}

/** Runs the command; resolves to the exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
  let args: Args;
  try {
    args = parseCliArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`verify: ${error.message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (args.help) {
    io.stdout(USAGE);
    return EXIT.ok;
  }
  let ca: string | undefined;
  let adminToken: string | undefined;
  let expected;
  let ssoConfigSource;
  const warn = (message: string) => io.stderr(`verify: warning: ${escapeForTerminal(message)}\n`);
  try {
    ca = args.caFile === undefined ? undefined : await readCa(args.caFile);
    adminToken = args.tokenFile === undefined ? undefined : await readTokenFile(args.tokenFile, warn);
    expected = await loadExpected(args, io.readStdin, io.runPlan);
    ssoConfigSource = resolveSsoConfigSource(expected.ssoConfigSource, args.ssoConfigSource);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr(`verify: ${error.message}\n`);
    return EXIT.usage;
  }
  const serverUrl = args.url ?? expected.publicUrl;
  const verification = await verify(expected, {
    serverUrl,
    entraBaseUrl: args.entraBaseUrl,
    ssoConfigSource,
    ...(adminToken === undefined ? {} : { adminToken }),
    warn,
    http: {
      ...(ca === undefined ? {} : { ca }),
      requestTimeoutMs: args.requestTimeoutSeconds * 1000,
      deadline: Date.now() + args.timeoutSeconds * 1000,
      initialBackoffMs: args.backoffSeconds * 1000,
    },
  });
  const code = exitCodeOf(verification);
  io.stdout(args.json ? formatJson(verification, serverUrl, code) : formatTable(verification, serverUrl));
  return code;
}

/** Reads all of the process's stdin. */
async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

if (require.main === module) {
  main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: readProcessStdin,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `verify: internal error: ${escapeForTerminal(error instanceof Error ? error.message : String(error))}\n`,
      );
      process.exitCode = EXIT.usage;
    },
  );
}
