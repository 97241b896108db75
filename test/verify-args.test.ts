import { parseCliArgs } from "../tools/verify/args";

describe("verify args", () => {
  test("defaults", () => {
    expect(parseCliArgs(["--stack", "prod"])).toEqual({
      stack: "prod",
      json: false,
      help: false,
      timeoutSeconds: 300,
      requestTimeoutSeconds: 10,
      backoffSeconds: 1,
      entraBaseUrl: "https://login.microsoftonline.com",
    });
  });

  test("all flags", () => {
    const argv = [
      "--expect",
      "-",
      "--url",
      "http://10.0.0.5:8585",
      "--json",
      "--timeout",
      "2",
      "--request-timeout",
      "0.5",
    ];
    argv.push("--backoff", "0.05", "--ca-file", "ca.pem", "--entra-base-url", "http://127.0.0.1:1");
    argv.push("--sso-config-source", "database", "--token-file", "/run/secrets/om-admin");
    expect(parseCliArgs(argv)).toEqual({
      expect: "-",
      url: "http://10.0.0.5:8585",
      json: true,
      help: false,
      timeoutSeconds: 2,
      requestTimeoutSeconds: 0.5,
      backoffSeconds: 0.05,
      caFile: "ca.pem",
      entraBaseUrl: "http://127.0.0.1:1",
      ssoConfigSource: "database",
      tokenFile: "/run/secrets/om-admin",
    });
  });

  test.each([
    [["--stack", "s", "--timeout", "0"], '--timeout must be a positive number of seconds; got "0"'],
    [
      ["--stack", "s", "--request-timeout", "ten"],
      '--request-timeout must be a positive number of seconds; got "ten"',
    ],
    [["--stack", "s", "--url", "om.example.com"], '--url must be an http(s) URL; got "om.example.com"'],
    [
      ["--stack", "s", "--entra-base-url", "ftp://x"],
      '--entra-base-url must be an http(s) URL; got "ftp://x"',
    ],
    [["prod"], "Unexpected argument 'prod'. This command does not take positional arguments"],
    [["--stack", "s", "--token-file", ""], "--token-file needs a file name"],
    [["--stack", "s", "--token", "x"], "Unknown option '--token'"],
  ])("%j is a usage error", (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});
