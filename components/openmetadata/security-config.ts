/**
 * Keeping the server's stored security configuration equal to the stack's SSO model (OpenMetadata 1.10+).
 *
 * From 1.10 the server keeps `authenticationConfiguration` and `authorizerConfiguration` as rows of its
 * `openmetadata_settings` table and reads only those at start; the env (or openmetadata.yaml, or Helm values)
 * merely seeds a row that is missing (`SettingsCache.createDefaultConfiguration`, then
 * `SecurityConfigurationManager.initialize`; upstream issues 31786, 29597, 30882). No 1.x switch makes the env win
 * (2.1 adds `SECURITY_CONFIG_SOURCE`).
 *
 * The mechanism, chosen from what every 1.10–1.13 release offers: `openmetadata-ops.sh remove-security-config
 * --force`, the remedy OpenMetadata's own v1.10+ SSO troubleshooting guide documents ("restart the server; the
 * authentication values from your YAML or Helm chart will then be reapplied on startup"). It runs where and how the
 * target runs the migration (same image or tarball, same env, after `migrate`, before the server starts), so the
 * server's very next start seeds both rows from the stack's env. Rejected alternatives:
 * - `update-security-config -f <file>`: only in later 1.11+ builds (not in every supported release), and it writes a
 *   file we would render with the client secret in it;
 * - the admin REST API (`PUT /api/v1/system/security/config`): needs an admin token the stored configuration must
 *   already accept (useless for repairing it), validates nothing on PUT, writes the rows before reloading (a failed
 *   reload leaves them broken for the next start) and reaches one replica only (issue 30882);
 * - SQL on the table: skips the server's own serialisation.
 * Validation first: the server validates settings only through the admin API (`POST /api/v1/system/security/validate`,
 * later lines, with a token and outbound calls to Entra); the stack checks the same Azure-validator rules before
 * anything is rendered (sso/validate-input.ts, build-model.ts), so only settings that pass them are ever seeded.
 * Sign-in is never left broken: the re-seeded settings always keep OpenMetadata's own JWKS (bots) and an admin
 * (the no-lockout rule), and a failed reset leaves the previous stored settings in place (they still work; verify
 * names the drift). The previous settings stay retrievable: where the target has a state directory, the stored rows
 * are saved with `get-security-config` first (releases without that command keep the previous stack's settings
 * in the previous deployment), newest ten kept, mode 0600 (they hold the client secret).
 */
import { createHash } from "node:crypto";
import { checkOneOf } from "../forms";
import type { Problem } from "../problems";
import { shellQuote } from "../quoting";
import { resolveRelease, type OpenMetadataRelease } from "./releases";
import type { SsoModel } from "./sso/model";

/**
 * Who owns the SSO settings of a 1.10+ server: `stack` (every deploy that changes them makes the server's stored
 * settings equal the stack's) or `database` (the server's stored settings win; teams that manage SSO in the UI).
 */
export const SSO_CONFIG_SOURCES = ["stack", "database"] as const;
export type SsoConfigSource = (typeof SSO_CONFIG_SOURCES)[number];
export const DEFAULT_SSO_CONFIG_SOURCE: SsoConfigSource = "stack";

/** Problems with `ssoConfigSource` for a release: one of the sources, and `database` only where the server has one. */
export function ssoConfigSourceProblems(
  source: unknown,
  version: string,
  path = "ssoConfigSource",
): Problem[] {
  const problems = checkOneOf(path, source, SSO_CONFIG_SOURCES);
  if (problems.length > 0 || source !== "database") return problems;
  let release: OpenMetadataRelease;
  try {
    release = resolveRelease(version);
  } catch {
    return []; // the version's own problem is reported under its key
  }
  return release.securityConfigInDatabase
    ? []
    : [
        {
          path,
          message: `must be "stack" on OpenMetadata ${release.line}: the server reads its SSO settings from the environment on every start (stored settings exist from 1.10)`,
        },
      ];
}

/** Whether deploys of `release` reset the stored security configuration: a 1.10+ line whose source is the stack. */
export function reconcilesStoredSecurityConfig(
  release: OpenMetadataRelease,
  source: SsoConfigSource = DEFAULT_SSO_CONFIG_SOURCE,
): boolean {
  return release.securityConfigInDatabase && source === "stack";
}

const canonical = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(canonical)
    : value !== null && typeof value === "object"
      ? Object.fromEntries(
          Object.entries(value as Record<string, unknown>)
            .filter(([, v]) => v !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([k, v]) => [k, canonical(v)]),
        )
      : value;

/**
 * The digest of what the server stores: both sections of the model in canonical JSON, plus a SHA-256 of the client
 * secret (the stored row carries it, so a rotated secret must reach it too). Only the digest leaves the program;
 * a SHA-256 of a random Entra secret reveals nothing about it, so the digest is not a secret and may name a
 * container or sit in a unit's env file. 16 hex digits (64 bits) tell settings apart.
 */
export function securityConfigDigest(model: SsoModel, clientSecret?: string): string {
  const stored = {
    authenticationConfiguration: model.authenticationConfiguration,
    authorizerConfiguration: model.authorizerConfiguration,
    secret: clientSecret === undefined ? null : createHash("sha256").update(clientSecret).digest("hex"),
  };
  return createHash("sha256")
    .update(JSON.stringify(canonical(stored)))
    .digest("hex")
    .slice(0, 16);
}

/** The file in a state directory that records the digest last reset for. */
export const APPLIED_DIGEST_FILE = "applied-sso-digest";
/** The state directory's folder for backups of the stored settings. */
export const BACKUP_DIR = "security-config-backups";
/** Backups kept (the newest). */
export const BACKUPS_KEPT = 10;

export interface ResetScriptOptions {
  /** Absolute path of the release's `bootstrap/openmetadata-ops.sh` (it finds `conf/openmetadata.yaml` itself). */
  readonly opsScript: string;
  /** The digest of the stack's settings (securityConfigDigest). */
  readonly digest: string;
  /**
   * A directory that survives restarts (VM StateDirectory, Docker volume): the reset runs only when the digest
   * differs from the one recorded there, and the stored settings are backed up there first. Without one (a
   * Kubernetes pod) the reset runs on every start, which re-seeds the same settings while they are unchanged.
   */
  readonly stateDir?: string;
  /**
   * A failed reset fails the step (`fail`: Docker, where a failed one-shot stops the update before the server is
   * touched) or is logged and the server starts with its previous stored settings (`continue`: a unit or an init
   * container, where failing would leave no server at all).
   */
  readonly onFailure: "fail" | "continue";
}

/** Lines of the script's log (prefixed so they are found among the server's). */
export const LOG_PREFIX = "openmetadata-entra:";

/**
 * The POSIX sh script that makes the next server start seed the stack's settings. Every value reaches it through
 * shellQuote; the script itself is fixed text.
 */
export function resetScript(options: ResetScriptOptions): string {
  const { opsScript, digest, stateDir } = options;
  if (!/^[0-9a-f]{16}$/.test(digest))
    throw new Error(`not a security-config digest: ${JSON.stringify(digest)}`);
  // Nothing is reset unless the backup could at least be attempted; `give_up` ends the script either way.
  const giveUp =
    options.onFailure === "fail"
      ? `give_up() { echo "${LOG_PREFIX} $1" >&2; exit 1; }`
      : `give_up() { echo "${LOG_PREFIX} $1; the server keeps its stored SSO settings; npm run verify shows the drift" >&2; exit 0; }`;
  const lines = ["set -u", `ops=${shellQuote(opsScript)}`, `digest=${shellQuote(digest)}`, giveUp];
  if (stateDir !== undefined)
    lines.push(
      `state=${shellQuote(stateDir)}`,
      `if [ -f "$state/${APPLIED_DIGEST_FILE}" ] && [ "$(cat "$state/${APPLIED_DIGEST_FILE}")" = "$digest" ]; then`,
      `  echo "${LOG_PREFIX} stored SSO settings already reset for $digest"`,
      "  exit 0",
      "fi",
      "umask 077",
      `mkdir -p "$state/${BACKUP_DIR}" || give_up "cannot create $state/${BACKUP_DIR}, nothing was reset"`,
      // UTC time, then mktemp's random suffix: names sort by age and never collide (a container's shell is PID 1).
      `backup=$(mktemp "$state/${BACKUP_DIR}/security-config-$(date -u +%Y%m%dT%H%M%SZ)-XXXXXX") || give_up "cannot create a backup file in $state/${BACKUP_DIR}, nothing was reset"`,
      `if "$ops" get-security-config -o "$backup" >/dev/null 2>&1 && [ -s "$backup" ]; then`,
      `  echo "${LOG_PREFIX} saved the stored SSO settings to $backup"`,
      "else",
      '  rm -f "$backup"',
      `  echo "${LOG_PREFIX} no stored SSO settings saved (none yet, or this release has no get-security-config)"`,
      "fi",
      `ls -1 "$state/${BACKUP_DIR}"/security-config-* 2>/dev/null | sort -r | tail -n +${BACKUPS_KEPT + 1} | while read -r old; do rm -f "$old"; done`,
    );
  lines.push('"$ops" remove-security-config --force || give_up "remove-security-config failed"');
  if (stateDir !== undefined)
    lines.push(
      `printf '%s\\n' "$digest" > "$state/${APPLIED_DIGEST_FILE}" || echo "${LOG_PREFIX} could not record $digest in $state; the next start resets the stored settings again" >&2`,
    );
  lines.push(
    `echo "${LOG_PREFIX} cleared the stored SSO settings; this start seeds them from the stack's ($digest)"`,
    "",
  );
  return lines.join("\n");
}

/**
 * The reset as a tail of a `bash -c "<ops> migrate …"` command line (the Helm chart's `run-db-migrations` init
 * container runs `openmetadata-ops.sh migrate <upgradeMigrationConfigs.additionalArgs>` that way): after a
 * successful migration, in the same container, image and env. No state there, so it runs on every pod start;
 * a failure is logged and the pod starts with the stored settings. Fixed text apart from the quoted script path,
 * without `"` or `\`, because the chart pastes it into a double-quoted YAML scalar.
 */
export function chainedResetCommand(opsScript: string): string {
  if (!/^\/[A-Za-z0-9._/-]+$/.test(opsScript))
    throw new Error(`not a plain absolute path: ${JSON.stringify(opsScript)}`);
  return `&& { ${shellQuote(opsScript)} remove-security-config --force || echo ${LOG_PREFIX} remove-security-config failed, the server keeps its stored SSO settings >&2; }`;
}
