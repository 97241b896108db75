import { GUID_RE } from "../../patterns";
import { publicUrlProblem } from "../urls";
import type { SsoInput, SsoJwtInput } from "./input";

/** The accepted forms, quoted in every problem so that one message tells people how to fix it. */
export const GUID_FORM = "a GUID like 00000000-0000-0000-0000-000000000000";
export const INTERNAL_URL_FORM = "http(s)://host[:port][/path] without query, fragment or credentials";
export const CLIENT_TYPE_FORM = '"public" or "confidential"';
export const ADMIN_PRINCIPAL_FORM =
  "a lowercase user name without @domain (letters, digits, . _ -), e.g. john.doe for john.doe@example.com";
export const DOMAIN_FORM = "a lowercase DNS domain like example.com";
export const CLAIM_FORM = "a claim name (letters, digits, _ . -), e.g. email";
export const MAPPING_FORM = "username:<claim> or email:<claim>, e.g. username:preferred_username";
export const KEY_DIR_FORM = "an absolute path (letters, digits, / . _ -) without trailing slash";
export const UUID_FORM = "a UUID like 00000000-0000-0000-0000-000000000000";
export const ISSUER_FORM = "a host[:port] like openmetadata.example.com";

const GUID = GUID_RE;
/**
 * The identity shapes the SSO model accepts, exported so the stack config validates with the very same rules
 * (a value the config accepts must never fail later, during a deployment).
 */
export const ADMIN_PRINCIPAL_RE = /^[a-z0-9][a-z0-9._-]*$/;
export const DOMAIN_RE = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
export const CLAIM_RE = /^[A-Za-z0-9_.-]+$/;
export const CLAIM_MAPPING_RE = /^(username|email):([A-Za-z0-9_.-]+)$/;
const ADMIN = ADMIN_PRINCIPAL_RE;
const DOMAIN = DOMAIN_RE;
const CLAIM = CLAIM_RE;
const MAPPING = CLAIM_MAPPING_RE;
const KEY_DIR = /^\/(?:[A-Za-z0-9._-]+\/)*[A-Za-z0-9._-]+$/;
const ISSUER = /^(?!\d+(?::\d+)?$)(?=.{1,253}(?::|$))[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::\d{1,5})?$/;
/** Characters that would end a list item in OpenMetadata's `[a, b]` syntax or need quoting in YAML. */
const INTERNAL_PATH = /^[A-Za-z0-9._~/-]*$/;

const got = (value: unknown): string => `got ${JSON.stringify(value)}`;

function internalUrlProblem(raw: unknown): string | undefined {
  if (typeof raw !== "string") return `must be ${INTERNAL_URL_FORM}; ${got(raw)}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `must be ${INTERNAL_URL_FORM}; ${got(raw)}`;
  }
  const ok =
    (url.protocol === "http:" || url.protocol === "https:") &&
    url.search === "" &&
    url.hash === "" &&
    url.username === "" &&
    url.password === "" &&
    !raw.includes("?") &&
    !raw.includes("#") &&
    INTERNAL_PATH.test(url.pathname);
  return ok ? undefined : `must be ${INTERNAL_URL_FORM}; ${got(raw)}`;
}

function listProblems(
  field: string,
  value: unknown,
  check: (item: string) => boolean,
  form: string,
  allowEmpty: boolean,
): string[] {
  if (!Array.isArray(value)) return [`${field} must be a list of ${form}; ${got(value)}`];
  if (value.length === 0 && !allowEmpty)
    return [`${field} must list at least one entry, each ${form}; got []`];
  const problems: string[] = [];
  value.forEach((item: unknown, i) => {
    if (typeof item !== "string" || !check(item))
      problems.push(`${field}[${i}] must be ${form}; ${got(item)}`);
  });
  const duplicates = value.filter((item, i) => value.indexOf(item) !== i);
  if (duplicates.length > 0) problems.push(`${field} must not repeat entries; ${got(duplicates)} repeated`);
  return problems;
}

function mappingProblems(value: unknown): string[] {
  const problems = listProblems(
    "jwtPrincipalClaimsMapping",
    value,
    (m) => MAPPING.test(m),
    MAPPING_FORM,
    true,
  );
  if (problems.length > 0 || !Array.isArray(value) || value.length === 0) return problems;
  // OpenMetadata's validatePrincipalClaimsMapping refuses a mapping that lacks either key.
  const keys = (value as string[]).map((m) => m.split(":")[0]);
  const complete = value.length === 2 && keys.includes("username") && keys.includes("email");
  return complete
    ? []
    : [
        `jwtPrincipalClaimsMapping must hold exactly one username:<claim> and one email:<claim>; ${got(value)}`,
      ];
}

const booleanProblem = (field: string, value: unknown): string[] =>
  value === undefined || typeof value === "boolean" ? [] : [`${field} must be true or false; ${got(value)}`];

/** Every problem with `input`, each naming its field and the accepted form; empty when the input is valid. */
export function ssoInputProblems(input: SsoInput): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, field: string, form: string, value: unknown): void => {
    if (!ok) problems.push(`${field} must be ${form}; ${got(value)}`);
  };
  check(
    typeof input.clientId === "string" && GUID.test(input.clientId),
    "clientId",
    GUID_FORM,
    input.clientId,
  );
  check(
    typeof input.tenantId === "string" && GUID.test(input.tenantId),
    "tenantId",
    GUID_FORM,
    input.tenantId,
  );
  const publicProblem =
    typeof input.publicUrl === "string"
      ? publicUrlProblem(input.publicUrl)
      : `must be a URL; ${got(input.publicUrl)}`;
  if (publicProblem) problems.push(`publicUrl ${publicProblem}`);
  if (input.internalUrl !== undefined) {
    const internalProblem = internalUrlProblem(input.internalUrl);
    if (internalProblem) problems.push(`internalUrl ${internalProblem}`);
  }
  if (input.clientType !== undefined) {
    const known = input.clientType === "public" || input.clientType === "confidential";
    check(known, "clientType", CLIENT_TYPE_FORM, input.clientType);
  }
  problems.push(
    ...listProblems(
      "adminPrincipals",
      input.adminPrincipals,
      (a) => ADMIN.test(a),
      ADMIN_PRINCIPAL_FORM,
      false,
    ),
  );
  check(
    typeof input.principalDomain === "string" && DOMAIN.test(input.principalDomain),
    "principalDomain",
    DOMAIN_FORM,
    input.principalDomain,
  );
  problems.push(...booleanProblem("enforcePrincipalDomain", input.enforcePrincipalDomain));
  if (input.jwtPrincipalClaims !== undefined) {
    problems.push(
      ...listProblems(
        "jwtPrincipalClaims",
        input.jwtPrincipalClaims,
        (c) => CLAIM.test(c),
        CLAIM_FORM,
        false,
      ),
    );
  }
  if (input.jwtPrincipalClaimsMapping !== undefined)
    problems.push(...mappingProblems(input.jwtPrincipalClaimsMapping));
  problems.push(...booleanProblem("enableSelfSignup", input.enableSelfSignup));
  const jwt: Partial<SsoJwtInput> = input.jwt ?? {};
  if (jwt.keyDir !== undefined) {
    check(typeof jwt.keyDir === "string" && KEY_DIR.test(jwt.keyDir), "jwt.keyDir", KEY_DIR_FORM, jwt.keyDir);
  }
  check(typeof jwt.keyId === "string" && GUID.test(jwt.keyId), "jwt.keyId", UUID_FORM, jwt.keyId);
  check(typeof jwt.issuer === "string" && ISSUER.test(jwt.issuer), "jwt.issuer", ISSUER_FORM, jwt.issuer);
  return problems;
}

/** Thrown by buildSsoModel; `problems` lets the config module merge these with its own before reporting. */
export class SsoInputError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Invalid OpenMetadata SSO settings (${problems.length}):\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
    this.name = "SsoInputError";
  }
}
