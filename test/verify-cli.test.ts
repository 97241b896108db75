/**
 * The verify CLI end to end over real loopback HTTP: a fake OpenMetadata and a fake Entra ID on one server
 * (Entra reached through --entra-base-url). Budgets are small so the suite runs in seconds.
 */
import { execFile } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { main, type Io } from "../tools/verify/cli";
import { TS_NODE_ARGS } from "../tools/ts-register";

const TENANT = "11111111-2222-3333-4444-555555555555";
const CLIENT = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
/** OpenMetadata's JWT key ID (`sso.jwtTokenConfiguration.keyId`), served as the JWKS key's kid. */
const KEY_ID = "315c0eba-520f-870f-9fe7-c3dd804957b2";
const PUBLIC_URL = "https://om.example.com";

/** A loopback port nothing listens on. */
let closedPort = 0;

function stackOutputs(): Record<string, unknown> {
  return {
    publicUrl: PUBLIC_URL,
    clientId: CLIENT,
    tenantId: TENANT,
    authority: `https://login.microsoftonline.com/${TENANT}`,
    redirectUris: [`${PUBLIC_URL}/callback`],
    openmetadataVersion: "1.8.12",
    target: "kubernetes",
    sso: {
      authenticationConfiguration: {
        provider: "azure",
        clientType: "public",
        authority: `https://login.microsoftonline.com/${TENANT}`,
        clientId: CLIENT,
        callbackUrl: `${PUBLIC_URL}/callback`,
        publicKeyUrls: [
          "https://login.microsoftonline.com/common/discovery/keys",
          `${PUBLIC_URL}/api/v1/system/config/jwks`,
          `http://127.0.0.1:${closedPort}/api/v1/system/config/jwks`,
        ],
        jwtPrincipalClaims: ["email", "preferred_username", "sub"],
        jwtPrincipalClaimsMapping: [],
        enableSelfSignup: true,
        responseType: "id_token",
        tokenValidationAlgorithm: "RS256",
      },
      authorizerConfiguration: { adminPrincipals: ["admin"], principalDomain: "example.com" },
      jwtTokenConfiguration: { jwtissuer: "om.example.com", keyId: KEY_ID },
    },
  };
}

/** How the fake server behaves; each test starts from a healthy server. */
interface Fake {
  version: string;
  auth: Record<string, unknown>;
  jwksKeys: unknown[];
  issuer: string;
  /** The first N requests (any path) answer 503. */
  unavailableFirst: number;
  /** Paths answered with an HTML page, a 500, or a redirect to the login page. */
  html: string[];
  error500: string[];
  /** Paths that keep answering 503, as if the server went away after the first check. */
  gone: string[];
  redirectToLogin: string[];
  /** Paths answered with a 302 to the given Location. */
  redirectTo: Record<string, string>;
  hits: string[];
}

let fake: Fake;
let server: http.Server;
let serverUrl = "";

function healthy(): Fake {
  return {
    version: "1.8.12",
    auth: {
      provider: "azure",
      providerName: "",
      clientType: "public",
      clientId: CLIENT,
      authority: `https://login.microsoftonline.com/${TENANT}`,
      callbackUrl: `${PUBLIC_URL}/callback`,
      jwtPrincipalClaims: ["email", "preferred_username", "sub"],
      jwtPrincipalClaimsMapping: [],
      enableSelfSignup: true,
      // Not copied by ConfigResource.getAuthConfig: the schema defaults, whatever the server uses.
      responseType: "id_token",
      publicKeyUrls: [],
      tokenValidationAlgorithm: "RS256",
    },
    jwksKeys: [{ kty: "RSA", kid: KEY_ID, n: "x", e: "AQAB" }],
    issuer: `https://login.microsoftonline.com/${TENANT}/v2.0`,
    unavailableFirst: 0,
    html: [],
    error500: [],
    gone: [],
    redirectToLogin: [],
    redirectTo: {},
    hits: [],
  };
}

const LOGIN_PAGE = "<!doctype html><html><body><form>Sign in</form></body></html>";

function handle(req: http.IncomingMessage, res: http.ServerResponse): void {
  const pathname = new URL(req.url ?? "/", "http://x").pathname;
  fake.hits.push(pathname);
  const json = (status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  if (fake.hits.length <= fake.unavailableFirst) return json(503, { code: 503, message: "starting" });
  if (fake.html.includes(pathname)) {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(LOGIN_PAGE);
    return;
  }
  if (fake.error500.includes(pathname)) return json(500, { code: 500, message: "boom" });
  if (fake.gone.includes(pathname)) return json(503, { code: 503, message: "gone" });
  if (fake.redirectToLogin.includes(pathname)) {
    res.writeHead(302, { location: `/signin?redirect=${encodeURIComponent(pathname)}` });
    res.end();
    return;
  }
  const location = fake.redirectTo[pathname];
  if (location !== undefined) {
    res.writeHead(302, { location });
    res.end();
    return;
  }
  switch (pathname) {
    case "/api/v1/system/version":
      return json(200, { version: fake.version, revision: "abc", timestamp: 1 });
    case "/api/v1/system/config/auth":
      return json(200, fake.auth);
    case "/api/v1/system/config/jwks":
      return json(200, { keys: fake.jwksKeys });
    case `/${TENANT}/v2.0/.well-known/openid-configuration`:
      return json(200, {
        issuer: fake.issuer,
        jwks_uri: `https://login.microsoftonline.com/${TENANT}/discovery/v2.0/keys`,
      });
    case "/common/discovery/keys":
    case "/common/discovery/v2.0/keys":
      return json(200, {
        keys: [
          { kty: "RSA", kid: "ms1", n: "x", e: "AQAB" },
          { kty: "RSA", kid: "ms2", n: "x", e: "AQAB" },
        ],
      });
    case "/signin":
      res.writeHead(200, { "content-type": "text/html" });
      res.end(LOGIN_PAGE);
      return;
    default:
      return json(404, { code: 404 });
  }
}

function listen(s: http.Server): Promise<number> {
  return new Promise((resolve) => s.listen(0, "127.0.0.1", () => resolve((s.address() as AddressInfo).port)));
}

beforeAll(async () => {
  const probe = http.createServer();
  closedPort = await listen(probe);
  await new Promise((resolve) => probe.close(resolve));
  server = http.createServer(handle);
  serverUrl = `http://127.0.0.1:${await listen(server)}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  fake = healthy();
});

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(
  argv: string[],
  stdin = JSON.stringify(stackOutputs()),
  runPlan?: Io["runPlan"],
): Promise<Captured> {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    readStdin: async () => stdin,
    ...(runPlan === undefined ? {} : { runPlan }),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** Fast budgets: 2 s in total, 50 ms first backoff, 1 s per request. */
const FAST = ["--timeout", "2", "--backoff", "0.05", "--request-timeout", "1"];

function args(extra: string[] = [], url = serverUrl): string[] {
  return ["--expect", "-", "--url", url, "--entra-base-url", serverUrl, "--json", ...FAST, ...extra];
}

interface JsonReport {
  exitCode: number;
  summary: { pass: number; warn: number; fail: number; skip: number };
  rows: { check: string; status: string; expected: string; actual: string; note?: string }[];
  hints: string[];
}

function report(captured: Captured): JsonReport {
  return JSON.parse(captured.stdout) as JsonReport;
}

const failing = (r: JsonReport) => r.rows.filter((x) => x.status === "fail").map((x) => x.check);
const row = (r: JsonReport, check: string) => r.rows.find((candidate) => candidate.check === check);

const ALL_CHECKS = [
  "version",
  "auth.provider",
  "auth.clientId",
  "auth.authority",
  "auth.callbackUrl",
  "auth.clientType",
  "auth.enableSelfSignup",
  "auth.jwtPrincipalClaims",
  "auth.jwtPrincipalClaimsMapping",
  "authorizer.useRolesFromProvider",
  "jwks",
  "entra.issuer",
  "entra.jwks_uri",
  "publicKeyUrls[0]",
  "publicKeyUrls[1]",
  "publicKeyUrls[2]",
];
const AUTH_ROWS = ALL_CHECKS.slice(1, 9);

describe("verify CLI against a fake OpenMetadata and Entra ID", () => {
  test("all good: exit 0, every row passes except the internal key URL, which warns, and the authorizer's, not checked", async () => {
    const captured = await run(args());
    expect(captured.code).toBe(0);
    const r = report(captured);
    expect(r.rows.map((x) => x.check)).toEqual(ALL_CHECKS);
    expect(r.summary).toEqual({ pass: 14, warn: 1, fail: 0, skip: 1 });
    expect(row(r, "authorizer.useRolesFromProvider")).toMatchObject({
      expected: "false",
      actual: "not checked",
      status: "skip",
    });
    expect(row(r, "publicKeyUrls[2]")).toMatchObject({ status: "warn", actual: "not reachable from here" });
    expect(row(r, "version")).toEqual({
      check: "version",
      expected: "1.8.12",
      actual: "1.8.12",
      status: "pass",
    });
    expect(row(r, "publicKeyUrls[0]")?.actual).toBe("2 keys");
    expect(r.hints).toEqual([]);
    expect(r.exitCode).toBe(0);
    expect(captured.stderr).toBe("");
  });

  test("wrong client ID on 1.8: exit 1, only auth.clientId fails, with the env hint", async () => {
    fake.auth.clientId = "99999999-0000-0000-0000-000000000000";
    const r = report(await run(args()));
    expect(r.exitCode).toBe(1);
    expect(failing(r)).toEqual(["auth.clientId"]);
    expect(row(r, "auth.clientId")).toEqual({
      check: "auth.clientId",
      expected: CLIENT,
      actual: "99999999-0000-0000-0000-000000000000",
      status: "fail",
    });
    expect(r.hints).toHaveLength(1);
    expect(r.hints[0]).toContain("OpenMetadata 1.8 reads them from its environment at every start");
  });

  test("wrong authority: exit 1, auth.authority fails", async () => {
    fake.auth.authority = "https://login.microsoftonline.com/common";
    const captured = await run(args());
    expect(captured.code).toBe(1);
    expect(failing(report(captured))).toEqual(["auth.authority"]);
  });

  test("SSO not applied (basic provider, no client ID): exit 1, provider and clientId fail", async () => {
    fake.auth = {
      provider: "basic",
      clientType: "public",
      authority: fake.auth.authority,
      callbackUrl: fake.auth.callbackUrl,
    };
    const r = report(await run(args()));
    expect(r.exitCode).toBe(1);
    expect(failing(r)).toEqual([
      "auth.provider",
      "auth.clientId",
      "auth.enableSelfSignup",
      "auth.jwtPrincipalClaims",
    ]);
    expect(row(r, "auth.clientId")?.actual).toBe("(absent)");
    // An empty jwtPrincipalClaimsMapping may be left out of the answer.
    expect(row(r, "auth.jwtPrincipalClaimsMapping")?.status).toBe("pass");
  });

  test("empty JWKS: exit 1, jwks and the server's public key URL fail", async () => {
    fake.jwksKeys = [];
    const r = report(await run(args()));
    expect(r.exitCode).toBe(1);
    expect(failing(r)).toEqual(["jwks", "publicKeyUrls[1]"]);
    expect(row(r, "jwks")?.actual).toBe("0 keys");
  });

  test("issuer of another tenant: exit 1, entra.issuer fails", async () => {
    fake.issuer = "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0";
    const r = report(await run(args()));
    expect(r.exitCode).toBe(1);
    expect(failing(r)).toEqual(["entra.issuer"]);
  });

  test("HTML where JSON is expected: exit 1 with a clear message, no crash", async () => {
    fake.html = ["/api/v1/system/config/auth"];
    const r = report(await run(args()));
    expect(r.exitCode).toBe(1);
    expect(failing(r)).toEqual(AUTH_ROWS);
    expect(row(r, "auth.clientId")?.note).toBe(
      `HTML instead of JSON from ${serverUrl}/api/v1/system/config/auth: ` +
        "a login page or proxy answered instead of the OpenMetadata API",
    );
    expect(r.hints).toEqual([]);
  });

  test("redirect to a login page: exit 1, the note names the page it landed on", async () => {
    fake.redirectToLogin = ["/api/v1/system/config/jwks"];
    const r = report(await run(args()));
    expect(r.exitCode).toBe(1);
    expect(failing(r)).toEqual(["jwks", "publicKeyUrls[1]"]);
    expect(row(r, "jwks")?.note).toBe(
      `HTML instead of JSON (after a redirect to ${serverUrl}/signin?redirect=%2Fapi%2Fv1%2Fsystem%2Fconfig%2Fjwks): ` +
        "a login page or proxy answered instead of the OpenMetadata API",
    );
  });

  test("persistent 500: retried twice, then a failed check (exit 1, not 3: the server answered)", async () => {
    fake.error500 = ["/api/v1/system/config/auth"];
    const r = report(await run(args()));
    expect(r.exitCode).toBe(1);
    expect(failing(r)).toEqual(AUTH_ROWS);
    expect(row(r, "auth.clientType")?.note).toBe(`HTTP 500 from ${serverUrl}/api/v1/system/config/auth`);
    expect(fake.hits.filter((hit) => hit === "/api/v1/system/config/auth")).toHaveLength(3);
  });

  test("slow start (first 3 requests answer 503): retried until ready, exit 0", async () => {
    fake.unavailableFirst = 3;
    const captured = await run(args());
    expect(captured.code).toBe(0);
    expect(fake.hits.filter((hit) => hit === "/api/v1/system/version")).toHaveLength(4);
  });

  test("never ready (503 for the whole budget): exit 3 within the budget", async () => {
    fake.unavailableFirst = 1_000_000;
    const started = Date.now();
    const r = report(await run(args(["--timeout", "0.5"])));
    expect(r.exitCode).toBe(3);
    expect(r.rows.map((x) => x.check)).toEqual(["version"]);
    expect(row(r, "version")?.note).toMatch(
      /^not reachable: HTTP 503 from http:\/\/127\.0\.0\.1:\d+\/api\/v1\/system\/version \(\d+ attempts\)$/,
    );
    expect(Date.now() - started).toBeLessThan(1500);
  });

  test("server gone after the version check: exit 3, the auth rows fail, later checks do not run", async () => {
    fake.gone = ["/api/v1/system/config/auth"];
    const r = report(await run(args(["--timeout", "0.3"])));
    expect(r.exitCode).toBe(3);
    expect(r.rows.map((x) => x.check)).toEqual(ALL_CHECKS.slice(0, 9));
    expect(failing(r)).toEqual(AUTH_ROWS);
    expect(r.hints).toEqual([]);
  });

  test("connection refused for the whole budget: exit 3", async () => {
    const captured = await run(args(["--timeout", "0.3"], `http://127.0.0.1:${closedPort}`));
    expect(captured.code).toBe(3);
    const r = report(captured);
    expect(r.rows.map((x) => x.check)).toEqual(["version"]);
    expect(row(r, "version")?.note).toContain("ECONNREFUSED");
  });

  test("another patch than deployed is its own failure: exit 1, only the version row fails", async () => {
    fake.version = "1.8.11";
    const r = report(await run(args()));
    expect(r.exitCode).toBe(1);
    expect(failing(r)).toEqual(["version"]);
    expect(row(r, "version")).toEqual({
      check: "version",
      expected: "1.8.12",
      actual: "1.8.11",
      status: "fail",
      note:
        "the server runs 1.8.11 but the stack deploys 1.8.12: the last deployment has not reached this server " +
        "(pulumi up failed or is still rolling out, the server was not restarted, or --url reaches another " +
        "server); run `pulumi up` again",
    });
  });

  test("table output: aligned columns, notes, hint and a summary line", async () => {
    fake.auth.clientId = "wrong";
    const captured = await run(args().filter((value) => value !== "--json"));
    expect(captured.code).toBe(1);
    const lines = captured.stdout.split("\n");
    expect(lines[0]).toBe(`Verifying ${serverUrl}`);
    expect(lines[2]).toMatch(/^CHECK +STATUS +EXPECTED +ACTUAL$/);
    expect(lines.filter((line) => /^auth\.clientId +FAIL +\S+ +wrong$/.test(line))).toHaveLength(1);
    expect(captured.stdout).toContain(
      "\nHint:\n- The server serves other SSO settings than the stack deployed",
    );
    expect(lines.at(-2)).toBe("13 passed, 1 warning, 1 failed, 1 not checked");
    expect(
      lines.filter((line) => /^authorizer\.useRolesFromProvider +SKIP +false +not checked$/.test(line)),
    ).toHaveLength(1);
  });
});

describe("verify CLI: configuration errors exit 2", () => {
  test("unknown flag", async () => {
    const captured = await run(["--stack", "dev", "--bogus"]);
    expect(captured.code).toBe(2);
    expect(captured.stderr.split("\n")[0]).toMatch(/^verify: Unknown option '--bogus'/);
  });

  test("neither --stack nor --expect", async () => {
    const captured = await run(["--json"]);
    expect(captured.code).toBe(2);
    expect(captured.stderr.split("\n")[0]).toBe("verify: give --stack <name> or --expect <file|->");
  });

  test("expect JSON without clientId is rejected by the schema", async () => {
    const outputs = stackOutputs();
    delete outputs.clientId;
    const captured = await run(args(), JSON.stringify(outputs));
    expect(captured.code).toBe(2);
    expect(captured.stderr).toContain("verify: stdin is not valid stack outputs:\n");
    expect(captured.stderr).toContain("at clientId");
    expect(captured.stdout).toBe("");
  });

  test("expect file that is not JSON", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "verify-")), "outputs.json");
    writeFileSync(file, "not json");
    const captured = await run(["--expect", file, "--url", serverUrl]);
    expect(captured.code).toBe(2);
    expect(captured.stderr.startsWith(`verify: ${file} is not JSON: `)).toBe(true);
  });

  test("--ca-file that holds no certificate", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "verify-")), "ca.pem");
    writeFileSync(file, "hello");
    const captured = await run(args(["--ca-file", file]));
    expect(captured.code).toBe(2);
    expect(captured.stderr).toBe(`verify: --ca-file ${file} holds no PEM certificate\n`);
  });
});

/** A file in a fresh directory holding `text`, with exactly `mode` (chmod, so the umask does not matter). */
function secretFile(text: string, mode: number): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "verify-token-")), "admin.jwt");
  writeFileSync(file, text);
  chmodSync(file, mode);
  return file;
}

const A_TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.bm90LWEtcmVhbC1zaWduYXR1cmU";
/** File modes mean nothing about other users on Windows, where verify does not check them. */
const onPosix = process.platform === "win32" ? test.skip : test;

describe("verify CLI: --token-file", () => {
  test("mode 0600: read, exit 0 (1.8 has no endpoint, so the row is not checked)", async () => {
    const captured = await run(args(["--token-file", secretFile(`${A_TOKEN}\n`, 0o600)]));
    expect(captured.stderr).toBe("");
    expect(captured.code).toBe(0);
    expect(row(report(captured), "authorizer.useRolesFromProvider")?.status).toBe("skip");
  });

  onPosix("readable by every user: refused (exit 2), the file named, the token not printed", async () => {
    const file = secretFile(A_TOKEN, 0o644);
    const captured = await run(args(["--token-file", file]));
    expect(captured.code).toBe(2);
    expect(captured.stderr).toBe(
      `verify: --token-file ${file} is readable by every user of this machine (mode 0644) and holds an ` +
        `admin token: restrict it (chmod 600 ${file}) and run verify again\n`,
    );
    expect(captured.stdout).toBe("");
  });

  onPosix("readable by its group: used, with a warning on stderr", async () => {
    const file = secretFile(A_TOKEN, 0o640);
    const captured = await run(args(["--token-file", file]));
    expect(captured.code).toBe(0);
    expect(captured.stderr).toBe(
      `verify: warning: --token-file ${file} is readable by its group (mode 0640); an admin token belongs in ` +
        `a file only you can read (chmod 600 ${file})\n`,
    );
  });

  test.each([
    ["empty", "\n", (file: string) => `verify: --token-file ${file} is empty\n`],
    [
      "two lines",
      `${A_TOKEN}\n${A_TOKEN}\n`,
      (file: string) =>
        `verify: --token-file ${file} does not hold one token: it must hold only an OpenMetadata JWT or ` +
        "personal access token, on one line (no `Bearer ` prefix, no quotes)\n",
    ],
    [
      "a Bearer prefix",
      `Bearer ${A_TOKEN}`,
      (file: string) =>
        `verify: --token-file ${file} does not hold one token: it must hold only an OpenMetadata JWT or ` +
        "personal access token, on one line (no `Bearer ` prefix, no quotes)\n",
    ],
  ])("%s: exit 2, the content not printed", async (_name, text, message) => {
    const file = secretFile(text, 0o600);
    const captured = await run(args(["--token-file", file]));
    expect(captured.code).toBe(2);
    expect(captured.stderr).toBe(message(file));
    expect(captured.stderr).not.toContain(A_TOKEN);
  });

  test("a missing file or a directory: exit 2", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "verify-token-"));
    const missing = await run(args(["--token-file", path.join(dir, "nope")]));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^verify: cannot read --token-file .*nope: ENOENT/);
    mkdirSync(path.join(dir, "d"));
    const directory = await run(args(["--token-file", path.join(dir, "d")]));
    expect(directory.stderr).toBe(`verify: --token-file ${path.join(dir, "d")} is a directory\n`);
  });

  test("a file larger than 16 KiB: exit 2", async () => {
    const file = secretFile("a".repeat(17 * 1024), 0o600);
    const captured = await run(args(["--token-file", file]));
    expect(captured.code).toBe(2);
    expect(captured.stderr).toBe(
      `verify: --token-file ${file} is larger than 16384 bytes: not a token file\n`,
    );
  });
});

describe("verify CLI: expected values from the offline plan", () => {
  test("--stack without --expect uses the plan's outputs", async () => {
    const stacks: string[] = [];
    const plan = JSON.stringify({
      stack: "prod",
      project: "openmetadata-entra",
      resources: [],
      outputs: stackOutputs(),
    });
    const runPlan = async (stack: string) => {
      stacks.push(stack);
      return plan;
    };
    const argv = ["--stack", "prod", "--url", serverUrl, "--entra-base-url", serverUrl, "--json", ...FAST];
    const captured = await run(argv, "", runPlan);
    expect(captured.code).toBe(0);
    expect(stacks).toEqual(["prod"]);
  });
});

describe("verify CLI as a real process", () => {
  test("exits 1 on a wrong client ID and prints the table", async () => {
    fake.auth.clientId = "wrong";
    const file = path.join(mkdtempSync(path.join(tmpdir(), "verify-")), "outputs.json");
    writeFileSync(file, JSON.stringify(stackOutputs()));
    const argv = [...TS_NODE_ARGS, "tools/verify/cli.ts", "--expect", file, "--url", serverUrl];
    // Asynchronous on purpose: the fake server lives in this process and must keep answering.
    const result = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        [...argv, "--entra-base-url", serverUrl, ...FAST],
        { cwd: path.resolve(__dirname, "..") },
        (_error, stdout) => resolve({ code: child.exitCode, stdout }),
      );
    });
    expect(result.code).toBe(1);
    expect(result.stdout.split("\n").filter((line) => line.startsWith("auth.clientId "))).toHaveLength(1);
    expect(result.stdout.trimEnd().split("\n").at(-1)).toBe("13 passed, 1 warning, 1 failed, 1 not checked");
  }, 20_000);
});

/** Any character that could move the cursor or reorder text on a terminal (see tools/verify/text.ts). */
const UNSAFE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/** A served client ID that would clear the screen and print a red "PASS", then reverse the rest of the line. */
const HOSTILE = "\u001b[2J\u001b[31mPASS\u202e\u009b0m\r\b\u0007";
const HOSTILE_SHOWN = "\\u001b[2J\\u001b[31mPASS\\u202e\\u009b0m\\u000d\\u0008\\u0007";

describe("verify CLI: text from the server is escaped before it is printed", () => {
  test("table: control and bidi characters in a served value are shown as visible escapes", async () => {
    fake.auth.clientId = HOSTILE;
    const captured = await run(args().filter((value) => value !== "--json"));
    expect(captured.code).toBe(1);
    expect(captured.stdout).not.toMatch(UNSAFE);
    const line = captured.stdout.split("\n").find((candidate) => candidate.startsWith("auth.clientId "));
    expect(line).toMatch(/^auth\.clientId +FAIL +\S+ +(\S+)$/);
    expect(line?.endsWith(` ${HOSTILE_SHOWN}`)).toBe(true);
  });

  test("JSON: the text holds no raw control, C1 or bidi character; the parsed value is what was served", async () => {
    fake.auth.clientId = HOSTILE;
    const captured = await run(args());
    expect(captured.code).toBe(1);
    expect(captured.stdout).not.toMatch(UNSAFE);
    expect(captured.stdout).toContain("PASS\\u202e\\u009b0m");
    expect(row(report(captured), "auth.clientId")).toMatchObject({ actual: HOSTILE, status: "fail" });
  });

  test("JSON keys and values of a served object are escaped too (table)", async () => {
    fake.version = { "\u001b]0;owned\u0007": "\u009b2J\u2066x" } as unknown as string;
    const captured = await run(args().filter((value) => value !== "--json"));
    expect(captured.code).toBe(1);
    expect(captured.stdout).not.toMatch(UNSAFE);
    expect(captured.stdout).toContain('{"\\u001b]0;owned\\u0007":"\\u009b2J\\u2066x"}');
  });

  test("a very long served value is cut to 200 characters with its original length", async () => {
    fake.auth.clientId = "A".repeat(5000);
    const r = report(await run(args()));
    expect(row(r, "auth.clientId")?.actual).toBe(`${"A".repeat(200)}… (5000 characters)`);
    const table = await run(args().filter((value) => value !== "--json"));
    expect(table.stdout.length).toBeLessThan(5000);
  });
});

describe("verify CLI: refused redirects fail the check (exit 1)", () => {
  test("OpenMetadata redirecting to another origin: the auth rows fail, the other server is not asked", async () => {
    fake.redirectTo = {
      "/api/v1/system/config/auth": `http://127.0.0.1:${closedPort}/api/v1/system/config/auth?session=s3cr3t`,
    };
    const r = report(await run(args()));
    expect(r.exitCode).toBe(1);
    expect(failing(r)).toEqual(AUTH_ROWS);
    expect(row(r, "auth.clientId")?.note).toBe(
      `refused the redirect from ${serverUrl}/api/v1/system/config/auth to ` +
        `http://127.0.0.1:${closedPort}/api/v1/system/config/auth: ` +
        "it leads to another origin (scheme, host or port) than the request's",
    );
    expect(JSON.stringify(r)).not.toContain("s3cr3t");
  });

  test("OpenMetadata redirecting to login.microsoftonline.com is not followed, even with --entra-base-url", async () => {
    fake.redirectTo = {
      "/api/v1/system/config/jwks": "https://login.microsoftonline.com/common/discovery/keys",
    };
    const r = report(await run(args()));
    expect(r.exitCode).toBe(1);
    expect(failing(r)).toEqual(["jwks", "publicKeyUrls[1]"]);
    expect(row(r, "jwks")?.note).toMatch(/^refused the redirect from .* another origin/);
  });

  test("Entra ID redirecting to its own endpoint is followed (through --entra-base-url): exit 0", async () => {
    fake.redirectTo = {
      "/common/discovery/keys": "https://login.microsoftonline.com/common/discovery/v2.0/keys",
    };
    const captured = await run(args());
    expect(captured.code).toBe(0);
    expect(fake.hits).toContain("/common/discovery/v2.0/keys");
    expect(row(report(captured), "publicKeyUrls[0]")).toMatchObject({ status: "pass", actual: "2 keys" });
  });
});

describe("verify CLI: GUIDs compare case-insensitively", () => {
  test("client ID, tenant in authority and issuer, and kid served in upper case: exit 0", async () => {
    fake.auth.clientId = CLIENT.toUpperCase();
    fake.auth.authority = `https://login.microsoftonline.com/${TENANT.toUpperCase()}`;
    fake.issuer = `https://login.microsoftonline.com/${TENANT.toUpperCase()}/v2.0`;
    fake.jwksKeys = [{ kty: "RSA", kid: KEY_ID.toUpperCase(), n: "x", e: "AQAB" }];
    const captured = await run(args());
    expect(captured.code).toBe(0);
    const r = report(captured);
    expect(failing(r)).toEqual([]);
    expect(row(r, "auth.clientId")).toMatchObject({ actual: CLIENT.toUpperCase(), status: "pass" });
    expect(row(r, "jwks")).toMatchObject({
      expected: `>= 1 RSA key, one with kid ${KEY_ID}`,
      actual: `1 key, kid ${KEY_ID.toUpperCase()}`,
    });
  });

  test("another kid than the deployed keyId: exit 1, jwks fails and names the served kid", async () => {
    fake.jwksKeys = [{ kty: "RSA", kid: "00000000-0000-4000-8000-000000000001", n: "x", e: "AQAB" }];
    const r = report(await run(args()));
    expect(r.exitCode).toBe(1);
    expect(failing(r)).toEqual(["jwks"]);
    expect(row(r, "jwks")).toMatchObject({ actual: "1 key, kid 00000000-0000-4000-8000-000000000001" });
    expect(row(r, "jwks")?.note).toContain("deployed kid");
  });

  test("non-GUID parts still compare exactly: an upper-case host in the authority fails", async () => {
    fake.auth.authority = `https://LOGIN.microsoftonline.com/${TENANT}`;
    fake.auth.provider = "Azure";
    const r = report(await run(args()));
    expect(r.exitCode).toBe(1);
    expect(failing(r)).toEqual(["auth.provider", "auth.authority"]);
  });
});
