// Prints one plain closing line, "jest: N passed, N failed[, N skipped]", that CI systems read without
// knowing jest's own summary format.
class PlainSummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `jest: ${results.numPassedTests} passed, ${results.numFailedTests} failed`;
    process.stdout.write(`${line}${skipped > 0 ? `, ${skipped} skipped` : ""}\n`);
  }
}
module.exports = PlainSummaryReporter;
