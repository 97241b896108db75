/**
 * The offline plan in a process of its own, with real values for secret config keys (`PlanOptions.secrets` of
 * tools/plan/plan.ts, a programmatic-only option; the CLI has no such flag). It reads the request as JSON on
 * stdin, so the values are on no command line, and writes the plan document on stdout, as `npm run plan -- --json`
 * would. It loads the compiled plan from bin/ exactly when tools/plan/launch.js would load the compiled CLI.
 *
 *   node -r sucrase/register/ts test/e2e/vm/lib/plan-process.ts < {"stack", "stackFile", "showSecrets", "secrets"}
 *
 * Exit: 0 planned; 1 the plan failed; 2 a bad request or an invalid stack config (the message on stderr).
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";

const ROOT = join(__dirname, "..", "..", "..", "..");

interface Request {
  stack: string;
  stackFile?: string;
  showSecrets?: boolean;
  secrets?: Record<string, string>;
}

type PlanModule = typeof import("../../../../tools/plan/plan");

function planModule(): PlanModule {
  const launch = require(join(ROOT, "tools", "plan", "launch.js")) as { compiledCli(): string | undefined };
  const compiled = launch.compiledCli();
  return require(
    compiled ? join(dirname(compiled), "plan.js") : join(ROOT, "tools", "plan", "plan.ts"),
  ) as PlanModule;
}

async function main(): Promise<number> {
  let request: Request;
  try {
    request = JSON.parse(readFileSync(0, "utf8")) as Request;
    if (typeof request.stack !== "string") throw new Error("stack must be a string");
  } catch (error) {
    process.stderr.write(`plan-process: bad request on stdin: ${(error as Error).message}\n`);
    return 2;
  }
  try {
    const { plan } = await planModule().plan(request);
    process.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`offline plan failed: ${(error as Error).message}\n`);
    return (error as Error).name === "ConfigError" ? 2 : 1;
  }
}

// As tools/plan/cli.ts runAsProcess: a failure inside an output may also surface as unhandled rejections; it must
// never let the process exit 0.
const failures: unknown[] = [];
process.on("unhandledRejection", (reason) => {
  failures.push(reason);
  process.exitCode = process.exitCode || 1;
});
void main().then((code) => {
  if (code === 0 && failures.length > 0) {
    process.stderr.write(`offline plan failed: ${(failures[0] as Error)?.message ?? String(failures[0])}\n`);
    code = 1;
  }
  process.exitCode = code || process.exitCode;
});
