import * as pulumi from "@pulumi/pulumi";

/** Lines of a one-shot container's log shown when it fails. */
export const MIGRATION_LOG_TAIL_LINES = 40;

/** A one-shot step the server waits for: what it is called in messages, and what its failure left untouched. */
export interface OneShotStep {
  /** e.g. "OpenMetadata migration". */
  readonly title: string;
  /** What the failure means for the deployment, e.g. "the server was not started". */
  readonly consequence: string;
  /** How to run it again, e.g. "re-run it with pulumi up --replace on the migration container". */
  readonly rerun: string;
}

/** The migration (`openmetadata-ops.sh migrate`). */
export const MIGRATION_STEP: OneShotStep = {
  title: "OpenMetadata migration",
  consequence: "the server was not started",
  rerun: "re-run it with pulumi up --replace on the migration container",
};

/**
 * The error for a finished one-shot container, or undefined when it succeeded. With `attach` and `mustRun: false`
 * the docker provider waits for the container to exit but does not fail on a non-zero exit code (it only records
 * `exitCode` and, with `logs`, `containerLogs`), so the component checks the code itself.
 */
export function oneShotFailure(
  step: OneShotStep,
  container: string,
  exitCode: number | undefined,
  logs: string | undefined,
): string | undefined {
  if (exitCode === 0) return undefined;
  const lines = (logs ?? "").trimEnd().split("\n");
  const tail = lines.slice(-MIGRATION_LOG_TAIL_LINES).join("\n");
  const code = typeof exitCode === "number" ? `exit code ${exitCode}` : "no exit code";
  return (
    `${step.title} (container ${container}) finished with ${code}; ${step.consequence}. ` +
    `Fix the cause, then ${step.rerun}. ` +
    `Last ${Math.min(lines.length, MIGRATION_LOG_TAIL_LINES)} log lines:\n${tail}`
  );
}

/** The migration's error (oneShotFailure of MIGRATION_STEP). */
export function migrationFailure(
  container: string,
  exitCode: number | undefined,
  logs: string | undefined,
): string | undefined {
  return oneShotFailure(MIGRATION_STEP, container, exitCode, logs);
}

/**
 * Resolves to `resource` once the one-shot container has exited with code 0; otherwise fails with
 * oneShotFailure's message. Used in `dependsOn` of what must wait for it: during `pulumi up` the failed Output
 * fails the program, so the update stops before the dependents are touched and shows the log tail. In preview the
 * code is unknown and nothing is checked.
 */
export function oneShotGate<T>(
  step: OneShotStep,
  resource: T,
  container: pulumi.Input<string>,
  exitCode: pulumi.Input<number | undefined>,
  logs: pulumi.Input<string | undefined>,
): pulumi.Output<T> {
  return pulumi.all([container, exitCode, logs]).apply(([name, code, text]) => {
    const failure = oneShotFailure(step, name, code, text);
    if (failure) throw new Error(failure);
    return resource;
  });
}

/** oneShotGate for the migration: the server depends on it, so it never starts after a failed migration. */
export function migrationGate<T>(
  resource: T,
  container: string,
  exitCode: pulumi.Input<number | undefined>,
  logs: pulumi.Input<string | undefined>,
): pulumi.Output<T> {
  return oneShotGate(MIGRATION_STEP, resource, container, exitCode, logs);
}
