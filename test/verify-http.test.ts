/**
 * getWithRetry over real loopback HTTP and HTTPS: redirects (and the ones refused), timeouts, retries and
 * trusting a CA file.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import * as http from "node:http";
import * as https from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { main } from "../tools/verify/cli";
import { getWithRetry, type HttpOptions } from "../tools/verify/http";

/** A self-signed certificate for IP 127.0.0.1, valid until 2126, made for this test only. */
const CERT = `-----BEGIN CERTIFICATE-----
MIIBpDCCAUqgAwIBAgIUNZHo9o1SNwed5cQcuBZVHzRp2qUwCgYIKoZIzj0EAwIw
HjEcMBoGA1UEAwwTdmVyaWZ5LXRlc3QuaW52YWxpZDAgFw0yNjExMjgxODQyMTNa
GA8yMTI2MTEwNDE4NDIxM1owHjEcMBoGA1UEAwwTdmVyaWZ5LXRlc3QuaW52YWxp
ZDBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABL/rLXC9weObGGywf/klYpN4L2KJ
UPYU7PybLv3q436HsmEJmnI5tfT581EcJRCo9L9EA3ew46zVtvezDUCmWhKjZDBi
MB0GA1UdDgQWBBQ1thsb1dHPhZE+3NsUwUNnpab8/zAfBgNVHSMEGDAWgBQ1thsb
1dHPhZE+3NsUwUNnpab8/zAPBgNVHRMBAf8EBTADAQH/MA8GA1UdEQQIMAaHBH8A
AAEwCgYIKoZIzj0EAwIDSAAwRQIgJAAtpq4F/0UcAiDa6giQsNG4MkQyMMuA5gSh
Qsr/bIkCIQDwFsXF/g/ZrvptoCQ6HyuVyh1qf4XsREEIwwkEERvpsg==
-----END CERTIFICATE-----
`;
/** The throwaway key of CERT (test fixture, protects nothing). */
const KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgekueK/IRNxkUSIjW
a4JIEWtSAynJS/ksYhMDLxJk2+WhRANCAAS/6y1wvcHjmxhssH/5JWKTeC9iiVD2
FOz8my796uN+h7JhCZpyObX0+fNRHCUQqPS/RAN3sOOs1bb3sw1AploS
-----END PRIVATE KEY-----
`;

/** Redirects served by every test server: path (query ignored) → Location, with the server's URL at hand. */
const REDIRECTS: Record<string, (own: string) => string> = {
  "/loop": () => "/loop",
  "/moved": () => "/ok",
  "/api": () => "/api/",
  "/absolute": (own) => `${own}/ok?page=2`,
  // https → http: straight away, or after a same-origin hop first
  "/down": () => `${plainUrl}/ok?token=secret#frag`,
  "/hop": () => "/down?step=2",
  // another origin: another port, another scheme on the same host, Entra's host, not a URL at all
  "/away": () => `${otherUrl}/ok?code=123`,
  "/up": () => `${secureUrl}/ok`,
  "/to-entra": () => "https://login.microsoftonline.com/common/discovery/keys?x=1",
  "/bad-location": () => "http://[::1",
};

/** `<path> <Authorization header or "-">` of every request to any test server. */
const authorizations: string[] = [];

/** A handler that records the paths it was asked for in `hits`. */
function handlerFor(own: () => string, hits: string[]): http.RequestListener {
  return (req, res) => {
    const pathname = new URL(req.url ?? "/", "http://x").pathname;
    hits.push(pathname);
    authorizations.push(`${pathname} ${req.headers.authorization ?? "-"}`);
    if (pathname === "/slow") return void setTimeout(() => res.end("{}"), 500);
    const redirect = REDIRECTS[pathname];
    if (redirect !== undefined) {
      res.writeHead(pathname === "/moved" ? 301 : 302, { location: redirect(own()) });
      return void res.end();
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end('{"ok":true}');
  };
}

let plain: http.Server;
let secure: https.Server;
let other: http.Server;
let plainUrl = "";
let secureUrl = "";
let otherUrl = "";
const plainHits: string[] = [];
const otherHits: string[] = [];

function listen(server: http.Server | https.Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve(String((server.address() as AddressInfo).port))),
  );
}

beforeAll(async () => {
  plain = http.createServer(handlerFor(() => plainUrl, plainHits));
  secure = https.createServer(
    { cert: CERT, key: KEY },
    handlerFor(() => secureUrl, []),
  );
  other = http.createServer(handlerFor(() => otherUrl, otherHits));
  plainUrl = `http://127.0.0.1:${await listen(plain)}`;
  secureUrl = `https://127.0.0.1:${await listen(secure)}`;
  otherUrl = `http://127.0.0.1:${await listen(other)}`;
});

beforeEach(() => {
  plainHits.length = 0;
  otherHits.length = 0;
  authorizations.length = 0;
});

afterAll(async () => {
  for (const server of [plain, secure, other]) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

function options(extra: Partial<HttpOptions> = {}): HttpOptions {
  return { requestTimeoutMs: 1000, deadline: Date.now() + 1000, initialBackoffMs: 50, ...extra };
}

describe("getWithRetry", () => {
  test("follows redirects and reports where it landed", async () => {
    const result = await getWithRetry(`${plainUrl}/moved`, options(), true);
    expect(result).toEqual({
      kind: "response",
      status: 200,
      contentType: "application/json",
      body: '{"ok":true}',
      url: `${plainUrl}/ok`,
      redirected: true,
    });
  });

  test("a redirect loop is an error, not retried", async () => {
    const result = await getWithRetry(`${plainUrl}/loop`, options(), true);
    expect(result).toEqual({ kind: "error", reason: `more than 10 redirects from ${plainUrl}/loop` });
  });

  test("a request slower than the request timeout is retried until the budget ends", async () => {
    const started = Date.now();
    const result = await getWithRetry(
      `${plainUrl}/slow`,
      options({ requestTimeoutMs: 100, deadline: Date.now() + 300 }),
      true,
    );
    expect(result.kind).toBe("unreachable");
    expect(result.kind === "unreachable" && result.reason).toMatch(
      /^no answer from .*\/slow within \d+ ms \(\d attempts\)$/,
    );
    expect(Date.now() - started).toBeLessThan(700);
  });

  test("without retry, one failed attempt is the answer", async () => {
    const result = await getWithRetry(`${plainUrl}/slow`, options({ requestTimeoutMs: 100 }), false);
    expect(result).toEqual({ kind: "unreachable", reason: `no answer from ${plainUrl}/slow within 100 ms` });
  });

  test("TLS is verified: a self-signed server is an error without --ca-file", async () => {
    const result = await getWithRetry(`${secureUrl}/ok`, options(), true);
    expect(result).toEqual({ kind: "error", reason: `${secureUrl}/ok: self-signed certificate` });
  });

  test("a CA from --ca-file is trusted in addition to the bundled roots", async () => {
    const result = await getWithRetry(`${secureUrl}/ok`, options({ ca: CERT }), true);
    expect(result).toMatchObject({ kind: "response", status: 200, body: '{"ok":true}' });
  });
});

describe("getWithRetry: the bearer token", () => {
  test("sent as Authorization: Bearer on the request and on the same-origin redirect it follows", async () => {
    const result = await getWithRetry(`${plainUrl}/moved`, options({ bearerToken: "t0k.e-n" }), true);
    expect(result).toMatchObject({ status: 200, url: `${plainUrl}/ok` });
    expect(authorizations).toEqual(["/moved Bearer t0k.e-n", "/ok Bearer t0k.e-n"]);
  });

  test("never sent to another origin: the redirect is refused before any request goes there", async () => {
    const result = await getWithRetry(`${plainUrl}/away`, options({ bearerToken: "t0k" }), true);
    expect(result.kind).toBe("error");
    expect(otherHits).toEqual([]);
    expect(authorizations).toEqual(["/away Bearer t0k"]);
    expect(JSON.stringify(result)).not.toContain("t0k");
  });

  test("without one, no Authorization header", async () => {
    await getWithRetry(`${plainUrl}/ok`, options(), true);
    expect(authorizations).toEqual(["/ok -"]);
  });
});

describe("getWithRetry: which redirects are followed", () => {
  test("same-origin redirects are followed, relative (/api → /api/) or absolute", async () => {
    expect(await getWithRetry(`${plainUrl}/api`, options(), true)).toMatchObject({
      kind: "response",
      status: 200,
      url: `${plainUrl}/api/`,
      redirected: true,
    });
    expect(await getWithRetry(`${plainUrl}/absolute`, options(), true)).toMatchObject({
      kind: "response",
      url: `${plainUrl}/ok?page=2`,
    });
  });

  test("https → http is refused, not retried; the message names both URLs without their query", async () => {
    const result = await getWithRetry(`${secureUrl}/down?session=abc`, options({ ca: CERT }), true);
    expect(result).toEqual({
      kind: "error",
      reason: `refused the redirect from ${secureUrl}/down to ${plainUrl}/ok: it downgrades https to http`,
    });
    expect(plainHits).toEqual([]);
  });

  test("a redirect chain that started on https and would end on http is refused where it turns to http", async () => {
    const result = await getWithRetry(`${secureUrl}/hop`, options({ ca: CERT }), true);
    expect(result).toEqual({
      kind: "error",
      reason:
        `refused the redirect from ${secureUrl}/down to ${plainUrl}/ok: it downgrades https to http ` +
        `(the redirects began at ${secureUrl}/hop)`,
    });
    expect(plainHits).toEqual([]);
  });

  test("a redirect to another port is refused and the other server is never asked", async () => {
    const result = await getWithRetry(`${plainUrl}/away?q=1`, options(), true);
    expect(result).toEqual({
      kind: "error",
      reason:
        `refused the redirect from ${plainUrl}/away to ${otherUrl}/ok: ` +
        "it leads to another origin (scheme, host or port) than the request's",
    });
    expect(otherHits).toEqual([]);
  });

  test("another scheme on the same host is another origin too (http → https is not followed)", async () => {
    const result = await getWithRetry(`${plainUrl}/up`, options({ ca: CERT }), true);
    expect(result.kind === "error" && result.reason).toBe(
      `refused the redirect from ${plainUrl}/up to ${secureUrl}/ok: ` +
        "it leads to another origin (scheme, host or port) than the request's",
    );
  });

  test("a server that is not Entra ID cannot redirect to login.microsoftonline.com", async () => {
    const result = await getWithRetry(`${plainUrl}/to-entra`, options(), true);
    expect(result.kind === "error" && result.reason).toBe(
      `refused the redirect from ${plainUrl}/to-entra to https://login.microsoftonline.com/common/discovery/keys: ` +
        "it leads to another origin (scheme, host or port) than the request's",
    );
  });

  test("a request to Entra ID follows Entra's own redirects to where the request went (--entra-base-url)", async () => {
    const result = await getWithRetry(`${plainUrl}/to-entra`, options({ entraBaseUrl: plainUrl }), true);
    expect(result).toMatchObject({
      kind: "response",
      status: 200,
      url: `${plainUrl}/common/discovery/keys?x=1`,
      redirected: true,
    });
    expect(plainHits).toEqual(["/to-entra", "/common/discovery/keys"]);
  });

  test("an Entra request is held to the same-origin rule for every other redirect", async () => {
    const result = await getWithRetry(`${plainUrl}/away`, options({ entraBaseUrl: plainUrl }), true);
    expect(result.kind === "error" && result.reason).toMatch(/^refused the redirect from .* another origin/);
    expect(otherHits).toEqual([]);
  });

  test("a Location that is not a URL is a refused redirect, not a crash", async () => {
    const result = await getWithRetry(`${plainUrl}/bad-location`, options(), true);
    expect(result).toEqual({
      kind: "error",
      reason: `refused the redirect from ${plainUrl}/bad-location: its Location is not a URL`,
    });
  });

  test("the CLI exits 1 (a failed check, not unreachable) when the server downgrades to http", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "verify-"));
    const ca = path.join(dir, "ca.pem");
    writeFileSync(ca, CERT);
    const tenant = "11111111-2222-3333-4444-555555555555";
    const client = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    const authority = `https://login.microsoftonline.com/${tenant}`;
    const outputs = {
      publicUrl: "https://om.example.com",
      clientId: client,
      tenantId: tenant,
      authority,
      redirectUris: [],
      openmetadataVersion: "1.8.12",
      target: "docker",
      sso: {
        authenticationConfiguration: {
          ...{ provider: "azure", clientType: "public", authority, clientId: client },
          ...{ callbackUrl: "https://om.example.com/callback", publicKeyUrls: [] },
        },
      },
    };
    // Every path of the https server that is not a redirect answers {"ok":true}: /down is the only way to http.
    REDIRECTS["/api/v1/system/version"] = () => `${plainUrl}/api/v1/system/version`;
    let stdout = "";
    try {
      const code = await main(
        [
          ...["--expect", "-", "--url", secureUrl, "--ca-file", ca, "--entra-base-url", plainUrl, "--json"],
          ...["--timeout", "1", "--backoff", "0.05", "--request-timeout", "1"],
        ],
        {
          stdout: (text) => (stdout += text),
          stderr: () => undefined,
          readStdin: async () => JSON.stringify(outputs),
        },
      );
      expect(code).toBe(1);
    } finally {
      delete REDIRECTS["/api/v1/system/version"];
    }
    const version = (JSON.parse(stdout) as { rows: { check: string; note?: string }[] }).rows[0];
    expect(version).toMatchObject({
      check: "version",
      note:
        `refused the redirect from ${secureUrl}/api/v1/system/version to ${plainUrl}/api/v1/system/version: ` +
        "it downgrades https to http",
    });
    expect(plainHits).not.toContain("/api/v1/system/version");
  });
});
