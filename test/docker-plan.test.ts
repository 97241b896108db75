import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { privateKeyPemToPkcs8DerBase64 } from "../components/openmetadata/jwt-keys";
import { resolveRelease, type OpenMetadataRelease } from "../components/openmetadata/releases";
import { reconcilesStoredSecurityConfig } from "../components/openmetadata/security-config";
import { FAKE_RSA_PRIVATE_KEY_PEM } from "../tools/plan/fakes";
import { plan, REPO_ROOT } from "../tools/plan/plan";
import type { PlanDocument } from "../tools/plan/report";

type PlannedResource = PlanDocument["resources"][number];

const DEV = readFileSync(join(REPO_ROOT, "stacks", "Pulumi.dev.yaml"), "utf8");

function stackFile(yaml: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "docker-plan-")), "Pulumi.case.yaml");
  writeFileSync(path, yaml);
  return path;
}

const named = (doc: PlanDocument, name: string): PlannedResource => {
  const found = doc.resources.find((r) => r.name === name);
  if (!found) throw new Error(`no ${name}`);
  return found;
};
const envOf = (doc: PlanDocument, name: string) => (named(doc, name).inputs as { envs: string[] }).envs;
/** The release a plan deployed (the stack's openmetadataVersion, or the default). */
const releaseOf = (doc: PlanDocument): OpenMetadataRelease =>
  resolveRelease(doc.outputs.openmetadataVersion as string);
/** The stored-SSO reset's resources, present on 1.10+ with ssoConfigSource stack (the default). */
const resets = (doc: PlanDocument) => reconcilesStoredSecurityConfig(releaseOf(doc));

describe("offline plan of the dev stack (docker target)", () => {
  let doc: PlanDocument;
  let json: string;
  beforeAll(async () => {
    doc = (await plan({ stack: "dev" })).plan;
    json = JSON.stringify(doc);
  });

  it("shows the complete Docker stack", () => {
    const docker = doc.resources
      .filter((r) => r.type.startsWith("docker:") || r.type.startsWith("pulumi:providers:docker"))
      .map((r) => `${r.type} ${r.name}`)
      .sort();
    const reset = resets(doc);
    expect(docker).toEqual([
      "docker:index/container:Container openmetadata-database",
      "docker:index/container:Container openmetadata-ingestion",
      "docker:index/container:Container openmetadata-migrate",
      "docker:index/container:Container openmetadata-search",
      "docker:index/container:Container openmetadata-server",
      ...(reset
        ? [
            "docker:index/container:Container openmetadata-sso-reset",
            "docker:index/container:Container openmetadata-sso-state-init",
          ]
        : []),
      "docker:index/network:Network openmetadata-network",
      "docker:index/remoteImage:RemoteImage openmetadata-database-image",
      "docker:index/remoteImage:RemoteImage openmetadata-ingestion-image",
      "docker:index/remoteImage:RemoteImage openmetadata-search-image",
      "docker:index/remoteImage:RemoteImage openmetadata-server-image",
      "docker:index/volume:Volume openmetadata-db-data",
      "docker:index/volume:Volume openmetadata-ingestion-dag-configs",
      "docker:index/volume:Volume openmetadata-ingestion-dags",
      "docker:index/volume:Volume openmetadata-ingestion-tmp",
      "docker:index/volume:Volume openmetadata-search-data",
      ...(reset ? ["docker:index/volume:Volume openmetadata-sso-state"] : []),
      "pulumi:providers:docker docker",
    ]);
    expect(named(doc, "openmetadata-version-guard").type).toBe("command:local:Command");
    expect(named(doc, "docker").inputs).toMatchObject({ host: "unix:///var/run/docker.sock", sshOpts: "[]" });
  });

  it("puts the Entra settings in the server env, with the JWKS reached by container name", () => {
    const env = envOf(doc, "openmetadata-server");
    const clientId = doc.outputs.clientId as string;
    const tenant = (doc.outputs.authority as string).split("/").pop() as string;
    const entraKeys =
      releaseOf(doc).entraKeysUrl === "common"
        ? "https://login.microsoftonline.com/common/discovery/keys"
        : `https://login.microsoftonline.com/${tenant}/discovery/v2.0/keys`;
    expect(env).toEqual(
      expect.arrayContaining([
        "AUTHENTICATION_PROVIDER=azure",
        `AUTHENTICATION_AUTHORITY=${doc.outputs.authority as string}`,
        `AUTHENTICATION_CLIENT_ID=${clientId}`,
        "AUTHENTICATION_CALLBACK_URL=http://localhost:8585/callback",
        `AUTHENTICATION_PUBLIC_KEYS=[${entraKeys}, http://openmetadata-server:8585/api/v1/system/config/jwks]`,
        "AUTHORIZER_ADMIN_PRINCIPALS=[jane.doe]",
      ]),
    );
    expect(named(doc, "openmetadata-server").inputs.ports).toEqual([
      { external: 8585, internal: 8585, ip: "127.0.0.1" },
    ]);
    expect(doc.outputs).toMatchObject({
      target: "docker",
      dockerServerContainer: "openmetadata-server",
      dockerHostUrl: "http://127.0.0.1:8585",
    });
  });

  it("contains no secret value", () => {
    const privateDer = privateKeyPemToPkcs8DerBase64(FAKE_RSA_PRIVATE_KEY_PEM);
    for (const leak of ["fake-password-", "fake-secret-", "fake-client-secret-", "PRIVATE KEY", privateDer]) {
      expect(json.includes(leak)).toBe(false);
    }
    expect(envOf(doc, "openmetadata-server").filter((l) => l === "[secret]")).toHaveLength(3);
  });
});

describe("an SSO change touches only the server, the migration and the stored-SSO reset", () => {
  it("leaves every stateful resource's name, inputs and options unchanged", async () => {
    const changed = DEV.replace("    - jane.doe\n", "    - jane.doe\n    - john.smith\n").concat(
      "  openmetadata-entra:enableSelfSignup: false\n  openmetadata-entra:jwtPrincipalClaims:\n    - preferred_username\n",
    );
    expect(changed).not.toBe(DEV);
    const [a, b] = [
      (await plan({ stack: "dev" })).plan,
      (await plan({ stack: "dev", stackFile: stackFile(changed) })).plan,
    ];
    const id = (r: PlannedResource) => `${r.type} ${r.name}`;
    const differing = a.resources
      .filter((r) => JSON.stringify(r) !== JSON.stringify(b.resources.find((s) => id(s) === id(r))))
      .map((r) => r.name)
      .sort();
    expect(differing).toEqual([
      "openmetadata-migrate",
      "openmetadata-server",
      ...(resets(a) ? ["openmetadata-sso-reset"] : []),
    ]);
    expect(b.resources.map(id)).toEqual(a.resources.map(id));
    expect(envOf(b, "openmetadata-server")).toContain("AUTHORIZER_ADMIN_PRINCIPALS=[jane.doe, john.smith]");
  });
});

/** A production Docker stack on a remote TLS host; `extra` lines are appended to its config. */
const PRODUCTION = (extra: string[] = []) =>
  stackFile(
    [
      "config:",
      "  openmetadata-entra:publicUrl: https://openmetadata.example.com",
      "  openmetadata-entra:target: docker",
      "  openmetadata-entra:production: true",
      "  openmetadata-entra:entraOwners:",
      "    - 00000000-0000-0000-0000-00000000a001",
      "    - 00000000-0000-0000-0000-00000000a002",
      "  openmetadata-entra:entraAssignmentRequired: true",
      "  openmetadata-entra:entraAssignedGroups:",
      "    - 00000000-0000-0000-0000-00000000b001",
      "  openmetadata-entra:adminPrincipals:",
      "    - jane.doe",
      "  openmetadata-entra:principalDomain: example.com",
      "  openmetadata-entra:dockerHost: tcp://docker.example.com:2376",
      "  openmetadata-entra:dockerTlsCa:",
      "    secure: AAABAA==",
      "  openmetadata-entra:dockerTlsCert:",
      "    secure: AAABAA==",
      "  openmetadata-entra:dockerTlsKey:",
      "    secure: AAABAA==",
      ...extra,
      "",
    ].join("\n"),
  );

/** Names of the resources whose options have `option` set, sorted. */
const withOption = (doc: PlanDocument, option: "protect" | "retainOnDelete") =>
  doc.resources
    .filter((r) => r.options[option])
    .map((r) => r.name)
    .sort();

/**
 * What Docker keeps data in: the database's and the search engine's volumes, the passwords, the Fernet keys and
 * Airflow's keys (a JWT secret only with Airflow 3).
 */
const dockerData = (doc: PlanDocument) =>
  [
    "openmetadata-airflow-admin-password",
    "openmetadata-airflow-db-password",
    "openmetadata-airflow-fernet-key",
    ...(releaseOf(doc).airflowMajor === 3 ? ["openmetadata-airflow-jwt-secret"] : []),
    "openmetadata-airflow-secret-key",
    "openmetadata-db-data",
    "openmetadata-db-password",
    "openmetadata-db-root-password",
    "openmetadata-fernet-key",
    "openmetadata-search-data",
  ].sort();
/** Retained on delete: every volume, the SSO state volume (1.10+ with the stack's SSO) too. */
const dockerVolumes = (doc: PlanDocument) => [
  "openmetadata-db-data",
  "openmetadata-ingestion-dag-configs",
  "openmetadata-ingestion-dags",
  "openmetadata-ingestion-tmp",
  "openmetadata-search-data",
  ...(resets(doc) ? ["openmetadata-sso-state"] : []),
];

describe("production on docker", () => {
  it("protects the app registration and the data (not containers or Airflow's working volumes), binds the UI on 127.0.0.1 and uses the TLS host", async () => {
    const doc = (await plan({ stack: "prodlike", stackFile: PRODUCTION() })).plan;
    expect(withOption(doc, "protect")).toEqual(["entra-app", "entra-sp", ...dockerData(doc)]);
    expect(withOption(doc, "retainOnDelete")).toEqual(dockerVolumes(doc));
    expect(named(doc, "openmetadata-server").inputs.ports).toEqual([
      { external: 8585, internal: 8585, ip: "127.0.0.1" },
    ]);
    expect(named(doc, "docker").inputs).toMatchObject({
      host: "tcp://docker.example.com:2376",
      caMaterial: "[secret]",
      certMaterial: "[secret]",
      keyMaterial: "[secret]",
    });
  });

  it("publishes the UI on dockerUiBindAddress", async () => {
    const doc = (
      await plan({
        stack: "prodlike",
        stackFile: PRODUCTION(["  openmetadata-entra:dockerUiBindAddress: 0.0.0.0"]),
      })
    ).plan;
    expect(named(doc, "openmetadata-server").inputs.ports).toEqual([
      { external: 8585, internal: 8585, ip: "0.0.0.0" },
    ]);
  });
});

describe("data safety on the dev stack", () => {
  it("protects the data by default, and names the data volumes after the engine", async () => {
    const doc = (await plan({ stack: "dev" })).plan;
    expect(withOption(doc, "protect")).toEqual(dockerData(doc));
    expect(withOption(doc, "retainOnDelete")).toEqual(dockerVolumes(doc));
    expect([
      named(doc, "openmetadata-db-data").inputs.name,
      named(doc, "openmetadata-search-data").inputs.name,
    ]).toEqual(["openmetadata-mysql-data", "openmetadata-elasticsearch-data"]);
    expect(doc.outputs.dockerVolumes).toEqual([
      "openmetadata-mysql-data",
      "openmetadata-elasticsearch-data",
      ...(resets(doc) ? ["openmetadata-sso-state"] : []),
      "openmetadata-ingestion-dag-configs",
      "openmetadata-ingestion-dags",
      "openmetadata-ingestion-tmp",
    ]);
  });

  it("names a postgresql and opensearch stack's volumes after those engines", async () => {
    const doc = (
      await plan({
        stack: "dev",
        stackFile: stackFile(
          DEV.concat(
            "  openmetadata-entra:dockerDatabaseEngine: postgresql\n  openmetadata-entra:dockerSearchEngine: opensearch\n",
          ),
        ),
      })
    ).plan;
    expect([
      named(doc, "openmetadata-db-data").inputs.name,
      named(doc, "openmetadata-search-data").inputs.name,
    ]).toEqual(["openmetadata-postgresql-data", "openmetadata-opensearch-data"]);
  });

  it.each<[string, boolean]>([
    ["false", true],
    ["true", false],
  ])(
    "allowDataReplacement %s: data protected %s, volumes retained on delete either way",
    async (value, on) => {
      const changed = DEV.concat(`  openmetadata-entra:allowDataReplacement: ${value}\n`);
      const doc = (await plan({ stack: "dev", stackFile: stackFile(changed) })).plan;
      expect(withOption(doc, "protect")).toEqual(on ? dockerData(doc) : []);
      expect(withOption(doc, "retainOnDelete")).toEqual(dockerVolumes(doc));
    },
  );
});
