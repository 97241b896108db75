/**
 * Zod helpers for the shape of stack config: which keys exist in which mode, which are required, which
 * strings are one of a list. Values' forms and rules are the components' (and the SSO model's), not these.
 */
import { z } from "zod";

/** One of the listed strings (the owner's list); the message lists them all and quotes what was given. */
export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, {
    error: (issue) => `must be one of ${values.join(", ")}; got ${JSON.stringify(issue.input)}`,
  });

/** A key that must stay unset in this mode. */
export const unused = (when: string) => z.undefined({ error: `is only used ${when}` }).optional();

/**
 * A key with a declared default that this mode does not use: the CLI always supplies the default, so only another
 * value is refused.
 */
export const unusedUnlessDefault = <const T extends string | number | boolean>(value: T, when: string) =>
  z.literal(value, { error: `is only used ${when}` }).optional();

/**
 * The error option of a mode's discriminated union (`z.discriminatedUnion(key, variants, modeError(key, names))`):
 * an unknown mode names the key with the list of modes.
 */
export function modeError(key: string, names: readonly string[]) {
  return {
    error: (issue: z.core.$ZodRawIssue) =>
      issue.code === "invalid_union"
        ? `must be one of ${names.join(", ")}; got ${JSON.stringify((issue.input as Record<string, unknown> | undefined)?.[key])}`
        : undefined,
  };
}
