import { formatJson, formatTable, summarize } from "../tools/verify/report";
import type { Verification } from "../tools/verify/run";

const verification: Verification = {
  rows: [
    { check: "version", expected: "1.8.12", actual: "1.8.11", status: "warn", note: "n" },
    { check: "jwks", expected: ">= 1 key", actual: "0 keys", status: "fail" },
    { check: "entra.jwks_uri", expected: "a URL", actual: "https://k", status: "pass" },
    {
      check: "authorizer.useRolesFromProvider",
      expected: "true",
      actual: "not checked",
      status: "skip",
      note: "why",
    },
  ],
  hints: [],
  serverUnreachable: false,
};

describe("verify report", () => {
  test("summary counts", () => {
    expect(summarize(verification.rows)).toEqual({ pass: 1, warn: 1, fail: 1, skip: 1 });
  });

  test("JSON document shape", () => {
    expect(JSON.parse(formatJson(verification, "https://om", 1))).toEqual({
      server: "https://om",
      exitCode: 1,
      summary: { pass: 1, warn: 1, fail: 1, skip: 1 },
      rows: verification.rows,
      hints: [],
    });
  });

  test("the table: SKIP rows, their notes, and the not-checked count only when there is one", () => {
    const table = formatTable(verification, "https://om").split("\n");
    expect(table).toContain("authorizer.useRolesFromProvider  SKIP    true      not checked");
    expect(table).toContain("- authorizer.useRolesFromProvider: why");
    expect(table.at(-2)).toBe("1 passed, 1 warning, 1 failed, 1 not checked");
    const none = formatTable({ ...verification, rows: verification.rows.slice(0, 3) }, "https://om");
    expect(none.trimEnd().split("\n").at(-1)).toBe("1 passed, 1 warning, 1 failed");
  });

  test("the table shows server text with visible escapes: it cannot clear the screen or fake a PASS", () => {
    const hostile: Verification = {
      rows: [
        {
          check: "auth.clientId",
          expected: "aaaa",
          actual: "\u001b[2J\u001b[32mPASS\u202e",
          status: "fail",
          note: "HTTP 500 from http://om/\u009b2J\r",
        },
      ],
      hints: ["\u2066hint"],
      serverUnreachable: false,
    };
    const table = formatTable(hostile, "http://om");
    // eslint-disable-next-line no-control-regex
    expect(table).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(table).toContain("auth.clientId  FAIL    aaaa      \\u001b[2J\\u001b[32mPASS\\u202e\n");
    expect(table).toContain("- auth.clientId: HTTP 500 from http://om/\\u009b2J\\u000d\n");
    expect(table).toContain("- \\u2066hint\n");
    const json = formatJson(hostile, "http://om", 1);
    expect(json).not.toMatch(/[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(JSON.parse(json).rows).toEqual(hostile.rows);
  });
});
