/**
 * The plan as a process: a failure inside the program's outputs can surface both as main's error and as
 * unhandled rejections elsewhere; the process reports it once, without a stack trace, and never exits 0.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { TS_NODE_ARGS } from "../tools/ts-register";

function runWithPlan(planBody: string) {
  const script = `
    const planModule = require("./tools/plan/plan");
    planModule.plan = async () => { ${planBody} };
    require("./tools/plan/cli").runAsProcess(["--stack", "x", "--json"]);
  `;
  return spawnSync(process.execPath, [...TS_NODE_ARGS, "-e", script], {
    cwd: join(__dirname, ".."),
    encoding: "utf8",
  });
}

const EMPTY_PLAN = `return { plan: { stack: "x", project: "p", resources: [], outputs: {} }, standIns: [] };`;

it("exits 1 when an output fails although the plan itself completed", () => {
  const result = runWithPlan(`
    Promise.reject(new Error("late failure"));
    await new Promise((resolve) => setTimeout(resolve, 20));
    ${EMPTY_PLAN}`);
  expect([result.status, result.stderr]).toEqual([1, "offline plan failed: late failure\n"]);
});

it("reports the plan's own failure once, without the repeats' stack traces", () => {
  const result = runWithPlan(`
    Promise.reject(new Error("repeat of the failure"));
    await new Promise((resolve) => setTimeout(resolve, 20));
    throw new Error("the failure");`);
  expect([result.status, result.stderr]).toEqual([1, "offline plan failed: the failure\n"]);
});

it("exits 0 and prints the plan when nothing failed", () => {
  const result = runWithPlan(EMPTY_PLAN);
  expect([result.status, result.stderr, JSON.parse(result.stdout).stack]).toEqual([0, "", "x"]);
});
