/**
 * The offline plan, as its public JSON interface (README "Offline plan"), and stack files. The harness reads what
 * to deploy only from the plan; it never renders scripts itself.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse, stringify } from "yaml";
import { run } from "./proc";

export const REPO_ROOT = join(__dirname, "..", "..", "..", "..");

export interface PlanResource {
  type: string;
  name: string;
  parent: string | null;
  inputs: Record<string, unknown>;
  options: {
    protect?: boolean;
    retainOnDelete?: boolean;
    dependsOn?: string[];
    ignoreChanges?: string[];
    deleteBeforeReplace?: boolean;
    replaceOnChanges?: string[];
  };
  waitsFor: string[];
}

export interface PlanDocument {
  stack: string;
  project: string;
  resources: PlanResource[];
  outputs: Record<string, unknown>;
}

export const REMOTE_COMMAND = "command:remote:Command";
/** A command run where `pulumi up` runs (the version guard). */
export const LOCAL_COMMAND = "command:local:Command";

/**
 * Runs `npm run plan`'s program (tools/plan/launch.js) with --json; throws with its stderr when it fails. With
 * `secrets` (bare secret keys → real values, e.g. the TLS front's certificate and key the harness generated) it
 * runs `plan-process.ts` instead, which gives them to the plan API (`PlanOptions.secrets`) through stdin.
 */
export async function runPlan(
  stack: string,
  stackFile: string,
  showSecrets: boolean,
  secrets: Record<string, string> = {},
): Promise<PlanDocument> {
  const given = Object.keys(secrets).length > 0;
  const args = given
    ? ["-r", "sucrase/register/ts", join(__dirname, "plan-process.ts")]
    : ["tools/plan/launch.js", "--stack", stack, "--stack-file", stackFile, "--json"];
  if (showSecrets && !given) args.push("--show-secrets");
  const r = await run(process.execPath, args, {
    cwd: REPO_ROOT,
    check: false,
    timeoutMs: 120_000,
    input: given ? JSON.stringify({ stack, stackFile, showSecrets, secrets }) : undefined,
  });
  if (r.code !== 0) throw new Error(`offline plan of ${stackFile} exited ${r.code}:\n${r.stderr.trim()}`);
  return JSON.parse(r.stdout) as PlanDocument;
}

/** The project file's config declarations (key → {type, default, ...}): which keys the program accepts today. */
export function projectConfig(): {
  project: string;
  keys: Record<string, { type?: string; default?: unknown }>;
} {
  const doc = parse(readFileSync(join(REPO_ROOT, "Pulumi.yaml"), "utf8")) as {
    name: string;
    config?: Record<string, { type?: string; default?: unknown }>;
  };
  return { project: doc.name, keys: doc.config ?? {} };
}

/** A stack file's `config:` with bare keys (`vmHost`), the project's namespace removed; other namespaces kept. */
export function readStack(stack: string): Record<string, unknown> {
  const { project } = projectConfig();
  const doc = parse(readFileSync(join(REPO_ROOT, "stacks", `Pulumi.${stack}.yaml`), "utf8")) as {
    config?: Record<string, unknown>;
  };
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc.config ?? {}))
    out[key.startsWith(`${project}:`) ? key.slice(project.length + 1) : key] = value;
  return out;
}

/** Writes a stack file: `config` bare keys get the project's namespace; `undefined` values are left out. */
export function writeStack(path: string, config: Record<string, unknown>, comment: string): void {
  const { project } = projectConfig();
  const full: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (value === undefined) continue;
    full[key.includes(":") ? key : `${project}:${key}`] = value;
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `# ${comment}\n${stringify({ config: full }, { lineWidth: 0 })}`, { mode: 0o600 });
}

/** The config value a stack gets for `key`: the stack's own, else the project's declared default. */
export function effective(config: Record<string, unknown>, key: string): unknown {
  return config[key] ?? projectConfig().keys[key]?.default;
}

/** cloud-init `write_files` entries of the userData output (what the component declares each file to be). */
export interface DeclaredFile {
  path: string;
  content: Buffer;
  owner: string;
  permissions: string;
}

export function userDataOf(plan: PlanDocument): { text: string; doc: Record<string, unknown> } {
  const text = plan.outputs.userData;
  if (typeof text !== "string" || !text.startsWith("#cloud-config"))
    throw new Error(
      `the plan's userData output is not #cloud-config user-data (run the plan with --show-secrets)`,
    );
  return { text, doc: parse(text) as Record<string, unknown> };
}

export function declaredFiles(plan: PlanDocument): DeclaredFile[] {
  const files = (userDataOf(plan).doc.write_files ?? []) as Array<Record<string, string>>;
  return files.map((f) => ({
    path: f.path,
    content: /^(b64|base64)$/.test(f.encoding ?? "")
      ? Buffer.from(f.content, "base64")
      : Buffer.from(f.content ?? ""),
    owner: f.owner ?? "root:root",
    permissions: (f.permissions ?? "0644").replace(/^0?/, "0"),
  }));
}

export function commands(plan: PlanDocument): PlanResource[] {
  return plan.resources.filter((r) => r.type === REMOTE_COMMAND);
}
