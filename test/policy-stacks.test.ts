/**
 * The whole pack over the resources the program really registers: the offline plan (`npm run plan -- --json`) of
 * the repository's stacks and of variants written here, each resource run through every policy by the harness.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { allPolicies } from "../policy/policies";
import { plan } from "../tools/plan/plan";
import { runPolicy, UNKNOWN_STRING } from "./policy-harness";

const PRODUCTION: Record<string, object> = JSON.parse(
  readFileSync(join(__dirname, "..", "policy", "config", "production.json"), "utf8"),
);
/** Only the transport policy in production: for stacks that are not production otherwise (unprotected app). */
const TLS_REQUIRED = { "production-data-transport-tls": { production: true } };
const P = "openmetadata-entra";

interface PlannedResource {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  options: { protect: boolean; deleteBeforeReplace: boolean; ignoreChanges: string[] };
}

/** Replaces the plan's secret mask by the analyzer's unknown string: what preview shows for generated secrets. */
function masked(value: unknown): unknown {
  if (value === "[secret]") return UNKNOWN_STRING;
  if (Array.isArray(value)) return value.map(masked);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, masked(v)]));
  return value;
}

async function resources(
  stack: string,
  options: { yaml?: string; secretsUnknown?: boolean } = {},
): Promise<PlannedResource[]> {
  let stackFile: string | undefined;
  if (options.yaml !== undefined) {
    stackFile = join(mkdtempSync(join(tmpdir(), "policy-plan-")), `Pulumi.${stack}.yaml`);
    writeFileSync(stackFile, options.yaml);
  }
  const { plan: doc } = await plan({ stack, stackFile, showSecrets: !options.secretsUnknown });
  const list = doc.resources as unknown as PlannedResource[];
  return options.secretsUnknown
    ? list.map((r) => ({ ...r, inputs: masked(r.inputs) as PlannedResource["inputs"] }))
    : list;
}

/** Every violation of every policy over the resources, with its policy's config from `configs`. */
function violations(list: PlannedResource[], configs: Record<string, object> = {}): string[] {
  const found: string[] = [];
  for (const r of list) {
    for (const policy of allPolicies) {
      const outcome = runPolicy(policy, r.type, r.inputs, {
        name: r.name,
        opts: {
          protect: r.options.protect,
          ignoreChanges: r.options.ignoreChanges,
          deleteBeforeReplace: r.options.deleteBeforeReplace,
        },
        config: configs[policy.name] ?? {},
      });
      if (outcome.unknown.length > 0) throw new Error(`${policy.name} on ${r.name}: ${outcome.unknown}`);
      found.push(...outcome.violations.map((v) => `${policy.name}: ${v}`));
    }
  }
  return found;
}

const STAGING = readFileSync(join(__dirname, "..", "stacks", "Pulumi.staging.yaml"), "utf8");
const DEV = readFileSync(join(__dirname, "..", "stacks", "Pulumi.dev.yaml"), "utf8");
/** The staging stack file with more keys. */
const staging = (extra: string) => `${STAGING.trimEnd()}\n${extra}\n`;
const dev = (extra: string) => `${DEV.trimEnd()}\n${extra}\n`;
/** A Kubernetes stack with the bundled dependencies (not allowed in production by the program). */
const K8S_BUNDLED = `config:
  ${P}:publicUrl: https://openmetadata.test.example.com
  ${P}:target: kubernetes
  ${P}:adminPrincipals: [jane.doe]
  ${P}:principalDomain: example.com
  ${P}:k8sTlsSecretName: openmetadata-tls
`;

describe("the pack over the program's stacks", () => {
  // Expected warnings of these plans: the offline deployer is not among prod's example owners, and a variant
  // sets allowDataReplacement.
  beforeAll(() => {
    const warn = console.warn;
    const expected = /is not in entraOwners|allowDataReplacement is set/;
    jest.spyOn(console, "warn").mockImplementation((...args: unknown[]) => {
      if (!expected.test(String(args[0]))) warn(...args);
    });
  });
  afterAll(() => jest.restoreAllMocks());

  it.each(["dev", "staging", "prod"])("passes the %s stack with the default config", async (stack) => {
    expect(violations(await resources(stack))).toEqual([]);
  });

  it.each(["dev", "staging", "prod"])(
    "passes the %s stack with its secrets unknown (as generated ones are in preview)",
    async (stack) => {
      const configs = stack === "prod" ? PRODUCTION : TLS_REQUIRED;
      expect(violations(await resources(stack, { secretsUnknown: true }), configs)).toEqual([]);
    },
  );

  it("passes the prod stack with policy/config/production.json", async () => {
    expect(violations(await resources("prod"), PRODUCTION)).toEqual([]);
  });

  it("passes the dev stack (Docker, bundled database and search on the container network) in production", async () => {
    expect(violations(await resources("dev"), TLS_REQUIRED)).toEqual([]);
  });

  it("passes a Kubernetes stack with bundled dependencies outside production, flags its cleartext in production", async () => {
    const list = await resources("k8sbundled", { yaml: K8S_BUNDLED });
    expect(list.filter((r) => r.name.endsWith("fernet-key")).map((r) => r.name)).toEqual([
      "openmetadata-airflow-fernet-key",
      "openmetadata-fernet-key",
    ]);
    expect(violations(list)).toEqual([]);
    const release = 'Release "openmetadata-openmetadata" (chart openmetadata)';
    expect(violations(list, TLS_REQUIRED)).toEqual([
      `production-data-transport-tls: ${release} reaches the database at mysql in cleartext: values.openmetadata.config.database.dbParams has no sslMode=REQUIRED, VERIFY_CA or VERIFY_IDENTITY; production stacks must use TLS: add sslMode=REQUIRED (or VERIFY_CA, VERIFY_IDENTITY) to it.`,
      `production-data-transport-tls: ${release} reaches the search engine at opensearch in cleartext: values.openmetadata.config.elasticsearch.scheme is "http"; production stacks must use TLS: set it to https.`,
      `production-data-transport-tls: ${release} sends Airflow's credentials in cleartext: values.openmetadata.config.pipelineServiceClientConfig.airflow.apiEndpoint is an http URL; production stacks must use TLS: use an https endpoint.`,
    ]);
  });

  it("flags a VM that binds OpenMetadata to all interfaces", async () => {
    const list = await resources("vmwide", {
      yaml: staging(`  ${P}:vmServerBindAddress: "0.0.0.0"\n  ${P}:vmTls: external`),
    });
    expect(violations(list)).toEqual([
      'vm-server-not-on-all-interfaces: Command "openmetadata-env" writes /etc/openmetadata/openmetadata.env with SERVER_HOST "0.0.0.0": OpenMetadata\'s UI port 8585 and its unauthenticated admin port 8586 listen on all interfaces; set SERVER_HOST (vmServerBindAddress) to 127.0.0.1 behind the TLS proxy, or to the one address a load balancer reaches.',
    ]);
  });

  it("passes a VM with a remote database and search over TLS in production, and flags cleartext ones", async () => {
    const remote = `  ${P}:vmDatabaseType: postgresql\n  ${P}:vmDatabaseHost: pg.example.com\n  ${P}:vmSearchHost: search.example.com`;
    expect(violations(await resources("vmtls", { yaml: staging(remote) }), TLS_REQUIRED)).toEqual([]);
    const cleartext = `${remote}\n  ${P}:vmDatabaseParams: sslmode=prefer\n  ${P}:vmSearchScheme: http`;
    const subject = 'Command "openmetadata-env" (/etc/openmetadata/openmetadata.env)';
    const list = await resources("vmclear", { yaml: staging(cleartext) });
    expect(violations(list)).toEqual([]);
    expect(violations(list, TLS_REQUIRED)).toEqual([
      `production-data-transport-tls: ${subject} reaches the database at pg.example.com in cleartext: DB_PARAMS has no sslmode=require, verify-ca or verify-full; production stacks must use TLS: add sslmode=require (or verify-ca, verify-full) to it.`,
      `production-data-transport-tls: ${subject} reaches the search engine at search.example.com in cleartext: ELASTICSEARCH_SCHEME is "http"; production stacks must use TLS: set it to https.`,
    ]);
  });

  it("flags Docker's UI published on all interfaces unless allowPublicUiPort", async () => {
    const list = await resources("dockerwide", { yaml: dev(`  ${P}:dockerUiBindAddress: "0.0.0.0"`) });
    expect(violations(list)).toEqual([
      'docker-internal-ports-not-public: Container "openmetadata-server" publishes OpenMetadata\'s UI port 8585 on all interfaces (ip "0.0.0.0"); set ports[].ip to "127.0.0.1" (dockerUiBindAddress) and serve it through a TLS reverse proxy, or set allowPublicUiPort: true in this policy\'s config.',
    ]);
    expect(violations(list, { "docker-internal-ports-not-public": { allowPublicUiPort: true } })).toEqual([]);
  });

  it("flags Docker's external database and search in cleartext in production", async () => {
    const external = [
      `  ${P}:dockerIngestion: false`,
      `  ${P}:dockerDatabaseMode: external`,
      `  ${P}:dockerDatabaseHost: mysql.example.com`,
      `  ${P}:dockerDatabaseParams: allowPublicKeyRetrieval=true&useSSL=true`,
      `  ${P}:dockerSearchMode: external`,
      `  ${P}:dockerSearchHost: search.example.com`,
      `  ${P}:dockerSearchScheme: http`,
    ].join("\n");
    const list = await resources("dockerclear", { yaml: dev(external) });
    expect(violations(list)).toEqual([]);
    const found = violations(list, TLS_REQUIRED);
    expect(found).toEqual(
      ["openmetadata-migrate", "openmetadata-server", "openmetadata-sso-reset"].flatMap((name) => [
        `production-data-transport-tls: Container "${name}" reaches the database at mysql.example.com in cleartext: env DB_PARAMS has no sslMode=REQUIRED, VERIFY_CA or VERIFY_IDENTITY; production stacks must use TLS: add sslMode=REQUIRED (or VERIFY_CA, VERIFY_IDENTITY) to it.`,
        `production-data-transport-tls: Container "${name}" reaches the search engine at search.example.com in cleartext: env ELASTICSEARCH_SCHEME is "http"; production stacks must use TLS: set it to https.`,
      ]),
    );
  });

  it("flags the unprotected Fernet keys of a stack that allows data replacement, unless the policy allows it too", async () => {
    const list = await resources("k8sreplace", { yaml: `${K8S_BUNDLED}  ${P}:allowDataReplacement: true\n` });
    const fix =
      "is not protected; set the resource option protect: true on it (the program does unless allowDataReplacement is set): a replaced Fernet key cannot decrypt the secrets stored with the old one. Set allowDataReplacement: true in this policy's config only for an update meant to replace it.";
    expect(violations(list)).toEqual([
      `fernet-key-protected: RandomBytes "openmetadata-airflow-fernet-key" ${fix}`,
      `fernet-key-protected: RandomBytes "openmetadata-fernet-key" ${fix}`,
    ]);
    expect(violations(list, { "fernet-key-protected": { allowDataReplacement: true } })).toEqual([]);
  });
});
