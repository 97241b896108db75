import { unknownCheckingProxy } from "@pulumi/policy";
import { readKnown, readOrUnknown, UNKNOWN } from "../policy/known";
import { UNKNOWN_STRING } from "./policy-harness";

describe("readKnown", () => {
  const props = unknownCheckingProxy({ known: "a", later: UNKNOWN_STRING }) as Record<string, string>;

  it("returns known values", () => {
    expect(readKnown(() => props.known)).toBe("a");
  });

  it("returns undefined for values unknown during preview (the proxy would throw)", () => {
    expect(() => props.later).toThrow("string value at .later can't be known during preview");
    expect(readKnown(() => props.later)).toBeUndefined();
  });

  it("rethrows other errors", () => {
    expect(() =>
      readKnown(() => {
        throw new TypeError("boom");
      }),
    ).toThrow("boom");
  });
});

describe("readOrUnknown", () => {
  const props = unknownCheckingProxy({ known: "a", later: UNKNOWN_STRING }) as Record<string, string>;

  it("returns known values, undefined for absent ones and UNKNOWN for values unknown during preview", () => {
    expect(readOrUnknown(() => props.known)).toBe("a");
    expect(readOrUnknown(() => props.absent)).toBeUndefined();
    expect(readOrUnknown(() => props.later)).toBe(UNKNOWN);
  });

  it("rethrows other errors", () => {
    expect(() =>
      readOrUnknown(() => {
        throw new TypeError("boom");
      }),
    ).toThrow("boom");
  });
});
