/**
 * The authorizer settings the server runs with against the stack's model: whether people's roles come from the
 * ID token's `roles` claim (`useRolesFromProvider`, Entra app roles), and, where the outputs name them, the admins
 * and the principal domain.
 *
 * Where a server shows them (OpenMetadata `SystemResource`, open-metadata/OpenMetadata
 * openmetadata-service/src/main/java/org/openmetadata/service/resources/system/SystemResource.java, read in the
 * versions the code index holds): only `GET /api/v1/system/security/config`, behind `authorizer.authorizeAdmin`,
 * which returns `SecurityConfigurationManager`'s in-memory `{authenticationConfiguration, authorizerConfiguration}`
 * of the process that answers (the client secret masked only when `maskPasswordsAPI` is on, which it is not by
 * default). That manager and the endpoint come with the stored security configuration, from 1.10
 * (ReleaseLine.securityConfigInDatabase); 1.8/1.9 build their authorizer from openmetadata.yaml and its env and
 * serve it nowhere. The public `GET /api/v1/system/config/authorizer` carries only `principalDomain`, read from the
 * YAML object, so it says nothing about the stored settings. Hence: with an admin token (`--token-file`) on 1.10+
 * the values are compared; otherwise one row says they were not checked, why, and how to check by hand.
 */
import { SSO_DEFAULTS } from "../../components/openmetadata/sso/model";
import { driftStatus, serverEnv, type DriftContext } from "./auth-config";
import { jsonBody, type Row } from "./checks";
import type { Expected } from "./expected";
import type { HttpResult } from "./http";
import { cap } from "./text";

/** The admin-only endpoint that serves the running security configuration (1.10+). */
export const SECURITY_CONFIG_PATH = "/api/v1/system/security/config";

/** The row that names whether roles come from the provider; the one row when nothing could be compared. */
export const ROLES_ROW = "authorizer.useRolesFromProvider";

/** What the served value stands in for where it is masked. */
export const MASKED = "[masked]";

/** Keys whose values are credentials (`oidcConfiguration.secret`, `ldapConfiguration.dnAdminPassword`, ...). */
const CREDENTIAL_KEY = /secret|password/i;

/**
 * A copy of a served document with every credential value (a non-empty string under a key naming a secret or a
 * password, at any depth) replaced by MASKED, so no later step can print one.
 */
export function maskCredentials(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskCredentials);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, item]) => [
      key,
      CREDENTIAL_KEY.test(key) && typeof item === "string" && item !== "" ? MASKED : maskCredentials(item),
    ]),
  );
}

/** The stack's authorizer values verify compares. */
export interface DeployedAuthorizer {
  useRolesFromProvider: boolean;
  adminPrincipals?: string[];
  principalDomain?: string;
}

/** From the outputs: `useRolesFromProvider` defaults to the server's own default (false). */
export function deployedAuthorizer(expected: Expected): DeployedAuthorizer {
  const given = expected.sso.authorizerConfiguration ?? {};
  return {
    useRolesFromProvider: given.useRolesFromProvider ?? SSO_DEFAULTS.useRolesFromProvider,
    ...(given.adminPrincipals === undefined ? {} : { adminPrincipals: given.adminPrincipals }),
    ...(given.principalDomain === undefined ? {} : { principalDomain: given.principalDomain }),
  };
}

/** Whether the server of `context.line` has the endpoint at all. */
export function servesSecurityConfig(context: DriftContext): boolean {
  return context.line.securityConfigInDatabase;
}

/** How someone checks by hand what verify could not: the line's place of the setting, then their own token. */
function byHand(context: DriftContext, want: boolean): string {
  const where = servesSecurityConfig(context)
    ? `as an admin, Settings → SSO must show "Use Roles From Provider" ${want ? "on" : "off"}`
    : `the server's AUTHORIZER_USE_ROLES_FROM_PROVIDER (${serverEnv(context)}) must be "${want}"`;
  const token = want
    ? "; then sign in as a member of a mapped group and decode your ID token (docs/authorization.md, " +
      '"Check the roles claim of your token"): its roles claim must hold your app roles, and your profile in ' +
      "OpenMetadata must list the same roles"
    : "";
  return `By hand: ${where}${token}.`;
}

/** The one row when nothing was compared, with why and the check by hand. */
export function notCheckedRow(context: DriftContext, want: boolean, why: string): Row {
  return {
    check: ROLES_ROW,
    expected: String(want),
    actual: "not checked",
    status: "skip",
    note: `not checked: ${why}. ${byHand(context, want)}`,
  };
}

/** Why the rows were not checked without a token, or on a line without the endpoint. */
export function notCheckedReason(context: DriftContext, tokenGiven: boolean): string {
  const { line } = context;
  if (!servesSecurityConfig(context)) {
    return (
      `OpenMetadata ${line.line} serves its authorizer settings nowhere: ${SECURITY_CONFIG_PATH} exists from ` +
      "1.10, and /api/v1/system/config/authorizer has only principalDomain" +
      (tokenGiven ? "; the token of --token-file was not sent" : "")
    );
  }
  return (
    `OpenMetadata ${line.line} serves its authorizer settings only to admins (GET ${SECURITY_CONFIG_PATH}); give ` +
    "--token-file <file> holding an admin's JWT or personal access token to compare them"
  );
}

function failed(want: boolean, note: string): Row {
  return { check: ROLES_ROW, expected: String(want), actual: "(no usable answer)", status: "fail", note };
}

/** A property of a JSON object, or undefined when the value is not an object. */
function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

function show(value: unknown): string {
  if (value === undefined) return "(absent)";
  return cap(typeof value === "string" ? value : JSON.stringify(value));
}

function quote(value: unknown): string {
  return value === undefined ? "(absent)" : cap(JSON.stringify(value));
}

const NOT_CHECKED = "the authorizer settings were not checked";

/**
 * Rows for `GET /api/v1/system/security/config` asked with an admin token, and each difference as driftHint takes
 * it: `useRolesFromProvider` equal; the stack's `adminPrincipals` all among the served ones (more are fine: admins
 * added in OpenMetadata), user names in either case (OpenMetadata lower-cases them); `principalDomain` equal in
 * either case (a DNS name). A difference fails, or warns with `ssoConfigSource: database` (driftStatus). 401 and 403
 * are findings about the token; 404 and 405 mean the server has no such endpoint (not checked).
 */
export function checkSecurityConfig(
  result: HttpResult,
  expected: Expected,
  context: DriftContext,
): { rows: Row[]; differences: string[] } {
  const deployed = deployedAuthorizer(expected);
  const want = deployed.useRolesFromProvider;
  const none = (row: Row) => ({ rows: [row], differences: [] });
  if (result.kind === "response") {
    const status = `HTTP ${result.status} from ${cap(result.url)}`;
    if (result.status === 401)
      return none(
        failed(
          want,
          `the token of --token-file was refused (${status}): it is expired or revoked, or not a token of this ` +
            `server (an OpenMetadata JWT or personal access token); ${NOT_CHECKED}`,
        ),
      );
    if (result.status === 403)
      return none(
        failed(
          want,
          `the token is not an admin's (${status}): OpenMetadata serves ${SECURITY_CONFIG_PATH} only to admins; ` +
            `use the token of a user in adminPrincipals or of another admin; ${NOT_CHECKED}`,
        ),
      );
    if (result.status === 404 || result.status === 405)
      return none(
        notCheckedRow(
          context,
          want,
          `the server answers ${status}: it has no ${SECURITY_CONFIG_PATH} (a patch without it, or a proxy ` +
            "that does not pass it on)",
        ),
      );
  }
  const body = jsonBody(result);
  if (!body.ok) return none(failed(want, `${body.problem}; ${NOT_CHECKED}`));
  const authorizer = field(maskCredentials(body.value), "authorizerConfiguration");
  if (typeof authorizer !== "object" || authorizer === null || Array.isArray(authorizer))
    return none(failed(want, `no "authorizerConfiguration" object in the answer; ${NOT_CHECKED}`));

  const status = driftStatus(context);
  const rows: Row[] = [];
  const differences: string[] = [];
  const servedRoles = field(authorizer, "useRolesFromProvider");
  const rolesSame = servedRoles === want;
  rows.push({
    check: ROLES_ROW,
    expected: String(want),
    actual: show(servedRoles),
    status: rolesSame ? "pass" : status,
  });
  if (!rolesSame) differences.push(`useRolesFromProvider: expected ${want}, served ${quote(servedRoles)}`);

  if (deployed.adminPrincipals !== undefined) {
    const served = field(authorizer, "adminPrincipals");
    const list = Array.isArray(served) ? served.filter((x): x is string => typeof x === "string") : undefined;
    const have = new Set((list ?? []).map((name) => name.toLowerCase()));
    const missing = deployed.adminPrincipals.filter((name) => !have.has(name.toLowerCase()));
    const same = list !== undefined && missing.length === 0;
    rows.push({
      check: "authorizer.adminPrincipals",
      expected: `includes ${cap(JSON.stringify(deployed.adminPrincipals))}`,
      actual: show(served),
      status: same ? "pass" : status,
    });
    if (!same)
      differences.push(
        `adminPrincipals: expected to include ${quote(list === undefined ? deployed.adminPrincipals : missing)}, served ${quote(served)}`,
      );
  }

  if (deployed.principalDomain !== undefined) {
    const served = field(authorizer, "principalDomain");
    const same =
      typeof served === "string" && served.toLowerCase() === deployed.principalDomain.toLowerCase();
    rows.push({
      check: "authorizer.principalDomain",
      expected: deployed.principalDomain,
      actual: show(served),
      status: same ? "pass" : status,
    });
    if (!same)
      differences.push(
        `principalDomain: expected ${quote(deployed.principalDomain)}, served ${quote(served)}`,
      );
  }
  return { rows, differences };
}
