/** getWithRetry over real loopback HTTP and HTTPS: redirects, timeouts, retries and trusting a CA file. */
import * as http from "node:http";
import * as https from "node:https";
import type { AddressInfo } from "node:net";
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

const handler: http.RequestListener = (req, res) => {
  const path = req.url ?? "/";
  if (path === "/slow") return void setTimeout(() => res.end("{}"), 500);
  if (path === "/loop") {
    res.writeHead(302, { location: "/loop" });
    return void res.end();
  }
  if (path === "/moved") {
    res.writeHead(301, { location: "/ok" });
    return void res.end();
  }
  res.writeHead(200, { "content-type": "application/json" });
  res.end('{"ok":true}');
};

let plain: http.Server;
let secure: https.Server;
let plainUrl = "";
let secureUrl = "";

function listen(server: http.Server | https.Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve(String((server.address() as AddressInfo).port))),
  );
}

beforeAll(async () => {
  plain = http.createServer(handler);
  secure = https.createServer({ cert: CERT, key: KEY }, handler);
  plainUrl = `http://127.0.0.1:${await listen(plain)}`;
  secureUrl = `https://127.0.0.1:${await listen(secure)}`;
});

afterAll(async () => {
  for (const server of [plain, secure]) {
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
