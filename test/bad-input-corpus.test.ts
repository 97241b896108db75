/**
 * The bad-input corpus: invalid stack configurations across every key and target. For each, the offline plan
 * exits 2, every message names a key the case expects (and every expected key is named), no stack trace is
 * printed, and the real program registers zero resources.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { main } from "../tools/plan/cli";
import type { RecordedResource } from "../tools/plan/mock-runtime";
import { cliConfig, P, stackConfig } from "./corpus/base";
import { CORE_CASES, CorpusCase } from "./corpus/core-cases";
import { secretsFor, TARGET_CASES } from "./corpus/target-cases";
import { runProgram } from "./helpers/offline";

const CASES: CorpusCase[] = [...CORE_CASES, ...TARGET_CASES];
const dir = mkdtempSync(join(tmpdir(), "corpus-"));
let messages = 0;

async function planExit(config: Record<string, unknown>, name: string) {
  const file = join(dir, `Pulumi.${name}.yaml`);
  writeFileSync(file, stringify({ config: stackConfig(config) }));
  let out = "";
  let err = "";
  const code = await main(
    ["--stack", name, "--stack-file", file, "--json"],
    { write: (s: string) => (out += s) },
    { write: (s: string) => (err += s) },
  );
  return { code, out, err };
}

describe.each(CASES.map((c, i) => [i, ...c] as const))("case %i: %s", (i, _what, config, keys) => {
  it("exits 2 naming exactly the expected keys, without a stack trace", async () => {
    const { code, out, err } = await planExit(config, `case${i}`);
    expect(out).toBe("");
    expect(code).toBe(2);
    const lines = err.trimEnd().split("\n").slice(1);
    messages += lines.length;
    const named = new Set(lines.map((l) => /^ {2}openmetadata-entra:([A-Za-z0-9]+)/.exec(l)?.[1]));
    expect([...named].sort()).toEqual([...keys].sort());
    expect(err).not.toMatch(/\n\s+at /);
  });

  it("registers zero resources", async () => {
    const recorded: RecordedResource[] = [];
    const secrets = secretsFor(config);
    const secretKeys = Object.keys(secrets).map((k) => `${P}:${k}`);
    const run = runProgram({ ...cliConfig(config), ...cliConfig(secrets) }, recorded, `case${i}`, secretKeys);
    await expect(run).rejects.toThrow("Invalid stack config");
    expect(recorded.filter((r) => r.type !== "pulumi:pulumi:Stack")).toEqual([]);
  });
});

afterAll(() => {
  process.stdout.write(
    `bad-input corpus: ${CASES.length} invalid configurations, ${messages} messages, each naming its key under ${P}:\n`,
  );
});
