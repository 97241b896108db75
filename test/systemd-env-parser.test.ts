/**
 * The tests' systemd EnvironmentFile parser (helpers/systemd-env.ts) against the cases systemd's own test suite
 * checks (src/test/test-env-file.c) and its documented quoting rules, so the env file tests rest on systemd's
 * reading and not on the renderer's.
 */
import { parseSystemdEnvFile, readAsOpenMetadata, substituteEnv } from "./helpers/systemd-env";

const entries = (text: string) => [...parseSystemdEnvFile(text)];

describe("parseSystemdEnvFile", () => {
  it("reads systemd's test-env-file.c cases as systemd does", () => {
    expect(entries("a=a\nb=b\\\nc\nd=d\\\ne\\\nf\ng=g\\ \nh=h\ni=i\\")).toEqual([
      ["a", "a"],
      ["b", "bc"],
      ["d", "def"],
      ["g", "g "],
      ["h", "h"],
      ["i", "i"],
    ]);
    expect(entries("a=a\\\n")).toEqual([["a", "a"]]);
    expect(
      entries(
        '# Generated\n\nHWMON_MODULES="coretemp f71882fg"\n\n# For compatibility reasons\n\nMODULE_0=coretemp\nMODULE_1=f71882fg',
      ),
    ).toEqual([
      ["HWMON_MODULES", "coretemp f71882fg"],
      ["MODULE_0", "coretemp"],
      ["MODULE_1", "f71882fg"],
    ]);
    expect(entries("a=\nb=")).toEqual([
      ["a", ""],
      ["b", ""],
    ]);
  });

  it('unescapes only \\\\ \\" \\` \\$ inside double quotes, keeps other backslashes, and reads single quotes literally', () => {
    expect(entries('A="q\\"uote \\\\ \\` \\$HOME \\n \\x"\n')).toEqual([["A", 'q"uote \\ ` $HOME \\n \\x']]);
    expect(entries("B='no \\\"escapes\\\\ $here'\n")).toEqual([["B", 'no \\"escapes\\\\ $here']]);
    // After a closing quote the value goes on unquoted: later quotes are plain characters.
    expect(entries('C="a" b\'c\' "d"\n')).toEqual([["C", "ab'c' \"d\""]]);
    expect(entries('D="line\\\ncontinued"\n')).toEqual([["D", "linecontinued"]]);
    expect(entries('E="#not a comment; nor this"\n')).toEqual([["E", "#not a comment; nor this"]]);
  });

  it("skips comments and blank lines, trims blanks around keys and unquoted values, and the last assignment wins", () => {
    expect(entries("  # c\n;c\n\n  K  =  v w  \nNOEQUALS\nK=again\n")).toEqual([["K", "again"]]);
    expect(entries("X=1 # not a comment\n")).toEqual([["X", "1 # not a comment"]]);
  });
});

describe("OpenMetadata's reading of its environment", () => {
  it("substitutes ${NAME} and ${NAME:-default} as text, then parses YAML 1.1", () => {
    expect(substituteEnv("a: ${A:-x}\nb: ${B:-y}\n", { A: "1" })).toBe("a: 1\nb: y\n");
    expect(readAsOpenMetadata({ P: "yes" }, "P")).toBe(true);
    expect(readAsOpenMetadata({ P: "#x" }, "P")).toBe(null);
    expect(readAsOpenMetadata({ P: '"#x"' }, "P")).toBe("#x");
    expect(() => substituteEnv("a: ${MISSING}", {})).toThrow("${MISSING}: MISSING is not set");
  });
});
