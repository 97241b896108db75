/**
 * Text from the server or from Entra ID made safe to print, and IDs compared the way Entra writes them.
 *
 * Everything a server sends (values, JSON keys, URLs of redirects, error messages) can hold terminal control
 * sequences: ESC, CR, backspace or bidi overrides could repaint the report, e.g. print a green "PASS" over a
 * failing row. The report therefore prints such characters as visible `\uXXXX` escapes and caps long values.
 */

/** Values longer than this (UTF-16 code units) are cut, with an ellipsis and their original length. */
export const MAX_VALUE_CHARS = 200;

/**
 * Characters that must never reach a terminal as they are: C0 controls (tab and line feed too: nothing that
 * moves the cursor), DEL, C1 controls (U+0080-U+009F, e.g. U+009B is a one-character CSI), the bidi embeddings,
 * overrides and isolates (U+202A-U+202E, U+2066-U+2069), the bidi marks (U+061C, U+200E, U+200F) and the
 * Unicode line and paragraph separators (U+2028, U+2029).
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** What JSON.stringify leaves as it is among the unsafe characters (it escapes C0 itself). */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const escapeChar = (char: string): string => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;

/** `text` with every unsafe character written as a visible `\uXXXX` (for the table). */
export function escapeForTerminal(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

/**
 * JSON text (JSON.stringify's output) with the unsafe characters it leaves raw written as `\uXXXX` escapes.
 * Outside strings JSON text is ASCII, so only string contents change, and a parser reads the same document.
 */
export function escapeJsonText(json: string): string {
  return json.replace(UNSAFE_IN_JSON, escapeChar);
}

/** `text`, cut to `max` characters with an ellipsis and the original length when it is longer. */
export function cap(text: string, max = MAX_VALUE_CHARS): string {
  if (text.length <= max) return text;
  let head = text.slice(0, max);
  // Do not leave half of a surrogate pair at the cut.
  if (/[\ud800-\udbff]$/.test(head)) head = head.slice(0, -1);
  return `${head}… (${text.length} characters)`;
}

/**
 * A GUID anywhere in a string (a client ID, the tenant in an authority or issuer URL, a key ID), not part of a
 * longer run of hex digits and dashes. The same form as components/forms.ts GUID, unanchored.
 */
const GUID_IN_TEXT =
  /(?<![0-9a-f-])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![0-9a-f-])/gi;

/** `text` with every GUID in it lower-cased; the rest is unchanged. */
export function lowerGuids(text: string): string {
  return text.replace(GUID_IN_TEXT, (guid) => guid.toLowerCase());
}

/**
 * Whether a served value equals the expected one, GUIDs in them compared case-insensitively (Entra ID and
 * OpenMetadata may write them in either case) and everything else exactly.
 */
export function sameWithGuids(actual: unknown, expected: string): boolean {
  return typeof actual === "string" && lowerGuids(actual) === lowerGuids(expected);
}
