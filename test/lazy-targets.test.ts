/**
 * Start-up: only the selected target's SDK is loaded. Each stack is planned in a fresh process, which then
 * reports the @pulumi packages in its require cache.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { TS_NODE_ARGS } from "../tools/ts-register";
import { COMMON_SDKS, TARGET_SDKS } from "../bench/sdks";

const ROOT = join(__dirname, "..");
const SCRIPT = `
const { plan } = require("./tools/plan/plan");
plan({ stack: process.argv[1] }).then(() => {
  const packages = new Set();
  for (const file of Object.keys(require.cache)) {
    const match = /node_modules\\/(@pulumi\\/[^/]+)\\//.exec(file);
    if (match) packages.add(match[1]);
  }
  process.stdout.write(JSON.stringify([...packages].sort()));
});
`;

async function loadedSdks(stack: string): Promise<string[]> {
  const { stdout } = await promisify(execFile)(process.execPath, [...TS_NODE_ARGS, "-e", SCRIPT, stack], {
    cwd: ROOT,
  });
  return JSON.parse(stdout);
}

// Each case starts a Node process that plans a stack: seconds on a busy 2-core machine, so it gets a minute.
const PROCESS_TIMEOUT_MS = 60_000;

// The benchmark's floor loads the same lists, so the floor is what the program really needs.
it.each([
  ["dev", "docker"],
  ["staging", "vm"],
  ["prod", "kubernetes"],
])(
  "stack %s loads exactly the SDKs of its target, %s",
  async (stack, target) => {
    expect(await loadedSdks(stack)).toEqual([...COMMON_SDKS, ...TARGET_SDKS[target]].sort());
  },
  PROCESS_TIMEOUT_MS,
);
