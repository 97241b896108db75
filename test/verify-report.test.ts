import { formatJson, summarize } from "../tools/verify/report";
import type { Verification } from "../tools/verify/run";

const verification: Verification = {
  rows: [
    { check: "version", expected: "1.8.12", actual: "1.8.11", status: "warn", note: "n" },
    { check: "jwks", expected: ">= 1 key", actual: "0 keys", status: "fail" },
    { check: "entra.jwks_uri", expected: "a URL", actual: "https://k", status: "pass" },
  ],
  hints: [],
  serverUnreachable: false,
};

describe("verify report", () => {
  test("summary counts", () => {
    expect(summarize(verification.rows)).toEqual({ pass: 1, warn: 1, fail: 1 });
  });

  test("JSON document shape", () => {
    expect(JSON.parse(formatJson(verification, "https://om", 1))).toEqual({
      server: "https://om",
      exitCode: 1,
      summary: { pass: 1, warn: 1, fail: 1 },
      rows: verification.rows,
      hints: [],
    });
  });
});
