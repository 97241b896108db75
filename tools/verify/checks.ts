/** Pure evaluation of HTTP answers against the expected values: each check becomes one or more rows. */
import { SUPPORTED_LINES_TEXT } from "../../components/openmetadata/releases";
import type { HttpResult } from "./http";
import { judgedLine, releaseLineOf } from "./lines";
import { cap, lowerGuids, sameWithGuids } from "./text";

/** `skip`: the check could not run here (no admin token, no such endpoint on the line); the note says how to check. */
export type Status = "pass" | "fail" | "warn" | "skip";

/**
 * One line of the report. `actual` and `note` may hold text from the server or from Entra ID, capped (see
 * text.ts) but not escaped: the report escapes everything it prints.
 */
export interface Row {
  /** A stable name, e.g. `auth.clientId`. */
  check: string;
  expected: string;
  actual: string;
  status: Status;
  /** Why it failed or warns, and what to do. */
  note?: string;
}

type JsonBody = { ok: true; value: unknown } | { ok: false; problem: string };

/** The JSON body of a successful answer, or why there is none (HTML login page, error status, ...). */
export function jsonBody(result: HttpResult): JsonBody {
  if (result.kind === "unreachable") return { ok: false, problem: `not reachable: ${result.reason}` };
  if (result.kind === "error") return { ok: false, problem: result.reason };
  const via = result.redirected ? ` (after a redirect to ${cap(result.url)})` : ` from ${cap(result.url)}`;
  if (result.status < 200 || result.status > 299)
    return { ok: false, problem: `HTTP ${result.status}${via}` };
  const looksHtml = result.contentType.includes("html") || result.body.trimStart().startsWith("<");
  if (looksHtml) {
    return {
      ok: false,
      problem: `HTML instead of JSON${via}: a login page or proxy answered instead of the OpenMetadata API`,
    };
  }
  try {
    return { ok: true, value: JSON.parse(result.body) };
  } catch {
    return { ok: false, problem: `invalid JSON${via}` };
  }
}

/** A served value as shown in the report, capped. */
function show(value: unknown): string {
  if (value === undefined) return "(absent)";
  return cap(typeof value === "string" ? value : JSON.stringify(value));
}

/** A property of a JSON object, or undefined when the value is not an object. */
function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

function failed(check: string, expected: string, problem: string): Row {
  return { check, expected, actual: "(no usable answer)", status: "fail", note: problem };
}

/** The version a `GET /api/v1/system/version` answer names, or undefined. */
export function servedVersion(result: HttpResult): string | undefined {
  const body = jsonBody(result);
  const version = body.ok ? field(body.value, "version") : undefined;
  return typeof version === "string" ? version : undefined;
}

/**
 * `GET /api/v1/system/version`: the server must run the release the stack deploys. Another one is its own
 * failure: the deployment has not reached this server, and the SSO checks follow the server's line.
 */
export function checkVersion(result: HttpResult, expectedVersion: string): Row {
  const body = jsonBody(result);
  if (!body.ok) return failed("version", expectedVersion, body.problem);
  const version = field(body.value, "version");
  if (typeof version !== "string") {
    return {
      check: "version",
      expected: expectedVersion,
      actual: show(version),
      status: "fail",
      note: 'no "version" in the answer',
    };
  }
  if (version === expectedVersion)
    return { check: "version", expected: expectedVersion, actual: version, status: "pass" };
  const servedLine = releaseLineOf(version);
  const judged = judgedLine(version, expectedVersion);
  const lines =
    servedLine === undefined
      ? `; ${cap(version)} is not of a supported line (${SUPPORTED_LINES_TEXT}), so the SSO checks follow the stack's line (${judged.line})`
      : servedLine !== releaseLineOf(expectedVersion)
        ? `; the SSO checks follow the server's line (${servedLine.line})`
        : "";
  return {
    check: "version",
    expected: expectedVersion,
    actual: show(version),
    status: "fail",
    note:
      `the server runs ${cap(version)} but the stack deploys ${expectedVersion}: the last deployment has not ` +
      "reached this server (pulumi up failed or is still rolling out, the server was not restarted, or --url " +
      `reaches another server); run \`pulumi up\` again${lines}`,
  };
}

/** The keys of a JWKS document, or a problem. */
function jwksKeys(result: HttpResult): { keys: unknown[] } | { problem: string } {
  const body = jsonBody(result);
  if (!body.ok) return { problem: body.problem };
  const keys = field(body.value, "keys");
  if (!Array.isArray(keys)) return { problem: 'no "keys" array in the answer' };
  return { keys };
}

/**
 * A JWKS row: at least one key must be served and, with `kid`, one key must have that `kid` (GUIDs compared
 * case-insensitively).
 */
function jwksRow(
  check: string,
  expected: string,
  result: HttpResult,
  emptyNote: string,
  kid?: { value: string; note: string },
): Row {
  const served = jwksKeys(result);
  if ("problem" in served) return failed(check, expected, served.problem);
  // OpenMetadata answers with a key list even when its key files failed to load: entries with null kid, n and e.
  // Only an RSA key with a modulus and an exponent can validate a token.
  const usable = served.keys.filter(
    (key) =>
      field(key, "kty") === "RSA" &&
      typeof field(key, "n") === "string" &&
      (field(key, "n") as string).length > 0 &&
      typeof field(key, "e") === "string" &&
      (field(key, "e") as string).length > 0,
  );
  const keys = usable;
  if (served.keys.length === 0) return { check, expected, actual: "0 keys", status: "fail", note: emptyNote };
  if (keys.length === 0)
    return {
      check,
      expected,
      actual: `${served.keys.length} unusable key${served.keys.length === 1 ? "" : "s"} (no RSA n and e)`,
      status: "fail",
      note: emptyNote,
    };
  const count = `${keys.length} key${keys.length === 1 ? "" : "s"}`;
  if (kid === undefined) return { check, expected, actual: count, status: "pass" };
  const kids = keys.map((key) => field(key, "kid"));
  const match = kids.find((candidate) => sameWithGuids(candidate, kid.value));
  if (typeof match === "string")
    return { check, expected, actual: `${count}, kid ${cap(match)}`, status: "pass" };
  const shown = show(kids.length === 1 ? kids[0] : kids);
  return { check, expected, actual: `${count}, kid ${shown}`, status: "fail", note: kid.note };
}

/**
 * `GET /api/v1/system/config/jwks`: OpenMetadata's own signing keys (bots' JWTs are validated with them). With
 * the deployed `keyId` (the stack's `sso.jwtTokenConfiguration.keyId`), one of them must have it as `kid`.
 */
export function checkJwks(result: HttpResult, keyId?: string): Row {
  const emptyNote =
    "OpenMetadata serves no JWT signing key: check jwtTokenConfiguration (RSA key files) on the server";
  if (keyId === undefined) return jwksRow("jwks", ">= 1 RSA key", result, emptyNote);
  return jwksRow("jwks", `>= 1 RSA key, one with kid ${keyId}`, result, emptyNote, {
    value: keyId,
    note:
      "no served key has the deployed kid: the server does not use the deployed key pair; check " +
      "jwtTokenConfiguration (JWT_KEY_ID and the RSA key files) on the server and that it was restarted",
  });
}

/** Entra's discovery document: the issuer names the tenant (GUIDs in either case) and a jwks_uri is published. */
export function checkDiscovery(result: HttpResult, tenantId: string): Row[] {
  const body = jsonBody(result);
  if (!body.ok) {
    return [
      failed("entra.issuer", `contains ${tenantId}`, body.problem),
      failed("entra.jwks_uri", "a URL", body.problem),
    ];
  }
  const issuer = field(body.value, "issuer");
  const jwksUri = field(body.value, "jwks_uri");
  const issuerOk = typeof issuer === "string" && lowerGuids(issuer).includes(lowerGuids(tenantId));
  const jwksOk = typeof jwksUri === "string" && URL.canParse(jwksUri);
  return [
    {
      check: "entra.issuer",
      expected: `contains ${tenantId}`,
      actual: show(issuer),
      status: issuerOk ? "pass" : "fail",
      ...(issuerOk ? {} : { note: "the authority does not point at the expected tenant" }),
    },
    { check: "entra.jwks_uri", expected: "a URL", actual: show(jwksUri), status: jwksOk ? "pass" : "fail" },
  ];
}

/**
 * One of the configured `publicKeyUrls`. `internal` URLs (not Entra's, not under the public URL) may be
 * reachable only from the server's own network, so not reaching them only warns.
 */
export function checkPublicKeyUrl(result: HttpResult, index: number, url: string, internal: boolean): Row {
  const check = `publicKeyUrls[${index}]`;
  const expected = `>= 1 key at ${url}`;
  if (internal && result.kind === "unreachable") {
    return {
      check,
      expected,
      actual: "not reachable from here",
      status: "warn",
      note:
        `${result.reason}; an internal address (e.g. a Kubernetes service name) that only the server can reach? ` +
        `check it from the server: wget -O - ${url}`,
    };
  }
  return jwksRow(check, expected, result, "the key set is empty: tokens cannot be validated with it");
}
