/** Runs the checks in order against a deployed OpenMetadata and Entra ID, and collects the rows. */
import type { SsoConfigSource } from "../../components/openmetadata/security-config";
import { checkAuthConfig, driftHint, type DriftContext } from "./auth-config";
import {
  checkSecurityConfig,
  deployedAuthorizer,
  notCheckedReason,
  notCheckedRow,
  SECURITY_CONFIG_PATH,
  servesSecurityConfig,
} from "./authorizer";
import {
  checkDiscovery,
  checkJwks,
  checkPublicKeyUrl,
  checkVersion,
  servedVersion,
  type Row,
} from "./checks";
import {
  apiUrl,
  discoveryUrl,
  isEntraUrl,
  isLoopbackUrl,
  rewriteEntraUrl,
  rewritePublicUrl,
} from "./endpoints";
import type { Expected } from "./expected";
import { getWithRetry, type HttpOptions } from "./http";
import { judgedLine } from "./lines";

/** Where to send the requests. */
export interface VerifyOptions {
  /** The OpenMetadata base URL to call: `--url`, or the stack's publicUrl. */
  serverUrl: string;
  /** Scheme and host that replace `https://login.microsoftonline.com`. */
  entraBaseUrl: string;
  http: HttpOptions;
  /** The stack's `ssoConfigSource` (resolveSsoConfigSource). */
  ssoConfigSource: { source: SsoConfigSource; assumed: boolean };
  /** An admin's token (`--token-file`): sent only to the server, only for its security configuration (1.10+). */
  adminToken?: string;
  /** Told what the operator should know but the report does not show (the token sent over plain http). */
  warn?: (message: string) => void;
}

/** The outcome: report rows, hints, and whether OpenMetadata never answered within the budget. */
export interface Verification {
  rows: Row[];
  hints: string[];
  serverUnreachable: boolean;
}

/**
 * Checks the server (version, auth config judged by the line it runs, the authorizer settings with an admin
 * token, JWKS), then Entra discovery and the configured key URLs. All drift becomes one hint.
 */
export async function verify(expected: Expected, options: VerifyOptions): Promise<Verification> {
  const rows: Row[] = [];
  const hints: string[] = [];
  // A request to Entra ID goes to --entra-base-url, and so do Entra's own absolute redirects (to
  // https://login.microsoftonline.com); every other redirect must stay within the request's origin.
  const get = (url: string, retry = true) =>
    isEntraUrl(url)
      ? getWithRetry(
          rewriteEntraUrl(url, options.entraBaseUrl),
          { ...options.http, entraBaseUrl: options.entraBaseUrl },
          retry,
        )
      : getWithRetry(url, options.http, retry);
  const fromServer = (path: string) => get(apiUrl(options.serverUrl, path));
  // The version call doubles as "wait until the server is up"; later calls share what is left of the budget.
  // Once the server stops answering, the remaining checks cannot run: report what was seen and stop.
  const stop = (): Verification => ({ rows, hints, serverUnreachable: true });

  const version = await fromServer("/api/v1/system/version");
  rows.push(checkVersion(version, expected.openmetadataVersion));
  if (version.kind === "unreachable") return stop();

  const context: DriftContext = {
    line: judgedLine(servedVersion(version), expected.openmetadataVersion),
    source: options.ssoConfigSource.source,
    sourceAssumed: options.ssoConfigSource.assumed,
    target: expected.target,
    ...(expected.vmEnvFilePath === undefined ? {} : { vmEnvFilePath: expected.vmEnvFilePath }),
  };
  const differences: string[] = [];
  const drift = () => {
    if (differences.length > 0) hints.push(driftHint(context, differences));
  };
  const auth = await fromServer("/api/v1/system/config/auth");
  const authRows = checkAuthConfig(auth, expected, context);
  rows.push(...authRows.rows);
  differences.push(...authRows.differences);
  if (auth.kind === "unreachable") {
    drift();
    return stop();
  }

  const token = options.adminToken;
  if (token === undefined || !servesSecurityConfig(context)) {
    const want = deployedAuthorizer(expected).useRolesFromProvider;
    rows.push(notCheckedRow(context, want, notCheckedReason(context, token !== undefined)));
  } else {
    const url = apiUrl(options.serverUrl, SECURITY_CONFIG_PATH);
    const parsed = new URL(url);
    if (parsed.protocol === "http:" && !isLoopbackUrl(url))
      options.warn?.(
        `the admin token of --token-file goes to ${parsed.host} over plain http; use an https --url, or ` +
          "reach the server through a tunnel (kubectl port-forward, ssh -L) and a loopback --url",
      );
    const security = await getWithRetry(url, { ...options.http, bearerToken: token }, true);
    const securityRows = checkSecurityConfig(security, expected, context);
    rows.push(...securityRows.rows);
    differences.push(...securityRows.differences);
    if (security.kind === "unreachable") {
      drift();
      return stop();
    }
  }
  drift();

  const jwks = await fromServer("/api/v1/system/config/jwks");
  rows.push(checkJwks(jwks, expected.sso.jwtTokenConfiguration?.keyId));
  if (jwks.kind === "unreachable") return stop();

  const discovery = await get(discoveryUrl(expected.authority));
  rows.push(...checkDiscovery(discovery, expected.tenantId));

  const publicKeyUrls = expected.sso.authenticationConfiguration.publicKeyUrls;
  for (const [index, url] of publicKeyUrls.entries()) {
    const viaServer = rewritePublicUrl(url, expected.publicUrl, options.serverUrl);
    const internal = !isEntraUrl(url) && viaServer === url;
    // Internal addresses get one attempt: the server is known to be up by now.
    const result = await get(viaServer, !internal);
    rows.push(checkPublicKeyUrl(result, index, url, internal));
  }
  return { rows, hints, serverUnreachable: false };
}
