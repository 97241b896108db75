/** Small reusable validators with the accepted form in every message. */
import { z } from "zod";
import { PUBLIC_URL_FORM, publicUrlProblem } from "../components/openmetadata/urls";
import { GUID_RE } from "../components/patterns";

export const GUID_FORM = "a GUID such as 00000000-0000-0000-0000-000000000000";
export const VERSION_RE = /^\d+\.\d+\.\d+$/;

export const guid = () => z.string().regex(GUID_RE, { message: `must be ${GUID_FORM}` });

export const guidList = () =>
  z.array(z.string()).superRefine((ids, ctx) => {
    ids.forEach((id, i) => {
      if (!GUID_RE.test(id))
        ctx.addIssue({ code: "custom", path: [i], message: `must be ${GUID_FORM}; got "${id}"` });
    });
  });

export const publicUrl = () =>
  z.string().superRefine((raw, ctx) => {
    const problem = publicUrlProblem(raw);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

/** One of the listed strings; the message lists them all and quotes what was given. */
export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, {
    error: (issue) => `must be one of ${values.join(", ")}; got ${JSON.stringify(issue.input)}`,
  });

export { PUBLIC_URL_FORM };
