/**
 * Secrets reach OpenMetadata as written, on every target. OpenMetadata reads them through openmetadata.yaml: its
 * substitutor pastes `${DB_USER_PASSWORD}` and the like into the file as text, then SnakeYAML (YAML 1.1) parses
 * it. On the VM systemd reads the env file first (helpers/systemd-env.ts, written from systemd's rules); Docker
 * passes each `NAME=value` as it is; on Kubernetes the chart hands each Secret value to the same variables.
 * Values no environment can carry into that YAML (`${`, newlines) are refused with the value hidden.
 */
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import { OpenMetadataDocker } from "../components/docker";
import { OpenMetadataKubernetes, type OpenMetadataKubernetesArgs } from "../components/kubernetes";
import { OpenMetadataVm, type OpenMetadataVmArgs } from "../components/vm";
import { FAKE_RSA_PRIVATE_KEY_PEM } from "../tools/plan/fakes";
import type { OfflineRun } from "../tools/plan/mock-runtime";
import { clearInputs, runComponents, valueOf } from "./helpers/offline";
import { ssoSource } from "./helpers/sso-source";
import { envLinesToMap, parseSystemdEnvFile, substituteEnv } from "./helpers/systemd-env";

/** The lines of OpenMetadata 1.8's conf/openmetadata.yaml that read these secrets, nested as there. */
const OPENMETADATA_YAML = `database:
  password: \${DB_USER_PASSWORD:-openmetadata_password}
elasticsearch:
  password: \${ELASTICSEARCH_PASSWORD:-""}
authenticationConfiguration:
  oidcConfiguration:
    secret: \${OIDC_CLIENT_SECRET:-""}
`;

interface Read {
  database: unknown;
  search: unknown;
  clientSecret: unknown;
}

/** What OpenMetadata reads from the environment `env`. */
function openMetadataReads(env: ReadonlyMap<string, string>): Read {
  const doc = parse(substituteEnv(OPENMETADATA_YAML, env), { version: "1.1" }) as {
    database: { password: unknown };
    elasticsearch: { password: unknown };
    authenticationConfiguration: { oidcConfiguration: { secret: unknown } };
  };
  return {
    database: doc.database.password,
    search: doc.elasticsearch.password,
    clientSecret: doc.authenticationConfiguration.oidcConfiguration.secret,
  };
}

/** The issue's pair, then values YAML 1.1 or systemd would read differently if pasted as they are. */
const DATABASE_PASSWORD = `p"a$s#w\\o'rd;`;
const SEARCH_PASSWORD = "#starts-with-hash";
const CLIENT_SECRET = "Xy8Q~a: b #c";
const MORE = [
  `p"a$s#w\\\\o'rd;`,
  "yes",
  "off",
  "null",
  "~",
  "1_000",
  "0x1F",
  "1e3",
  "2026-01-01",
  '"quoted"',
  "'single'",
  "[list]",
  "{map: 1}",
  "&anchor",
  "*alias",
  "!tag x",
  "%directive",
  "@at",
  "`backtick`",
  "- dash",
  "? question",
  "| pipe",
  "> fold",
  "a: b",
  "a #b",
  " leading",
  "trailing ",
  "tab\there",
  "$HOME $$ $",
  "\\",
  'back\\slash\\"',
  "ünïcödé ✓",
  "---",
];

const sso = (clientSecret: string) =>
  ssoSource({
    settings: { publicUrl: "https://om.example.com", clientType: "confidential" },
    clientSecret: pulumi.secret(clientSecret),
  });

async function build(create: () => void): Promise<OfflineRun> {
  return runComponents(create);
}

/** Builds a component and returns its error message, if it refused. */
async function refusal(create: () => void): Promise<{ message: string | undefined; registered: number }> {
  let message: string | undefined;
  const run = await runComponents(() => {
    try {
      create();
    } catch (e) {
      message = (e as Error).message;
    }
  });
  return { message, registered: run.resources.length };
}

const DOLLAR_BRACE = "must not contain ${ (OpenMetadata would expand it as a variable) (value hidden)";
const NEWLINE =
  "must not contain control characters such as newlines (OpenMetadata pastes it into its YAML configuration) (value hidden)";

describe("VM: env file → systemd → openmetadata.yaml", () => {
  const vmArgs = (
    db: string,
    search: string,
    over: Partial<OpenMetadataVmArgs> = {},
  ): OpenMetadataVmArgs => ({
    connection: {
      host: "vm.example.com",
      privateKey: pulumi.secret(FAKE_RSA_PRIVATE_KEY_PEM),
      hostKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeHostKey",
    },
    sso: sso(CLIENT_SECRET),
    tls: { mode: "external" },
    database: { host: "db.example.com", password: pulumi.secret(db) },
    search: { host: "search.example.com", user: "om", password: pulumi.secret(search) },
    release: { sha256: "a".repeat(64) },
    ...over,
  });
  const reads = async (db: string, search: string, clientSecret = CLIENT_SECRET) => {
    let vm: OpenMetadataVm | undefined;
    await build(() => {
      vm = new OpenMetadataVm("om", vmArgs(db, search, { sso: sso(clientSecret) }));
    });
    return openMetadataReads(parseSystemdEnvFile(await valueOf(vm!.envFileText)));
  };

  it(`gives OpenMetadata the database password ${DATABASE_PASSWORD} and the search password ${SEARCH_PASSWORD} unchanged`, async () => {
    expect(await reads(DATABASE_PASSWORD, SEARCH_PASSWORD)).toEqual({
      database: DATABASE_PASSWORD,
      search: SEARCH_PASSWORD,
      clientSecret: CLIENT_SECRET,
    });
  });

  it("gives OpenMetadata every other tricky value unchanged", async () => {
    const got: Read[] = [];
    for (const value of MORE) got.push(await reads(value, value, value));
    expect(got).toEqual(MORE.map((v) => ({ database: v, search: v, clientSecret: v })));
  });

  it("refuses a password with ${ or a newline before anything exists, the value hidden", async () => {
    const attempts = [];
    for (const [db, search] of [
      ["a${HOME}b", "ok"],
      ["line1\nline2", "ok"],
      ["ok", "x${DB_USER_PASSWORD}"],
      ["ok", "cr\rlf"],
    ])
      attempts.push(
        await refusal(() => {
          new OpenMetadataVm("om", {
            ...vmArgs(db, search),
            database: { host: "db.example.com", password: db },
            search: { host: "search.example.com", user: "om", password: search },
          });
        }),
      );
    expect(attempts).toEqual([
      {
        message: `OpenMetadataVm "om": invalid arguments (1):\n  database.password: ${DOLLAR_BRACE}`,
        registered: 0,
      },
      {
        message: `OpenMetadataVm "om": invalid arguments (1):\n  database.password: ${NEWLINE}`,
        registered: 0,
      },
      {
        message: `OpenMetadataVm "om": invalid arguments (1):\n  search.password: ${DOLLAR_BRACE}`,
        registered: 0,
      },
      {
        message: `OpenMetadataVm "om": invalid arguments (1):\n  search.password: ${NEWLINE}`,
        registered: 0,
      },
    ]);
  });
});

describe("Docker: container env → openmetadata.yaml", () => {
  const dockerArgs = (db: unknown, search: unknown, clientSecret = CLIENT_SECRET) => ({
    sso: sso(clientSecret),
    ingestion: false,
    database: { mode: "external" as const, host: "db.example.com", password: db as string },
    search: { mode: "external" as const, host: "search.example.com", user: "om", password: search as string },
  });
  const reads = async (db: string, search: string, clientSecret = CLIENT_SECRET) => {
    const run = await build(() => {
      new OpenMetadataDocker("om", dockerArgs(pulumi.secret(db), pulumi.secret(search), clientSecret));
    });
    const server = run.resources.find((r) => r.name === "om-server")!;
    return openMetadataReads(envLinesToMap(clearInputs(server).envs as string[]));
  };

  it(`gives OpenMetadata the database password ${DATABASE_PASSWORD} and the search password ${SEARCH_PASSWORD} unchanged`, async () => {
    expect(await reads(DATABASE_PASSWORD, SEARCH_PASSWORD)).toEqual({
      database: DATABASE_PASSWORD,
      search: SEARCH_PASSWORD,
      clientSecret: CLIENT_SECRET,
    });
  });

  it("gives OpenMetadata every other tricky value unchanged", async () => {
    const got: Read[] = [];
    for (const value of MORE) got.push(await reads(value, value, value));
    expect(got).toEqual(MORE.map((v) => ({ database: v, search: v, clientSecret: v })));
  });

  it("refuses a database or search password with ${ or a newline, the value hidden", async () => {
    const attempts = [];
    for (const [db, search] of [
      ["a${HOME}b", "ok"],
      ["line1\nline2", "ok"],
      ["ok", "x${DB_USER_PASSWORD}"],
      ["ok", "cr\rlf"],
    ])
      attempts.push(
        await refusal(() => {
          new OpenMetadataDocker("om", dockerArgs(db, search));
        }),
      );
    const subject = 'OpenMetadataDocker "om": invalid arguments (1):\n ';
    expect(attempts).toEqual([
      { message: `${subject} database.password: ${DOLLAR_BRACE}`, registered: 0 },
      { message: `${subject} database.password: ${NEWLINE}`, registered: 0 },
      { message: `${subject} search.password: ${DOLLAR_BRACE}`, registered: 0 },
      { message: `${subject} search.password: ${NEWLINE}`, registered: 0 },
    ]);
  });
});

describe("Kubernetes: chart Secrets → the server's env → openmetadata.yaml", () => {
  const KUBECONFIG =
    "apiVersion: v1\nkind: Config\nclusters:\n  - name: c\n    cluster: { server: https://k8s.invalid }\n" +
    "contexts:\n  - name: c\n    context: { cluster: c, user: u }\nusers:\n  - name: u\n    user: { token: t }\n";
  const k8sArgs = (
    db: unknown,
    search: unknown,
    clientSecret = CLIENT_SECRET,
  ): OpenMetadataKubernetesArgs => ({
    cluster: { kubeconfig: KUBECONFIG },
    sso: sso(clientSecret),
    ingress: { className: "nginx", certManagerIssuer: "letsencrypt" },
    dependencies: {
      mode: "external",
      database: { host: "db.example.com", password: db as string },
      search: { host: "search.example.com", user: "om", password: search as string },
    },
  });
  /** The chart's env from its Secrets: mysql-secrets → DB_USER_PASSWORD and so on. */
  const reads = async (db: string, search: string, clientSecret = CLIENT_SECRET) => {
    const run = await build(() => {
      new OpenMetadataKubernetes("om", k8sArgs(pulumi.secret(db), pulumi.secret(search), clientSecret));
    });
    const data = (secret: string, key: string) => {
      const s = run.resources.find(
        (r) =>
          r.type === "kubernetes:core/v1:Secret" &&
          (clearInputs(r).metadata as { name: string }).name === secret,
      )!;
      return (clearInputs(s).stringData as Record<string, string>)[key];
    };
    return openMetadataReads(
      new Map([
        ["DB_USER_PASSWORD", data("mysql-secrets", "openmetadata-mysql-password")],
        ["ELASTICSEARCH_PASSWORD", data("elasticsearch-secrets", "openmetadata-elasticsearch-password")],
        ["OIDC_CLIENT_SECRET", data("oidc-secrets", "openmetadata-oidc-client-secret")],
      ]),
    );
  };

  it(`gives OpenMetadata the database password ${DATABASE_PASSWORD} and the search password ${SEARCH_PASSWORD} unchanged`, async () => {
    expect(await reads(DATABASE_PASSWORD, SEARCH_PASSWORD)).toEqual({
      database: DATABASE_PASSWORD,
      search: SEARCH_PASSWORD,
      clientSecret: CLIENT_SECRET,
    });
  });

  it("gives OpenMetadata every other tricky value unchanged", async () => {
    const got: Read[] = [];
    for (const value of MORE) got.push(await reads(value, value, value));
    expect(got).toEqual(MORE.map((v) => ({ database: v, search: v, clientSecret: v })));
  });

  it("refuses a database or search password with ${ or a newline, the value hidden", async () => {
    const attempts = [];
    for (const [db, search] of [
      ["a${HOME}b", "ok"],
      ["line1\nline2", "ok"],
      ["ok", "x${DB_USER_PASSWORD}"],
      ["ok", "cr\rlf"],
    ])
      attempts.push(
        await refusal(() => {
          new OpenMetadataKubernetes("om", k8sArgs(db, search));
        }),
      );
    const subject = 'OpenMetadataKubernetes "om": invalid arguments (1):\n ';
    expect(attempts).toEqual([
      { message: `${subject} dependencies.database.password: ${DOLLAR_BRACE}`, registered: 0 },
      { message: `${subject} dependencies.database.password: ${NEWLINE}`, registered: 0 },
      { message: `${subject} dependencies.search.password: ${DOLLAR_BRACE}`, registered: 0 },
      { message: `${subject} dependencies.search.password: ${NEWLINE}`, registered: 0 },
    ]);
  });
});
