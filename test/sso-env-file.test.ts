import { renderEnvFile } from "../components/openmetadata/sso";
import { parseSystemdEnvFile } from "./helpers/systemd-env";

describe("renderEnvFile", () => {
  it('writes KEY="VALUE" lines, every value double-quoted and escaped for systemd, empty values allowed', () => {
    const text = renderEnvFile([
      { name: "AUTHENTICATION_PUBLIC_KEYS", value: "[https://a/keys, http://b/jwks]", secret: false },
      { name: "OIDC_SCOPE", value: "openid email profile offline_access", secret: false },
      { name: "OIDC_CLIENT_SECRET", value: "Xy8Q~abc.def_-1", secret: true },
      { name: "AUTHORIZER_ADMIN_PRINCIPALS", value: '[john.doe, "yes"]', secret: false },
      { name: "EMPTY", value: "", secret: false },
    ]);
    expect(text).toBe(
      'AUTHENTICATION_PUBLIC_KEYS="[https://a/keys, http://b/jwks]"\n' +
        'OIDC_SCOPE="openid email profile offline_access"\n' +
        'OIDC_CLIENT_SECRET="Xy8Q~abc.def_-1"\n' +
        'AUTHORIZER_ADMIN_PRINCIPALS="[john.doe, \\"yes\\"]"\n' +
        'EMPTY=""\n',
    );
    expect([...parseSystemdEnvFile(text)]).toEqual([
      ["AUTHENTICATION_PUBLIC_KEYS", "[https://a/keys, http://b/jwks]"],
      ["OIDC_SCOPE", "openid email profile offline_access"],
      ["OIDC_CLIENT_SECRET", "Xy8Q~abc.def_-1"],
      ["AUTHORIZER_ADMIN_PRINCIPALS", '[john.doe, "yes"]'],
      ["EMPTY", ""],
    ]);
  });

  it("writes nothing for no entries", () => {
    expect(renderEnvFile([])).toBe("");
  });

  it.each([
    ['"ab', 'A="\\"ab"'],
    ["'ab", `A="'ab"`],
    ["a\\b", 'A="a\\\\b"'],
    ["a$b", 'A="a\\$b"'],
    ["$(id)", 'A="\\$(id)"'],
    ["a`b`", 'A="a\\`b\\`"'],
    ["a#b", 'A="a#b"'],
    ["#a", 'A="#a"'],
    [";a", 'A=";a"'],
    [" a", 'A=" a"'],
    ["a ", 'A="a "'],
    ["tab\there", 'A="tab\there"'],
    ['\\"', 'A="\\\\\\""'],
    ["\\", 'A="\\\\"'],
  ])("writes %j so that systemd reads it back unchanged", (value, line) => {
    const text = renderEnvFile([{ name: "A", value, secret: false }]);
    expect(text).toBe(`${line}\n`);
    expect([...parseSystemdEnvFile(text)]).toEqual([["A", value]]);
  });

  it.each([
    [
      "a\nb",
      'A "a\\nb" must not contain control characters such as newlines (OpenMetadata pastes it into its YAML configuration)',
    ],
    [
      "a\rb",
      'A "a\\rb" must not contain control characters such as newlines (OpenMetadata pastes it into its YAML configuration)',
    ],
    [
      "bell\u0007",
      'A "bell\\u0007" must not contain control characters such as newlines (OpenMetadata pastes it into its YAML configuration)',
    ],
    ["${HOME}", 'A "${HOME}" must not contain ${ (OpenMetadata would expand it as a variable)'],
    [
      "x${DB_USER_PASSWORD:-y}",
      'A "x${DB_USER_PASSWORD:-y}" must not contain ${ (OpenMetadata would expand it as a variable)',
    ],
  ])("refuses %j, which OpenMetadata would not read back as written", (value, problem) => {
    expect(() => renderEnvFile([{ name: "A", value, secret: false }])).toThrow(
      new Error(`cannot write env file: ${problem}`),
    );
  });

  it("never shows a secret value in its error and reports every problem", () => {
    expect(() =>
      renderEnvFile([
        { name: "OIDC_CLIENT_SECRET", value: "top${secret}", secret: true },
        { name: "1BAD", value: "x", secret: false },
        { name: "DB_USER_PASSWORD", value: "line1\nline2", secret: true },
      ]),
    ).toThrow(
      new Error(
        "cannot write env file: OIDC_CLIENT_SECRET (secret value hidden) must not contain ${ (OpenMetadata would expand it as a variable); " +
          '"1BAD" is not an environment variable name; ' +
          "DB_USER_PASSWORD (secret value hidden) must not contain control characters such as newlines (OpenMetadata pastes it into its YAML configuration)",
      ),
    );
  });
});
