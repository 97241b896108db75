/**
 * The Docker target on every supported release line, one row per line, planned through the mocks: images, the
 * bundled search engine and its settings, the database's flags, the server's env, Airflow's keys, the downgrade
 * guard, and the stored-SSO reset (1.10+ with ssoConfigSource "stack"): that it exists exactly there, what it runs,
 * and that an SSO-only change runs it again without touching anything stateful.
 */
import { OpenMetadataDocker, type OpenMetadataDockerArgs, type BundledSearch } from "../components/docker";
import { SSO_STATE_INIT_SCRIPT } from "../components/docker/sso-reset";
import { renderServerEnv } from "../components/openmetadata/sso";
import { securityConfigDigest } from "../components/openmetadata/security-config";
import type { OfflineRun, RecordedResource } from "../tools/plan/mock-runtime";
import { baseArgs, dockerSso, ssoModel } from "./helpers/docker-fixture";
import { clearInputs, inputs, ofType, runComponents } from "./helpers/offline";

const CONTAINER = "docker:index/container:Container";
const VOLUME = "docker:index/volume:Volume";

interface Row {
  version: string;
  elasticsearch: string;
  opensearch: string;
  /** Elasticsearch's data directory in the search volume (its own per major from 9). */
  elasticData: string;
  airflow: 2 | 3;
  /** The server stores its SSO settings (1.10+): the reset runs with ssoConfigSource "stack". */
  stored: boolean;
  /** The Entra keys URL in AUTHENTICATION_PUBLIC_KEYS. */
  entraKeys: "common" | "tenant";
}

const ES_ROOT = "/usr/share/elasticsearch/data";
const ROWS: Row[] = [
  {
    version: "1.8.12",
    elasticsearch: "8.11.4",
    opensearch: "2.19.1",
    elasticData: ES_ROOT,
    airflow: 2,
    stored: false,
    entraKeys: "common",
  },
  {
    version: "1.9.17",
    elasticsearch: "8.11.4",
    opensearch: "2.19.3",
    elasticData: ES_ROOT,
    airflow: 2,
    stored: false,
    entraKeys: "common",
  },
  {
    version: "1.10.14",
    elasticsearch: "8.11.4",
    opensearch: "2.19.3",
    elasticData: ES_ROOT,
    airflow: 2,
    stored: true,
    entraKeys: "tenant",
  },
  {
    version: "1.11.13",
    elasticsearch: "8.11.4",
    opensearch: "2.19.3",
    elasticData: ES_ROOT,
    airflow: 3,
    stored: true,
    entraKeys: "tenant",
  },
  {
    version: "1.12.12",
    elasticsearch: "9.3.0",
    opensearch: "3.3.2",
    elasticData: `${ES_ROOT}/es9`,
    airflow: 3,
    stored: true,
    entraKeys: "tenant",
  },
  {
    version: "1.13.1",
    elasticsearch: "9.3.0",
    opensearch: "3.3.2",
    elasticData: `${ES_ROOT}/es9`,
    airflow: 3,
    stored: true,
    entraKeys: "tenant",
  },
];
const TENANT_KEYS =
  "https://login.microsoftonline.com/00000000-0000-4000-8000-00000000aaaa/discovery/v2.0/keys";
const COMMON_KEYS = "https://login.microsoftonline.com/common/discovery/keys";

async function build(args: OpenMetadataDockerArgs): Promise<OfflineRun> {
  return runComponents(() => {
    new OpenMetadataDocker("om", args);
  });
}

const find = (run: OfflineRun, name: string): RecordedResource | undefined =>
  run.resources.find((r) => r.name === name);
function byName(run: OfflineRun, name: string): RecordedResource {
  const found = find(run, name);
  if (!found) throw new Error(`no resource ${name}`);
  return found;
}
const deps = (run: OfflineRun, name: string) =>
  byName(run, name)
    .dependsOn.map((u) => run.resources.find((r) => r.urn === u)?.name)
    .sort();
const envOf = (run: OfflineRun, name: string) => clearInputs(byName(run, name)).envs as string[];
const names = (env: string[]) => env.map((l) => l.slice(0, l.indexOf("=")));

/** The server's extras (after the SSO env) by name: the same on every line for the default layout. */
const SERVER_EXTRAS = [
  "DB_DRIVER_CLASS",
  "DB_SCHEME",
  "DB_HOST",
  "DB_PORT",
  "DB_PARAMS",
  "OM_DATABASE",
  "DB_USER",
  "DB_USER_PASSWORD",
  "SEARCH_TYPE",
  "ELASTICSEARCH_HOST",
  "ELASTICSEARCH_PORT",
  "ELASTICSEARCH_SCHEME",
  "PIPELINE_SERVICE_CLIENT_ENABLED",
  "PIPELINE_SERVICE_CLIENT_ENDPOINT",
  "SERVER_HOST_API_URL",
  "AIRFLOW_USERNAME",
  "AIRFLOW_PASSWORD",
  "FERNET_KEY",
];

describe.each(ROWS)("OpenMetadata $version on Docker", (row) => {
  let run: OfflineRun;
  let opensearch: OfflineRun;
  beforeAll(async () => {
    run = await build(baseArgs({ version: row.version }));
    const search: BundledSearch = { mode: "bundled", engine: "opensearch", heapMb: 768 };
    opensearch = await build(
      baseArgs({ version: row.version, search, database: { mode: "bundled", engine: "postgresql" } }),
    );
  });

  it("pulls OpenMetadata's images at the version and the line's bundled Elasticsearch or OpenSearch", () => {
    const images = (r: OfflineRun) =>
      ofType(r, "docker:index/remoteImage:RemoteImage")
        .map((i) => inputs(i).name)
        .sort();
    expect(images(run)).toEqual([
      `docker.elastic.co/elasticsearch/elasticsearch:${row.elasticsearch}`,
      `docker.getcollate.io/openmetadata/db:${row.version}`,
      `docker.getcollate.io/openmetadata/ingestion:${row.version}`,
      `docker.getcollate.io/openmetadata/server:${row.version}`,
    ]);
    expect(images(opensearch)).toEqual([
      `docker.getcollate.io/openmetadata/ingestion:${row.version}`,
      `docker.getcollate.io/openmetadata/postgresql:${row.version}`,
      `docker.getcollate.io/openmetadata/server:${row.version}`,
      `opensearchproject/opensearch:${row.opensearch}`,
    ]);
  });

  it("runs the search engine single node without security; Elasticsearch 9 in its own data directory", () => {
    expect(inputs(byName(run, "om-search")).envs).toEqual([
      "discovery.type=single-node",
      "ES_JAVA_OPTS=-Xms1024m -Xmx1024m",
      "xpack.security.enabled=false",
      ...(row.elasticData === ES_ROOT ? [] : [`path.data=${row.elasticData}`]),
    ]);
    expect(inputs(byName(run, "om-search")).volumes).toEqual([
      { volumeName: "openmetadata-elasticsearch-data", containerPath: ES_ROOT },
    ]);
    // OpenSearch 2.19 and 3.3: no demo security setup, so no initial admin password exists or is needed.
    expect(inputs(byName(opensearch, "om-search")).envs).toEqual([
      "discovery.type=single-node",
      "OPENSEARCH_JAVA_OPTS=-Xms768m -Xmx768m",
      "DISABLE_SECURITY_PLUGIN=true",
      "DISABLE_INSTALL_DEMO_CONFIG=true",
    ]);
    expect(inputs(byName(opensearch, "om-search")).volumes).toEqual([
      { volumeName: "openmetadata-opensearch-data", containerPath: "/usr/share/opensearch/data" },
    ]);
  });

  it("gives the bundled MySQL the binlog flag Airflow 3's migration needs, and PostgreSQL its own", () => {
    expect(inputs(byName(run, "om-database")).command).toEqual([
      "--sort_buffer_size=10M",
      ...(row.airflow === 3 ? ["--log-bin-trust-function-creators=1"] : []),
    ]);
    expect(inputs(byName(opensearch, "om-database")).command).toEqual(["--work_mem=10MB"]);
  });

  it("gives the server the line's SSO env rendering, then the same extras on every line", () => {
    const env = envOf(run, "om-server");
    const sso = renderServerEnv(ssoModel({ openmetadataVersion: row.version })).map(
      (e) => `${e.name}=${e.value}`,
    );
    expect(env.slice(0, sso.length)).toEqual(sso);
    expect(names(env.slice(sso.length))).toEqual(SERVER_EXTRAS);
    expect(env).toContain(
      `AUTHENTICATION_PUBLIC_KEYS=[${row.entraKeys === "common" ? COMMON_KEYS : TENANT_KEYS}, http://openmetadata-server:8585/api/v1/system/config/jwks]`,
    );
    // The pipeline client names Airflow's host and port only; the server picks the API path (Airflow 2 or 3).
    expect(env).toContain("PIPELINE_SERVICE_CLIENT_ENDPOINT=http://openmetadata-ingestion:8080");
    expect(names(env)).not.toContain("OM_URI");
    expect(inputs(byName(run, "om-server")).healthcheck).toMatchObject({
      tests: ["CMD", "wget", "-q", "--spider", "http://localhost:8586/healthcheck"],
    });
    expect(envOf(run, "om-migrate")).toEqual([...env, "MIGRATION_LIMIT_PARAM=1200"]);
  });

  it("starts Airflow like upstream's compose, with generated keys for the line's Airflow", () => {
    const ingestion = clearInputs(byName(run, "om-ingestion"));
    expect([ingestion.entrypoints, ingestion.command]).toEqual([
      ["/bin/bash"],
      ["/opt/airflow/ingestion_dependency.sh"],
    ]);
    const env = ingestion.envs as string[];
    expect(names(env).slice(-(row.airflow === 3 ? 3 : 2))).toEqual(
      row.airflow === 3
        ? ["AIRFLOW__CORE__FERNET_KEY", "AIRFLOW__API__SECRET_KEY", "AIRFLOW__API_AUTH__JWT_SECRET"]
        : ["AIRFLOW__CORE__FERNET_KEY", "AIRFLOW__WEBSERVER__SECRET_KEY"],
    );
    const shown = inputs(byName(run, "om-ingestion")).envs as string[];
    expect(shown.slice(-(row.airflow === 3 ? 3 : 2)).every((l) => l === "[secret]")).toBe(true);
    expect(find(run, "om-airflow-jwt-secret") !== undefined).toBe(row.airflow === 3);
  });

  it("makes every container wait for the version guard", () => {
    const containers = ofType(run, CONTAINER).map((c) => c.name);
    for (const c of containers) expect(deps(run, c)).toContain("om-version-guard");
    expect(byName(run, "om-version-guard").type).toBe("command:local:Command");
    expect(inputs(byName(run, "om-version-guard")).create).toBe(`printf '%s' '${row.version}'`);
  });

  it(`${row.stored ? "resets" : "does not reset"} the stored SSO settings with ssoConfigSource "stack"`, () => {
    const containers = ofType(run, CONTAINER)
      .map((c) => inputs(c).name as string)
      .sort();
    const digest = securityConfigDigest(ssoModel({ openmetadataVersion: row.version }));
    expect(containers).toEqual(
      [
        "openmetadata-elasticsearch",
        "openmetadata-ingestion",
        `openmetadata-migrate-${row.version}`,
        "openmetadata-mysql",
        "openmetadata-server",
        ...(row.stored
          ? [`openmetadata-sso-reset-${digest}`, `openmetadata-sso-state-init-${row.version}`]
          : []),
      ].sort(),
    );
    expect(ofType(run, VOLUME).map((v) => [inputs(v).name, v.protect, v.retainOnDelete])).toEqual([
      ["openmetadata-mysql-data", true, true],
      ["openmetadata-elasticsearch-data", true, true],
      ...(row.stored ? [["openmetadata-sso-state", false, true]] : []),
      ["openmetadata-ingestion-dag-configs", false, true],
      ["openmetadata-ingestion-dags", false, true],
      ["openmetadata-ingestion-tmp", false, true],
    ]);
    if (!row.stored) {
      expect(deps(run, "om-server")).toEqual(["om-migrate", "om-version-guard"]);
      expect(find(run, "om-sso-epoch")).toBeUndefined();
      return;
    }
    const reset = clearInputs(byName(run, "om-sso-reset"));
    const server = clearInputs(byName(run, "om-server"));
    // The server's image, its full env and key files; sh runs the reset script; it runs to completion.
    expect(reset.image).toBe(server.image);
    expect(reset.envs).toEqual(server.envs);
    expect(reset.uploads).toEqual(server.uploads);
    expect([reset.entrypoints, reset.attach, reset.logs, reset.mustRun, reset.restart]).toEqual([
      ["/bin/sh", "-c"],
      true,
      true,
      false,
      "no",
    ]);
    const epoch = clearInputs(byName(run, "om-sso-epoch"));
    expect(byName(run, "om-sso-epoch").type).toBe("random:index/randomUuid:RandomUuid");
    expect(epoch).toEqual({});
    const script = (reset.command as string[])[0];
    expect(reset.command).toHaveLength(1);
    // Not secret: a preview shows the script and the container's name (the digest reveals nothing).
    expect(inputs(byName(run, "om-sso-reset")).command).toEqual(reset.command);
    expect(inputs(byName(run, "om-sso-reset")).name).toBe(`openmetadata-sso-reset-${digest}`);
    expect(script.split("\n").slice(0, 5)).toEqual([
      "set -u",
      "ops='/opt/openmetadata/bootstrap/openmetadata-ops.sh'",
      `digest='${digest}'`,
      // onFailure "fail": a failed reset stops the update before the server is touched.
      'give_up() { echo "openmetadata-entra: $1" >&2; exit 1; }',
      expect.stringMatching(/^state='\/var\/lib\/openmetadata-entra\/sso-state\/[0-9a-f-]{36}'$/),
    ]);
    expect(script).toContain(
      '"$ops" remove-security-config --force || give_up "remove-security-config failed"',
    );
    expect(reset.volumes).toEqual([
      { volumeName: "openmetadata-sso-state", containerPath: "/var/lib/openmetadata-entra/sso-state" },
    ]);
    expect(reset.networksAdvanced).toEqual([{ name: "openmetadata-network" }]);
    // After the migration and the volume's init, before the server.
    expect(deps(run, "om-sso-reset")).toEqual(["om-migrate", "om-sso-state-init", "om-version-guard"]);
    expect(deps(run, "om-server")).toEqual(["om-sso-reset", "om-version-guard"]);
    // The init: root with three capabilities, no network, no env, only the state volume.
    const init = clearInputs(byName(run, "om-sso-state-init"));
    expect(init).toEqual({
      name: `openmetadata-sso-state-init-${row.version}`,
      image: server.image,
      user: "0:0",
      capabilities: { adds: ["CHOWN", "DAC_READ_SEARCH", "FOWNER"], drops: ["ALL"] },
      entrypoints: ["/bin/sh", "-c"],
      command: [SSO_STATE_INIT_SCRIPT],
      volumes: reset.volumes,
      networkMode: "none",
      attach: true,
      logs: true,
      mustRun: false,
      restart: "no",
    });
    expect(deps(run, "om-sso-state-init")).toEqual(["om-version-guard"]);
  });

  it('resets nothing with ssoConfigSource "database", or refuses it before 1.10', async () => {
    let message = "";
    const database = await runComponents(() => {
      try {
        new OpenMetadataDocker("om", baseArgs({ version: row.version, ssoConfigSource: "database" }));
      } catch (e) {
        message = (e as Error).message;
      }
    });
    if (!row.stored) {
      expect([message.split("\n")[1], database.resources.length]).toEqual([
        `  ssoConfigSource: must be "stack" on OpenMetadata ${row.version.split(".").slice(0, 2).join(".")}: the server reads its SSO settings from the environment on every start (stored settings exist from 1.10)`,
        0,
      ]);
      return;
    }
    expect(message).toBe("");
    expect(database.resources.filter((r) => /sso/.test(r.name)).map((r) => r.name)).toEqual([]);
    expect(deps(database, "om-server")).toEqual(["om-migrate", "om-version-guard"]);
  });

  it("an SSO-only change renames the reset (so it runs again) and changes nothing stateful", async () => {
    const changed = await build(
      baseArgs({ version: row.version, sso: dockerSso({ admins: ["jane.doe", "john.smith"] }) }),
    );
    const differing = run.resources
      .filter((r) => {
        const other = find(changed, r.name);
        return JSON.stringify(clearInputs(r)) !== JSON.stringify(other && clearInputs(other));
      })
      .map((r) => r.name)
      .sort();
    expect(changed.resources.map((r) => r.name)).toEqual(run.resources.map((r) => r.name));
    expect(differing).toEqual(["om-migrate", "om-server", ...(row.stored ? ["om-sso-reset"] : [])]);
    if (row.stored) {
      const before = inputs(byName(run, "om-sso-reset")).name as string;
      const after = inputs(byName(changed, "om-sso-reset")).name as string;
      expect(after).not.toBe(before);
      expect(after).toBe(
        `openmetadata-sso-reset-${securityConfigDigest(ssoModel({ openmetadataVersion: row.version, admins: ["jane.doe", "john.smith"] }))}`,
      );
    }
    expect(find(changed, "om-sso-reset") !== undefined).toBe(row.stored);
  });
});

describe("Docker: a confidential client's secret reaches the reset's digest, not its name in clear", () => {
  it("a rotated client secret renames the reset; the secret stays masked in its env", async () => {
    const at = (secret: string) =>
      build(baseArgs({ version: "1.13.1", sso: dockerSso({ clientType: "confidential" }, secret) }));
    const [a, b] = [await at("entra-client-secret-one"), await at("entra-client-secret-two")];
    const name = (r: OfflineRun) => inputs(byName(r, "om-sso-reset")).name as string;
    const model = ssoModel({ openmetadataVersion: "1.13.1", clientType: "confidential" });
    expect([name(a), name(b)]).toEqual([
      `openmetadata-sso-reset-${securityConfigDigest(model, "entra-client-secret-one")}`,
      `openmetadata-sso-reset-${securityConfigDigest(model, "entra-client-secret-two")}`,
    ]);
    const shown = inputs(byName(a, "om-sso-reset")).envs as string[];
    const clear = envOf(a, "om-sso-reset");
    expect(shown[clear.indexOf("OIDC_CLIENT_SECRET=entra-client-secret-one")]).toBe("[secret]");
    expect(JSON.stringify(inputs(byName(a, "om-sso-reset")))).not.toContain("entra-client-secret-one");
  });
});
