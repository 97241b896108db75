import {
  apiUrl,
  discoveryUrl,
  isEntraUrl,
  isLoopbackUrl,
  rewriteEntraUrl,
  rewritePublicUrl,
} from "../tools/verify/endpoints";

describe("verify endpoints", () => {
  test("Entra URLs get the override's scheme and host, path kept", () => {
    expect(
      rewriteEntraUrl("https://login.microsoftonline.com/common/discovery/keys", "http://127.0.0.1:9/x"),
    ).toBe("http://127.0.0.1:9/common/discovery/keys");
    expect(rewriteEntraUrl("https://login.microsoftonline.com.evil.test/keys", "http://127.0.0.1:9")).toBe(
      "https://login.microsoftonline.com.evil.test/keys",
    );
    expect(rewriteEntraUrl("https://om.example.com/api", "http://127.0.0.1:9")).toBe(
      "https://om.example.com/api",
    );
  });

  test("isEntraUrl matches the login host only", () => {
    expect(isEntraUrl("https://login.microsoftonline.com/t")).toBe(true);
    expect(isEntraUrl("http://login.microsoftonline.com/t")).toBe(false);
    expect(isEntraUrl("https://login.microsoftonline.community/t")).toBe(false);
  });

  test("URLs under the public URL are sent to --url", () => {
    expect(
      rewritePublicUrl(
        "https://om.example.com/api/v1/system/config/jwks",
        "https://om.example.com/",
        "http://10.0.0.5:8585",
      ),
    ).toBe("http://10.0.0.5:8585/api/v1/system/config/jwks");
    expect(
      rewritePublicUrl("https://om.example.community/x", "https://om.example.com", "http://10.0.0.5"),
    ).toBe("https://om.example.community/x");
  });

  test("API and discovery URLs", () => {
    expect(apiUrl("https://x/om/", "/api/v1/system/version")).toBe("https://x/om/api/v1/system/version");
    expect(discoveryUrl("https://login.microsoftonline.com/t/")).toBe(
      "https://login.microsoftonline.com/t/v2.0/.well-known/openid-configuration",
    );
  });

  test("loopback URLs: where a token over plain http does not cross a network", () => {
    for (const url of [
      "http://localhost:8585",
      "http://127.0.0.1:1",
      "http://127.8.9.10",
      "http://[::1]:8585/x",
    ])
      expect(isLoopbackUrl(url)).toBe(true);
    for (const url of [
      "http://10.0.0.5:8585",
      "http://om.example.com",
      "http://localhost.example.com",
      "nope",
    ])
      expect(isLoopbackUrl(url)).toBe(false);
  });
});
