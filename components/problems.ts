/**
 * The one shape of an argument problem, shared by every component, the SSO model and the stack config: the
 * argument's path (`database.host`, `owners[1]`) and what is wrong, with the accepted form. Components throw
 * ArgsError before any child exists; the stack config translates each path to its config key instead.
 */

export interface Problem {
  /** Path of the argument: dotted fields and `[index]`, e.g. `database.port` or `adminPrincipals[0]`. */
  readonly path: string;
  /** What is wrong and the accepted form, e.g. `must be a port number from 1 to 65535; got 70000`. */
  readonly message: string;
  /** The value is missing (not wrong): the stack config tells how to set it, the offline plan may stand one in. */
  readonly missing?: boolean;
}

/** A required value that is missing; `what` says what it is. */
export const required = (path: string, what: string): Problem => ({
  path,
  message: `is required (${what})`,
  missing: true,
});

/** Invalid arguments of a component (or of the SSO model); thrown before anything is registered. */
export class ArgsError extends Error {
  constructor(
    /** What was given the arguments, e.g. `OpenMetadataDocker "openmetadata"`. */
    readonly subject: string,
    readonly problems: readonly Problem[],
  ) {
    super(
      `${subject}: invalid arguments (${problems.length}):\n${problems.map((p) => `  ${p.path}: ${p.message}`).join("\n")}`,
    );
    this.name = "ArgsError";
  }
}

/** Throws ArgsError when there is any problem. */
export function assertNoProblems(subject: string, problems: readonly Problem[]): void {
  if (problems.length > 0) throw new ArgsError(subject, problems);
}

/** `got "x"`, for the end of a message; never used for secrets. */
export const got = (value: unknown): string => `got ${JSON.stringify(value)}`;

/** Prefixes every path, for an argument object nested in another (`search` + `.port`). */
export function nested(prefix: string, problems: readonly Problem[]): Problem[] {
  return problems.map((p) => ({
    ...p,
    path: p.path === "" ? prefix : p.path.startsWith("[") ? `${prefix}${p.path}` : `${prefix}.${p.path}`,
  }));
}
