import { parse } from "yaml";

/**
 * OpenMetadata reads its environment through openmetadata.yaml: Dropwizard pastes a variable's text into the file
 * before parsing it, with a YAML 1.1 parser (SnakeYAML). So `[a, b]` is a flow sequence (the v1.8 docs write
 * `AUTHENTICATION_PUBLIC_KEYS=[https://…/keys, https://…/jwks]`), and a value such as `yes` or `1_000` would
 * turn into a boolean or a number. The helpers here keep every value a string to that parser.
 */

/** Characters a plain item in a flow sequence may hold without ending the item or the list. */
const PLAIN_ITEM = /^[A-Za-z0-9_./:~@+-]+$/;

/** True when a YAML 1.1 parser reads `text` back as exactly `expected`. */
function readsBackAs(text: string, expected: unknown): boolean {
  try {
    return JSON.stringify(parse(text, { version: "1.1" })) === JSON.stringify(expected);
  } catch {
    return false;
  }
}

/**
 * `["a", "b"]` → `[a, b]`. An item a YAML 1.1 parser would not read back as that same string (`yes`, `1_000`,
 * anything with a blank or a comma) is written as a JSON string, which is also a YAML double-quoted scalar.
 */
export function formatEnvList(items: readonly string[]): string {
  const plain = (item: string): boolean =>
    PLAIN_ITEM.test(item) && !item.endsWith(":") && readsBackAs(`[${item}]`, [item]);
  return `[${items.map((item) => (plain(item) ? item : JSON.stringify(item))).join(", ")}]`;
}

/** Returns `value` unchanged after checking that OpenMetadata reads it back as the same string (or boolean). */
export function envScalar(name: string, value: string | boolean): string {
  const text = String(value);
  if (!readsBackAs(text, value)) {
    throw new Error(
      `${name}: OpenMetadata would not read ${JSON.stringify(text)} back as ${JSON.stringify(value)}`,
    );
  }
  return text;
}

/** envScalar for a secret: the error names the variable but never shows the value. */
export function secretEnvScalar(name: string, value: string): string {
  if (!readsBackAs(value, value)) {
    throw new Error(`${name}: OpenMetadata would not read the (hidden) secret value back as the same string`);
  }
  return value;
}
