import * as pulumi from "@pulumi/pulumi";
import {
  OpenMetadataDocker,
  type ExternalDatabase,
  type ExternalSearch,
  type OpenMetadataDockerArgs,
} from "../components/docker";
import { renderServerEnv } from "../components/openmetadata/sso";
import type { OfflineRun, RecordedResource } from "../tools/plan/mock-runtime";
import {
  baseArgs as fixtureArgs,
  dockerSso,
  PRIVATE_DER,
  PUBLIC_DER,
  ssoModel,
} from "./helpers/docker-fixture";
import { clearInputs, inputs, ofType, runComponents, runProgram } from "./helpers/offline";
import { ssoSource } from "./helpers/sso-source";

const CONTAINER = "docker:index/container:Container";

/**
 * These tests describe the layout on the 1.8 line (no stored SSO settings, Airflow 2); what differs per line is in
 * docker-release-lines.test.ts.
 */
const BASELINE = "1.8.12";
const baseArgs = (extra: Partial<OpenMetadataDockerArgs> = {}) =>
  fixtureArgs({ version: BASELINE, ...extra });

async function build(args: OpenMetadataDockerArgs): Promise<OfflineRun> {
  return runComponents(() => {
    new OpenMetadataDocker("om", args);
  });
}

function byName(run: OfflineRun, name: string): RecordedResource {
  const found = run.resources.find((r) => r.name === name);
  if (!found) throw new Error(`no resource ${name}`);
  return found;
}

const urnName = (run: OfflineRun, urn: string) => run.resources.find((r) => r.urn === urn)?.name;

/** The extras the server gets besides the SSO env, for the default (bundled MySQL, Elasticsearch, Airflow) stack. */
const DEFAULT_EXTRA_NAMES = [
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

describe("OpenMetadataDocker, default layout", () => {
  let run: OfflineRun;
  beforeAll(async () => {
    run = await build(baseArgs());
  });

  it("pulls exactly upstream's images at 1.8.12", () => {
    const images = ofType(run, "docker:index/remoteImage:RemoteImage").map((r) => inputs(r).name);
    expect(images.sort()).toEqual([
      "docker.elastic.co/elasticsearch/elasticsearch:8.11.4",
      "docker.getcollate.io/openmetadata/db:1.8.12",
      "docker.getcollate.io/openmetadata/ingestion:1.8.12",
      "docker.getcollate.io/openmetadata/server:1.8.12",
    ]);
    expect(
      ofType(run, "docker:index/remoteImage:RemoteImage").every((r) => inputs(r).keepLocally === true),
    ).toBe(true);
  });

  it("registers five containers with fixed names on one network", () => {
    const containers = ofType(run, CONTAINER);
    expect(containers.map((c) => inputs(c).name).sort()).toEqual([
      "openmetadata-elasticsearch",
      "openmetadata-ingestion",
      "openmetadata-migrate-1.8.12",
      "openmetadata-mysql",
      "openmetadata-server",
    ]);
    for (const c of containers)
      expect(inputs(c).networksAdvanced).toEqual([{ name: "openmetadata-network" }]);
    expect(inputs(byName(run, "om-network"))).toEqual({ name: "openmetadata-network", driver: "bridge" });
  });

  it("gives the server exactly the SSO env rendering, then the documented extras", () => {
    const env = clearInputs(byName(run, "om-server")).envs as string[];
    const sso = renderServerEnv(ssoModel({ openmetadataVersion: BASELINE })).map(
      (e) => `${e.name}=${e.value}`,
    );
    expect(env.slice(0, sso.length)).toEqual(sso);
    expect(env.slice(sso.length).map((line) => line.slice(0, line.indexOf("=")))).toEqual(
      DEFAULT_EXTRA_NAMES,
    );
    expect(env.slice(sso.length).filter((l) => !/PASSWORD|FERNET/.test(l))).toEqual([
      "DB_DRIVER_CLASS=com.mysql.cj.jdbc.Driver",
      "DB_SCHEME=mysql",
      "DB_HOST=openmetadata-mysql",
      "DB_PORT=3306",
      "DB_PARAMS=allowPublicKeyRetrieval=true&useSSL=false&serverTimezone=UTC",
      "OM_DATABASE=openmetadata_db",
      "DB_USER=openmetadata_user",
      "SEARCH_TYPE=elasticsearch",
      "ELASTICSEARCH_HOST=openmetadata-elasticsearch",
      "ELASTICSEARCH_PORT=9200",
      "ELASTICSEARCH_SCHEME=http",
      "PIPELINE_SERVICE_CLIENT_ENABLED=true",
      "PIPELINE_SERVICE_CLIENT_ENDPOINT=http://openmetadata-ingestion:8080",
      "SERVER_HOST_API_URL=http://openmetadata-server:8585/api",
      "AIRFLOW_USERNAME=admin",
    ]);
  });

  it("masks each secret env entry on its own and uses generated values", () => {
    const shown = inputs(byName(run, "om-server")).envs as string[];
    const clear = clearInputs(byName(run, "om-server")).envs as string[];
    const masked = clear.filter((_, i) => shown[i] === "[secret]").map((l) => l.slice(0, l.indexOf("=")));
    expect(masked).toEqual(["DB_USER_PASSWORD", "AIRFLOW_PASSWORD", "FERNET_KEY"]);
    expect(clear.find((l) => l.startsWith("DB_USER_PASSWORD="))).toMatch(
      /^DB_USER_PASSWORD=fake-password-om-db-password-\w+$/,
    );
    const fernet = clear.find((l) => l.startsWith("FERNET_KEY="))!.slice("FERNET_KEY=".length);
    expect(Buffer.from(fernet, "base64url")).toHaveLength(32);
    expect(fernet).toMatch(/^[A-Za-z0-9_-]{43}=$/);
  });

  it("the migration gets the server's env plus MIGRATION_LIMIT_PARAM, and runs to completion", () => {
    const migrate = clearInputs(byName(run, "om-migrate"));
    const server = clearInputs(byName(run, "om-server"));
    expect(migrate.envs).toEqual([...(server.envs as string[]), "MIGRATION_LIMIT_PARAM=1200"]);
    expect(migrate.command).toEqual(["./bootstrap/openmetadata-ops.sh", "migrate"]);
    expect([migrate.attach, migrate.logs, migrate.mustRun, migrate.restart]).toEqual([
      true,
      true,
      false,
      "no",
    ]);
    expect(migrate.image).toBe(server.image);
  });

  it("uploads the two DER key files to the paths the SSO env names, the private one secret", () => {
    for (const name of ["om-server", "om-migrate"]) {
      expect(clearInputs(byName(run, name)).uploads).toEqual([
        { file: "/etc/openmetadata/jwtkeys/public_key.der", contentBase64: PUBLIC_DER },
        { file: "/etc/openmetadata/jwtkeys/private_key.der", contentBase64: PRIVATE_DER },
      ]);
      expect((inputs(byName(run, name)).uploads as { contentBase64: string }[])[1].contentBase64).toBe(
        "[secret]",
      );
    }
  });

  it("publishes only the UI port, on 127.0.0.1", () => {
    const published = ofType(run, CONTAINER).flatMap((c) =>
      ((inputs(c).ports as unknown[] | undefined) ?? []).map((p) => ({
        container: inputs(c).name,
        ...(p as object),
      })),
    );
    expect(published).toEqual([
      { container: "openmetadata-server", internal: 8585, external: 8585, ip: "127.0.0.1" },
    ]);
  });

  it("has upstream's health checks, and waits for them", () => {
    const check = (name: string) => {
      const i = inputs(byName(run, name));
      return { healthcheck: i.healthcheck, wait: i.wait, waitTimeout: i.waitTimeout };
    };
    expect(check("om-server")).toEqual({
      healthcheck: {
        tests: ["CMD", "wget", "-q", "--spider", "http://localhost:8586/healthcheck"],
        interval: "15s",
        timeout: "10s",
        retries: 10,
        startPeriod: "60s",
      },
      wait: true,
      waitTimeout: 300,
    });
    expect(check("om-database")).toEqual({
      healthcheck: {
        tests: [
          "CMD-SHELL",
          'MYSQL_PWD="$MYSQL_ROOT_PASSWORD" mysql --protocol=TCP --host=127.0.0.1 --user=root --silent --execute "use openmetadata_db"',
        ],
        interval: "15s",
        timeout: "10s",
        retries: 10,
        startPeriod: "30s",
      },
      wait: true,
      waitTimeout: 300,
    });
    expect(check("om-search")).toEqual({
      healthcheck: {
        tests: [
          "CMD-SHELL",
          "curl -s http://localhost:9200/_cluster/health?pretty | grep status | grep -qE 'green|yellow' || exit 1",
        ],
        interval: "15s",
        timeout: "10s",
        retries: 10,
        startPeriod: "30s",
      },
      wait: true,
      waitTimeout: 300,
    });
  });

  it("orders migration after database and search, the server after the migration, every container after the version guard", () => {
    const deps = (name: string) =>
      byName(run, name)
        .dependsOn.map((u) => urnName(run, u))
        .sort();
    expect(deps("om-migrate")).toEqual(["om-database", "om-search", "om-version-guard"]);
    expect(deps("om-server")).toEqual(["om-migrate", "om-version-guard"]);
    expect(deps("om-ingestion")).toEqual(["om-database", "om-version-guard"]);
    expect(deps("om-database")).toEqual(["om-version-guard"]);
    expect(deps("om-search")).toEqual(["om-version-guard"]);
    expect(byName(run, "om-version-guard").type).toBe("command:local:Command");
  });

  it("keeps data in named volumes that outlive the stack; only the data volumes are protected", () => {
    const volumes = ofType(run, "docker:index/volume:Volume");
    expect(volumes.map((v) => [inputs(v).name, v.protect, v.retainOnDelete])).toEqual([
      ["openmetadata-mysql-data", true, true],
      ["openmetadata-elasticsearch-data", true, true],
      ["openmetadata-ingestion-dag-configs", false, true],
      ["openmetadata-ingestion-dags", false, true],
      ["openmetadata-ingestion-tmp", false, true],
    ]);
    expect(inputs(byName(run, "om-database")).volumes).toEqual([
      { volumeName: "openmetadata-mysql-data", containerPath: "/var/lib/mysql" },
    ]);
    expect(inputs(byName(run, "om-search")).volumes).toEqual([
      { volumeName: "openmetadata-elasticsearch-data", containerPath: "/usr/share/elasticsearch/data" },
    ]);
  });

  it("sets the generated database passwords in an init script, secret", () => {
    const db = byName(run, "om-database");
    expect(inputs(db).uploads).toEqual([
      { file: "/docker-entrypoint-initdb.d/zz-openmetadata-entra-passwords.sql", content: "[secret]" },
    ]);
    const script = (clearInputs(db).uploads as { content: string }[])[0].content;
    expect(script.split("\n")[0]).toMatch(
      /^ALTER USER 'openmetadata_user'@'%' IDENTIFIED BY 'fake-password-om-db-password-\w+';$/,
    );
    expect(script.split("\n")[1]).toMatch(
      /^ALTER USER 'airflow_user'@'%' IDENTIFIED BY 'fake-password-om-airflow-db-password-\w+';$/,
    );
    expect(inputs(db).envs).toEqual(["[secret]"]);
    for (const p of ofType(run, "random:index/randomPassword:RandomPassword")) {
      expect(inputs(p)).toEqual({ length: 32, special: false });
    }
  });

  it("runs Airflow like upstream's ingestion service, with generated passwords", () => {
    const i = clearInputs(byName(run, "om-ingestion"));
    expect([i.entrypoints, i.command]).toEqual([["/bin/bash"], ["/opt/airflow/ingestion_dependency.sh"]]);
    const env = i.envs as string[];
    expect(env.filter((l) => !/PASSWORD/.test(l))).toEqual([
      "AIRFLOW__API__AUTH_BACKENDS=airflow.api.auth.backend.basic_auth,airflow.api.auth.backend.session",
      "AIRFLOW__CORE__EXECUTOR=LocalExecutor",
      "AIRFLOW__OPENMETADATA_AIRFLOW_APIS__DAG_GENERATED_CONFIGS=/opt/airflow/dag_generated_configs",
      "AIRFLOW_ADMIN_USER=admin",
      "DB_HOST=openmetadata-mysql",
      "DB_PORT=3306",
      "AIRFLOW_DB=airflow_db",
      "DB_SCHEME=mysql+pymysql",
      "DB_USER=airflow_user",
      "DB_PROPERTIES=",
      expect.stringMatching(/^AIRFLOW__CORE__FERNET_KEY=[A-Za-z0-9_-]{43}=$/),
      expect.stringMatching(/^AIRFLOW__WEBSERVER__SECRET_KEY=fake-password-om-airflow-secret-key-\w+$/),
    ]);
    // Airflow 2 (1.8): its own keys generated, none of the image's built-in ones; each secret masked on its own.
    const shown = inputs(byName(run, "om-ingestion")).envs as string[];
    expect(env.filter((_, n) => shown[n] === "[secret]").map((l) => l.slice(0, l.indexOf("=")))).toEqual([
      "AIRFLOW_ADMIN_PASSWORD",
      "DB_PASSWORD",
      "AIRFLOW__CORE__FERNET_KEY",
      "AIRFLOW__WEBSERVER__SECRET_KEY",
    ]);
    const fernet = env
      .find((l) => l.startsWith("AIRFLOW__CORE__FERNET_KEY="))!
      .split("=")
      .slice(1)
      .join("=");
    expect(Buffer.from(fernet, "base64url")).toHaveLength(32);
    expect(i.ports).toEqual([]);
  });
});

describe("OpenMetadataDocker options", () => {
  it("one version and one registry for every image; postgresql and opensearch images", async () => {
    const run = await build(
      baseArgs({
        version: "1.8.10",
        imageRegistry: "mirror.example.com/hub",
        database: { mode: "bundled", engine: "postgresql" },
        search: { mode: "bundled", engine: "opensearch", heapMb: 2048 },
      }),
    );
    const images = ofType(run, "docker:index/remoteImage:RemoteImage").map((r) => inputs(r).name);
    expect(images.sort()).toEqual([
      "mirror.example.com/hub/openmetadata/ingestion:1.8.10",
      "mirror.example.com/hub/openmetadata/postgresql:1.8.10",
      "mirror.example.com/hub/openmetadata/server:1.8.10",
      "mirror.example.com/hub/opensearchproject/opensearch:2.19.1",
    ]);
    expect(inputs(byName(run, "om-migrate")).name).toBe("openmetadata-migrate-1.8.10");
    expect(inputs(byName(run, "om-search")).envs).toEqual([
      "discovery.type=single-node",
      "OPENSEARCH_JAVA_OPTS=-Xms2048m -Xmx2048m",
      "DISABLE_SECURITY_PLUGIN=true",
      "DISABLE_INSTALL_DEMO_CONFIG=true",
    ]);
    const env = clearInputs(byName(run, "om-server")).envs as string[];
    expect(env).toEqual(
      expect.arrayContaining([
        "DB_DRIVER_CLASS=org.postgresql.Driver",
        "DB_SCHEME=postgresql",
        "DB_HOST=openmetadata-postgresql",
        "DB_PORT=5432",
        "SEARCH_TYPE=opensearch",
        "ELASTICSEARCH_HOST=openmetadata-opensearch",
      ]),
    );
    expect(clearInputs(byName(run, "om-ingestion")).envs).toContain("DB_SCHEME=postgresql+psycopg2");
  });

  it("external mode registers no database or search containers and connects to the given hosts", async () => {
    const run = await build(
      baseArgs({
        ingestion: false,
        database: {
          mode: "external",
          engine: "mysql",
          host: "db.example.com",
          password: "external-db-password-1",
        },
        search: {
          mode: "external",
          engine: "opensearch",
          host: "search.example.com",
          port: 443,
          scheme: "https",
          user: "om",
          password: "external-search-pw-1",
        },
      }),
    );
    expect(ofType(run, CONTAINER).map((c) => inputs(c).name)).toEqual([
      "openmetadata-migrate-1.8.12",
      "openmetadata-server",
    ]);
    expect(ofType(run, "docker:index/volume:Volume")).toHaveLength(0);
    expect(ofType(run, "random:index/randomPassword:RandomPassword")).toHaveLength(0);
    expect(byName(run, "om-migrate").dependsOn.map((u) => urnName(run, u))).toEqual(["om-version-guard"]);
    const shown = inputs(byName(run, "om-server")).envs as string[];
    const env = clearInputs(byName(run, "om-server")).envs as string[];
    const extras = env.slice(renderServerEnv(ssoModel({ openmetadataVersion: BASELINE })).length);
    expect(extras).toEqual([
      "DB_DRIVER_CLASS=com.mysql.cj.jdbc.Driver",
      "DB_SCHEME=mysql",
      "DB_HOST=db.example.com",
      "DB_PORT=3306",
      // A remote database: TLS required by default.
      "DB_PARAMS=allowPublicKeyRetrieval=true&sslMode=REQUIRED&serverTimezone=UTC",
      "OM_DATABASE=openmetadata_db",
      "DB_USER=openmetadata_user",
      "DB_USER_PASSWORD=external-db-password-1",
      "SEARCH_TYPE=opensearch",
      "ELASTICSEARCH_HOST=search.example.com",
      "ELASTICSEARCH_PORT=443",
      "ELASTICSEARCH_SCHEME=https",
      "ELASTICSEARCH_USER=om",
      "ELASTICSEARCH_PASSWORD=external-search-pw-1",
      "PIPELINE_SERVICE_CLIENT_ENABLED=false",
      expect.stringMatching(/^FERNET_KEY=/),
    ]);
    expect(shown.filter((l) => l === "[secret]")).toHaveLength(3);
  });

  it("a confidential client's secret reaches the env as one masked entry", async () => {
    const run = await build(
      baseArgs({
        sso: dockerSso({ clientType: "confidential" }, pulumi.secret("entra-client-secret-value")),
      }),
    );
    const shown = inputs(byName(run, "om-server")).envs as string[];
    const clear = clearInputs(byName(run, "om-server")).envs as string[];
    const at = clear.indexOf("OIDC_CLIENT_SECRET=entra-client-secret-value");
    expect(at).toBeGreaterThan(0);
    expect(shown[at]).toBe("[secret]");
    expect(shown[at - 1]).toBe(`OIDC_CLIENT_ID=${clear[at - 1].slice("OIDC_CLIENT_ID=".length)}`);
  });

  it("publishes Airflow on 127.0.0.1 only when asked; the UI binds where told; timeouts and protect apply", async () => {
    const run = await build(
      baseArgs({
        airflowPort: 8080,
        uiPort: 9585,
        uiBindAddress: "0.0.0.0",
        serverWaitTimeoutSeconds: 600,
        protect: true,
      }),
    );
    expect(inputs(byName(run, "om-ingestion")).ports).toEqual([
      { internal: 8080, external: 8080, ip: "127.0.0.1" },
    ]);
    expect(inputs(byName(run, "om-server")).ports).toEqual([
      { internal: 8585, external: 9585, ip: "0.0.0.0" },
    ]);
    expect(inputs(byName(run, "om-server")).waitTimeout).toBe(600);
    const protectedNames = run.resources
      .filter((r) => r.protect)
      .map((r) => r.name)
      .sort();
    // The data and what opens it; never a container (an upgrade replaces them) or Airflow's working volumes.
    expect(protectedNames).toEqual([
      "om-airflow-admin-password",
      "om-airflow-db-password",
      "om-airflow-fernet-key",
      "om-airflow-secret-key",
      "om-db-data",
      "om-db-password",
      "om-db-root-password",
      "om-fernet-key",
      "om-search-data",
    ]);
  });
});

describe("OpenMetadataDocker network, data and transport (issue 14)", () => {
  /** Every port any container publishes, with the container's Docker name. */
  type Port = { internal: number; external: number; ip: string };
  const published = (run: OfflineRun) =>
    ofType(run, CONTAINER).flatMap((c) =>
      ((inputs(c).ports as Port[] | undefined) ?? []).map((p) => ({ container: inputs(c).name, ...p })),
    );

  it("binds the UI to 127.0.0.1 by default whatever the public URL, and to the given uiBindAddress", async () => {
    const httpsSso = ssoSource({ settings: { publicUrl: "https://om.example.com" } });
    let om: OpenMetadataDocker | undefined;
    const byDefault = await runComponents(() => {
      om = new OpenMetadataDocker("om", baseArgs({ sso: httpsSso }));
    });
    expect(published(byDefault)).toEqual([
      { container: "openmetadata-server", internal: 8585, external: 8585, ip: "127.0.0.1" },
    ]);
    expect(om!.hostUrl).toBe("http://127.0.0.1:8585");
    for (const [address, hostUrl] of [
      ["10.1.2.3", "http://10.1.2.3:8585"],
      ["0.0.0.0", "http://0.0.0.0:8585"],
      ["::", "http://[::]:8585"],
    ]) {
      const run = await runComponents(() => {
        om = new OpenMetadataDocker("om", baseArgs({ sso: httpsSso, uiBindAddress: address }));
      });
      expect([published(run), om!.hostUrl]).toEqual([
        [{ container: "openmetadata-server", internal: 8585, external: 8585, ip: address }],
        hostUrl,
      ]);
    }
    let message = "";
    await runComponents(() => {
      try {
        new OpenMetadataDocker("om", baseArgs({ uiBindAddress: "om.example.com" }));
      } catch (e) {
        message = (e as Error).message;
      }
    });
    expect(message).toBe(
      'OpenMetadataDocker "om": invalid arguments (1):\n' +
        '  uiBindAddress: must be an IPv4 or IPv6 address such as 127.0.0.1 or 0.0.0.0; got "om.example.com"',
    );
  });

  it("the program binds the UI to 127.0.0.1 for an https public URL unless dockerUiBindAddress says otherwise", async () => {
    const P = "openmetadata-entra";
    const ports = async (extra: Record<string, string>) => {
      const run = await runProgram(
        {
          [`${P}:publicUrl`]: "https://om.example.com",
          [`${P}:target`]: "docker",
          [`${P}:adminPrincipals`]: JSON.stringify(["jane.doe"]),
          [`${P}:principalDomain`]: "example.com",
          [`${P}:dockerHost`]: "unix:///var/run/docker.sock",
          ...extra,
        },
        [],
        "docker-bind",
      );
      return published(run);
    };
    expect(await ports({})).toEqual([
      { container: "openmetadata-server", internal: 8585, external: 8585, ip: "127.0.0.1" },
    ]);
    expect(await ports({ [`${P}:dockerUiBindAddress`]: "0.0.0.0" })).toEqual([
      { container: "openmetadata-server", internal: 8585, external: 8585, ip: "0.0.0.0" },
    ]);
  });

  it("never publishes the admin port 8586, in any layout", async () => {
    const layouts: Partial<OpenMetadataDockerArgs>[] = [
      {},
      { airflowPort: 8080, uiBindAddress: "0.0.0.0" },
      {
        ingestion: false,
        database: { mode: "external", host: "db.example.com", password: "pw-1" },
        search: { mode: "external", host: "search.example.com" },
      },
    ];
    for (const layout of layouts) {
      const run = await build(baseArgs(layout));
      const ports = published(run);
      expect(ports.filter((p) => p.internal === 8586)).toEqual([]);
      expect(ports.map((p) => p.internal).sort()).toEqual(layout.airflowPort ? [8080, 8585] : [8585]);
    }
  });

  it("names the data volumes after what they hold, protected and retained; containers are not protected", async () => {
    const volumesOf = async (args: Partial<OpenMetadataDockerArgs>) => {
      const run = await build(baseArgs({ namePrefix: "om2", ingestion: false, ...args }));
      return {
        volumes: ofType(run, "docker:index/volume:Volume").map((v) => [
          v.name,
          inputs(v).name,
          v.protect,
          v.retainOnDelete,
        ]),
        protectedContainers: ofType(run, CONTAINER)
          .filter((c) => c.protect)
          .map((c) => c.name),
        mounts: ["om-database", "om-search"].map((n) => inputs(byName(run, n)).volumes),
      };
    };
    expect(await volumesOf({})).toEqual({
      volumes: [
        ["om-db-data", "om2-mysql-data", true, true],
        ["om-search-data", "om2-elasticsearch-data", true, true],
      ],
      protectedContainers: [],
      mounts: [
        [{ volumeName: "om2-mysql-data", containerPath: "/var/lib/mysql" }],
        [{ volumeName: "om2-elasticsearch-data", containerPath: "/usr/share/elasticsearch/data" }],
      ],
    });
    expect(
      await volumesOf({
        database: { mode: "bundled", engine: "postgresql" },
        search: { mode: "bundled", engine: "opensearch" },
      }),
    ).toEqual({
      // The Pulumi names stay; the Docker names say which engine's files they hold.
      volumes: [
        ["om-db-data", "om2-postgresql-data", true, true],
        ["om-search-data", "om2-opensearch-data", true, true],
      ],
      protectedContainers: [],
      mounts: [
        [{ volumeName: "om2-postgresql-data", containerPath: "/var/lib/postgresql/data" }],
        [{ volumeName: "om2-opensearch-data", containerPath: "/usr/share/opensearch/data" }],
      ],
    });
  });

  it("lets a version upgrade replace the database container: new image, same protected volume, no protect", async () => {
    const at = async (version: string) => {
      const run = await build(baseArgs({ version }));
      const db = byName(run, "om-database");
      return {
        image: inputs(byName(run, "om-database-image")).name,
        protect: db.protect,
        deleteBeforeReplace: db.deleteBeforeReplace,
        volumes: inputs(db).volumes,
        volume: [byName(run, "om-db-data").protect, inputs(byName(run, "om-db-data")).name],
      };
    };
    const volumes = [{ volumeName: "openmetadata-mysql-data", containerPath: "/var/lib/mysql" }];
    expect([await at("1.8.10"), await at("1.8.12")]).toEqual([
      {
        image: "docker.getcollate.io/openmetadata/db:1.8.10",
        protect: false,
        deleteBeforeReplace: true,
        volumes,
        volume: [true, "openmetadata-mysql-data"],
      },
      {
        image: "docker.getcollate.io/openmetadata/db:1.8.12",
        protect: false,
        deleteBeforeReplace: true,
        volumes,
        volume: [true, "openmetadata-mysql-data"],
      },
    ]);
  });

  it("protect false leaves the data unprotected but still retained on delete", async () => {
    const run = await build(baseArgs({ protect: false }));
    expect(run.resources.filter((r) => r.protect).map((r) => r.name)).toEqual([]);
    expect(
      ofType(run, "docker:index/volume:Volume").map((v) => [inputs(v).name, v.protect, v.retainOnDelete]),
    ).toEqual([
      ["openmetadata-mysql-data", false, true],
      ["openmetadata-elasticsearch-data", false, true],
      ["openmetadata-ingestion-dag-configs", false, true],
      ["openmetadata-ingestion-dags", false, true],
      ["openmetadata-ingestion-tmp", false, true],
    ]);
  });

  /** DB_PARAMS and ELASTICSEARCH_SCHEME of the server for an external database and search. */
  async function transport(
    database: Partial<ExternalDatabase>,
    search: Partial<ExternalSearch> = {},
  ): Promise<[string | undefined, string | undefined]> {
    const run = await build(
      baseArgs({
        ingestion: false,
        database: { mode: "external", host: "db.example.com", password: "pw-1", ...database },
        search: { mode: "external", host: "search.example.com", ...search },
      }),
    );
    const env = clearInputs(byName(run, "om-server")).envs as string[];
    const value = (name: string) => env.find((l) => l.startsWith(`${name}=`))?.slice(name.length + 1);
    return [value("DB_PARAMS"), value("ELASTICSEARCH_SCHEME")];
  }

  it("defaults an external database to TLS and search to https, except on loopback", async () => {
    expect(await transport({})).toEqual([
      "allowPublicKeyRetrieval=true&sslMode=REQUIRED&serverTimezone=UTC",
      "https",
    ]);
    expect(await transport({ engine: "postgresql" })).toEqual(["sslmode=require", "https"]);
    expect(await transport({ host: "127.0.0.1" }, { host: "localhost" })).toEqual([
      "allowPublicKeyRetrieval=true&useSSL=false&serverTimezone=UTC",
      "http",
    ]);
    expect(await transport({ engine: "postgresql", host: "localhost" })).toEqual([
      "sslmode=disable",
      "https",
    ]);
    // Given values are kept.
    expect(await transport({ params: "sslMode=VERIFY_IDENTITY" }, { scheme: "http" })).toEqual([
      "sslMode=VERIFY_IDENTITY",
      "http",
    ]);
    // The bundled database stays on the private network with upstream's parameters.
    const bundled = clearInputs(byName(await build(baseArgs()), "om-server")).envs as string[];
    expect(bundled.filter((l) => /^(DB_PARAMS|ELASTICSEARCH_SCHEME)=/.test(l))).toEqual([
      "DB_PARAMS=allowPublicKeyRetrieval=true&useSSL=false&serverTimezone=UTC",
      "ELASTICSEARCH_SCHEME=http",
    ]);
  });

  it("refuses cleartext to a remote database or search engine in production, and nothing else", async () => {
    const attempt = async (args: Partial<OpenMetadataDockerArgs>) => {
      let message: string | undefined;
      const run = await runComponents(() => {
        try {
          new OpenMetadataDocker("om", baseArgs({ production: true, ingestion: false, ...args }));
        } catch (e) {
          message = (e as Error).message;
        }
      });
      return { message, registered: run.resources.length };
    };
    expect(
      await attempt({
        database: { mode: "external", host: "db.example.com", password: "pw-1", params: "sslMode=DISABLED" },
        search: { mode: "external", host: "search.example.com", scheme: "http" },
      }),
    ).toEqual({
      message:
        'OpenMetadataDocker "om": invalid arguments (2):\n' +
        "  database.params: must use TLS in production: the database at db.example.com would be reached in cleartext\n" +
        "  search.scheme: must use TLS in production: the search engine at search.example.com would be reached in cleartext",
      registered: 0,
    });
    expect(
      await attempt({
        database: {
          mode: "external",
          engine: "postgresql",
          host: "10.0.0.7",
          password: "pw-1",
          params: "sslmode=prefer",
        },
      }),
    ).toEqual({
      message:
        'OpenMetadataDocker "om": invalid arguments (1):\n' +
        "  database.params: must use TLS in production: the database at 10.0.0.7 would be reached in cleartext",
      registered: 0,
    });
    // The defaults, loopback and the bundled services are accepted.
    for (const args of [
      {
        database: { mode: "external", host: "db.example.com", password: "pw-1" },
        search: { mode: "external", host: "search.example.com" },
      },
      {
        database: { mode: "external", host: "127.0.0.1", password: "pw-1", params: "useSSL=false" },
        search: { mode: "external", host: "localhost", scheme: "http" },
      },
      { ingestion: true },
    ] as Partial<OpenMetadataDockerArgs>[])
      expect((await attempt(args)).message).toBeUndefined();
  });
});
