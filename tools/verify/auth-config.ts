/**
 * `GET /api/v1/system/config/auth` against the stack's SSO model, judged by the release line the server runs: which
 * fields the line serves, what drift means there, and the fix.
 *
 * What the endpoint serves (OpenMetadata `ConfigResource.getAuthConfig`, open-metadata/OpenMetadata
 * openmetadata-service/src/main/java/org/openmetadata/service/resources/system/ConfigResource.java, read in the
 * versions the code index holds): a new `AuthenticationConfiguration` with a copied subset of the configuration the
 * server runs with (1.8/1.9: openmetadata.yaml and its env; 1.10+: `SecurityConfigurationManager`'s, i.e. the stored
 * settings): `provider`, `providerName`, `clientType`, `enableSelfSignup`, `jwtPrincipalClaims`,
 * `jwtPrincipalClaimsMapping`, `clientId`, `authority`, `callbackUrl` (later versions also `enableAutoRedirect`);
 * `oidcConfiguration` and `ldapConfiguration` are nulled, so no secret is ever served. `responseType`,
 * `publicKeyUrls` and `tokenValidationAlgorithm` are not copied: the answer carries their schema defaults
 * (`id_token`, `[]`, `RS256`) whatever the server uses. Issue 29597 reports exactly that from 1.10.1 to 1.12.12;
 * PR 31516 (merged 2026-08-14) copies the three, and older versions returned the whole object. Which patch of which
 * line does which is not recorded anywhere verify could read, so the three are compared only when the answer shows
 * it copies them: a non-empty `publicKeyUrls` (the default is empty; every Entra setting has keys).
 * The endpoint is per server process (issue 30882): behind a load balancer each request may reach another replica.
 */
import { entraAuthority, entraTenantSigningKeysUrl } from "../../components/entra/endpoints";
import { RELEASE_LINES, type ReleaseLine } from "../../components/openmetadata/releases";
import { LOG_PREFIX, type SsoConfigSource } from "../../components/openmetadata/security-config";
import { jsonBody, type Row } from "./checks";
import type { Expected } from "./expected";
import type { HttpResult } from "./http";
import { cap, lowerGuids, sameWithGuids } from "./text";

/** The first line whose server validates Azure settings when they are saved (ReleaseLine.azureValidator). */
export const AZURE_VALIDATOR_LINE = (RELEASE_LINES.find((l) => l.azureValidator) as ReleaseLine).line;

/** How drift is judged. */
export interface DriftContext {
  /** The line whose behaviour applies: the served version's, or the stack's when the server's is unknown. */
  line: ReleaseLine;
  /** The stack's `ssoConfigSource`. */
  source: SsoConfigSource;
  /** True when neither the outputs nor `--sso-config-source` named it (the default was taken). */
  sourceAssumed: boolean;
  target: Expected["target"];
  /** The VM's env file (stack output `vmEnvFilePath`). */
  vmEnvFilePath?: string;
}

type Deployed = Expected["sso"]["authenticationConfiguration"];

/** How one field is compared. */
interface Field {
  key: keyof Deployed;
  /** Served by every line (copied from the running configuration), or only when the answer copies the key fields. */
  everyLine: boolean;
  compare: (served: unknown, deployed: NonNullable<Deployed[keyof Deployed]>) => boolean;
}

const exact = (served: unknown, deployed: unknown) => served === deployed;
/** GUIDs (the client ID, the tenant in a URL) in either case, everything else exactly. */
const guids = (served: unknown, deployed: unknown) => sameWithGuids(served, deployed as string);
const stringList = (value: unknown): string[] | undefined =>
  Array.isArray(value) && value.every((item) => typeof item === "string") ? value : undefined;
/** The same strings in the same order. */
const sameList = (served: unknown, deployed: unknown) => {
  const list = stringList(served);
  const want = deployed as string[];
  return list !== undefined && list.length === want.length && list.every((item, i) => item === want[i]);
};
/** An empty list may be left out of the answer. */
const sameListOrOmittedEmpty = (served: unknown, deployed: unknown) =>
  served === undefined ? (deployed as string[]).length === 0 : sameList(served, deployed);
/** The same URLs in any order, GUIDs in either case. */
const sameUrlSet = (served: unknown, deployed: unknown) => {
  const list = stringList(served);
  if (list === undefined) return false;
  const have = new Set(list.map(lowerGuids));
  const want = new Set((deployed as string[]).map(lowerGuids));
  return have.size === want.size && [...want].every((url) => have.has(url));
};

/** The compared fields, in report order. */
const FIELDS: readonly Field[] = [
  { key: "provider", everyLine: true, compare: exact },
  { key: "clientId", everyLine: true, compare: guids },
  { key: "authority", everyLine: true, compare: guids },
  { key: "callbackUrl", everyLine: true, compare: exact },
  { key: "clientType", everyLine: true, compare: exact },
  { key: "enableSelfSignup", everyLine: true, compare: exact },
  { key: "jwtPrincipalClaims", everyLine: true, compare: sameList },
  { key: "jwtPrincipalClaimsMapping", everyLine: true, compare: sameListOrOmittedEmpty },
  { key: "publicKeyUrls", everyLine: false, compare: sameUrlSet },
  { key: "responseType", everyLine: false, compare: exact },
  { key: "tokenValidationAlgorithm", everyLine: false, compare: exact },
];

/** A property of a JSON object, or undefined when the value is not an object. */
function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/** A value as the report shows it: strings as they are, anything else as JSON, capped. */
function show(value: unknown): string {
  if (value === undefined) return "(absent)";
  return cap(typeof value === "string" ? value : JSON.stringify(value));
}

/** A value inside a sentence: JSON (strings quoted), capped. */
function quote(value: unknown): string {
  return value === undefined ? "(absent)" : cap(JSON.stringify(value));
}

/** True when the answer copies `publicKeyUrls`, `responseType` and `tokenValidationAlgorithm` (see the header). */
export function servesKeyFields(auth: unknown): boolean {
  const urls = stringList(field(auth, "publicKeyUrls"));
  return urls !== undefined && urls.length > 0;
}

/** Where each target's server keeps its environment, and how it restarts (placeholders in angle brackets). */
export function serverEnv(context: DriftContext): string {
  switch (context.target) {
    case "docker":
      return "docker exec <prefix>-server env";
    case "vm":
      return `the VM's ${context.vmEnvFilePath ?? "unit env file (systemctl cat openmetadata)"}`;
    case "kubernetes":
      return "kubectl -n <namespace> exec deploy/<release> -- env";
  }
}

function restart(target: DriftContext["target"]): string {
  switch (target) {
    case "docker":
      return "docker restart <prefix>-server";
    case "vm":
      return "systemctl restart openmetadata";
    case "kubernetes":
      return "kubectl -n <namespace> rollout restart deploy/<release>";
  }
}

/** When the target's reset runs, and where its log is. */
function resetStep(target: DriftContext["target"]): { when: string; log: string } {
  switch (target) {
    case "docker":
      return {
        when: "the reset runs when the SSO digest changes",
        log: "the one-shot reset container's, docker ps -a and docker logs",
      };
    case "vm":
      return {
        when: "the reset runs when the SSO digest changes",
        log: "journalctl -u openmetadata on the VM",
      };
    case "kubernetes":
      return {
        when: "every server pod resets them after its migration",
        log: "kubectl -n <namespace> logs <pod> -c run-db-migrations",
      };
  }
}

/** The hint for drift: what differs, why, and the fix for the line and source. */
export function driftHint(context: DriftContext, differences: readonly string[]): string {
  const what = differences.join("; ");
  const { line } = context;
  if (!line.securityConfigInDatabase) {
    return (
      `The server serves other SSO settings than the stack deployed: ${what}. OpenMetadata ${line.line} reads ` +
      "them from its environment at every start, so the server was not restarted with the new settings, or it " +
      `runs with a different env. Fix: compare the server's environment (${serverEnv(context)}) with the ` +
      `stack's, then restart the server (${restart(context.target)}) or run \`pulumi up\` again.`
    );
  }
  const source = `ssoConfigSource ${context.source}${
    context.sourceAssumed
      ? " (assumed: the stack outputs do not name it; give --sso-config-source database if the stack sets database)"
      : ""
  }`;
  const stored = `The server's stored SSO settings differ from the stack's: ${what}. OpenMetadata ${line.line} keeps them in its database and reads the environment only to seed them; ${source}.`;
  if (context.source === "database") {
    return (
      `${stored} The server keeps the settings made in its UI; set ssoConfigSource=stack to let the stack own ` +
      "them, or change them in Settings → SSO."
    );
  }
  const reset = resetStep(context.target);
  return (
    `${stored} Fix: run \`pulumi up\` again (${reset.when}); if it persists, check the reset step's log ` +
    `for \`${LOG_PREFIX}\` lines (${reset.log}); manual fix: \`openmetadata-ops.sh remove-security-config ` +
    `--force\` then restart (${restart(context.target)}). See docs/sso-config-source.md.`
  );
}

/**
 * The status of a value that differs from the stack's: a failure, except with `ssoConfigSource: database` on 1.10+,
 * where the stored settings win by choice: a warning.
 */
export function driftStatus(context: DriftContext): "fail" | "warn" {
  return context.line.securityConfigInDatabase && context.source === "database" ? "warn" : "fail";
}

function failedRow(check: string, expected: string, problem: string): Row {
  return { check, expected, actual: "(no usable answer)", status: "fail", note: problem };
}

/**
 * Rows for `GET /api/v1/system/config/auth`: one per compared field (fields the answer does not serve get none),
 * plus the 1.12+ Azure validator rows, and each difference as driftHint takes it. A difference fails, except with
 * `ssoConfigSource: database` on 1.10+, where the stored settings win by choice: it warns (driftStatus).
 */
export function checkAuthConfig(
  result: HttpResult,
  expected: Expected,
  context: DriftContext,
): { rows: Row[]; differences: string[] } {
  const deployed = expected.sso.authenticationConfiguration;
  const body = jsonBody(result);
  const compared = FIELDS.filter((f) => deployed[f.key] !== undefined);
  if (!body.ok) {
    return {
      rows: compared
        .filter((f) => f.everyLine)
        .map((f) => failedRow(`auth.${f.key}`, show(deployed[f.key]), body.problem)),
      differences: [],
    };
  }
  const auth = body.value;
  const keyFields = servesKeyFields(auth);
  const status = driftStatus(context);
  const rows: Row[] = [];
  const differences: string[] = [];
  for (const f of compared) {
    if (!f.everyLine && !keyFields) continue;
    const want = deployed[f.key] as NonNullable<Deployed[keyof Deployed]>;
    const served = field(auth, f.key);
    const same = f.compare(served, want);
    rows.push({
      check: `auth.${f.key}`,
      expected: show(want),
      actual: show(served),
      status: same ? "pass" : status,
    });
    if (!same) differences.push(`${f.key}: expected ${quote(want)}, served ${quote(served)}`);
  }
  rows.push(...azureValidatorRows(auth, expected.tenantId, context.line, keyFields));
  return { rows, differences };
}

/**
 * On 1.12+: the served settings the server's Azure validator would refuse when they are next saved (in the UI or
 * the admin API), as warnings (the running server is not affected): a public client's authority must be exactly
 * `https://login.microsoftonline.com/<tenant>`, and `publicKeyUrls` (where served) must hold the tenant's
 * `discovery/v2.0/keys`.
 */
export function azureValidatorRows(
  auth: unknown,
  tenantId: string,
  line: ReleaseLine,
  keyFields = servesKeyFields(auth),
): Row[] {
  if (!line.azureValidator) return [];
  const rows: Row[] = [];
  const validator = `OpenMetadata ${AZURE_VALIDATOR_LINE}+ validates Azure SSO settings when they are saved (Settings → SSO) and refuses`;
  const authority = field(auth, "authority");
  if (field(auth, "clientType") === "public" && typeof authority === "string") {
    const want = entraAuthority(tenantId);
    const ok = sameWithGuids(authority, want);
    rows.push({
      check: "azure.authority",
      expected: want,
      actual: show(authority),
      status: ok ? "pass" : "warn",
      ...(ok
        ? {}
        : {
            note: `${validator} a public client's authority other than exactly https://login.microsoftonline.com/<tenant>`,
          }),
    });
  }
  if (keyFields) {
    const want = entraTenantSigningKeysUrl(tenantId);
    const urls = stringList(field(auth, "publicKeyUrls")) ?? [];
    const ok = urls.some((url) => sameWithGuids(url, want));
    rows.push({
      check: "azure.publicKeyUrls",
      expected: `contains ${want}`,
      actual: show(urls),
      status: ok ? "pass" : "warn",
      ...(ok
        ? {}
        : {
            note: `${validator} publicKeyUrls without the tenant's https://login.microsoftonline.com/<tenant>/discovery/v2.0/keys`,
          }),
    });
  }
  return rows;
}
