/**
 * `npm run plan -- --stack <name> [--stack-file <path>] [--json] [--show-secrets]`
 * Exit codes: 0 planned; 1 the program failed; 2 usage error or invalid stack config (problems on stderr).
 */
import { parseArgs } from "node:util";
import { ConfigError } from "../../config";
import { plan } from "./plan";
import { formatTable } from "./report";

const USAGE = "usage: npm run plan -- --stack <name> [--stack-file <path>] [--json] [--show-secrets]";

interface Writable {
  write(text: string): unknown;
}

export async function main(
  argv: string[],
  out: Writable = process.stdout,
  err: Writable = process.stderr,
): Promise<number> {
  let values: { stack?: string; "stack-file"?: string; json?: boolean; "show-secrets"?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        stack: { type: "string" },
        "stack-file": { type: "string" },
        json: { type: "boolean" },
        "show-secrets": { type: "boolean" },
      },
      strict: true,
    }));
  } catch (e) {
    err.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (!values.stack) {
    err.write(`--stack is required\n${USAGE}\n`);
    return 2;
  }
  try {
    const { plan: doc, standIns } = await plan({
      stack: values.stack,
      stackFile: values["stack-file"],
      showSecrets: values["show-secrets"],
    });
    if (values.json) out.write(`${JSON.stringify(doc, null, 2)}\n`);
    else {
      out.write(formatTable(doc));
      if (standIns.length > 0)
        out.write(
          `\nStood in offline (secrets and values from outside the repository): ${standIns.join(", ")}\n`,
        );
    }
    return 0;
  } catch (e) {
    if (e instanceof ConfigError) {
      err.write(`${e.message}\n`);
      return 2;
    }
    err.write(`offline plan failed: ${(e as Error).message}\n`);
    return /no stack file/.test((e as Error).message) ? 2 : 1;
  }
}

/**
 * Runs the CLI as a process. A failure inside one of the program's outputs reaches `main` as an error and can
 * also surface again as unhandled rejections of other outputs that used it; those repeats must not print stack
 * traces over main's report, but they must never let the process exit 0.
 */
export function runAsProcess(argv: string[]): void {
  const failures: unknown[] = [];
  process.on("unhandledRejection", (reason) => {
    failures.push(reason);
    process.exitCode = process.exitCode || 1;
  });
  main(argv).then((code) => {
    if (code === 0 && failures.length > 0) {
      process.stderr.write(
        `offline plan failed: ${(failures[0] as Error)?.message ?? String(failures[0])}\n`,
      );
      code = 1;
    }
    process.exitCode = code || process.exitCode;
  });
}

if (require.main === module) runAsProcess(process.argv.slice(2));
