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
  /** A value that must not be quoted back (it may hold a credential). */
  hides?(value: unknown): boolean;
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

/** An address a server or a published port listens on. */
export const BIND_ADDRESS: Form = {
  form: "an IPv4 or IPv6 address such as 127.0.0.1 or 0.0.0.0",
  test: (v) => typeof v === "string" && (isIPv4(v) || isIPv6(v)),
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

/** Directories of the operating system: a service's directory is never one of them, nor inside the kernel's trees. */
const SYSTEM_DIRECTORIES = new Set([
  "/bin",
  "/boot",
  "/dev",
  "/etc",
  "/home",
  "/lib",
  "/lib32",
  "/lib64",
  "/libx32",
  "/media",
  "/mnt",
  "/opt",
  "/proc",
  "/root",
  "/run",
  "/sbin",
  "/srv",
  "/sys",
  "/tmp",
  "/usr",
  "/var",
  "/etc/systemd",
  "/etc/ssh",
  "/etc/default",
  "/usr/bin",
  "/usr/include",
  "/usr/lib",
  "/usr/lib64",
  "/usr/libexec",
  "/usr/local",
  "/usr/local/bin",
  "/usr/local/lib",
  "/usr/local/sbin",
  "/usr/sbin",
  "/usr/share",
  "/usr/src",
  "/var/cache",
  "/var/lib",
  "/var/lock",
  "/var/log",
  "/var/mail",
  "/var/opt",
  "/var/run",
  "/var/spool",
  "/var/tmp",
]);
const SYSTEM_TREES = [
  "/bin/",
  "/boot/",
  "/dev/",
  "/lib/",
  "/lib64/",
  "/proc/",
  "/run/",
  "/sbin/",
  "/sys/",
  "/usr/bin/",
  "/usr/lib/",
  "/usr/sbin/",
];

/**
 * A directory a service owns (an install or key directory): an ABSOLUTE_PATH with at least two components that is
 * neither a system directory (`/`, `/etc`, `/usr/local`, ...) nor inside one of the system's own trees (`/usr/bin`,
 * `/proc`, ...), so that extracting, chowning or deleting in it never touches the operating system.
 */
export const SERVICE_DIRECTORY: Form = {
  form: "an absolute directory of at least two components, not a system directory, such as /opt/openmetadata (letters, digits, / . _ -)",
  test: (v) =>
    ABSOLUTE_PATH.test(v) &&
    (v as string).split("/").length >= 3 &&
    !SYSTEM_DIRECTORIES.has(v as string) &&
    !SYSTEM_TREES.some((tree) => (v as string).startsWith(tree)),
};

const PEM_RE =
  /^-----BEGIN ((OPENSSH|RSA|EC|DSA) )?PRIVATE KEY-----\r?\n[\s\S]+\r?\n-----END ((OPENSSH|RSA|EC|DSA) )?PRIVATE KEY-----\s*$/;

/** An unencrypted PEM private key as the SSH client reads it (encrypted keys are refused). */
export const PEM_PRIVATE_KEY: Form = {
  form: "a PEM private key (-----BEGIN OPENSSH PRIVATE KEY----- or -----BEGIN RSA/EC/PRIVATE KEY-----), unencrypted",
  test: (v) => typeof v === "string" && PEM_RE.test(v.trim() + "\n") && !/ENCRYPTED/.test(v),
};

/**
 * A URL of one of `schemes` without credentials (they would sit unmasked in state and plans), query-safe
 * characters only (no blanks, quotes, `$`, backslash or backtick).
 */
export function urlForm(schemes: readonly string[], example: string): Form {
  return {
    form: `a ${schemes.join(" or ")} URL without credentials, such as ${example}`,
    // A URL that failed may carry a user and password: never quote it back into a log.
    hides: (v) => typeof v === "string" && v.includes("@"),
    test: (v) => {
      if (typeof v !== "string" || /[\s'"`$\\]/.test(v)) return false;
      try {
        const url = new URL(v);
        return schemes.includes(url.protocol.slice(0, -1)) && url.username === "" && url.password === "";
      } catch {
        return false;
      }
    },
  };
}

/** A PEM certificate chain: one or more `CERTIFICATE` blocks, the server's first. */
export const PEM_CERTIFICATE: Form = {
  form: "a PEM certificate chain (-----BEGIN CERTIFICATE-----, the server's certificate first)",
  test: (v) =>
    typeof v === "string" &&
    /^(-----BEGIN CERTIFICATE-----\r?\n[A-Za-z0-9+/=\r\n]+-----END CERTIFICATE-----\s*)+$/.test(
      v.trim() + "\n",
    ),
};

/** Problems of one value against a form; `secret` values are never quoted. */
export function checkForm(
  path: string,
  value: unknown,
  form: Form,
  options: { secret?: boolean } = {},
): Problem[] {
  if (form.test(value)) return [];
  const hidden = options.secret || form.hides?.(value) === true;
  return [{ path, message: `must be ${form.form}${hidden ? " (value hidden)" : `; ${got(value)}`}` }];
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
