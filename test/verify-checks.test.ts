import { checkDiscovery, checkPublicKeyUrl, checkVersion, jsonBody } from "../tools/verify/checks";
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
});
