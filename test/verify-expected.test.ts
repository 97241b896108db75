import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import {
  ConfigError,
  expectedFromPlanJson,
  loadExpected,
  parseExpectedText,
  resolveSsoConfigSource,
} from "../tools/verify/expected";
import { judgedLine, releaseLineOf } from "../tools/verify/lines";

const OUTPUTS = {
  publicUrl: "http://localhost:8585",
  clientId: "c",
  tenantId: "t",
  authority: "https://login.microsoftonline.com/t",
  redirectUris: ["http://localhost:8585/callback"],
  openmetadataVersion: "1.8.12",
  target: "docker",
  sso: {
    authenticationConfiguration: {
      provider: "azure",
      clientType: "public",
      authority: "https://login.microsoftonline.com/t",
      clientId: "c",
      callbackUrl: "http://localhost:8585/callback",
      publicKeyUrls: [],
      enableSelfSignup: true,
    },
    authorizerConfiguration: { adminPrincipals: ["admin"] },
  },
};

const noStdin = async () => {
  throw new Error("stdin must not be read");
};

describe("verify expected values", () => {
  test("stack outputs are validated and unknown keys ignored", () => {
    const expected = parseExpectedText(JSON.stringify({ ...OUTPUTS, extra: 1 }), "f.json");
    expect(expected.sso.authenticationConfiguration.callbackUrl).toBe("http://localhost:8585/callback");
    expect("extra" in expected).toBe(false);
  });

  test("sso.jwtTokenConfiguration.keyId is read when present, and optional", () => {
    const keyId = "315c0eba-520f-870f-9fe7-c3dd804957b2";
    const withKey = {
      ...OUTPUTS,
      sso: { ...OUTPUTS.sso, jwtTokenConfiguration: { keyId, jwtissuer: "om" } },
    };
    expect(parseExpectedText(JSON.stringify(withKey), "f.json").sso.jwtTokenConfiguration).toEqual({ keyId });
    expect(parseExpectedText(JSON.stringify(OUTPUTS), "f.json").sso.jwtTokenConfiguration).toBeUndefined();
  });

  test("an invalid target names the path", () => {
    expect(() => parseExpectedText(JSON.stringify({ ...OUTPUTS, target: "vms" }), "f.json")).toThrow(
      'f.json is not valid stack outputs:\n✖ Invalid option: expected one of "docker"|"vm"|"kubernetes"\n  → at target',
    );
  });

  test("the plan's outputs are used; a plan without outputs is a config error", () => {
    const plan = { stack: "dev", project: "openmetadata-entra", resources: [], outputs: OUTPUTS };
    expect(expectedFromPlanJson(JSON.stringify(plan), "dev").target).toBe("docker");
    expect(() => expectedFromPlanJson("{}", "dev")).toThrow(
      new ConfigError('the offline plan of stack "dev" has no "outputs" object'),
    );
  });

  test("loadExpected: file, stdin, plan; --expect wins over --stack", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "verify-")), "o.json");
    writeFileSync(file, JSON.stringify(OUTPUTS));
    const noPlan = async () => {
      throw new Error("plan must not run");
    };
    expect((await loadExpected({ expect: file, stack: "x" }, noStdin, noPlan)).clientId).toBe("c");
    expect((await loadExpected({ expect: "-" }, async () => JSON.stringify(OUTPUTS), noPlan)).tenantId).toBe(
      "t",
    );
    const plan = async (stack: string) => JSON.stringify({ outputs: { ...OUTPUTS, clientId: stack } });
    expect((await loadExpected({ stack: "staging" }, noStdin, plan)).clientId).toBe("staging");
    await expect(loadExpected({}, noStdin, plan)).rejects.toThrow("give --stack <name> or --expect <file|->");
  });

  test("ssoConfigSource: outputs, else the flag, else the default (assumed); a contradiction is an error", () => {
    expect(resolveSsoConfigSource("database", undefined)).toEqual({ source: "database", assumed: false });
    expect(resolveSsoConfigSource(undefined, "database")).toEqual({ source: "database", assumed: false });
    expect(resolveSsoConfigSource("stack", "stack")).toEqual({ source: "stack", assumed: false });
    expect(resolveSsoConfigSource(undefined, undefined)).toEqual({ source: "stack", assumed: true });
    expect(() => resolveSsoConfigSource("stack", "database")).toThrow(
      new ConfigError(
        '--sso-config-source database contradicts the stack outputs, whose ssoConfigSource is "stack"',
      ),
    );
    expect(() => parseExpectedText(JSON.stringify({ ...OUTPUTS, ssoConfigSource: "ui" }), "f.json")).toThrow(
      '✖ Invalid option: expected one of "stack"|"database"\n  → at ssoConfigSource',
    );
  });
});

describe("verify release lines", () => {
  test("the line of a served version: any patch of a supported line, nothing else", () => {
    expect(releaseLineOf("1.13.6")?.line).toBe("1.13");
    expect(releaseLineOf("1.9.0")?.securityConfigInDatabase).toBe(false);
    expect(releaseLineOf("1.10.1")?.securityConfigInDatabase).toBe(true);
    expect(releaseLineOf("2.0.1")).toBeUndefined();
    expect(releaseLineOf("1.7.4")).toBeUndefined();
    expect(releaseLineOf("main")).toBeUndefined();
  });

  test("drift is judged by the server's line, else by the stack's", () => {
    expect(judgedLine("1.9.17", "1.13.1").line).toBe("1.9");
    expect(judgedLine("2.0.1", "1.13.1").line).toBe("1.13");
    expect(judgedLine(undefined, "1.8.12").line).toBe("1.8");
  });
});
