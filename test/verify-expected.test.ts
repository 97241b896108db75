import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { ConfigError, expectedFromPlanJson, loadExpected, parseExpectedText } from "../tools/verify/expected";

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
});
