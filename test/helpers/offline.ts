/**
 * The tests' mocks helper: the offline plan's own mock runtime (same fake IDs), plus small accessors.
 */
import * as pulumi from "@pulumi/pulumi";
import { OfflineRun, RecordedResource, runOffline } from "../../tools/plan/mock-runtime";
import { present } from "../../tools/plan/report";

export { FAKE_TENANT_ID, FAKE_DEPLOYER_OBJECT_ID, fakeGuid } from "../../tools/plan/fakes";

/** Runs `build` (which creates resources) under mocks with the given project config. */
export function runComponents(
  build: () => Record<string, unknown> | void,
  config: Record<string, string> = {},
  secretKeys: string[] = [],
  stack = "test",
  recorded: RecordedResource[] = [],
): Promise<OfflineRun> {
  return runOffline({
    project: "openmetadata-entra",
    stack,
    config,
    secretKeys,
    recorded,
    program: async () => build() ?? {},
  });
}

/** Inputs with secrets shown as "[secret]" (as in the plan). */
export function inputs(r: RecordedResource): Record<string, unknown> {
  return present(r.inputs, false) as Record<string, unknown>;
}

/** Inputs with secrets unwrapped. */
export function clearInputs(r: RecordedResource): Record<string, unknown> {
  return present(r.inputs, true) as Record<string, unknown>;
}

export function ofType(run: OfflineRun, type: string): RecordedResource[] {
  return run.resources.filter((r) => r.type === type);
}

export function one(run: OfflineRun, type: string): RecordedResource {
  const found = ofType(run, type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0];
}

/** The value of an output (known under mocks outside preview). */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((v) => resolve(v)));
}

/** Runs the real program (index.ts) under mocks with this config; `recorded` sees every registration. */
export function runProgram(
  config: Record<string, string>,
  recorded: RecordedResource[] = [],
  stack = "test",
  secretKeys: string[] = [],
): Promise<OfflineRun> {
  const program = require("../../index") as () => Record<string, unknown>;
  return runComponents(program, config, secretKeys, stack, recorded);
}
