import * as pulumi from "@pulumi/pulumi";

/** Lines of the migration's log shown when it fails. */
export const MIGRATION_LOG_TAIL_LINES = 40;

/**
 * The error for a finished migration container, or undefined when it succeeded. With `attach` and
 * `mustRun: false` the docker provider waits for the container to exit but does not fail on a non-zero exit
 * code (it only records `exitCode` and, with `logs`, `containerLogs`), so the component checks the code itself.
 */
export function migrationFailure(
  container: string,
  exitCode: number | undefined,
  logs: string | undefined,
): string | undefined {
  if (exitCode === 0) return undefined;
  const lines = (logs ?? "").trimEnd().split("\n");
  const tail = lines.slice(-MIGRATION_LOG_TAIL_LINES).join("\n");
  const code = typeof exitCode === "number" ? `exit code ${exitCode}` : "no exit code";
  return (
    `OpenMetadata migration (container ${container}) finished with ${code}; the server was not started. ` +
    `Fix the cause, then re-run it with pulumi up --replace on the migration container. ` +
    `Last ${Math.min(lines.length, MIGRATION_LOG_TAIL_LINES)} log lines:\n${tail}`
  );
}

/**
 * Resolves to `resource` once the migration has exited with code 0; otherwise fails with migrationFailure's
 * message. Used as the server's `dependsOn`: during `pulumi up` the failed Output fails the program, so the
 * update stops before the server is touched and shows the log tail. In preview the code is unknown and nothing
 * is checked.
 */
export function migrationGate<T>(
  resource: T,
  container: string,
  exitCode: pulumi.Input<number | undefined>,
  logs: pulumi.Input<string | undefined>,
): pulumi.Output<T> {
  return pulumi.all([exitCode, logs]).apply(([code, text]) => {
    const failure = migrationFailure(container, code, text);
    if (failure) throw new Error(failure);
    return resource;
  });
}
