/**
 * The SSO model's rules, one function each for the settings a stack chooses and for the whole input. Every
 * problem is a `{ path, message }` naming the field and the accepted form; the stack config runs the same
 * functions and reports the problems under its keys.
 */
import { releaseProblems, resolveRelease } from "../releases";
import { checkForm, checkList, checkOneOf, GUID, type Form } from "../../forms";
import { got, required, type Problem } from "../../problems";
import { isPublicHost, publicUrlProblem } from "../urls";
import type { SsoInput, SsoJwtInput, SsoSettings } from "./input";
import { CLIENT_TYPES, type ClientType } from "./model";

const form = (text: string, re: RegExp): Form => ({
  form: text,
  test: (v) => typeof v === "string" && re.test(v),
});

/** A user name before `@`, in either case (the model lower-cases it as OpenMetadata does at sign-in). */
export const ADMIN_PRINCIPAL = form(
  "a user name without @domain (letters, digits, . _ -), e.g. john.doe for john.doe@example.com",
  /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
);
/** A DNS domain with a top-level part, either case. */
export const DOMAIN = form(
  "a DNS domain such as example.com",
  /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i,
);
export const CLAIM = form("a claim name (letters, digits, _ . -), e.g. email", /^[A-Za-z0-9_.-]+$/);
export const CLAIM_MAPPING = form(
  "username:<claim> or email:<claim>, e.g. username:preferred_username",
  /^(username|email):[A-Za-z0-9_.-]+$/,
);
const KEY_DIR = form(
  "an absolute path (letters, digits, / . _ -) without trailing slash",
  /^\/(?:[A-Za-z0-9._-]+\/)*[A-Za-z0-9._-]+$/,
);
const INTERNAL_URL_FORM = "http(s)://host[:port][/path] without query, fragment or credentials";
const ISSUER_FORM = "the public URL's host[:port], e.g. openmetadata.example.com";
/** Characters that would end a list item in OpenMetadata's `[a, b]` syntax or need quoting in YAML. */
const INTERNAL_PATH = /^[A-Za-z0-9._~/-]*$/;

const lower = (s: string): string => s.toLowerCase();

function internalUrlProblems(raw: unknown): Problem[] {
  const refuse = [{ path: "internalUrl", message: `must be ${INTERNAL_URL_FORM}; ${got(raw)}` }];
  if (typeof raw !== "string" || raw.includes("?") || raw.includes("#")) return refuse;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse;
  }
  const ok =
    (url.protocol === "http:" || url.protocol === "https:") &&
    url.username === "" &&
    url.password === "" &&
    INTERNAL_PATH.test(url.pathname);
  return ok ? [] : refuse;
}

const isList = (path: string, value: unknown, form: Form): Problem[] =>
  Array.isArray(value) ? [] : [{ path, message: `must be a list of ${form.form}; ${got(value)}` }];

const booleanProblems = (path: string, value: unknown): Problem[] =>
  value === undefined || typeof value === "boolean"
    ? []
    : [{ path, message: `must be true or false; ${got(value)}` }];

function mappingProblems(value: readonly unknown[]): Problem[] {
  const problems = checkList("jwtPrincipalClaimsMapping", value, CLAIM_MAPPING);
  if (problems.length > 0 || value.length === 0) return problems;
  // OpenMetadata's validatePrincipalClaimsMapping refuses a mapping that lacks either key.
  const keys = (value as string[]).map((m) => m.split(":")[0]);
  const complete = value.length === 2 && keys.includes("username") && keys.includes("email");
  return complete
    ? []
    : [
        {
          path: "jwtPrincipalClaimsMapping",
          message: `must hold exactly one username:<claim> and one email:<claim>; ${got(value)}`,
        },
      ];
}

/** Every problem with the settings a stack chooses; empty when they are valid. */
export function ssoSettingsProblems(settings: SsoSettings): Problem[] {
  const problems: Problem[] = [];
  const publicProblem = publicUrlProblem(settings.publicUrl);
  if (publicProblem) problems.push({ path: "publicUrl", message: publicProblem });
  if (settings.clientType !== undefined)
    problems.push(...checkOneOf("clientType", settings.clientType, CLIENT_TYPES));
  const admins: unknown = settings.adminPrincipals;
  problems.push(...isList("adminPrincipals", admins, ADMIN_PRINCIPAL));
  if (Array.isArray(admins)) {
    if (admins.length === 0)
      problems.push({
        path: "adminPrincipals",
        message: "must name at least one admin user name (the part before @ of their email)",
      });
    // Compared lower-cased: OpenMetadata would see `Jane.Doe` and `jane.doe` as the same user.
    problems.push(...checkList("adminPrincipals", admins, ADMIN_PRINCIPAL, lower));
  }
  problems.push(...checkForm("principalDomain", settings.principalDomain, DOMAIN));
  problems.push(...booleanProblems("enforcePrincipalDomain", settings.enforcePrincipalDomain));
  const claims: unknown = settings.jwtPrincipalClaims;
  if (claims !== undefined) {
    problems.push(...isList("jwtPrincipalClaims", claims, CLAIM));
    if (Array.isArray(claims)) {
      if (claims.length === 0)
        problems.push({
          path: "jwtPrincipalClaims",
          message: "must list at least one claim, e.g. [email, preferred_username, sub]",
        });
      problems.push(...checkList("jwtPrincipalClaims", claims, CLAIM));
    }
  }
  const mapping: unknown = settings.jwtPrincipalClaimsMapping;
  if (mapping !== undefined) {
    problems.push(...isList("jwtPrincipalClaimsMapping", mapping, CLAIM_MAPPING));
    if (Array.isArray(mapping)) problems.push(...mappingProblems(mapping));
  }
  problems.push(...booleanProblems("enableSelfSignup", settings.enableSelfSignup));
  problems.push(...booleanProblems("useRolesFromProvider", settings.useRolesFromProvider));
  return problems;
}

function issuerProblems(issuer: unknown): Problem[] {
  const refuse = [{ path: "jwt.issuer", message: `must be ${ISSUER_FORM}; ${got(issuer)}` }];
  if (typeof issuer !== "string") return refuse;
  const match = /^(.+?)(?::(\d{1,5}))?$/.exec(issuer);
  const portOk = match?.[2] === undefined || Number(match[2]) <= 65535;
  return match && isPublicHost(match[1]) && portOk ? [] : refuse;
}

/** Every problem with the whole input; empty when it is valid. */
export function ssoInputProblems(input: SsoInput): Problem[] {
  const problems: Problem[] = [
    ...checkForm("clientId", input.clientId, GUID),
    ...checkForm("tenantId", input.tenantId, GUID),
    ...ssoSettingsProblems(input),
  ];
  if (input.internalUrl !== undefined) problems.push(...internalUrlProblems(input.internalUrl));
  if (input.openmetadataVersion !== undefined) {
    const versionProblems = releaseProblems(input.openmetadataVersion, "openmetadataVersion");
    problems.push(...versionProblems);
    if (
      versionProblems.length === 0 &&
      input.useRolesFromProvider === true &&
      !resolveRelease(input.openmetadataVersion).rolesFromProvider
    )
      problems.push({
        path: "useRolesFromProvider",
        message: `is not read by OpenMetadata ${input.openmetadataVersion}`,
      });
  }
  const jwt: Partial<SsoJwtInput> = input.jwt ?? {};
  if (jwt.keyDir !== undefined) problems.push(...checkForm("jwt.keyDir", jwt.keyDir, KEY_DIR));
  problems.push(
    ...checkForm("jwt.keyId", jwt.keyId, {
      ...GUID,
      form: "a UUID like 00000000-0000-0000-0000-000000000000",
    }),
  );
  problems.push(...issuerProblems(jwt.issuer));
  return problems;
}

/** A confidential client needs the Entra client secret; a public one must get none (Entra refuses an SPA that sends one). */
export function clientSecretProblems(clientType: ClientType, secretGiven: boolean): Problem[] {
  if (clientType === "confidential" && !secretGiven)
    return [required("clientSecret", "for a confidential client: the Entra client secret")];
  if (clientType === "public" && secretGiven)
    return [{ path: "clientSecret", message: "must not be given for a public client (a SPA has no secret)" }];
  return [];
}
