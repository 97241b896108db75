/**
 * Renders a verification as a plain-text table or as JSON. Both are safe to print on a terminal whatever the
 * server sent: the table shows control, bidi and line-separator characters as visible `\uXXXX`, the JSON text
 * writes them as JSON escapes (the parsed document is unchanged).
 */
import type { Row } from "./checks";
import type { Verification } from "./run";
import { escapeForTerminal, escapeJsonText } from "./text";

/** Counts of rows per status. */
export function summarize(rows: Row[]): { pass: number; warn: number; fail: number; skip: number } {
  const count = (status: Row["status"]) => rows.filter((row) => row.status === status).length;
  return { pass: count("pass"), warn: count("warn"), fail: count("fail"), skip: count("skip") };
}

/** The `--json` document. */
export function formatJson(verification: Verification, serverUrl: string, exitCode: number): string {
  const document = {
    server: serverUrl,
    exitCode,
    summary: summarize(verification.rows),
    rows: verification.rows,
    hints: verification.hints,
  };
  return escapeJsonText(JSON.stringify(document, null, 2)) + "\n";
}

const HEADERS = ["CHECK", "STATUS", "EXPECTED", "ACTUAL"] as const;

/** An aligned table, then the notes of failing or warning rows, the hints and a summary line. */
export function formatTable(verification: Verification, serverUrl: string): string {
  const safe = escapeForTerminal;
  const cells = verification.rows.map((row) =>
    [row.check, row.status.toUpperCase(), row.expected, row.actual].map(safe),
  );
  const widths = HEADERS.map((header, column) =>
    Math.max(header.length, ...cells.map((line) => (line[column] ?? "").length)),
  );
  const line = (values: readonly string[]) =>
    values
      .map((value, column) => value.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd();
  const lines = [`Verifying ${safe(serverUrl)}`, "", line(HEADERS), ...cells.map(line)];
  const notes = verification.rows.filter((row) => row.note !== undefined);
  if (notes.length > 0)
    lines.push("", "Notes:", ...notes.map((row) => `- ${safe(row.check)}: ${safe(row.note ?? "")}`));
  if (verification.hints.length > 0)
    lines.push("", "Hint:", ...verification.hints.map((hint) => `- ${safe(hint)}`));
  const { pass, warn, fail, skip } = summarize(verification.rows);
  const skipped = skip > 0 ? `, ${skip} not checked` : "";
  const unreachable = verification.serverUnreachable
    ? "; the server was not reachable within the time budget"
    : "";
  lines.push(
    "",
    `${pass} passed, ${warn} warning${warn === 1 ? "" : "s"}, ${fail} failed${skipped}${unreachable}`,
  );
  return lines.join("\n") + "\n";
}
