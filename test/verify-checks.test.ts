import { checkDiscovery, checkJwks, checkPublicKeyUrl, checkVersion, jsonBody } from "../tools/verify/checks";
import type { HttpResponse } from "../tools/verify/http";

function response(body: string, extra: Partial<HttpResponse> = {}): HttpResponse {
  return {
    kind: "response",
    status: 200,
    contentType: "application/json",
    body,
    url: "http://om/x",
    redirected: false,
    ...extra,
  };
}

describe("verify checks", () => {
  test("jsonBody explains every unusable answer", () => {
    expect(jsonBody(response("{bad"))).toEqual({ ok: false, problem: "invalid JSON from http://om/x" });
    expect(jsonBody(response("{}", { status: 404 }))).toEqual({
      ok: false,
      problem: "HTTP 404 from http://om/x",
    });
    expect(jsonBody(response("  <html>", { contentType: "" }))).toEqual({
      ok: false,
      problem:
        "HTML instead of JSON from http://om/x: a login page or proxy answered instead of the OpenMetadata API",
    });
    expect(jsonBody({ kind: "unreachable", reason: "ECONNREFUSED" })).toEqual({
      ok: false,
      problem: "not reachable: ECONNREFUSED",
    });
    expect(jsonBody(response('{"a":1}'))).toEqual({ ok: true, value: { a: 1 } });
  });

  test("a version answer without a version fails", () => {
    expect(checkVersion(response('{"revision":"r"}'), "1.8.12")).toEqual({
      check: "version",
      expected: "1.8.12",
      actual: "(absent)",
      status: "fail",
      note: 'no "version" in the answer',
    });
  });

  test("discovery without jwks_uri fails that row only", () => {
    const rows = checkDiscovery(response('{"issuer":"https://login.microsoftonline.com/t1/v2.0"}'), "t1");
    expect(rows.map((row) => [row.check, row.status])).toEqual([
      ["entra.issuer", "pass"],
      ["entra.jwks_uri", "fail"],
    ]);
  });

  test("an unreachable key URL warns when internal, fails when it is Entra's", () => {
    const unreachable = { kind: "unreachable", reason: "getaddrinfo ENOTFOUND openmetadata" } as const;
    const internal = checkPublicKeyUrl(unreachable, 1, "http://openmetadata:8585/jwks", true);
    expect(internal).toEqual({
      check: "publicKeyUrls[1]",
      expected: ">= 1 key at http://openmetadata:8585/jwks",
      actual: "not reachable from here",
      status: "warn",
      note:
        "getaddrinfo ENOTFOUND openmetadata; an internal address (e.g. a Kubernetes service name) that only the " +
        "server can reach? check it from the server: wget -O - http://openmetadata:8585/jwks",
    });
    expect(
      checkPublicKeyUrl(unreachable, 0, "https://login.microsoftonline.com/common/discovery/keys", false)
        .status,
    ).toBe("fail");
    expect(checkPublicKeyUrl(response('{"keys":{}}'), 0, "u", false).note).toBe(
      'no "keys" array in the answer',
    );
  });

  test("the issuer names the tenant in either case; another tenant fails", () => {
    const tenant = "11111111-2222-3333-4444-5555555555aa";
    const upper = response(
      `{"issuer":"https://login.microsoftonline.com/${tenant.toUpperCase()}/v2.0","jwks_uri":"https://k"}`,
    );
    expect(checkDiscovery(upper, tenant).map((row) => row.status)).toEqual(["pass", "pass"]);
    const other = response(
      '{"issuer":"https://login.microsoftonline.com/11111111-2222-3333-4444-5555555555ab/v2.0","jwks_uri":"https://k"}',
    );
    expect(checkDiscovery(other, tenant)[0]?.status).toBe("fail");
  });

  test("jwks with a deployed keyId: a key with that kid (either case) passes, none fails", () => {
    const kid = "315c0eba-520f-870f-9fe7-c3dd804957b2";
    const keys = (...kids: unknown[]) =>
      response(JSON.stringify({ keys: kids.map((k) => ({ kty: "RSA", kid: k, n: "x", e: "AQAB" })) }));
    expect(checkJwks(keys("other", kid.toUpperCase()), kid)).toEqual({
      check: "jwks",
      expected: `>= 1 RSA key, one with kid ${kid}`,
      actual: `2 keys, kid ${kid.toUpperCase()}`,
      status: "pass",
    });
    expect(checkJwks(keys("a", "b"), kid)).toMatchObject({ actual: '2 keys, kid ["a","b"]', status: "fail" });
    expect(checkJwks(keys(), kid)).toMatchObject({ actual: "0 keys", status: "fail" });
  });

  test("jwks: keys that failed to load on the server (null kid, n and e) or are not RSA do not count", () => {
    const kid = "315c0eba-520f-870f-9fe7-c3dd804957b2";
    const served = (keys: unknown[]) => response(JSON.stringify({ keys }));
    expect(checkJwks(served([{ kty: "RSA", kid: null, n: null, e: null }]), kid)).toEqual({
      check: "jwks",
      expected: `>= 1 RSA key, one with kid ${kid}`,
      actual: "1 unusable key (no RSA n and e)",
      status: "fail",
      note: "OpenMetadata serves no JWT signing key: check jwtTokenConfiguration (RSA key files) on the server",
    });
    expect(checkJwks(served([{ kty: "EC", kid, x: "a", y: "b" }]), kid)).toMatchObject({ status: "fail" });
    expect(checkJwks(served([{ kty: "RSA", kid, n: "", e: "AQAB" }]), kid)).toMatchObject({ status: "fail" });
    expect(
      checkJwks(
        served([
          { kty: "RSA", kid: null, n: null, e: null },
          { kty: "RSA", kid, n: "x", e: "AQAB" },
        ]),
        kid,
      ),
    ).toMatchObject({ actual: `1 key, kid ${kid}`, status: "pass" });
    // Without a keyId (older stack outputs) any usable key passes, as before.
    expect(checkJwks(served([{ kty: "RSA", kid: "a", n: "x", e: "AQAB" }]))).toEqual({
      check: "jwks",
      expected: ">= 1 RSA key",
      actual: "1 key",
      status: "pass",
    });
  });

  test("served values are capped in the row (the report escapes them)", () => {
    const row = checkVersion(response(JSON.stringify({ version: "9".repeat(1000) })), "1.8.12");
    expect(row.actual).toBe(`${"9".repeat(200)}… (1000 characters)`);
  });
});
