/**
 * A small simulator of `pulumi up` for the plan's `command:remote:Command` and `command:local:Command` resources,
 * with the semantics of @pulumi/command 1.2.1 (pulumi-go-provider 1.3.0) and the Pulumi engine; sources in
 * README.md. In short:
 *
 * - No previous state: create (runs `create`; a resource without `create` runs nothing).
 * - Previous state: diff the old inputs against the new ones (every input, `ignoreChanges` keys taken from the
 *   old). No difference: nothing runs. A difference in `triggers` (the only replaceOnChanges input), or in a key of
 *   the `replaceOnChanges` option: replace, which runs the new `create` (never `update`); the old resource's
 *   `delete` runs at the end of the deployment (create-before-delete), or first with `deleteBeforeReplace`. Any
 *   other difference: update, which runs the new `update`, or the new `create` when there is no `update`.
 * - Gone from the plan: delete at the end (runs the old state's `delete`, with the old connection), dependents
 *   first; `retainOnDelete` skips the command, `protect` fails the deployment.
 * - Steps run as soon as the commands they wait for are done, several at once (the CLI's default --parallel).
 *   After a failing command no new step starts (running ones finish) and nothing is deleted; a failed create or
 *   replacement leaves no new state, a failed update keeps the old inputs (and outputs), so the next run tries again.
 * - `command:local:Command` resources (the version guard) run on this machine with the same diff rules: `create`
 *   or `update` through the `interpreter` (default `/bin/sh -c`), with this process's environment plus
 *   `environment`, in `dir` (default the working directory), stdin piped only when non-empty. On an update the
 *   previous run's stdout and stderr are in `PULUMI_COMMAND_STDOUT` / `PULUMI_COMMAND_STDERR` unless
 *   `addPreviousOutputInEnv` is false (`local/commandOutputs.go` L81-99, `local/commandController.go` L67-90:
 *   the update starts from the old state's outputs). Remote commands get the same two variables (remote
 *   `commandOutputs.go` L51-71; a refused Setenv is only a warning there).
 *
 * Resources of other types are the plan's fakes (Entra app, TLS key); they are taken as already in place.
 */
import { spawn } from "node:child_process";
import { availableParallelism } from "node:os";
import type { RunResult } from "./proc";
import { LOCAL_COMMAND, REMOTE_COMMAND, type PlanDocument, type PlanResource } from "./plan";
import { stable } from "./report";
import type { Connection } from "./ssh";

/** What the engine keeps of a created command: its inputs, options and (for deletes in order) dependencies. */
export interface CommandState {
  name: string;
  /** command:remote:Command or command:local:Command. */
  type: string;
  inputs: Record<string, unknown>;
  options: PlanResource["options"];
  waitsFor: string[];
  stdout: string;
  stderr: string;
}

export type State = Map<string, CommandState>;

export type Decision = "create" | "same" | "update" | "replace";

export interface Step {
  name: string;
  /** A command:local:Command (run on this machine), not a remote one. */
  local?: boolean;
  /** create/update/replace from the diff; delete and delete-replaced run at the end. */
  kind: Decision | "delete" | "delete-replaced";
  /** Which input ran (`create`, `update`, `delete`), or none. */
  script?: "create" | "update" | "delete";
  /** The inputs that differ (for update and replace). */
  changed?: string[];
  ok: boolean;
  /** The script's exit status. */
  code?: number;
  ms: number;
  stdout?: string;
  stderr?: string;
  notes?: string[];
}

export interface UpResult {
  ok: boolean;
  steps: Step[];
  state: State;
  /** The failing step's error text (the provider's: `<error>: running "<script>":\n<stdout+stderr>`). */
  error?: string;
}

export type Runner = (
  connection: Connection,
  script: string,
  stdin: string | undefined,
  environment: Record<string, string> | undefined,
) => Promise<RunResult & { notes?: string[] }>;

/** Runs a local command: the script, its interpreter, the whole environment (process + inputs), stdin, dir. */
export type LocalRunner = (
  script: string,
  interpreter: string[],
  env: Record<string, string>,
  stdin: string | undefined,
  dir: string | undefined,
) => Promise<RunResult>;

/** The provider's way: spawn the interpreter with the script as its last argument, nothing else. */
export const runLocal: LocalRunner = (script, interpreter, env, stdin, dir) =>
  new Promise((resolve, reject) => {
    const started = Date.now();
    const [cmd, ...args] = interpreter;
    const child = spawn(cmd, [...args, script], { env, cwd: dir ?? process.cwd(), stdio: "pipe" });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => err.push(d));
    child.on("error", reject);
    child.on("close", (code, signal) =>
      resolve({
        command: `${interpreter.join(" ")} <script>`,
        code: code ?? -1,
        signal,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
        ms: Date.now() - started,
        timedOut: false,
      }),
    );
    child.stdin.on("error", () => undefined);
    child.stdin.end(stdin ?? "");
  });

const INTERNAL = (key: string) => key === "version" || key.startsWith("__");

/** The inputs that differ between two states (deep, by value), after `ignoreChanges` took the old values. */
export function changedInputs(old: Record<string, unknown>, next: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(old), ...Object.keys(next)].filter((k) => !INTERNAL(k)));
  return [...keys].filter((k) => stable(old[k]) !== stable(next[k])).sort();
}

/** The inputs the new state will hold: the new ones, with `ignoreChanges` keys kept from the old state. */
function effectiveInputs(old: CommandState | undefined, r: PlanResource): Record<string, unknown> {
  const inputs = { ...r.inputs };
  if (old)
    for (const key of r.options.ignoreChanges ?? []) if (key in old.inputs) inputs[key] = old.inputs[key];
  return inputs;
}

export function decide(
  old: CommandState | undefined,
  r: PlanResource,
): { decision: Decision; changed: string[] } {
  if (!old) return { decision: "create", changed: [] };
  const changed = changedInputs(old.inputs, effectiveInputs(old, r));
  if (changed.length === 0) return { decision: "same", changed };
  const replaceKeys = new Set(["triggers", ...(r.options.replaceOnChanges ?? [])]);
  return { decision: changed.some((k) => replaceKeys.has(k)) ? "replace" : "update", changed };
}

/** Dependencies first (waitsFor among the commands), ties in plan order (by name). */
export function topological(resources: PlanResource[]): PlanResource[] {
  const byName = new Map(resources.map((r) => [r.name, r]));
  const done = new Set<string>();
  const out: PlanResource[] = [];
  const visit = (r: PlanResource, path: string[]) => {
    if (done.has(r.name)) return;
    if (path.includes(r.name)) throw new Error(`dependency cycle: ${[...path, r.name].join(" -> ")}`);
    for (const dep of [...r.waitsFor].sort()) {
      const d = byName.get(dep);
      if (d) visit(d, [...path, r.name]);
    }
    done.add(r.name);
    out.push(r);
  };
  for (const r of resources) visit(r, []);
  return out;
}

/** Refuses a plan printed without --show-secrets: the scripts would get "[secret]" instead of the values. */
function assertRevealed(r: PlanResource): void {
  const text = JSON.stringify(r.inputs);
  if (text.includes('"[secret]"'))
    throw new Error(`${r.name}: the plan hides secret inputs ("[secret]"); plan with --show-secrets`);
}

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** The CLI's default `--parallel`: 4 × the CPUs (pulumi/pulumi pkg/cmd/pulumi/operations/up.go, defaultParallel). */
export const DEFAULT_PARALLEL = 4 * Math.max(1, availableParallelism());

/** The commands of a plan the simulator runs: remote ones and local ones. */
const isCommand = (r: { type: string }) => r.type === REMOTE_COMMAND || r.type === LOCAL_COMMAND;

/** PULUMI_COMMAND_STDOUT/STDERR from the state an update starts from, unless addPreviousOutputInEnv is false. */
function previousOutputEnv(
  inputs: Record<string, unknown>,
  old: CommandState | undefined,
): Record<string, string> {
  if (!old || inputs.addPreviousOutputInEnv === false) return {};
  return {
    ...(old.stdout !== "" ? { PULUMI_COMMAND_STDOUT: old.stdout } : {}),
    ...(old.stderr !== "" ? { PULUMI_COMMAND_STDERR: old.stderr } : {}),
  };
}

export async function up(
  previous: State,
  plan: PlanDocument,
  runCommand: Runner,
  parallel = DEFAULT_PARALLEL,
  local: LocalRunner = runLocal,
): Promise<UpResult> {
  const resources = topological(plan.resources.filter(isCommand));
  const state: State = new Map(previous);
  const steps: Step[] = [];
  /** Old states whose `delete` runs at the end (create-before-delete replacements). */
  const replacedOld: CommandState[] = [];

  const exec = async (
    type: string,
    name: string,
    kind: Step["kind"],
    script: Step["script"],
    inputs: Record<string, unknown>,
    previousOutput: Record<string, string>,
    changed?: string[],
  ): Promise<Step> => {
    const isLocal = type === LOCAL_COMMAND;
    const text = script ? str(inputs[script]) : undefined;
    if (text === undefined) {
      const step: Step = {
        name,
        kind,
        ok: true,
        ms: 0,
        ...(isLocal ? { local: true } : {}),
        ...(changed ? { changed } : {}),
      };
      steps.push(step);
      return step;
    }
    const environment = inputs.environment as Record<string, string> | undefined;
    const stdin = str(inputs.stdin);
    const r: RunResult & { notes?: string[] } = isLocal
      ? await local(
          text,
          (inputs.interpreter as string[] | undefined) ?? ["/bin/sh", "-c"],
          {
            ...(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== undefined)) as Record<
              string,
              string
            >),
            ...environment,
            ...previousOutput,
          },
          stdin === "" ? undefined : stdin,
          str(inputs.dir),
        )
      : await runCommand(
          inputs.connection as Connection,
          text,
          stdin,
          environment === undefined && Object.keys(previousOutput).length === 0
            ? undefined
            : { ...environment, ...previousOutput },
        );
    const step: Step = {
      name,
      ...(isLocal ? { local: true } : {}),
      kind,
      script,
      ok: r.code === 0,
      code: r.code,
      ms: r.ms,
      stdout: r.stdout.replace(/\n$/, ""),
      stderr: r.stderr.replace(/\n$/, ""),
      ...(changed ? { changed } : {}),
      ...(r.notes && r.notes.length > 0 ? { notes: r.notes } : {}),
    };
    steps.push(step);
    return step;
  };
  const fail = (step: Step, inputs: Record<string, unknown>): UpResult => ({
    ok: false,
    steps,
    state,
    error: `Process exited with status ${step.code ?? "?"}: running ${JSON.stringify(
      str(inputs[step.script ?? "create"]) ?? "",
    ).slice(0, 120)}...:\n${[step.stdout, step.stderr].filter(Boolean).join("\n")}`,
  });
  const record = (r: PlanResource, inputs: Record<string, unknown>, step: Step) =>
    state.set(r.name, {
      name: r.name,
      type: r.type,
      inputs,
      options: r.options,
      waitsFor: r.waitsFor,
      stdout: step.stdout ?? "",
      stderr: step.stderr ?? "",
    });

  // Like the engine, run each step as soon as the commands it waits for are done, up to `parallel` at once;
  // after a failure no new step starts, the running ones finish, and nothing is deleted.
  for (const r of resources) assertRevealed(r);
  const names = new Set(resources.map((r) => r.name));
  const pending = [...resources];
  const completed = new Set<string>();
  const running = new Map<string, Promise<void>>();
  let failure: UpResult | undefined;
  const one = async (r: PlanResource): Promise<void> => {
    const old = state.get(r.name);
    const { decision, changed } = decide(old, r);
    const inputs = effectiveInputs(old, r);
    if (decision === "same") {
      steps.push({
        name: r.name,
        kind: "same",
        ok: true,
        ms: 0,
        ...(r.type === LOCAL_COMMAND ? { local: true } : {}),
      });
      completed.add(r.name);
      return;
    }
    if (decision === "replace" && old && r.options.deleteBeforeReplace) {
      const del = await exec(
        old.type,
        r.name,
        "delete-replaced",
        "delete",
        old.inputs,
        previousOutputEnv(old.inputs, old),
      );
      if (!del.ok) {
        failure ??= fail(del, old.inputs);
        return;
      }
      state.delete(r.name);
    } else if (decision === "replace" && old) {
      replacedOld.push(old);
    }
    const script =
      decision === "update" ? (str(inputs.update) !== undefined ? "update" : "create") : "create";
    // An update starts from the old state's outputs; a create or a replacement (a new resource) has none.
    const step = await exec(
      r.type,
      r.name,
      decision,
      script,
      inputs,
      decision === "update" ? previousOutputEnv(inputs, old) : {},
      decision === "create" ? undefined : changed,
    );
    if (!step.ok) {
      const i = old ? replacedOld.indexOf(old) : -1;
      if (i >= 0) replacedOld.splice(i, 1);
      failure ??= fail(step, inputs);
      return;
    }
    record(r, inputs, step);
    completed.add(r.name);
  };
  for (;;) {
    while (failure === undefined && running.size < parallel) {
      const ready = pending.find((r) => r.waitsFor.every((d) => !names.has(d) || completed.has(d)));
      if (!ready) break;
      pending.splice(pending.indexOf(ready), 1);
      running.set(
        ready.name,
        one(ready).finally(() => running.delete(ready.name)),
      );
    }
    if (running.size === 0) break;
    await Promise.race(running.values());
  }
  if (failure) return failure;
  if (pending.length > 0)
    throw new Error(`steps never became ready: ${pending.map((r) => r.name).join(", ")}`);

  // Deletes at the end: resources gone from the plan (dependents first), then the replaced old states.
  const planned = new Set(resources.map((r) => r.name));
  const gone = [...previous.values()].filter((s) => !planned.has(s.name));
  const goneOrder = topological(
    gone.map((s) => ({
      type: s.type,
      name: s.name,
      parent: null,
      inputs: s.inputs,
      options: s.options,
      waitsFor: s.waitsFor,
    })),
  ).reverse();
  for (const g of goneOrder) {
    const s = previous.get(g.name) as CommandState;
    if (s.options.protect) {
      steps.push({ name: s.name, kind: "delete", ok: false, ms: 0, stderr: "the resource is protected" });
      return { ok: false, steps, state, error: `${s.name} is protected and cannot be deleted` };
    }
    const del = s.options.retainOnDelete
      ? (steps.push({ name: s.name, kind: "delete", ok: true, ms: 0, notes: ["retainOnDelete"] }),
        steps[steps.length - 1])
      : await exec(s.type, s.name, "delete", "delete", s.inputs, previousOutputEnv(s.inputs, s));
    if (!del.ok) return fail(del, s.inputs);
    state.delete(s.name);
  }
  for (const old of replacedOld.reverse()) {
    const del = await exec(
      old.type,
      old.name,
      "delete-replaced",
      "delete",
      old.inputs,
      previousOutputEnv(old.inputs, old),
    );
    if (!del.ok) return fail(del, old.inputs);
  }
  return { ok: true, steps, state };
}

/** Decisions only (a preview): what `up` would run for this plan. */
export function preview(
  previous: State,
  plan: PlanDocument,
): Array<{ name: string; decision: Decision | "delete"; changed: string[] }> {
  const resources = topological(plan.resources.filter(isCommand));
  const planned = new Set(resources.map((r) => r.name));
  return [
    ...resources.map((r) => ({ name: r.name, ...decide(previous.get(r.name), r) })),
    ...[...previous.keys()]
      .filter((n) => !planned.has(n))
      .map((name) => ({ name, decision: "delete" as const, changed: [] })),
  ];
}

/** One line per step, for the log. */
export function describe(steps: Step[]): string {
  return steps
    .map((s) => {
      const what = s.script ? `ran ${s.script}` : "nothing to run";
      const changed = s.changed && s.changed.length > 0 ? ` [changed: ${s.changed.join(", ")}]` : "";
      const name = `${s.name}${s.local ? " (local)" : ""}`;
      return `    ${s.ok ? " " : "!"} ${s.kind.padEnd(15)} ${name.padEnd(36)} ${s.kind === "same" ? "" : s.script ? `${what} ${(s.ms / 1000).toFixed(1)} s` : what}${changed}`;
    })
    .join("\n");
}
