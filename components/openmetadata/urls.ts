/**
 * The URLs OpenMetadata's SSO depends on, derived from the one URL people open. Misconfigured URLs are the
 * top cause of broken SSO, so nothing here is free text: every other URL is computed from `publicUrl`, and
 * `publicUrl` itself has one strict form that every consumer (redirect URIs, JWT issuer, ingress host, env
 * lists) can take as it is.
 */
import { isIPv4 } from "node:net";
import { DNS_NAME } from "../forms";

/** Hosts for which plain http is accepted (local development only). */
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1"]);

/** A base path of unreserved characters only: safe in env lists, YAML and redirect URIs without escaping. */
const BASE_PATH = /^(?:\/[A-Za-z0-9._~-]+)*\/?$/;

/** The accepted form of a public URL, quoted in every error about one. */
export const PUBLIC_URL_FORM =
  "https://host[:port][/base-path] (a DNS name or IPv4 address; http only for localhost or 127.0.0.1), without credentials, query or fragment";

/** A host OpenMetadata can use as its JWT issuer and an ingress host: a DNS name or an IPv4 address. */
export function isPublicHost(hostname: string): boolean {
  return isIPv4(hostname) || (DNS_NAME.test(hostname) && !/^[\d.]+$/.test(hostname));
}

/** Returns why `raw` is not an acceptable OpenMetadata public URL, or `undefined` when it is. */
export function publicUrlProblem(raw: unknown): string | undefined {
  const refuse = `must be ${PUBLIC_URL_FORM}; got ${JSON.stringify(raw)}`;
  if (typeof raw !== "string" || raw.includes("?") || raw.includes("#")) return refuse;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse;
  }
  const local = LOCAL_HOSTS.has(url.hostname);
  const schemeOk = url.protocol === "https:" || (url.protocol === "http:" && local);
  const plain = url.username === "" && url.password === "";
  if (!schemeOk || !plain || !isPublicHost(url.hostname) || !BASE_PATH.test(url.pathname)) return refuse;
  return undefined;
}

/** Why `publicUrl` (already of the public form) cannot serve production, or undefined when it can. */
export function productionUrlProblem(publicUrl: string): string | undefined {
  return isLocalUrl(publicUrl)
    ? "must be an https URL on a real host in production (localhost is for development)"
    : undefined;
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

/** The port people reach OpenMetadata on: the explicit one, else the scheme's. */
export function publicPort(publicUrl: string): number {
  const url = new URL(normalizePublicUrl(publicUrl));
  return Number(url.port || (url.protocol === "https:" ? 443 : 80));
}
