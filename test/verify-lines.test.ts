/**
 * `npm run verify` on every supported release line, against a fake OpenMetadata serving each line's
 * `/api/v1/system/config/auth` shape over real loopback HTTP (Entra reached through --entra-base-url):
 * - `subset`: what ConfigResource.getAuthConfig serves from 1.10.1 to 1.12.12 (issue 29597) and, from the YAML,
 *   on 1.8/1.9: the copied fields, plus the schema defaults of responseType, publicKeyUrls and
 *   tokenValidationAlgorithm whatever the server uses;
 * - `full`: an answer that copies those three too (upstream PR 31516, or the older whole-object answer).
 * Every line is run with both shapes: which patch serves which is not pinned, and verify must be right with either.
 * The authorizer settings: `/api/v1/system/security/config` (1.10+, admins only) with `--token-file`, and the
 * not-checked row without a token or on 1.8/1.9.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { main, type Io } from "../tools/verify/cli";

const TENANT = "11111111-2222-3333-4444-555555555555";
const CLIENT = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
const OTHER_CLIENT = "99999999-0000-4000-8000-000000000000";
const KEY_ID = "315c0eba-520f-870f-9fe7-c3dd804957b2";
const PUBLIC_URL = "https://om.example.com";
const AUTHORITY = `https://login.microsoftonline.com/${TENANT}`;
const TENANT_KEYS = `https://login.microsoftonline.com/${TENANT}/discovery/v2.0/keys`;
const COMMON_KEYS = "https://login.microsoftonline.com/common/discovery/keys";
const OWN_JWKS = `${PUBLIC_URL}/api/v1/system/config/jwks`;
/** An admin's token as `--token-file` holds it (the fake accepts only this one). */
const TOKEN =
  "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJhZG1pbiIsImlzQm90IjpmYWxzZX0.c2lnbmF0dXJlLW9mLWFkbWlu";
/** The client secret a 1.10+ server serves to admins unless maskPasswordsAPI is on. */
const SECRET = "Zq8~client-secret-served-to-admins";

type Target = "docker" | "vm" | "kubernetes";
type Shape = "subset" | "full";

/** One row per supported line: its default patch, whether it keeps SSO settings in its database, its Entra keys. */
const LINES = [
  { line: "1.8", version: "1.8.12", stored: false, entraKeys: COMMON_KEYS, validator: false },
  { line: "1.9", version: "1.9.17", stored: false, entraKeys: COMMON_KEYS, validator: false },
  { line: "1.10", version: "1.10.14", stored: true, entraKeys: TENANT_KEYS, validator: false },
  { line: "1.11", version: "1.11.13", stored: true, entraKeys: TENANT_KEYS, validator: false },
  { line: "1.12", version: "1.12.12", stored: true, entraKeys: TENANT_KEYS, validator: true },
  { line: "1.13", version: "1.13.1", stored: true, entraKeys: TENANT_KEYS, validator: true },
] as const;
type Line = (typeof LINES)[number];

const SHAPES: readonly Shape[] = ["subset", "full"];
const MATRIX = LINES.flatMap((line) => SHAPES.map((shape) => ({ ...line, shape })));

/** The stack outputs of a stack on `line` (the `sso` output as the SSO model builds it). */
function outputs(line: Line, extra: Record<string, unknown> = {}, target: Target = "docker") {
  return {
    publicUrl: PUBLIC_URL,
    clientId: CLIENT,
    tenantId: TENANT,
    authority: AUTHORITY,
    redirectUris: [`${PUBLIC_URL}/callback`],
    openmetadataVersion: line.version,
    target,
    sso: {
      authenticationConfiguration: {
        provider: "azure",
        clientType: "public",
        responseType: "id_token",
        authority: AUTHORITY,
        clientId: CLIENT,
        callbackUrl: `${PUBLIC_URL}/callback`,
        publicKeyUrls: [line.entraKeys, OWN_JWKS],
        tokenValidationAlgorithm: "RS256",
        jwtPrincipalClaims: ["email", "preferred_username", "sub"],
        jwtPrincipalClaimsMapping: [],
        enableSelfSignup: true,
      },
      authorizerConfiguration: {
        adminPrincipals: ["admin"],
        principalDomain: "example.com",
        useRolesFromProvider: true,
      },
      jwtTokenConfiguration: { jwtissuer: "om.example.com", keyId: KEY_ID },
    },
    ...extra,
  };
}

/** What the server runs with (the stored settings on 1.10+, the env on 1.8/1.9): by default the stack's. */
interface Running {
  clientId: string;
  authority: string;
  publicKeyUrls: string[];
  enableSelfSignup: boolean;
  tokenValidationAlgorithm: string;
}

function runningAsDeployed(line: Line): Running {
  return {
    clientId: CLIENT,
    authority: AUTHORITY,
    publicKeyUrls: [line.entraKeys, OWN_JWKS],
    enableSelfSignup: true,
    tokenValidationAlgorithm: "RS256",
  };
}

/** The `/api/v1/system/config/auth` answer of `shape` for a server running with `running` (ConfigResource). */
function authAnswer(line: Line, shape: Shape, running: Running): Record<string, unknown> {
  const copied: Record<string, unknown> = {
    provider: "azure",
    providerName: "",
    clientType: "public",
    enableSelfSignup: running.enableSelfSignup,
    jwtPrincipalClaims: ["email", "preferred_username", "sub"],
    jwtPrincipalClaimsMapping: [],
    clientId: running.clientId,
    authority: running.authority,
    callbackUrl: `${PUBLIC_URL}/callback`,
  };
  if (line.stored && line.line !== "1.10") copied.enableAutoRedirect = false;
  return shape === "full"
    ? {
        ...copied,
        responseType: "id_token",
        publicKeyUrls: running.publicKeyUrls,
        tokenValidationAlgorithm: running.tokenValidationAlgorithm,
      }
    : { ...copied, responseType: "id_token", publicKeyUrls: [], tokenValidationAlgorithm: "RS256" };
}

interface Fake {
  version: string;
  auth: Record<string, unknown>;
  /** The answer of `/api/v1/system/security/config` to TOKEN (any other token: 401). */
  security?: { status: number; body: unknown };
}
let fake: Fake;
/** `<path> <Authorization header>` of every request that had one. */
let authorizations: string[] = [];
let server: http.Server;
let serverUrl = "";

function handle(req: http.IncomingMessage, res: http.ServerResponse): void {
  const pathname = new URL(req.url ?? "/", "http://x").pathname;
  const json = (status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  const keys = { keys: [{ kty: "RSA", kid: "ms1", n: "x", e: "AQAB" }] };
  const authorization = req.headers.authorization;
  if (authorization !== undefined) authorizations.push(`${pathname} ${authorization}`);
  switch (pathname) {
    case "/api/v1/system/security/config":
      if (fake.security === undefined) return json(404, { code: 404, message: "HTTP 404 Not Found" });
      if (authorization !== `Bearer ${TOKEN}`) return json(401, { code: 401, message: "Not Authorized" });
      if (typeof fake.security.body === "string") {
        res.writeHead(fake.security.status, { "content-type": "text/html" });
        return void res.end(fake.security.body);
      }
      return json(fake.security.status, fake.security.body);
    case "/api/v1/system/version":
      return json(200, { version: fake.version, revision: "abc", timestamp: 1 });
    case "/api/v1/system/config/auth":
      return json(200, fake.auth);
    case "/api/v1/system/config/jwks":
      return json(200, { keys: [{ kty: "RSA", kid: KEY_ID, n: "x", e: "AQAB" }] });
    case `/${TENANT}/v2.0/.well-known/openid-configuration`:
      return json(200, { issuer: `https://login.microsoftonline.com/${TENANT}/v2.0`, jwks_uri: TENANT_KEYS });
    case `/${TENANT}/discovery/v2.0/keys`:
    case "/common/discovery/keys":
      return json(200, keys);
    default:
      return json(404, { code: 404 });
  }
}

beforeAll(async () => {
  server = http.createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

beforeEach(() => {
  authorizations = [];
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

interface JsonReport {
  exitCode: number;
  rows: { check: string; status: string; expected: string; actual: string; note?: string }[];
  hints: string[];
}

const FAST = ["--timeout", "2", "--backoff", "0.05", "--request-timeout", "1"];

async function verify(stackOutputs: unknown, extraArgs: string[] = []) {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    readStdin: async () => JSON.stringify(stackOutputs),
  };
  const argv = ["--expect", "-", "--url", serverUrl, "--entra-base-url", serverUrl, "--json", ...FAST];
  const code = await main([...argv, ...extraArgs], io);
  return { code, stdout, stderr, report: stdout === "" ? undefined : (JSON.parse(stdout) as JsonReport) };
}

async function verified(stackOutputs: unknown, extraArgs: string[] = []): Promise<JsonReport> {
  const result = await verify(stackOutputs, extraArgs);
  expect(result.stderr).toBe("");
  return result.report as JsonReport;
}

const checks = (r: JsonReport) => r.rows.map((x) => x.check);
/** Failing and warning rows (the authorizer's not-checked row is asserted on its own). */
const notPassing = (r: JsonReport) =>
  r.rows.filter((x) => x.status === "fail" || x.status === "warn").map((x) => [x.check, x.status]);
const row = (r: JsonReport, check: string) => r.rows.find((x) => x.check === check);

/** The auth rows each shape yields (fields a shape does not serve get no row). */
const COPIED_ROWS = [
  "auth.provider",
  "auth.clientId",
  "auth.authority",
  "auth.callbackUrl",
  "auth.clientType",
  "auth.enableSelfSignup",
  "auth.jwtPrincipalClaims",
  "auth.jwtPrincipalClaimsMapping",
];
const KEY_ROWS = ["auth.publicKeyUrls", "auth.responseType", "auth.tokenValidationAlgorithm"];

function expectedChecks(line: Line, shape: Shape): string[] {
  const azure = line.validator
    ? ["azure.authority", ...(shape === "full" ? ["azure.publicKeyUrls"] : [])]
    : [];
  return [
    "version",
    ...COPIED_ROWS,
    ...(shape === "full" ? KEY_ROWS : []),
    ...azure,
    "authorizer.useRolesFromProvider",
    "jwks",
    "entra.issuer",
    "entra.jwks_uri",
    "publicKeyUrls[0]",
    "publicKeyUrls[1]",
  ];
}

/** The drift text verify prints for `clientId` served as OTHER_CLIENT. */
const CLIENT_DRIFT = `clientId: expected "${CLIENT}", served "${OTHER_CLIENT}"`;

/** The hint on 1.10+ with ssoConfigSource stack, per target. */
function stackHint(line: string, target: Target, drift: string, sourceNote = ""): string {
  const reset = {
    docker: {
      when: "the reset runs when the SSO digest changes",
      log: "the one-shot reset container's, docker ps -a and docker logs",
      restart: "docker restart <prefix>-server",
    },
    vm: {
      when: "the reset runs when the SSO digest changes",
      log: "journalctl -u openmetadata on the VM",
      restart: "systemctl restart openmetadata",
    },
    kubernetes: {
      when: "every server pod resets them after its migration",
      log: "kubectl -n <namespace> logs <pod> -c run-db-migrations",
      restart: "kubectl -n <namespace> rollout restart deploy/<release>",
    },
  }[target];
  return (
    `The server's stored SSO settings differ from the stack's: ${drift}. OpenMetadata ${line} keeps them in its ` +
    `database and reads the environment only to seed them; ssoConfigSource stack${sourceNote}. Fix: run ` +
    `\`pulumi up\` again (${reset.when}); if it persists, check the reset step's log for \`openmetadata-entra:\` ` +
    `lines (${reset.log}); manual fix: \`openmetadata-ops.sh remove-security-config --force\` then restart ` +
    `(${reset.restart}). See docs/sso-config-source.md.`
  );
}

/** The hint on 1.8/1.9, per target. */
function envHint(line: string, target: Target, drift: string): string {
  const where = {
    docker: ["docker exec <prefix>-server env", "docker restart <prefix>-server"],
    vm: ["the VM's /etc/openmetadata/openmetadata.env", "systemctl restart openmetadata"],
    kubernetes: [
      "kubectl -n <namespace> exec deploy/<release> -- env",
      "kubectl -n <namespace> rollout restart deploy/<release>",
    ],
  }[target];
  return (
    `The server serves other SSO settings than the stack deployed: ${drift}. OpenMetadata ${line} reads them ` +
    "from its environment at every start, so the server was not restarted with the new settings, or it runs " +
    `with a different env. Fix: compare the server's environment (${where[0]}) with the stack's, then restart ` +
    `the server (${where[1]}) or run \`pulumi up\` again.`
  );
}

const DATABASE_HINT = (line: string) =>
  `The server's stored SSO settings differ from the stack's: ${CLIENT_DRIFT}. OpenMetadata ${line} keeps them ` +
  "in its database and reads the environment only to seed them; ssoConfigSource database. The server keeps the " +
  "settings made in its UI; set ssoConfigSource=stack to let the stack own them, or change them in Settings → SSO.";

describe.each(MATRIX)("verify on OpenMetadata $line ($shape answer)", (line) => {
  const { shape } = line;
  beforeEach(() => {
    fake = { version: line.version, auth: authAnswer(line, shape, runningAsDeployed(line)) };
  });

  test("matching configuration: exit 0, every row passes, no hint", async () => {
    const r = await verified(outputs(line, { ssoConfigSource: "stack" }));
    expect(r.exitCode).toBe(0);
    expect(checks(r)).toEqual(expectedChecks(line, shape));
    expect(notPassing(r)).toEqual([]);
    expect(r.hints).toEqual([]);
  });

  test("a field the answer does not copy never fails, whatever the stack has", async () => {
    // The stack validates tokens with RS512; the subset answer says RS256 (its schema default) regardless.
    const stack = outputs(line);
    stack.sso.authenticationConfiguration.tokenValidationAlgorithm = "RS512";
    fake.auth = authAnswer(line, shape, { ...runningAsDeployed(line), tokenValidationAlgorithm: "RS512" });
    const r = await verified(stack);
    expect(r.exitCode).toBe(0);
    expect(notPassing(r)).toEqual([]);
    expect(row(r, "auth.tokenValidationAlgorithm")?.actual).toBe(shape === "full" ? "RS512" : undefined);
  });

  test("a drifted client ID: the line's fix, naming the field with both values", async () => {
    fake.auth = authAnswer(line, shape, { ...runningAsDeployed(line), clientId: OTHER_CLIENT });
    const r = await verified(outputs(line, line.stored ? { ssoConfigSource: "stack" } : {}));
    expect(r.exitCode).toBe(1);
    expect(notPassing(r)).toEqual([["auth.clientId", "fail"]]);
    expect(row(r, "auth.clientId")).toEqual({
      check: "auth.clientId",
      expected: CLIENT,
      actual: OTHER_CLIENT,
      status: "fail",
    });
    expect(r.hints).toEqual([
      line.stored ? stackHint(line.line, "docker", CLIENT_DRIFT) : envHint(line.line, "docker", CLIENT_DRIFT),
    ]);
  });

  test("another version than the stack's: its own failing row, the SSO rows still pass", async () => {
    fake.version = `${line.line}.99`;
    const r = await verified(outputs(line));
    expect(r.exitCode).toBe(1);
    expect(notPassing(r)).toEqual([["version", "fail"]]);
    expect(row(r, "version")).toEqual({
      check: "version",
      expected: line.version,
      actual: `${line.line}.99`,
      status: "fail",
      note:
        `the server runs ${line.line}.99 but the stack deploys ${line.version}: the last deployment has not ` +
        "reached this server (pulumi up failed or is still rolling out, the server was not restarted, or --url " +
        "reaches another server); run `pulumi up` again",
    });
    expect(r.hints).toEqual([]);
  });
});

const STORED = LINES.filter((line) => line.stored);
const ENV = LINES.filter((line) => !line.stored);

describe.each(STORED)("verify on OpenMetadata $line: who owns the stored settings", (line) => {
  beforeEach(() => {
    fake = {
      version: line.version,
      auth: authAnswer(line, "subset", { ...runningAsDeployed(line), clientId: OTHER_CLIENT }),
    };
  });

  test("ssoConfigSource database (from the outputs): the drift warns (exit 0) with the UI fix", async () => {
    const r = await verified(outputs(line, { ssoConfigSource: "database" }));
    expect(r.exitCode).toBe(0);
    expect(notPassing(r)).toEqual([["auth.clientId", "warn"]]);
    expect(r.hints).toEqual([DATABASE_HINT(line.line)]);
  });

  test("ssoConfigSource database from --sso-config-source when the outputs do not name it", async () => {
    const r = await verified(outputs(line), ["--sso-config-source", "database"]);
    expect(r.exitCode).toBe(0);
    expect(r.hints).toEqual([DATABASE_HINT(line.line)]);
  });

  test("neither outputs nor flag name it: the default (stack) is assumed, and the hint says so", async () => {
    const r = await verified(outputs(line));
    expect(r.exitCode).toBe(1);
    expect(r.hints).toEqual([
      stackHint(
        line.line,
        "docker",
        CLIENT_DRIFT,
        " (assumed: the stack outputs do not name it; give --sso-config-source database if the stack sets database)",
      ),
    ]);
  });

  test.each(["vm", "kubernetes"] as const)(
    "ssoConfigSource stack on %s: that target's reset log and restart",
    async (target) => {
      const r = await verified(outputs(line, { ssoConfigSource: "stack" }, target));
      expect(r.exitCode).toBe(1);
      expect(r.hints).toEqual([stackHint(line.line, target, CLIENT_DRIFT)]);
    },
  );
});

describe.each(ENV)("verify on OpenMetadata $line: the env fix per target", (line) => {
  beforeEach(() => {
    fake = {
      version: line.version,
      auth: authAnswer(line, "subset", { ...runningAsDeployed(line), clientId: OTHER_CLIENT }),
    };
  });

  test.each(["vm", "kubernetes"] as const)("%s", async (target) => {
    const extra = target === "vm" ? { vmEnvFilePath: "/etc/openmetadata/openmetadata.env" } : {};
    const r = await verified(outputs(line, extra, target));
    expect(r.exitCode).toBe(1);
    expect(r.hints).toEqual([envHint(line.line, target, CLIENT_DRIFT)]);
  });
});

describe("verify: several fields drift at once", () => {
  test("1.13, full answer: each differing field is named with its expected and served value", async () => {
    const line = LINES[5];
    fake = {
      version: line.version,
      auth: authAnswer(line, "full", {
        ...runningAsDeployed(line),
        enableSelfSignup: false,
        publicKeyUrls: [COMMON_KEYS, OWN_JWKS],
      }),
    };
    const r = await verified(outputs(line, { ssoConfigSource: "stack" }));
    expect(r.exitCode).toBe(1);
    expect(notPassing(r)).toEqual([
      ["auth.enableSelfSignup", "fail"],
      ["auth.publicKeyUrls", "fail"],
      ["azure.publicKeyUrls", "warn"],
    ]);
    const drift =
      "enableSelfSignup: expected true, served false; " +
      `publicKeyUrls: expected ["${TENANT_KEYS}","${OWN_JWKS}"], served ["${COMMON_KEYS}","${OWN_JWKS}"]`;
    expect(r.hints).toEqual([stackHint("1.13", "docker", drift)]);
    expect(row(r, "azure.publicKeyUrls")).toEqual({
      check: "azure.publicKeyUrls",
      expected: `contains ${TENANT_KEYS}`,
      actual: JSON.stringify([COMMON_KEYS, OWN_JWKS]),
      status: "warn",
      note:
        "OpenMetadata 1.12+ validates Azure SSO settings when they are saved (Settings → SSO) and refuses " +
        "publicKeyUrls without the tenant's https://login.microsoftonline.com/<tenant>/discovery/v2.0/keys",
    });
  });

  test("publicKeyUrls in another order is no drift", async () => {
    const line = LINES[4];
    fake = {
      version: line.version,
      auth: authAnswer(line, "full", { ...runningAsDeployed(line), publicKeyUrls: [OWN_JWKS, TENANT_KEYS] }),
    };
    const r = await verified(outputs(line, { ssoConfigSource: "stack" }));
    expect(r.exitCode).toBe(0);
    expect(notPassing(r)).toEqual([]);
  });
});

describe("verify: the 1.12+ Azure validator", () => {
  const authority = `${AUTHORITY}/v2.0`;
  test.each(LINES.map((line) => [line.line, line] as const))(
    "%s: a served authority that is not exactly login.microsoftonline.com/<tenant>",
    async (_name, line) => {
      const stack = outputs(line, { ssoConfigSource: "stack" });
      stack.sso.authenticationConfiguration.authority = authority;
      fake = {
        version: line.version,
        auth: authAnswer(line, "subset", { ...runningAsDeployed(line), authority }),
      };
      const r = await verified(stack);
      expect(r.exitCode).toBe(0);
      expect(row(r, "auth.authority")?.status).toBe("pass");
      if (!line.validator) {
        expect(row(r, "azure.authority")).toBeUndefined();
        expect(notPassing(r)).toEqual([]);
        return;
      }
      expect(notPassing(r)).toEqual([["azure.authority", "warn"]]);
      expect(row(r, "azure.authority")).toEqual({
        check: "azure.authority",
        expected: AUTHORITY,
        actual: authority,
        status: "warn",
        note:
          "OpenMetadata 1.12+ validates Azure SSO settings when they are saved (Settings → SSO) and refuses a " +
          "public client's authority other than exactly https://login.microsoftonline.com/<tenant>",
      });
    },
  );
});

describe("verify: the 1.12+ Azure validator, confidential client", () => {
  test("its authority rule is a public client's: a confidential client gets no azure.authority row", async () => {
    const line = LINES[5];
    const authority = `${AUTHORITY}/v2.0`;
    const stack = outputs(line, { ssoConfigSource: "stack" });
    stack.sso.authenticationConfiguration.clientType = "confidential";
    stack.sso.authenticationConfiguration.authority = authority;
    fake = {
      version: line.version,
      auth: {
        ...authAnswer(line, "full", { ...runningAsDeployed(line), authority }),
        clientType: "confidential",
      },
    };
    const r = await verified(stack);
    expect(r.exitCode).toBe(0);
    expect(notPassing(r)).toEqual([]);
    expect(row(r, "azure.authority")).toBeUndefined();
    expect(row(r, "azure.publicKeyUrls")?.status).toBe("pass");
  });
});

describe("verify: the line follows the server", () => {
  test("stack on 1.13, server still on 1.9 (upgrade not rolled out): version fails, drift gets the env fix", async () => {
    const line13 = LINES[5];
    const line9 = LINES[1];
    fake = {
      version: "1.9.17",
      auth: authAnswer(line9, "subset", { ...runningAsDeployed(line9), clientId: OTHER_CLIENT }),
    };
    const r = await verified(outputs(line13, { ssoConfigSource: "stack" }));
    expect(r.exitCode).toBe(1);
    expect(notPassing(r)).toEqual([
      ["version", "fail"],
      ["auth.clientId", "fail"],
    ]);
    expect(row(r, "version")?.note).toBe(
      "the server runs 1.9.17 but the stack deploys 1.13.1: the last deployment has not reached this server " +
        "(pulumi up failed or is still rolling out, the server was not restarted, or --url reaches another " +
        "server); run `pulumi up` again; the SSO checks follow the server's line (1.9)",
    );
    expect(r.hints).toEqual([envHint("1.9", "docker", CLIENT_DRIFT)]);
    expect(row(r, "azure.authority")).toBeUndefined();
  });

  test("a server of an unsupported line: the checks follow the stack's line", async () => {
    const line = LINES[5];
    fake = { version: "2.0.1", auth: authAnswer(line, "subset", runningAsDeployed(line)) };
    const r = await verified(outputs(line, { ssoConfigSource: "stack" }));
    expect(r.exitCode).toBe(1);
    expect(notPassing(r)).toEqual([["version", "fail"]]);
    expect(row(r, "version")?.note).toBe(
      "the server runs 2.0.1 but the stack deploys 1.13.1: the last deployment has not reached this server " +
        "(pulumi up failed or is still rolling out, the server was not restarted, or --url reaches another " +
        "server); run `pulumi up` again; 2.0.1 is not of a supported line (1.8.x, 1.9.x, 1.10.x, 1.11.x, " +
        "1.12.x, 1.13.x), so the SSO checks follow the stack's line (1.13)",
    );
    expect(row(r, "azure.authority")?.status).toBe("pass");
  });
});

describe("verify: configuration errors about the line and the source exit 2", () => {
  test("--sso-config-source contradicting the outputs", async () => {
    const result = await verify(outputs(LINES[5], { ssoConfigSource: "stack" }), [
      "--sso-config-source",
      "database",
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'verify: --sso-config-source database contradicts the stack outputs, whose ssoConfigSource is "stack"\n',
    );
    expect(result.stdout).toBe("");
  });

  test("an unknown --sso-config-source", async () => {
    const result = await verify(outputs(LINES[5]), ["--sso-config-source", "ui"]);
    expect(result.code).toBe(2);
    expect(result.stderr.split("\n")[0]).toBe(
      'verify: --sso-config-source must be stack or database; got "ui"',
    );
  });

  test("outputs of a version outside the supported lines", async () => {
    const result = await verify({ ...outputs(LINES[5]), openmetadataVersion: "1.7.4" });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("verify: stdin is not valid stack outputs:\n");
    expect(result.stderr).toContain(
      "must be a release of a supported line (1.8.x, 1.9.x, 1.10.x, 1.11.x, 1.12.x, 1.13.x)",
    );
    expect(result.stderr).toContain("at openmetadataVersion");
  });
});

/** A file holding `token`, readable by its owner only (as --token-file wants it). */
function tokenFile(token = TOKEN): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "verify-token-")), "admin.jwt");
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return file;
}

/** What the server runs with on the authorizer side; by default the stack's. */
interface RunningAuthorizer {
  useRolesFromProvider: boolean;
  adminPrincipals: string[];
  principalDomain: string;
}

const AUTHORIZER_AS_DEPLOYED: RunningAuthorizer = {
  useRolesFromProvider: true,
  adminPrincipals: ["admin"],
  principalDomain: "example.com",
};

/** The `/api/v1/system/security/config` answer (SystemResource): both sections, the secret not masked. */
function securityAnswer(line: Line, running: Partial<RunningAuthorizer> = {}): Record<string, unknown> {
  return {
    authenticationConfiguration: {
      ...authAnswer(line, "full", runningAsDeployed(line)),
      oidcConfiguration: { id: CLIENT, type: "azure", secret: SECRET, tenant: TENANT },
    },
    authorizerConfiguration: {
      className: "org.openmetadata.service.security.DefaultAuthorizer",
      containerRequestFilter: "org.openmetadata.service.security.JwtFilter",
      enforcePrincipalDomain: false,
      enableSecureSocketConnection: false,
      ...AUTHORIZER_AS_DEPLOYED,
      ...running,
    },
  };
}

const ROLES_ROW = "authorizer.useRolesFromProvider";
const SECURITY_URL = () => `${serverUrl}/api/v1/system/security/config`;

/** The check by hand that every not-checked row ends with, for a stack that takes roles from the provider. */
const TOKEN_BY_HAND =
  "; then sign in as a member of a mapped group and decode your ID token (docs/authorization.md, " +
  '"Check the roles claim of your token"): its roles claim must hold your app roles, and your profile in ' +
  "OpenMetadata must list the same roles.";

function envNotChecked(line: string, env: string, tokenGiven: boolean): string {
  return (
    `not checked: OpenMetadata ${line} serves its authorizer settings nowhere: /api/v1/system/security/config ` +
    "exists from 1.10, and /api/v1/system/config/authorizer has only principalDomain" +
    (tokenGiven ? "; the token of --token-file was not sent" : "") +
    `. By hand: the server's AUTHORIZER_USE_ROLES_FROM_PROVIDER (${env}) must be "true"${TOKEN_BY_HAND}`
  );
}

function storedNotChecked(line: string): string {
  return (
    `not checked: OpenMetadata ${line} serves its authorizer settings only to admins (GET ` +
    "/api/v1/system/security/config); give --token-file <file> holding an admin's JWT or personal access token " +
    `to compare them. By hand: as an admin, Settings → SSO must show "Use Roles From Provider" on${TOKEN_BY_HAND}`
  );
}

describe.each(LINES)("verify on OpenMetadata $line: the authorizer settings without a token", (line) => {
  beforeEach(() => {
    fake = {
      version: line.version,
      auth: authAnswer(line, "subset", runningAsDeployed(line)),
      security: { status: 200, body: securityAnswer(line) },
    };
  });

  test("one not-checked row that says why and how to check by hand; exit 0, nothing asked", async () => {
    const r = await verified(outputs(line, line.stored ? { ssoConfigSource: "stack" } : {}));
    expect(r.exitCode).toBe(0);
    expect(row(r, ROLES_ROW)).toEqual({
      check: ROLES_ROW,
      expected: "true",
      actual: "not checked",
      status: "skip",
      note: line.stored
        ? storedNotChecked(line.line)
        : envNotChecked(line.line, "docker exec <prefix>-server env", false),
    });
    expect(r.rows.filter((x) => x.check.startsWith("authorizer."))).toHaveLength(1);
    expect(authorizations).toEqual([]);
  });

  test("a stack without roles from the provider: the row expects false, the check by hand says off", async () => {
    const stack = outputs(line);
    stack.sso.authorizerConfiguration.useRolesFromProvider = false;
    const r = await verified(stack);
    expect(row(r, ROLES_ROW)).toMatchObject({ expected: "false", status: "skip" });
    expect(row(r, ROLES_ROW)?.note).toMatch(
      line.stored
        ? /By hand: as an admin, Settings → SSO must show "Use Roles From Provider" off\.$/
        : /By hand: the server's AUTHORIZER_USE_ROLES_FROM_PROVIDER \(docker exec <prefix>-server env\) must be "false"\.$/,
    );
  });
});

describe.each(ENV)("verify on OpenMetadata $line: the authorizer settings with a token", (line) => {
  beforeEach(() => {
    fake = { version: line.version, auth: authAnswer(line, "subset", runningAsDeployed(line)) };
  });

  test("no such endpoint on the line: not checked, and the token is sent nowhere", async () => {
    const r = await verified(outputs(line), ["--token-file", tokenFile()]);
    expect(r.exitCode).toBe(0);
    expect(row(r, ROLES_ROW)).toEqual({
      check: ROLES_ROW,
      expected: "true",
      actual: "not checked",
      status: "skip",
      note: envNotChecked(line.line, "docker exec <prefix>-server env", true),
    });
    expect(authorizations).toEqual([]);
  });

  test.each([
    ["vm", "the VM's /etc/openmetadata/openmetadata.env"],
    ["kubernetes", "kubectl -n <namespace> exec deploy/<release> -- env"],
  ] as const)("on %s the check by hand names that target's env", async (target, env) => {
    const extra = target === "vm" ? { vmEnvFilePath: "/etc/openmetadata/openmetadata.env" } : {};
    const r = await verified(outputs(line, extra, target));
    expect(row(r, ROLES_ROW)?.note).toBe(envNotChecked(line.line, env, false));
  });
});

describe.each(STORED)("verify on OpenMetadata $line: the authorizer settings with an admin token", (line) => {
  beforeEach(() => {
    fake = {
      version: line.version,
      auth: authAnswer(line, "subset", runningAsDeployed(line)),
      security: { status: 200, body: securityAnswer(line) },
    };
  });

  test("matching: three passing rows, the token sent to that endpoint only", async () => {
    const r = await verified(outputs(line, { ssoConfigSource: "stack" }), ["--token-file", tokenFile()]);
    expect(r.exitCode).toBe(0);
    expect(notPassing(r)).toEqual([]);
    expect(r.rows.filter((x) => x.check.startsWith("authorizer."))).toEqual([
      { check: ROLES_ROW, expected: "true", actual: "true", status: "pass" },
      {
        check: "authorizer.adminPrincipals",
        expected: 'includes ["admin"]',
        actual: '["admin"]',
        status: "pass",
      },
      { check: "authorizer.principalDomain", expected: "example.com", actual: "example.com", status: "pass" },
    ]);
    expect(r.hints).toEqual([]);
    expect(authorizations).toEqual([`/api/v1/system/security/config Bearer ${TOKEN}`]);
  });

  test("roles from the provider off on the server: drift with the line's fix", async () => {
    fake.security = { status: 200, body: securityAnswer(line, { useRolesFromProvider: false }) };
    const r = await verified(outputs(line, { ssoConfigSource: "stack" }), ["--token-file", tokenFile()]);
    expect(r.exitCode).toBe(1);
    expect(notPassing(r)).toEqual([[ROLES_ROW, "fail"]]);
    expect(row(r, ROLES_ROW)).toEqual({
      check: ROLES_ROW,
      expected: "true",
      actual: "false",
      status: "fail",
    });
    expect(r.hints).toEqual([
      stackHint(line.line, "docker", "useRolesFromProvider: expected true, served false"),
    ]);
  });

  test("HTTP 403 (a token that is not an admin's): a failing row that says so, no hint", async () => {
    fake.security = {
      status: 403,
      body: { code: 403, message: "Principal: CatalogPrincipal{name='bob'} is not admin" },
    };
    const r = await verified(outputs(line, { ssoConfigSource: "stack" }), ["--token-file", tokenFile()]);
    expect(r.exitCode).toBe(1);
    expect(notPassing(r)).toEqual([[ROLES_ROW, "fail"]]);
    expect(row(r, ROLES_ROW)).toEqual({
      check: ROLES_ROW,
      expected: "true",
      actual: "(no usable answer)",
      status: "fail",
      note:
        `the token is not an admin's (HTTP 403 from ${SECURITY_URL()}): OpenMetadata serves ` +
        "/api/v1/system/security/config only to admins; use the token of a user in adminPrincipals or of " +
        "another admin; the authorizer settings were not checked",
    });
    expect(r.hints).toEqual([]);
  });
});

describe("verify on OpenMetadata 1.13: the authorizer settings in detail", () => {
  const line = LINES[5];
  beforeEach(() => {
    fake = {
      version: line.version,
      auth: authAnswer(line, "subset", runningAsDeployed(line)),
      security: { status: 200, body: securityAnswer(line) },
    };
  });
  const run = (extra: Record<string, unknown> = { ssoConfigSource: "stack" }, token = TOKEN) =>
    verified(outputs(line, extra), ["--token-file", tokenFile(token)]);

  test("HTTP 401 (a token the server refuses): a failing row that says so", async () => {
    const r = await run(undefined, "eyJhbGciOiJub25lIn0.eyJzdWIiOiJib2IifQ.expired");
    expect(r.exitCode).toBe(1);
    expect(row(r, ROLES_ROW)).toEqual({
      check: ROLES_ROW,
      expected: "true",
      actual: "(no usable answer)",
      status: "fail",
      note:
        `the token of --token-file was refused (HTTP 401 from ${SECURITY_URL()}): it is expired or revoked, ` +
        "or not a token of this server (an OpenMetadata JWT or personal access token); the authorizer settings " +
        "were not checked",
    });
  });

  test("HTTP 404 (a server without the endpoint): not checked, with the check by hand", async () => {
    delete fake.security;
    const r = await run();
    expect(r.exitCode).toBe(0);
    expect(row(r, ROLES_ROW)).toEqual({
      check: ROLES_ROW,
      expected: "true",
      actual: "not checked",
      status: "skip",
      note:
        `not checked: the server answers HTTP 404 from ${SECURITY_URL()}: it has no ` +
        "/api/v1/system/security/config (a patch without it, or a proxy that does not pass it on). By hand: " +
        `as an admin, Settings → SSO must show "Use Roles From Provider" on${TOKEN_BY_HAND}`,
    });
  });

  test("a login page instead of JSON: a failing row", async () => {
    fake.security = { status: 200, body: "<!doctype html><html><body>Sign in</body></html>" };
    const r = await run();
    expect(row(r, ROLES_ROW)).toMatchObject({ status: "fail", actual: "(no usable answer)" });
    expect(row(r, ROLES_ROW)?.note).toBe(
      `HTML instead of JSON from ${SECURITY_URL()}: a login page or proxy answered instead of the ` +
        "OpenMetadata API; the authorizer settings were not checked",
    );
  });

  test("an answer without authorizerConfiguration: a failing row", async () => {
    fake.security = { status: 200, body: { authenticationConfiguration: {} } };
    const r = await run();
    expect(row(r, ROLES_ROW)?.note).toBe(
      'no "authorizerConfiguration" object in the answer; the authorizer settings were not checked',
    );
  });

  test("ssoConfigSource database: the drift warns (exit 0) with the UI fix", async () => {
    fake.security = { status: 200, body: securityAnswer(line, { useRolesFromProvider: false }) };
    const r = await run({ ssoConfigSource: "database" });
    expect(r.exitCode).toBe(0);
    expect(notPassing(r)).toEqual([[ROLES_ROW, "warn"]]);
    expect(r.hints).toEqual([
      "The server's stored SSO settings differ from the stack's: useRolesFromProvider: expected true, served " +
        "false. OpenMetadata 1.13 keeps them in its database and reads the environment only to seed them; " +
        "ssoConfigSource database. The server keeps the settings made in its UI; set ssoConfigSource=stack to " +
        "let the stack own them, or change them in Settings → SSO.",
    ]);
  });

  test("drift in both endpoints: one hint naming every field", async () => {
    fake.auth = authAnswer(line, "subset", { ...runningAsDeployed(line), clientId: OTHER_CLIENT });
    fake.security = {
      status: 200,
      body: securityAnswer(line, {
        useRolesFromProvider: false,
        adminPrincipals: ["someone"],
        principalDomain: "other.org",
      }),
    };
    const r = await run();
    expect(notPassing(r)).toEqual([
      ["auth.clientId", "fail"],
      [ROLES_ROW, "fail"],
      ["authorizer.adminPrincipals", "fail"],
      ["authorizer.principalDomain", "fail"],
    ]);
    expect(r.hints).toEqual([
      stackHint(
        "1.13",
        "docker",
        `${CLIENT_DRIFT}; useRolesFromProvider: expected true, served false; adminPrincipals: expected to ` +
          'include ["admin"], served ["someone"]; principalDomain: expected "example.com", served "other.org"',
      ),
    ]);
  });

  test("more admins than the stack's, names and domain in another case: no drift", async () => {
    fake.security = {
      status: 200,
      body: securityAnswer(line, { adminPrincipals: ["Admin", "jane.doe"], principalDomain: "Example.COM" }),
    };
    const r = await run();
    expect(r.exitCode).toBe(0);
    expect(notPassing(r)).toEqual([]);
    expect(row(r, "authorizer.adminPrincipals")).toMatchObject({
      actual: '["Admin","jane.doe"]',
      status: "pass",
    });
  });

  test("outputs without useRolesFromProvider expect false; without admins or domain, those are not compared", async () => {
    const stack = outputs(line, { ssoConfigSource: "stack" });
    stack.sso.authorizerConfiguration = {} as typeof stack.sso.authorizerConfiguration;
    const r = await verified(stack, ["--token-file", tokenFile()]);
    expect(r.rows.filter((x) => x.check.startsWith("authorizer."))).toEqual([
      { check: ROLES_ROW, expected: "false", actual: "true", status: "fail" },
    ]);
  });

  test("neither the token nor the served client secret is printed, in JSON or in the table", async () => {
    fake.security = { status: 200, body: securityAnswer(line, { useRolesFromProvider: false }) };
    const file = tokenFile();
    for (const format of [["--json"], []]) {
      let stdout = "";
      let stderr = "";
      const io: Io = {
        stdout: (text) => (stdout += text),
        stderr: (text) => (stderr += text),
        readStdin: async () => JSON.stringify(outputs(line, { ssoConfigSource: "stack" })),
      };
      const argv = ["--expect", "-", "--url", serverUrl, "--entra-base-url", serverUrl, ...FAST];
      expect(await main([...argv, ...format, "--token-file", file], io)).toBe(1);
      expect(stdout).toContain("useRolesFromProvider");
      for (const text of [stdout, stderr]) {
        expect(text).not.toContain(TOKEN);
        expect(text).not.toContain(TOKEN.split(".")[2]);
        expect(text).not.toContain(SECRET);
      }
    }
  });
});
