/**
 * The shared forms of plain values, defined once: GUID, port, host name, DNS label and subdomain, absolute path,
 * PEM key, Linux user name, sha256, Kubernetes quantity. Components, the SSO model and the stack config all ask
 * this module; nobody restates a pattern. Each form has the text quoted in every problem about it, so one
 * message tells people how to fix the value.
 */
import { isIPv4, isIPv6 } from "node:net";
import { got, type Problem } from "./problems";

export interface Form {
  /** The accepted form, as quoted in messages ("a port number from 1 to 65535"). */
  readonly form: string;
  test(value: unknown): boolean;
}

const regexForm = (form: string, re: RegExp): Form => ({
  form,
  test: (v) => typeof v === "string" && re.test(v),
});

/** A GUID as Entra ID writes object, client and tenant IDs (either case; normalizeGuid lower-cases it). */
export const GUID = regexForm(
  "a GUID such as 00000000-0000-0000-0000-000000000000",
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
);

/** GUIDs compare case-insensitively; everything downstream sees them lower-cased. */
export const normalizeGuid = (id: string): string => id.toLowerCase();

export const PORT: Form = {
  form: "a port number from 1 to 65535",
  test: (v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 65535,
};

/** A whole number in a range, e.g. seconds or days. */
export function wholeNumber(min: number, max: number, unit: string): Form {
  const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `from ${min} to ${max}`;
  return {
    form: `a whole number of ${unit}, ${range}`,
    test: (v) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max,
  };
}

const LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";

/**
 * An RFC 1123 DNS name: dot-separated labels of letters, digits and inner hyphens, 1-63 characters each, at most
 * 253 in all, no trailing dot, no underscore. Either case (DNS is case-insensitive).
 */
export const DNS_NAME = regexForm(
  "a DNS host name such as openmetadata.example.com (letters, digits and inner hyphens, no trailing dot)",
  new RegExp(`^(?=.{1,253}$)${LABEL}(?:\\.${LABEL})*$`, "i"),
);

/** A host to connect to: a DNS name, an IPv4 address or an IPv6 address (without brackets). */
export const HOST: Form = {
  form: "a host name or IP address such as db.example.com, 10.0.0.4 or fd00::4",
  test: (v) =>
    typeof v === "string" &&
    (isIPv4(v) || isIPv6(v) || (DNS_NAME.test(v) && !/^[\d.]+$/.test(v))) /* not a mangled IPv4 */,
};

/** A Kubernetes DNS label (namespace names): lower case, at most 63 characters. */
export const DNS_LABEL = regexForm(
  "a DNS label: lower-case letters, digits and inner hyphens, at most 63 characters",
  new RegExp(`^${LABEL}$`),
);

/** A Kubernetes object name (DNS subdomain): lower-case labels separated by dots, at most 253 characters. */
export const DNS_SUBDOMAIN = regexForm(
  "a Kubernetes name: lower-case letters, digits, inner '-' and '.', at most 253 characters",
  new RegExp(`^(?=.{1,253}$)${LABEL}(?:\\.${LABEL})*$`),
);

/** A Kubernetes resource quantity, e.g. 500m, 1, 1Gi or 2048Mi. */
export const QUANTITY = regexForm(
  "a Kubernetes quantity such as 500m, 1, 1Gi or 2048Mi",
  /^\d+(\.\d+)?(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/,
);

/** A Linux user name as useradd takes it. */
export const LINUX_USER = regexForm(
  "a Linux user name such as openmetadata (lower case, up to 32 characters)",
  /^[a-z_][a-z0-9_-]{0,31}$/,
);

export const SHA256 = regexForm("64 lower-case hex digits (a sha256sum)", /^[0-9a-f]{64}$/);

/**
 * An absolute path of safe characters (letters, digits, `/ . _ -`), without `.` or `..` components or a trailing
 * slash: nothing a shell, a unit file or YAML would read differently, and nothing that points elsewhere.
 */
export const ABSOLUTE_PATH = regexForm(
  "an absolute path such as /opt/openmetadata (letters, digits, / . _ -; no . or .. component, no trailing slash)",
  /^(?:\/(?!\.{1,2}(?:\/|$))[A-Za-z0-9._-]+)+$/,
);

const PEM_RE =
  /^-----BEGIN ((OPENSSH|RSA|EC|DSA) )?PRIVATE KEY-----\r?\n[\s\S]+\r?\n-----END ((OPENSSH|RSA|EC|DSA) )?PRIVATE KEY-----\s*$/;

/** An unencrypted PEM private key as the SSH client reads it (encrypted keys are refused). */
export const PEM_PRIVATE_KEY: Form = {
  form: "a PEM private key (-----BEGIN OPENSSH PRIVATE KEY----- or -----BEGIN RSA/EC/PRIVATE KEY-----), unencrypted",
  test: (v) => typeof v === "string" && PEM_RE.test(v.trim() + "\n") && !/ENCRYPTED/.test(v),
};

/** Problems of one value against a form; `secret` values are never quoted. */
export function checkForm(
  path: string,
  value: unknown,
  form: Form,
  options: { secret?: boolean } = {},
): Problem[] {
  if (form.test(value)) return [];
  return [{ path, message: `must be ${form.form}${options.secret ? " (value hidden)" : `; ${got(value)}`}` }];
}

/** Problems of a list: each element against the form, and repeats (after `normalize`) refused. */
export function checkList(
  path: string,
  values: readonly unknown[],
  form: Form,
  normalize: (v: string) => string = (v) => v,
): Problem[] {
  const problems = values.flatMap((v, i) => checkForm(`${path}[${i}]`, v, form));
  problems.push(...duplicateProblems(path, values, normalize));
  return problems;
}

/** A problem naming the repeated entries of a list (compared after `normalize`), or none. */
export function duplicateProblems(
  path: string,
  values: readonly unknown[],
  normalize: (v: string) => string = (v) => v,
): Problem[] {
  const seen = new Set<string>();
  const repeated: string[] = [];
  for (const v of values) {
    if (typeof v !== "string") continue;
    const key = normalize(v);
    if (seen.has(key) && !repeated.includes(v)) repeated.push(v);
    seen.add(key);
  }
  return repeated.length === 0
    ? []
    : [{ path, message: `must not repeat entries; ${JSON.stringify(repeated)} repeated` }];
}

/** `value` must be one of `values`. */
export function checkOneOf(path: string, value: unknown, values: readonly string[]): Problem[] {
  return values.includes(value as string)
    ? []
    : [{ path, message: `must be one of ${values.join(", ")}; ${got(value)}` }];
}
