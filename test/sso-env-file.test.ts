import { renderEnvFile } from "../components/openmetadata/sso";

describe("renderEnvFile", () => {
  it("writes unquoted KEY=VALUE lines, inner blanks and quotes kept, empty values allowed", () => {
    expect(
      renderEnvFile([
        { name: "AUTHENTICATION_PUBLIC_KEYS", value: "[https://a/keys, http://b/jwks]", secret: false },
        { name: "OIDC_SCOPE", value: "openid email profile offline_access", secret: false },
        { name: "OIDC_CLIENT_SECRET", value: "Xy8Q~abc.def_-1", secret: true },
        { name: "AUTHORIZER_ADMIN_PRINCIPALS", value: '[john.doe, "yes"]', secret: false },
        { name: "EMPTY", value: "", secret: false },
      ]),
    ).toBe(
      "AUTHENTICATION_PUBLIC_KEYS=[https://a/keys, http://b/jwks]\n" +
        "OIDC_SCOPE=openid email profile offline_access\n" +
        "OIDC_CLIENT_SECRET=Xy8Q~abc.def_-1\n" +
        'AUTHORIZER_ADMIN_PRINCIPALS=[john.doe, "yes"]\n' +
        "EMPTY=\n",
    );
  });

  it("writes nothing for no entries", () => {
    expect(renderEnvFile([])).toBe("");
  });

  it.each([
    ['"ab', 'A "\\"ab"'],
    ["'ab", `A "'ab"`],
    ["a\\b", 'A "a\\\\b"'],
    ["a$b", 'A "a$b"'],
    ["a`b", 'A "a`b"'],
    ["a#b", 'A "a#b"'],
    [" a", 'A " a"'],
    ["a ", 'A "a "'],
    ["a\nb", 'A "a\\nb"'],
  ])("refuses %j, which systemd and docker read differently", (value, shown) => {
    expect(() => renderEnvFile([{ name: "A", value, secret: false }])).toThrow(
      `cannot write env file: ${shown} has a leading quote, newline, backslash, $, backtick, # or surrounding blank, ` +
        "which systemd and docker env files read differently",
    );
  });

  it("never shows a secret value in its error and reports every problem", () => {
    expect(() =>
      renderEnvFile([
        { name: "OIDC_CLIENT_SECRET", value: "top$secret", secret: true },
        { name: "1BAD", value: "x", secret: false },
      ]),
    ).toThrow(
      "cannot write env file: OIDC_CLIENT_SECRET (secret value hidden) has a leading quote, newline, backslash, " +
        '$, backtick, # or surrounding blank, which systemd and docker env files read differently; "1BAD" is not an ' +
        "environment variable name",
    );
  });
});
