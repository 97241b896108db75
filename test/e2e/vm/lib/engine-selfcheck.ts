/**
 * Checks the `pulumi up` simulator itself (engine.ts) on synthetic plans with a recording runner, so that the VM
 * phases can trust its decisions. Each case is one rule of README.md's "remote.Command semantics".
 */
import { up, type Runner, type State } from "./engine";
import { LOCAL_COMMAND, REMOTE_COMMAND, type PlanDocument, type PlanResource } from "./plan";
import type { Report } from "./report";

const conn = (host: string) => ({ host, port: 22, user: "root" });

function cmd(
  name: string,
  inputs: Record<string, unknown>,
  waitsFor: string[] = [],
  options: PlanResource["options"] = {},
): PlanResource {
  return {
    type: REMOTE_COMMAND,
    name,
    parent: null,
    inputs: { connection: conn("new"), ...inputs },
    options,
    waitsFor,
  };
}

/** A command:local:Command (run for real with /bin/sh by the simulator's local runner). */
function localCmd(name: string, inputs: Record<string, unknown>, waitsFor: string[] = []): PlanResource {
  return { type: LOCAL_COMMAND, name, parent: null, inputs, options: {}, waitsFor };
}

const planOf = (...resources: PlanResource[]): PlanDocument => ({
  stack: "selfcheck",
  project: "selfcheck",
  resources,
  outputs: {},
});

function recorder(failOn?: string): { runner: Runner; log: string[] } {
  const log: string[] = [];
  const runner: Runner = async (connection, script) => {
    log.push(`${connection.host}:${script}`);
    const failed = script === failOn;
    return {
      command: script,
      code: failed ? 1 : 0,
      signal: null,
      stdout: "",
      stderr: failed ? "boom" : "",
      ms: 0,
      timedOut: false,
    };
  };
  return { runner, log };
}

export async function engineSelfCheck(report: Report): Promise<void> {
  const a = cmd("a", { create: "create-a", delete: "delete-a" });
  const b = cmd("b", { create: "create-b", delete: "delete-b", triggers: ["1"] }, ["a"]);
  const c = cmd("c", { create: "create-c", update: "update-c", delete: "delete-c" }, ["b"]);

  let rec = recorder();
  const first = await up(new Map(), planOf(a, b, c), rec.runner);
  report.equal("simulator: first up creates in dependency order", rec.log, [
    "new:create-a",
    "new:create-b",
    "new:create-c",
  ]);
  const state: State = first.state;

  rec = recorder();
  const same = await up(state, planOf(a, b, c), rec.runner);
  report.equal(
    "simulator: unchanged inputs run nothing",
    [rec.log, same.steps.map((s) => s.kind)],
    [[], ["same", "same", "same"]],
  );

  rec = recorder();
  await up(state, planOf(cmd("a", { create: "create-a2", delete: "delete-a" }), b, c), rec.runner);
  report.equal("simulator: a changed create without update runs the new create (update)", rec.log, [
    "new:create-a2",
  ]);

  rec = recorder();
  await up(
    state,
    planOf(a, b, cmd("c", { create: "create-c", update: "update-c2", delete: "delete-c" }, ["b"])),
    rec.runner,
  );
  report.equal("simulator: with an update input, an update runs the new update", rec.log, ["new:update-c2"]);

  rec = recorder();
  const replaced = await up(
    state,
    planOf(a, cmd("b", { create: "create-b", delete: "delete-b", triggers: ["2"] }, ["a"]), c),
    rec.runner,
  );
  report.equal(
    "simulator: new triggers replace: new create, then the old delete at the end",
    [rec.log, replaced.steps.map((s) => s.kind)],
    [
      ["new:create-b", "new:delete-b"],
      ["same", "replace", "same", "delete-replaced"],
    ],
  );

  rec = recorder();
  await up(
    state,
    planOf(
      a,
      cmd("b", { create: "create-b", delete: "delete-b", triggers: ["2"] }, ["a"], {
        deleteBeforeReplace: true,
      }),
      c,
    ),
    rec.runner,
  );
  report.equal("simulator: deleteBeforeReplace deletes first", rec.log, ["new:delete-b", "new:create-b"]);

  rec = recorder();
  await up(
    state,
    planOf(cmd("a", { create: "create-a2", delete: "delete-a" }, [], { ignoreChanges: ["create"] }), b, c),
    rec.runner,
  );
  report.equal("simulator: ignoreChanges keeps the old value (no change)", rec.log, []);

  rec = recorder();
  const moved = planOf(
    ...[a, b, c].map((r) => ({ ...r, inputs: { ...r.inputs, connection: conn("moved") } })),
  );
  await up(state, moved, rec.runner);
  report.equal("simulator: a connection-only change updates every command (create runs again)", rec.log, [
    "moved:create-a",
    "moved:create-b",
    "moved:update-c",
  ]);

  rec = recorder();
  const gone = await up(state, planOf(a), rec.runner);
  report.equal(
    "simulator: resources gone from the plan are deleted at the end, dependents first, with their old inputs",
    [rec.log, [...gone.state.keys()]],
    [["new:delete-c", "new:delete-b"], ["a"]],
  );

  rec = recorder("create-b");
  const failed = await up(
    state,
    planOf(
      a,
      cmd("b", { create: "create-b", delete: "delete-b", triggers: ["3"] }, ["a"]),
      cmd("c", { create: "create-c", update: "update-c3", delete: "delete-c" }, ["b"]),
    ),
    rec.runner,
  );
  report.equal(
    "simulator: a failure stops the deployment (no dependents, no deletes) and keeps the old state",
    [failed.ok, rec.log, failed.state.get("b")?.inputs.triggers],
    [false, ["new:create-b"], ["1"]],
  );

  // Local commands (the version guard's kind), run with /bin/sh like @pulumi/command's local provider.
  const guard = (update: string, extra: Record<string, unknown> = {}) =>
    localCmd("g", { create: "printf '%s' one", update, interpreter: ["/bin/sh", "-c"], ...extra });
  const echoPrevious = `printf '%s' "\${PULUMI_COMMAND_STDOUT:-none}>two"`;
  const after = cmd("after", { create: "create-after" }, ["g"]);
  rec = recorder();
  const g1 = await up(new Map(), planOf(guard(echoPrevious), after), rec.runner);
  rec = recorder();
  const g2 = await up(g1.state, planOf(guard(`${echoPrevious} #2`), after), rec.runner);
  report.equal(
    "simulator: a local command's update sees the previous stdout in PULUMI_COMMAND_STDOUT; its stdout is recorded",
    [
      g1.state.get("g")?.stdout,
      g2.steps.find((x) => x.name === "g")?.kind,
      g2.state.get("g")?.stdout,
      rec.log,
    ],
    ["one", "update", "one>two", []],
  );
  rec = recorder();
  const g3 = await up(
    g1.state,
    planOf(guard(`${echoPrevious} #3`, { addPreviousOutputInEnv: false }), after),
    rec.runner,
  );
  report.equal(
    "simulator: addPreviousOutputInEnv false leaves PULUMI_COMMAND_STDOUT unset",
    g3.state.get("g")?.stdout,
    "none>two",
  );
  rec = recorder();
  const g4 = await up(
    g1.state,
    planOf(guard("echo refused >&2; exit 1"), cmd("after", { create: "create-after-2" }, ["g"])),
    rec.runner,
  );
  report.equal(
    "simulator: a failing local update stops the deployment before its dependents and keeps its old outputs",
    [g4.ok, rec.log, g4.state.get("g")?.stdout, /refused/.test(g4.error ?? "")],
    [false, [], "one", true],
  );
}
