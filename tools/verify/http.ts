/**
 * GET with retries for a server that may still be starting. Node's `http`/`https` modules are used instead of
 * the global fetch because Node 20's fetch cannot take an extra CA per request (that needs undici's Agent, not a
 * dependency here, or NODE_EXTRA_CA_CERTS, which is read only at process start and would need a re-exec).
 */
import * as http from "node:http";
import * as https from "node:https";
import * as tls from "node:tls";
import { setTimeout as sleep } from "node:timers/promises";
import { rewriteEntraUrl } from "./endpoints";
import { cap } from "./text";

/** One HTTP answer, after following redirects. */
export interface HttpResponse {
  kind: "response";
  status: number;
  /** The Content-Type header, lower case, or "" when absent. */
  contentType: string;
  body: string;
  /** The URL that answered (differs from the requested one after redirects). */
  url: string;
  /** True when at least one redirect was followed. */
  redirected: boolean;
}

/** The server never answered usefully within the budget (connection errors, timeouts, 502/503/504). */
export interface HttpUnreachable {
  kind: "unreachable";
  reason: string;
}

/** A failure that retrying cannot fix (TLS trust, a refused or endless redirect, an oversized body). */
export interface HttpError {
  kind: "error";
  reason: string;
}

export type HttpResult = HttpResponse | HttpUnreachable | HttpError;

/** How requests are made and retried. */
export interface HttpOptions {
  /** Extra trusted CA certificates (PEM), added to Node's bundled roots. */
  ca?: string;
  /** Per-attempt timeout, in milliseconds, for the whole redirect chain and body. */
  requestTimeoutMs: number;
  /** `Date.now()` after which no new attempt starts (the total budget). */
  deadline: number;
  /** The first pause between attempts; it doubles up to `maxBackoffMs`. */
  initialBackoffMs: number;
  /** @default 10000 */
  maxBackoffMs?: number;
  /**
   * Set for requests to Entra ID, to `--entra-base-url` (or Entra's own URL): redirects to
   * `https://login.microsoftonline.com` go there, as the request did, before the same-origin rule applies.
   */
  entraBaseUrl?: string;
  /**
   * Sent as `Authorization: Bearer <token>` (the admin token of `--token-file`), on the request and on the
   * redirects followed, which never leave the request's origin. Never part of a result or a message.
   */
  bearerToken?: string;
}

/** Statuses a reverse proxy or load balancer answers while the server behind it is not ready. */
const STARTING_STATUSES = new Set([502, 503, 504]);
/** A 500 may be transient during start-up; it is retried this many times, then taken as the answer. */
const RETRIES_ON_500 = 2;
const MAX_REDIRECTS = 10;
const MAX_BODY_BYTES = 2 * 1024 * 1024;
/** Transport errors that mean "not (yet) reachable", worth retrying. */
const RETRYABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  "ENOTFOUND",
  "UND_ERR_SOCKET",
  "TIMEOUT",
]);

/** A transport failure with the error code that decides whether to retry. */
class TransportError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/**
 * GETs `url`. With `retry`, retries while the server is starting (connection errors, timeouts, 502/503/504)
 * until `deadline`, and a 500 up to twice; without it, makes exactly one attempt. The first attempt always
 * gets the full request timeout, even when the budget is already spent.
 */
export async function getWithRetry(url: string, options: HttpOptions, retry: boolean): Promise<HttpResult> {
  const maxBackoff = options.maxBackoffMs ?? 10_000;
  let backoff = options.initialBackoffMs;
  let attempts = 0;
  let retried500 = 0;
  for (;;) {
    const remaining = options.deadline - Date.now();
    const timeout = attempts === 0 ? options.requestTimeoutMs : Math.min(options.requestTimeoutMs, remaining);
    attempts += 1;
    let reason: string;
    try {
      const response = await requestOnce(url, options, Math.max(timeout, 1));
      const startingUp = STARTING_STATUSES.has(response.status);
      reason = `HTTP ${response.status} from ${response.url}`;
      if (!retry) return startingUp ? { kind: "unreachable", reason } : response;
      if (response.status === 500 && retried500 < RETRIES_ON_500) {
        retried500 += 1;
        // A server that answers 500 is reachable: when the budget ends, its answer is the result.
        if (Date.now() + backoff >= options.deadline) return response;
      } else if (!startingUp) {
        return response;
      }
    } catch (error) {
      if (!(error instanceof TransportError)) throw error;
      if (!RETRYABLE_CODES.has(error.code)) return { kind: "error", reason: error.message };
      reason = error.message;
      if (!retry) return { kind: "unreachable", reason };
    }
    if (Date.now() + backoff >= options.deadline) {
      return { kind: "unreachable", reason: `${reason} (${attempts} attempt${attempts === 1 ? "" : "s"})` };
    }
    await sleep(backoff);
    backoff = Math.min(backoff * 2, maxBackoff);
  }
}

/**
 * One attempt: GET with redirects followed, all within `timeoutMs`. Only redirects within the request's origin
 * (scheme, host and port) are followed, and never one to http when the request was https: a server must not
 * send the check somewhere else (another host, a plain-text connection) and have that answer pass for its own.
 */
async function requestOnce(url: string, options: HttpOptions, timeoutMs: number): Promise<HttpResponse> {
  const signal = AbortSignal.timeout(timeoutMs);
  const start = new URL(url);
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const answer = await requestHop(current, options, signal, timeoutMs);
    if (answer.location === undefined) return { ...answer.response, redirected: hop > 0 };
    current = redirectTarget(start, new URL(current), answer.location, options.entraBaseUrl).href;
  }
  throw new TransportError(`more than ${MAX_REDIRECTS} redirects from ${url}`, "TOO_MANY_REDIRECTS");
}

/** A URL as named in messages: without credentials, query or fragment (they may hold tokens), capped. */
function urlForMessage(url: URL): string {
  const shown = new URL(url.href);
  shown.username = "";
  shown.password = "";
  shown.search = "";
  shown.hash = "";
  return cap(shown.href);
}

/**
 * Where a redirect from `from` (reached from the chain's first URL `start`) leads, or a TransportError when it
 * must not be followed: a `Location` that is no URL, an https chain that would continue over http, or another
 * origin than the request's.
 */
function redirectTarget(start: URL, from: URL, location: string, entraBaseUrl: string | undefined): URL {
  const parsed = URL.parse(location, from.href);
  if (parsed === null) {
    throw new TransportError(
      `refused the redirect from ${urlForMessage(from)}: its Location is not a URL`,
      "REDIRECT_REFUSED",
    );
  }
  // An Entra request follows Entra's own absolute redirects to wherever the request itself went.
  const next = entraBaseUrl === undefined ? parsed : new URL(rewriteEntraUrl(parsed.href, entraBaseUrl));
  const refused = `refused the redirect from ${urlForMessage(from)} to ${urlForMessage(next)}`;
  if (start.protocol === "https:" && next.protocol === "http:") {
    const began = from.href === start.href ? "" : ` (the redirects began at ${urlForMessage(start)})`;
    throw new TransportError(`${refused}: it downgrades https to http${began}`, "REDIRECT_REFUSED");
  }
  if (next.origin === "null" || next.origin !== from.origin) {
    throw new TransportError(
      `${refused}: it leads to another origin (scheme, host or port) than the request's`,
      "REDIRECT_REFUSED",
    );
  }
  return next;
}

interface HopAnswer {
  response: HttpResponse;
  /** Set when the answer is a redirect to follow. */
  location?: string;
}

/** One request without following redirects. */
function requestHop(
  url: string,
  { ca, bearerToken }: Pick<HttpOptions, "ca" | "bearerToken">,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<HopAnswer> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new TransportError(`no answer from ${url} within ${timeoutMs} ms`, "TIMEOUT"));
      return;
    }
    const target = new URL(url);
    const secure = target.protocol === "https:";
    if (!secure && target.protocol !== "http:") {
      reject(new TransportError(`unsupported URL scheme in ${url}`, "BAD_URL"));
      return;
    }
    const onAbort = () => {
      request.destroy();
      reject(new TransportError(`no answer from ${url} within ${timeoutMs} ms`, "TIMEOUT"));
    };
    // agent: false = no keep-alive, so nothing holds the process open after the last check.
    const headers: http.OutgoingHttpHeaders = { accept: "application/json" };
    if (bearerToken !== undefined) headers.authorization = `Bearer ${bearerToken}`;
    const requestOptions: https.RequestOptions = { method: "GET", agent: false, headers };
    if (secure && ca !== undefined) requestOptions.ca = [...tls.rootCertificates, ca];
    const request = (secure ? https : http).request(target, requestOptions, (res) => {
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (status >= 300 && status < 400 && location !== undefined) {
        res.resume();
        signal.removeEventListener("abort", onAbort);
        resolve({ response: emptyResponse(status, url), location });
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          request.destroy();
          reject(
            new TransportError(`response from ${url} is larger than ${MAX_BODY_BYTES} bytes`, "TOO_LARGE"),
          );
        } else {
          chunks.push(chunk);
        }
      });
      res.on("error", (error: NodeJS.ErrnoException) =>
        reject(new TransportError(`${url}: ${error.message}`, error.code ?? "ECONNRESET")),
      );
      res.on("end", () => {
        signal.removeEventListener("abort", onAbort);
        const contentType = (res.headers["content-type"] ?? "").toLowerCase();
        resolve({
          response: {
            kind: "response",
            status,
            contentType,
            body: Buffer.concat(chunks).toString("utf8"),
            url,
            redirected: false,
          },
        });
      });
    });
    signal.addEventListener("abort", onAbort, { once: true });
    request.on("error", (error: NodeJS.ErrnoException) => {
      signal.removeEventListener("abort", onAbort);
      reject(new TransportError(`${url}: ${error.message}`, error.code ?? "UNKNOWN"));
    });
    request.end();
  });
}

function emptyResponse(status: number, url: string): HttpResponse {
  return { kind: "response", status, contentType: "", body: "", url, redirected: false };
}
