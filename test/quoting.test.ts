import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { parse } from "yaml";
import {
  envValueProblem,
  shellCommand,
  shellQuote,
  systemdArgument,
  systemdEnvValue,
  yamlFlowListEnvValue,
  yamlScalarEnvValue,
} from "../components/quoting";
import { parseSystemdEnvFile } from "./helpers/systemd-env";

/** Values an attacker or a careless operator would try. */
const HOSTILE = [
  "plain",
  "it's",
  "'",
  "''",
  '"double"',
  "$(id)",
  "`id`",
  "${HOME}",
  "$HOME",
  "a;b|c&d<e>f",
  "100%",
  "%n %i",
  "#comment",
  "tab\there",
  " leading and trailing ",
  "back\\slash\\",
  "*?[glob]",
  "~root",
  "-n",
  "",
];

/** What `sh` receives as $1 when the script is `printf %s "$1"` preceded by the quoted word. */
function shellRoundTrip(value: string): string {
  return execFileSync("sh", ["-c", `set -- ${shellQuote(value)}; printf %s "$1"`], { encoding: "utf8" });
}

describe("shellQuote", () => {
  it.each(HOSTILE)("a real sh reads %j back unchanged and runs nothing", (value) => {
    expect(shellRoundTrip(value)).toBe(value);
  });

  it("round-trips any string without NUL through a real sh (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", maxLength: 40 }).filter((s) => !s.includes("\0")),
        (value) => shellRoundTrip(value) === value,
      ),
      { numRuns: 200 },
    );
  });

  it("keeps newlines inside one word", () => {
    expect(shellRoundTrip("line1\nline2; rm -rf /")).toBe("line1\nline2; rm -rf /");
  });

  it("joins a command of quoted words", () => {
    expect(shellCommand("install", "-d", "/opt/o m")).toBe("'install' '-d' '/opt/o m'");
  });
});

describe("systemdEnvValue", () => {
  it.each([
    ["p@ss#word", '"p@ss#word"'],
    ["a$b", '"a\\$b"'],
    ['q"uote', '"q\\"uote"'],
    ["back\\slash", '"back\\\\slash"'],
    ["`cmd`", '"\\`cmd\\`"'],
    ["semi;colon 'single'", "\"semi;colon 'single'\""],
  ])("%j → %s", (value, line) => {
    expect(systemdEnvValue(value)).toBe(line);
  });

  it("refuses a newline", () => {
    expect(() => systemdEnvValue("a\nb")).toThrow("newline");
  });
});

describe("systemdArgument", () => {
  it.each([
    ["/opt/openmetadata/conf/openmetadata.yaml", "/opt/openmetadata/conf/openmetadata.yaml"],
    ["50%", "50%%"],
    ["a b", '"a b"'],
    ['say "hi"', '"say \\"hi\\""'],
  ])("%j → %s", (value, arg) => {
    expect(systemdArgument(value)).toBe(arg);
  });
});

describe("envValueProblem", () => {
  const CONTROL =
    "must not contain control characters such as newlines (OpenMetadata pastes it into its YAML configuration)";
  const DOLLAR_BRACE = "must not contain ${ (OpenMetadata would expand it as a variable)";
  it.each([
    ["${HOME}", DOLLAR_BRACE],
    ["x${DB_PASSWORD:-y}", DOLLAR_BRACE],
    ["a\nb", CONTROL],
    ["bell\u0007", CONTROL],
    ["cr\r", CONTROL],
    ["del\u007f", CONTROL],
    ["nul\u0000", CONTROL],
  ])("refuses %j", (value, problem) => {
    expect(envValueProblem(value)).toBe(problem);
  });

  it.each(["p$ss", "p#ss", "$", "{}", "quote'\"", "tab\tok", "ünïcödé"])("accepts %j", (value) => {
    expect(envValueProblem(value)).toBeUndefined();
  });
});

describe("systemdEnvValue read back by systemd's rules", () => {
  it("round-trips any string without control characters (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", maxLength: 40 }).filter((s) => envValueProblem(s) === undefined),
        (value) => parseSystemdEnvFile(`A=${systemdEnvValue(value)}\n`).get("A") === value,
      ),
      { numRuns: 300 },
    );
  });
});

describe("yamlScalarEnvValue: OpenMetadata pastes the value into `key: ${VAR}` and parses YAML 1.1", () => {
  const reads = (text: string) => (parse(`key: ${text}`, { version: "1.1" }) as { key: unknown }).key;

  it.each([
    ["plain-Value_1.2", "plain-Value_1.2"],
    ["p\"a$s#w\\o'rd;", "p\"a$s#w\\o'rd;"],
    ["#starts-with-hash", '"#starts-with-hash"'],
    ["a: b", '"a: b"'],
    ["yes", '"yes"'],
    ["off", '"off"'],
    ["1_000", '"1_000"'],
    ["", '""'],
    ['"x"', '"\\"x\\""'],
    ["trailing ", '"trailing "'],
  ])("%j → %s", (value, text) => {
    expect(yamlScalarEnvValue(value)).toBe(text);
    expect(reads(text)).toBe(value);
  });

  it("makes YAML 1.1 read any environment-safe string back unchanged (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", maxLength: 30 }).filter((s) => envValueProblem(s) === undefined),
        (value) => reads(yamlScalarEnvValue(value)) === value,
      ),
      { numRuns: 500 },
    );
  });
});

describe("yamlFlowListEnvValue", () => {
  it("writes a flow sequence, quoting the items YAML 1.1 would misread", () => {
    const items = ["john.doe", "yes", "1_000", "a, b", "x:", "https://a/keys"];
    const text = yamlFlowListEnvValue(items);
    expect(text).toBe('[john.doe, "yes", "1_000", "a, b", "x:", https://a/keys]');
    expect(parse(`key: ${text}`, { version: "1.1" })).toEqual({ key: items });
  });
});
