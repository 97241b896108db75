import { cap, escapeForTerminal, escapeJsonText, lowerGuids, sameWithGuids } from "../tools/verify/text";

describe("verify text: what the server sent, made safe to print", () => {
  test("C0 (tab and line feed too), DEL, C1, bidi controls and line separators become visible escapes", () => {
    expect(escapeForTerminal("\u001b[2J\u001b[31mPASS")).toBe("\\u001b[2J\\u001b[31mPASS");
    expect(escapeForTerminal("a\tb\nc\rd\be\u0007\u0000\u007f")).toBe(
      "a\\u0009b\\u000ac\\u000dd\\u0008e\\u0007\\u0000\\u007f",
    );
    expect(escapeForTerminal("\u0080\u009b\u009f")).toBe("\\u0080\\u009b\\u009f");
    expect(escapeForTerminal("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")).toBe(
      "\\u202a\\u202b\\u202c\\u202d\\u202e\\u2066\\u2067\\u2068\\u2069",
    );
    expect(escapeForTerminal("\u061c\u200e\u200f\u2028\u2029")).toBe("\\u061c\\u200e\\u200f\\u2028\\u2029");
    // Printable text, including non-ASCII letters, is left alone.
    expect(escapeForTerminal("https://om.example.com/callback · Zoë 日本")).toBe(
      "https://om.example.com/callback · Zoë 日本",
    );
  });

  test("JSON text: what JSON.stringify leaves raw becomes a JSON escape, and the document parses the same", () => {
    const value = { "k\u202e": "\u001b[31m\u009b\u2066x\u2028" };
    const text = escapeJsonText(JSON.stringify(value));
    expect(text).toBe('{"k\\u202e":"\\u001b[31m\\u009b\\u2066x\\u2028"}');
    expect(JSON.parse(text)).toEqual(value);
  });

  test("long values are cut with an ellipsis and their length; a surrogate pair is not split", () => {
    expect(cap("x".repeat(200))).toBe("x".repeat(200));
    expect(cap("x".repeat(201))).toBe(`${"x".repeat(200)}… (201 characters)`);
    expect(cap(`${"x".repeat(199)}😀tail`)).toBe(`${"x".repeat(199)}… (205 characters)`);
  });

  test("GUIDs compare case-insensitively, wherever they are in the text; the rest exactly", () => {
    const guid = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    expect(sameWithGuids(guid.toUpperCase(), guid)).toBe(true);
    expect(
      sameWithGuids(
        `https://login.microsoftonline.com/${guid.toUpperCase()}`,
        `https://login.microsoftonline.com/${guid}`,
      ),
    ).toBe(true);
    expect(sameWithGuids("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeef", guid)).toBe(false);
    expect(
      sameWithGuids(`https://LOGIN.microsoftonline.com/${guid}`, `https://login.microsoftonline.com/${guid}`),
    ).toBe(false);
    expect(sameWithGuids("Azure", "azure")).toBe(false);
    expect(sameWithGuids(undefined, guid)).toBe(false);
    // Not a GUID: a longer run of hex digits keeps its case.
    expect(lowerGuids(`${guid.toUpperCase()}-ABCD`)).toBe(`${guid.toUpperCase()}-ABCD`);
    expect(lowerGuids(`X${guid.toUpperCase()}`)).toBe(`X${guid}`);
  });
});
