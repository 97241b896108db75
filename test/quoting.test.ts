import { execFileSync } from "node:child_process";
import fc from "fast-check";
import {
  envValueProblem,
  shellCommand,
  shellQuote,
  systemdArgument,
  systemdEnvValue,
} from "../components/quoting";

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
  it.each(["${HOME}", "x${DB_PASSWORD:-y}", "a\nb", "bell\u0007", "cr\r"])("refuses %j", (value) => {
    expect(envValueProblem(value)).toMatch(/must not contain/);
  });

  it.each(["p$ss", "p#ss", "$", "{}", "quote'\"", "tab\tok", "ünïcödé"])("accepts %j", (value) => {
    expect(envValueProblem(value)).toBeUndefined();
  });
});
