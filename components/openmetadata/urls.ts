/**
 * The URLs OpenMetadata's SSO depends on, derived from the one URL people open. Misconfigured URLs are the
 * top cause of broken SSO, so nothing here is free text: every other URL is computed from `publicUrl`.
 */

/** Hosts for which plain http is accepted (local development only). */
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1"]);

/** The accepted form of a public URL, quoted in every error about one. */
export const PUBLIC_URL_FORM =
  "https://host[:port][/base-path] (http only for localhost or 127.0.0.1), without query or fragment";

/** Returns why `raw` is not an acceptable OpenMetadata public URL, or `undefined` when it is. */
export function publicUrlProblem(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `must be ${PUBLIC_URL_FORM}; got ${JSON.stringify(raw)}`;
  }
  const local = LOCAL_HOSTS.has(url.hostname);
  const schemeOk = url.protocol === "https:" || (url.protocol === "http:" && local);
  if (!schemeOk || url.search !== "" || url.hash !== "" || url.username !== "" || url.password !== "") {
    return `must be ${PUBLIC_URL_FORM}; got ${JSON.stringify(raw)}`;
  }
  return undefined;
}

/** True when the URL points at the developer's own machine (http allowed, ports bound to loopback). */
export function isLocalUrl(publicUrl: string): boolean {
  return LOCAL_HOSTS.has(new URL(publicUrl).hostname);
}

/**
 * The canonical form: scheme, host, optional port, base path without trailing slash.
 * `https://om.example.com/` → `https://om.example.com`; `https://x/om/` → `https://x/om`.
 */
export function normalizePublicUrl(raw: string): string {
  const problem = publicUrlProblem(raw);
  if (problem) throw new Error(`publicUrl ${problem}`);
  const url = new URL(raw);
  const path = url.pathname.replace(/\/+$/, "");
  return `${url.protocol}//${url.host}${path}`;
}

/** `<publicUrl>/callback`, the SPA (or Web) redirect URI OpenMetadata's UI returns to. Base path kept. */
export function callbackUrl(publicUrl: string): string {
  return `${normalizePublicUrl(publicUrl)}/callback`;
}

/** The host (with port) of the public URL: OpenMetadata's JWT issuer and the ingress host. */
export function publicHost(publicUrl: string): string {
  return new URL(normalizePublicUrl(publicUrl)).host;
}
