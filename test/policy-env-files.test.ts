import { unknownCheckingProxy } from "@pulumi/policy";
import {
  envFileWrittenBy,
  envListToMap,
  parseSystemdEnvFile,
  systemdEnvValue,
  vmEnvFileOf,
} from "../policy/env-files";
import { UNKNOWN } from "../policy/known";
import { envCommand, envFileScript, STAGING_ENV_STDIN, UNIT_COMMAND } from "./policy-fixtures";
import { UNKNOWN_STRING } from "./policy-harness";

describe("envListToMap", () => {
  it("maps NAME=value entries (a later one wins), splitting at the first =", () => {
    const { values, complete } = envListToMap(["A=1", "B=x=y", "A=2", "NO_EQUALS", "=bad", "C="]);
    expect([...values]).toEqual([
      ["A", "2"],
      ["B", "x=y"],
      ["C", ""],
    ]);
    expect(complete).toBe(true);
  });

  it("leaves out entries unknown during preview and says the env is incomplete", () => {
    const envs = unknownCheckingProxy(["DB_HOST=db.example.com", UNKNOWN_STRING]) as string[];
    const { values, complete } = envListToMap(envs);
    expect([...values]).toEqual([["DB_HOST", "db.example.com"]]);
    expect(complete).toBe(false);
    expect(envListToMap(UNKNOWN)).toEqual({ values: new Map(), complete: false });
    expect(envListToMap(undefined)).toEqual({ values: new Map(), complete: true });
  });
});

describe("systemdEnvValue", () => {
  it("reads the VM component's double-quoted values with backslash escapes", () => {
    expect(systemdEnvValue('"127.0.0.1"')).toBe("127.0.0.1");
    expect(systemdEnvValue('"a\\"b\\\\c\\$d\\`e"')).toBe('a"b\\c$d`e');
    expect(systemdEnvValue("\"#not a comment; 'single'\"")).toBe("#not a comment; 'single'");
  });

  it("reads single-quoted and bare values", () => {
    expect(systemdEnvValue("'0.0.0.0'")).toBe("0.0.0.0");
    expect(systemdEnvValue("0.0.0.0")).toBe("0.0.0.0");
    expect(systemdEnvValue('""')).toBe("");
  });
});

describe("parseSystemdEnvFile", () => {
  it("reads assignments, skipping comments and blank lines; a later one wins", () => {
    const text = '# comment\n; comment\n\nSERVER_HOST="127.0.0.1"\n  DB_HOST = "db"\nSERVER_HOST="::"\n';
    expect([...parseSystemdEnvFile(text)]).toEqual([
      ["SERVER_HOST", "::"],
      ["DB_HOST", "db"],
    ]);
  });
});

describe("envFileWrittenBy", () => {
  it("reads the heredoc written to the env file's temp file and the stdin appended to it", () => {
    const written = envFileWrittenBy(envFileScript(['SERVER_HOST="127.0.0.1"']), 'FERNET_KEY="k"\n');
    expect(written).toEqual({ text: 'SERVER_HOST="127.0.0.1"\nFERNET_KEY="k"\n', readsStdin: true });
  });

  it("knows the file reads stdin even when stdin is unknown", () => {
    expect(envFileWrittenBy(envFileScript(["A=1"]), undefined)).toEqual({ text: "A=1", readsStdin: true });
  });

  it("accepts a bare path, a redirect, and tee -a of the file itself", () => {
    expect(envFileWrittenBy("tee /etc/openmetadata/openmetadata.env <<EOF\nA=1\nEOF\n", "")?.text).toBe(
      "A=1",
    );
    expect(envFileWrittenBy('cat > "/etc/openmetadata/openmetadata.env" <<-"X"\nA=2\nX\n', "")?.text).toBe(
      "A=2",
    );
    expect(envFileWrittenBy("tee -a /etc/openmetadata/openmetadata.env", "A=3")).toEqual({
      text: "A=3",
      readsStdin: true,
    });
  });

  it("ignores scripts that only name, move, copy, create or delete the file", () => {
    expect(envFileWrittenBy(UNIT_COMMAND.create, "")).toBeUndefined();
    expect(envFileWrittenBy(envCommand().delete, "")).toBeUndefined();
    expect(envFileWrittenBy("mv -f /tmp/x /etc/openmetadata/openmetadata.env", "")).toBeUndefined();
    expect(
      envFileWrittenBy("install -m 0600 /dev/null /etc/openmetadata/openmetadata.env", ""),
    ).toBeUndefined();
    expect(envFileWrittenBy("tee /etc/openmetadata/openmetadata.envx <<EOF\nA=1\nEOF", "")).toBeUndefined();
    expect(envFileWrittenBy("tee /etc/other/openmetadata.env <<EOF\nA=1\nEOF", "")).toBeUndefined();
  });

  it("does not read heredoc bodies as commands", () => {
    const script = "tee /tmp/notes <<'EOF'\ntee /etc/openmetadata/openmetadata.env\nEOF\n";
    expect(envFileWrittenBy(script, "A=1")).toBeUndefined();
  });
});

describe("vmEnvFileOf", () => {
  it("reads the program's env command: public lines and the secret stdin", () => {
    const env = vmEnvFileOf(unknownCheckingProxy(envCommand()));
    expect(env?.complete).toBe(true);
    expect(env?.values.get("SERVER_HOST")).toBe("127.0.0.1");
    expect(env?.values.get("DB_PARAMS")).toBe("allowPublicKeyRetrieval=true&useSSL=false&serverTimezone=UTC");
    expect(env?.values.get("FERNET_KEY")).toBe("MTEzOWJmZTE5MDk0MWU5MzNiZmQ2Nzk5MjdhZjJhMzI=");
  });

  it("is incomplete when the stdin is unknown, and undefined for other commands or an unknown create", () => {
    const env = vmEnvFileOf(unknownCheckingProxy(envCommand(undefined, UNKNOWN_STRING)));
    expect(env?.complete).toBe(false);
    expect(env?.values.get("SERVER_HOST")).toBe("127.0.0.1");
    expect(env?.values.has("FERNET_KEY")).toBe(false);
    expect(vmEnvFileOf(unknownCheckingProxy(UNIT_COMMAND))).toBeUndefined();
    expect(
      vmEnvFileOf(unknownCheckingProxy({ create: UNKNOWN_STRING, stdin: STAGING_ENV_STDIN })),
    ).toBeUndefined();
  });
});
