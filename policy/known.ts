import { UnknownValueError } from "@pulumi/policy";

/**
 * Reads a value through the policy SDK's unknown-checking proxy and returns `undefined` when the value is not
 * known yet (during preview, e.g. a generated password). The SDK would otherwise turn the whole validation
 * into an advisory "can't run during preview" note; callers use this where "not known yet" is a pass.
 */
export function readKnown<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    if (error instanceof (UnknownValueError as unknown as new (...args: never[]) => Error)) return undefined;
    throw error;
  }
}

/** What {@link readOrUnknown} returns for a value not known yet (during preview). */
export const UNKNOWN: unique symbol = Symbol("unknown during preview");

/** Like {@link readKnown}, but tells a value not known yet ({@link UNKNOWN}) apart from an absent one. */
export function readOrUnknown<T>(read: () => T): T | typeof UNKNOWN {
  try {
    return read();
  } catch (error) {
    if (error instanceof (UnknownValueError as unknown as new (...args: never[]) => Error)) return UNKNOWN;
    throw error;
  }
}
