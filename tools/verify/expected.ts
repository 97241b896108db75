/**
 * The values a deployed OpenMetadata must serve, taken from the stack outputs contract: either the JSON of
 * `pulumi stack output --json` (a file or stdin) or the `outputs` of the offline plan.
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import * as path from "node:path";
import { z } from "zod";
import { releaseProblems } from "../../components/openmetadata/releases";
import {
  DEFAULT_SSO_CONFIG_SOURCE,
  SSO_CONFIG_SOURCES,
  type SsoConfigSource,
} from "../../components/openmetadata/security-config";

/** The part of the stack outputs contract the checks use; other keys are allowed and ignored. */
export const expectedSchema = z.object({
  publicUrl: z.url({ protocol: /^https?$/ }),
  clientId: z.string().min(1),
  tenantId: z.string().min(1),
  authority: z.url({ protocol: /^https$/ }),
  redirectUris: z.array(z.string()),
  /** A release of a supported line: it decides what the server serves and where it keeps its SSO settings. */
  openmetadataVersion: z.string().superRefine((version, context) => {
    for (const problem of releaseProblems(version))
      context.addIssue({ code: "custom", message: problem.message });
  }),
  target: z.enum(["docker", "vm", "kubernetes"]),
  /**
   * Who owns the SSO settings of a 1.10+ server (`ssoConfigSource`). Optional: outputs of stacks that do not
   * export it take `--sso-config-source`, or the default.
   */
  ssoConfigSource: z.enum(SSO_CONFIG_SOURCES).optional(),
  /** The VM target's env file (named in the fix for a server that runs with another env). */
  vmEnvFilePath: z.string().min(1).optional(),
  sso: z.object({
    authenticationConfiguration: z.object({
      provider: z.string().min(1),
      clientType: z.enum(["public", "confidential"]),
      authority: z.string().min(1),
      clientId: z.string().min(1),
      callbackUrl: z.string().min(1),
      publicKeyUrls: z.array(z.string()),
      // Compared when the outputs have them (every output of this program does; hand-written ones may not).
      enableSelfSignup: z.boolean().optional(),
      jwtPrincipalClaims: z.array(z.string()).optional(),
      jwtPrincipalClaimsMapping: z.array(z.string()).optional(),
      responseType: z.string().min(1).optional(),
      tokenValidationAlgorithm: z.string().min(1).optional(),
    }),
    /**
     * The authorizer settings, compared with what a 1.10+ server serves to an admin (`--token-file`, authorizer.ts).
     * `useRolesFromProvider` absent: `false`, the server's default and what every earlier output of this program
     * deployed; the other two are compared only when present.
     */
    authorizerConfiguration: z
      .object({
        useRolesFromProvider: z.boolean().optional(),
        adminPrincipals: z.array(z.string().min(1)).optional(),
        principalDomain: z.string().min(1).optional(),
      })
      .optional(),
    /** OpenMetadata's own JWT key; when its `keyId` is given, the served JWKS must hold a key with that kid. */
    jwtTokenConfiguration: z.object({ keyId: z.string().min(1).optional() }).optional(),
  }),
});

export type Expected = z.infer<typeof expectedSchema>;

/** A configuration problem (expected values, CA file): the CLI reports it and exits 2. */
export class ConfigError extends Error {}

/** Validates parsed stack outputs; `source` names where they came from, for the error message. */
export function parseExpected(value: unknown, source: string): Expected {
  const result = expectedSchema.safeParse(value);
  if (!result.success) {
    throw new ConfigError(`${source} is not valid stack outputs:\n${z.prettifyError(result.error)}`);
  }
  return result.data;
}

/** Parses JSON text (stack outputs) and validates it. */
export function parseExpectedText(text: string, source: string): Expected {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${source} is not JSON: ${(error as Error).message}`);
  }
  return parseExpected(value, source);
}

/** Takes the `outputs` of the offline plan's JSON (`npm run plan -- --stack S --json`). */
export function expectedFromPlanJson(text: string, stack: string): Expected {
  const source = `the offline plan of stack ${JSON.stringify(stack)}`;
  let plan: unknown;
  try {
    plan = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${source} did not print JSON: ${(error as Error).message}`);
  }
  const outputs = z.object({ outputs: z.record(z.string(), z.unknown()) }).safeParse(plan);
  if (!outputs.success) throw new ConfigError(`${source} has no "outputs" object`);
  return parseExpected(outputs.data.outputs, `${source} outputs`);
}

/** Runs the offline plan for a stack and returns its JSON text. */
export type PlanRunner = (stack: string) => Promise<string>;

/** The repository root, two levels above this file (tools/verify). */
const REPO_ROOT = path.resolve(__dirname, "..", "..");

/** Runs the offline plan (`tools/plan/launch.js --stack S --json`, the command behind `npm run plan`). */
export const runPlanProcess: PlanRunner = (stack) =>
  new Promise((resolve, reject) => {
    const args = ["tools/plan/launch.js", "--stack", stack, "--json"];
    execFile(
      process.execPath,
      args,
      { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          const detail = stderr.trim() || error.message;
          reject(new ConfigError(`the offline plan of stack ${JSON.stringify(stack)} failed: ${detail}`));
        } else {
          resolve(stdout);
        }
      },
    );
  });

/** Where the expected values come from, as chosen on the command line. */
export interface ExpectedSource {
  /** A file path, or `-` for stdin, holding `pulumi stack output --json`. */
  expect?: string;
  /** The stack whose offline plan gives the expected values when `expect` is not set. */
  stack?: string;
}

/** Loads the expected values from a file, stdin or the offline plan. */
export async function loadExpected(
  source: ExpectedSource,
  readStdin: () => Promise<string>,
  runPlan: PlanRunner = runPlanProcess,
): Promise<Expected> {
  if (source.expect === "-") return parseExpectedText(await readStdin(), "stdin");
  if (source.expect !== undefined) {
    let text: string;
    try {
      text = await readFile(source.expect, "utf8");
    } catch (error) {
      throw new ConfigError(`cannot read --expect file ${source.expect}: ${(error as Error).message}`);
    }
    return parseExpectedText(text, source.expect);
  }
  if (source.stack === undefined) throw new ConfigError("give --stack <name> or --expect <file|->");
  return expectedFromPlanJson(await runPlan(source.stack), source.stack);
}

/**
 * The stack's `ssoConfigSource`: from its outputs, else `--sso-config-source`, else the default (`assumed`). Both
 * given and different is a configuration error.
 */
export function resolveSsoConfigSource(
  outputs: SsoConfigSource | undefined,
  flag: SsoConfigSource | undefined,
): { source: SsoConfigSource; assumed: boolean } {
  if (outputs !== undefined && flag !== undefined && outputs !== flag) {
    throw new ConfigError(
      `--sso-config-source ${flag} contradicts the stack outputs, whose ssoConfigSource is ${JSON.stringify(outputs)}`,
    );
  }
  const source = outputs ?? flag;
  return source === undefined
    ? { source: DEFAULT_SSO_CONFIG_SOURCE, assumed: true }
    : { source, assumed: false };
}
