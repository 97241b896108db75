/**
 * The bad-input corpus: invalid stack configurations across every key and target. For each, the offline plan
 * exits 2 with one message line per problem, the keys those lines name are exactly the keys the case expects
 * (as a list: a key named twice fails, so one mistake is never reported twice), no stack trace is printed, and
 * the real program registers zero resources.
 *
 * Secrets never sit in a stack file in plain text: a case's secrets (and its target's base secrets) are written
 * as `secure:` values, and the plan, which cannot decrypt them, is handed the case's values where it would
 * otherwise stand in fakes, as `pulumi` would after decrypting them.
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

/** The decrypted values of the `secure:` keys of the stack file being planned. */
let mockDecrypted: Record<string, string> = {};
jest.mock("../tools/plan/fakes", () => {
  const actual = jest.requireActual("../tools/plan/fakes");
  return {
    ...actual,
    fakeSecretConfig: (key: string): string =>
      Object.hasOwn(mockDecrypted, key) ? mockDecrypted[key] : actual.fakeSecretConfig(key),
  };
});

const CASES: CorpusCase[] = [...CORE_CASES, ...TARGET_CASES];
const dir = mkdtempSync(join(tmpdir(), "corpus-"));
let messages = 0;

async function planExit(config: Record<string, unknown>, secrets: Record<string, string>, name: string) {
  const file = join(dir, `Pulumi.${name}.yaml`);
  const secure = Object.fromEntries(Object.keys(secrets).map((k) => [k, { secure: `v1:corpus-${k}` }]));
  writeFileSync(file, stringify({ config: stackConfig({ ...config, ...secure }) }));
  let out = "";
  let err = "";
  mockDecrypted = secrets;
  try {
    const code = await main(
      ["--stack", name, "--stack-file", file, "--json"],
      { write: (s: string) => (out += s) },
      { write: (s: string) => (err += s) },
    );
    return { code, out, err };
  } finally {
    mockDecrypted = {};
  }
}

describe.each(CASES.map((c, i) => [i, ...c] as const))(
  "case %i: %s",
  (i, _what, config, keys, caseSecrets) => {
    const secrets = secretsFor(config, caseSecrets);

    it("exits 2 naming exactly the expected keys, each once, without a stack trace", async () => {
      const { code, out, err } = await planExit(config, secrets, `case${i}`);
      expect(out).toBe("");
      expect(code).toBe(2);
      const [header, ...lines] = err.trimEnd().split("\n");
      expect(header).toBe(`Invalid stack config (${lines.length} problem${lines.length === 1 ? "" : "s"}):`);
      messages += lines.length;
      // One entry per message line, duplicates kept: a key named twice is a mistake reported twice.
      const named = lines.map(
        (l) => /^ {2}openmetadata-entra:([A-Za-z0-9]+)/.exec(l)?.[1] ?? `(no key) ${l}`,
      );
      expect(named.sort()).toEqual([...keys].sort());
      expect(err).not.toMatch(/\n\s+at /);
    });

    it("registers zero resources", async () => {
      const recorded: RecordedResource[] = [];
      const secretKeys = Object.keys(secrets).map((k) => `${P}:${k}`);
      const run = runProgram(
        { ...cliConfig(config), ...cliConfig(secrets) },
        recorded,
        `case${i}`,
        secretKeys,
      );
      await expect(run).rejects.toThrow("Invalid stack config");
      expect(recorded.filter((r) => r.type !== "pulumi:pulumi:Stack")).toEqual([]);
    });
  },
);

afterAll(() => {
  process.stdout.write(
    `bad-input corpus: ${CASES.length} invalid configurations, ${messages} messages, each naming its key under ${P}:\n`,
  );
});
