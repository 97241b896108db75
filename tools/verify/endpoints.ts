/** The URLs the checks call, derived from the expected values and the command-line overrides. */

/** Microsoft Entra ID's public endpoint; `--entra-base-url` replaces its scheme and host (for tests). */
export const DEFAULT_ENTRA_BASE_URL = "https://login.microsoftonline.com";

/** True when `url` is under `base` (same prefix, followed by nothing, "/", "?" or "#"). */
function isUnder(url: string, base: string): boolean {
  const trimmed = base.replace(/\/+$/, "");
  return url === trimmed || ["/", "?", "#"].some((separator) => url.startsWith(trimmed + separator));
}

/** True for URLs served by Microsoft Entra ID (the public login endpoint). */
export function isEntraUrl(url: string): boolean {
  return isUnder(url, DEFAULT_ENTRA_BASE_URL);
}

/** Rewrites the scheme and host of an Entra URL to `entraBaseUrl`'s; other URLs are returned unchanged. */
export function rewriteEntraUrl(url: string, entraBaseUrl: string): string {
  if (!isEntraUrl(url)) return url;
  return new URL(entraBaseUrl).origin + url.slice(DEFAULT_ENTRA_BASE_URL.length);
}

/** Rewrites a URL under the stack's public URL to the server URL actually used (`--url`). */
export function rewritePublicUrl(url: string, publicUrl: string, serverUrl: string): string {
  if (!isUnder(url, publicUrl)) return url;
  return serverUrl.replace(/\/+$/, "") + url.slice(publicUrl.replace(/\/+$/, "").length);
}

/** An OpenMetadata API URL: `path` starts with "/api/". */
export function apiUrl(serverUrl: string, path: string): string {
  return serverUrl.replace(/\/+$/, "") + path;
}

/** Entra's OpenID discovery document for an authority `https://login.microsoftonline.com/<tenant>`. */
export function discoveryUrl(authority: string): string {
  return `${authority.replace(/\/+$/, "")}/v2.0/.well-known/openid-configuration`;
}

/**
 * True for a URL whose host is this machine (`localhost`, 127.0.0.0/8, `::1`): a token sent there over plain http
 * does not cross a network (e.g. through `kubectl port-forward` or `ssh -L`).
 */
export function isLoopbackUrl(url: string): boolean {
  const parsed = URL.parse(url);
  if (parsed === null) return false;
  const host = parsed.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
