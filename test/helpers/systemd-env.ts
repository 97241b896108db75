/**
 * How the server's configuration reads the VM's env file, for tests: systemd's `EnvironmentFile=` parser, then
 * OpenMetadata's `${VAR:-default}` substitution into openmetadata.yaml and a YAML 1.1 parse (SnakeYAML reads
 * YAML 1.1). Written from systemd's rules (src/basic/env-file.c, parse_env_file_internal), not from the code under
 * test:
 *  - blank lines and lines whose first non-blank character is `#` or `;` are comments;
 *  - `KEY=VALUE`: blanks around the key and before the value are dropped;
 *  - unquoted: a backslash takes the next character literally (a backslash-newline joins lines), trailing blanks
 *    are dropped;
 *  - `'...'`: everything literal up to the next `'`;
 *  - `"..."`: `\` before one of `"` `\` `` ` `` `$` gives that character, a backslash-newline is removed, any other
 *    backslash stays with the character after it;
 *  - after a closing quote, blanks are dropped and the value goes on unquoted (where quotes are plain characters);
 *  - a later assignment of the same key replaces the earlier one.
 */
import { parse } from "yaml";

const WHITESPACE = " \t\n\r";
const NEWLINE = "\n\r";
const COMMENTS = "#;";
const SHELL_NEED_ESCAPE = '"\\`$';

type State =
  | "PRE_KEY"
  | "KEY"
  | "PRE_VALUE"
  | "VALUE"
  | "VALUE_ESCAPE"
  | "SINGLE_QUOTE_VALUE"
  | "DOUBLE_QUOTE_VALUE"
  | "DOUBLE_QUOTE_VALUE_ESCAPE"
  | "COMMENT"
  | "COMMENT_ESCAPE";

/** The variables an `EnvironmentFile=` gives the service, in file order (a repeated key keeps its first place). */
export function parseSystemdEnvFile(text: string): Map<string, string> {
  const env = new Map<string, string>();
  let state: State = "PRE_KEY";
  let key = "";
  let value = "";
  /** Where trailing blanks of an unquoted value (or of the key) start, or -1. */
  let valueBlank = -1;
  let keyBlank = -1;
  const push = (): void => {
    const k = keyBlank >= 0 ? key.slice(0, keyBlank) : key;
    env.set(k, value);
    key = "";
    value = "";
  };
  for (const c of text) {
    switch (state) {
      case "PRE_KEY":
        if (COMMENTS.includes(c)) state = "COMMENT";
        else if (!WHITESPACE.includes(c)) {
          state = "KEY";
          keyBlank = -1;
          key = c;
        }
        break;
      case "KEY":
        if (NEWLINE.includes(c)) {
          state = "PRE_KEY";
          key = "";
        } else if (c === "=") {
          state = "PRE_VALUE";
          valueBlank = -1;
        } else {
          if (!WHITESPACE.includes(c)) keyBlank = -1;
          else if (keyBlank < 0) keyBlank = key.length;
          key += c;
        }
        break;
      case "PRE_VALUE":
        if (NEWLINE.includes(c)) {
          state = "PRE_KEY";
          push();
        } else if (c === "'") state = "SINGLE_QUOTE_VALUE";
        else if (c === '"') state = "DOUBLE_QUOTE_VALUE";
        else if (c === "\\") state = "VALUE_ESCAPE";
        else if (!WHITESPACE.includes(c)) {
          state = "VALUE";
          value += c;
        }
        break;
      case "VALUE":
        if (NEWLINE.includes(c)) {
          state = "PRE_KEY";
          if (valueBlank >= 0) value = value.slice(0, valueBlank);
          push();
        } else if (c === "\\") {
          state = "VALUE_ESCAPE";
          valueBlank = -1;
        } else {
          if (!WHITESPACE.includes(c)) valueBlank = -1;
          else if (valueBlank < 0) valueBlank = value.length;
          value += c;
        }
        break;
      case "VALUE_ESCAPE":
        state = "VALUE";
        if (!NEWLINE.includes(c)) value += c;
        break;
      case "SINGLE_QUOTE_VALUE":
        if (c === "'") state = "PRE_VALUE";
        else value += c;
        break;
      case "DOUBLE_QUOTE_VALUE":
        if (c === '"') state = "PRE_VALUE";
        else if (c === "\\") state = "DOUBLE_QUOTE_VALUE_ESCAPE";
        else value += c;
        break;
      case "DOUBLE_QUOTE_VALUE_ESCAPE":
        state = "DOUBLE_QUOTE_VALUE";
        if (SHELL_NEED_ESCAPE.includes(c)) value += c;
        else if (c !== "\n") value += `\\${c}`;
        break;
      case "COMMENT":
        if (c === "\\") state = "COMMENT_ESCAPE";
        else if (NEWLINE.includes(c)) state = "PRE_KEY";
        break;
      case "COMMENT_ESCAPE":
        state = NEWLINE.includes(c) ? "PRE_KEY" : "COMMENT";
        break;
    }
  }
  if (
    [
      "PRE_VALUE",
      "VALUE",
      "VALUE_ESCAPE",
      "SINGLE_QUOTE_VALUE",
      "DOUBLE_QUOTE_VALUE",
      "DOUBLE_QUOTE_VALUE_ESCAPE",
    ].includes(state)
  ) {
    if (state === "VALUE" && valueBlank >= 0) value = value.slice(0, valueBlank);
    push();
  }
  return env;
}

/**
 * OpenMetadata's substitution (Dropwizard's EnvironmentVariableSubstitutor): `${NAME}` and `${NAME:-default}` are
 * replaced by the variable's text as it is, before the YAML is parsed.
 */
export function substituteEnv(
  template: string,
  env: ReadonlyMap<string, string> | Record<string, string>,
): string {
  const get = (name: string) => (env instanceof Map ? env.get(name) : (env as Record<string, string>)[name]);
  return template.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g,
    (whole, name: string, fallback?: string) => {
      const v = get(name);
      if (v !== undefined) return v;
      if (fallback !== undefined) return fallback;
      throw new Error(`${whole}: ${name} is not set`);
    },
  );
}

/** The value OpenMetadata reads for a `key: ${NAME}` line of its openmetadata.yaml, given the environment. */
export function readAsOpenMetadata(
  env: ReadonlyMap<string, string> | Record<string, string>,
  name: string,
  key = "password",
): unknown {
  const doc = parse(substituteEnv(`${key}: \${${name}}\n`, env), { version: "1.1" }) as Record<
    string,
    unknown
  >;
  return doc[key];
}

/** `NAME=value` lines (a container's env) as a map: everything after the first `=` is the value. */
export function envLinesToMap(lines: readonly string[]): Map<string, string> {
  return new Map(
    lines.map((l) => {
      const at = l.indexOf("=");
      return [l.slice(0, at), l.slice(at + 1)] as [string, string];
    }),
  );
}
