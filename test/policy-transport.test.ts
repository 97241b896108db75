import {
  isCleartextDatabase,
  isContainerName,
  isLoopbackHost,
  productionDataTransportTls,
} from "../policy/transport";
import {
  DEV_INGESTION_ENVS,
  DEV_SERVER_ENVS,
  envCommand,
  prodReleaseValues,
  UNIT_COMMAND,
  withEnvLines,
  withEnvs,
} from "./policy-fixtures";
import { UNKNOWN_STRING, violationsOf } from "./policy-harness";

const CONTAINER = "docker:index/container:Container";
const COMMAND = "command:remote:Command";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const PROD = { production: true };

const MYSQL_FIX =
  "has no sslMode=REQUIRED, VERIFY_CA or VERIFY_IDENTITY; production stacks must use TLS: add sslMode=REQUIRED (or VERIFY_CA, VERIFY_IDENTITY) to it.";
const PG_FIX =
  "has no sslmode=require, verify-ca or verify-full; production stacks must use TLS: add sslmode=require (or verify-ca, verify-full) to it.";
const UNSET_MYSQL =
  "is unset (the default has useSSL=false); production stacks must use TLS: add sslMode=REQUIRED (or VERIFY_CA, VERIFY_IDENTITY) to it.";
const HTTPS_FIX = "production stacks must use TLS: set it to https.";

const container = (envs: readonly string[], config: object = PROD, name = "openmetadata-server") =>
  violationsOf(productionDataTransportTls, CONTAINER, { envs }, { name, config });
const command = (props: Record<string, unknown>, config: object = PROD) =>
  violationsOf(productionDataTransportTls, COMMAND, props, { name: "openmetadata-env", config });
const release = (values: unknown, config: object = PROD, chart = "openmetadata", version?: string) =>
  violationsOf(
    productionDataTransportTls,
    RELEASE,
    { chart, values, ...(version === undefined ? {} : { version }) },
    { name: "openmetadata-openmetadata", config },
  );

describe("production-data-transport-tls: Docker containers", () => {
  const server = 'Container "openmetadata-server"';
  const external = {
    DB_HOST: "mysql.example.com",
    DB_PARAMS: "allowPublicKeyRetrieval=true&sslMode=REQUIRED&serverTimezone=UTC",
    ELASTICSEARCH_HOST: "search.example.com",
    ELASTICSEARCH_SCHEME: "https",
  };

  it("accepts the bundled database and search reached by container name on the Docker network (dev stack)", () => {
    expect(container(DEV_SERVER_ENVS)).toEqual([]);
    expect(container(DEV_INGESTION_ENVS, PROD, "openmetadata-ingestion")).toEqual([]);
  });

  it("accepts external services over TLS (the program's defaults) and cleartext on loopback", () => {
    expect(container(withEnvs(DEV_SERVER_ENVS, external))).toEqual([]);
    expect(
      container(withEnvs(DEV_SERVER_ENVS, { ...external, DB_PARAMS: "sslMode=verify_identity" })),
    ).toEqual([]);
    const loopback = { DB_HOST: "127.0.0.1", ELASTICSEARCH_HOST: "localhost", ELASTICSEARCH_SCHEME: "http" };
    expect(container(withEnvs(DEV_SERVER_ENVS, loopback))).toEqual([]);
  });

  it("rejects a cleartext database and search engine on another host in production", () => {
    const envs = withEnvs(DEV_SERVER_ENVS, {
      DB_HOST: "mysql.example.com",
      DB_PARAMS: "allowPublicKeyRetrieval=true&useSSL=true&sslMode=PREFERRED",
      ELASTICSEARCH_HOST: "10.0.0.7",
      ELASTICSEARCH_SCHEME: "HTTP",
    });
    expect(container(envs)).toEqual([
      `${server} reaches the database at mysql.example.com in cleartext: env DB_PARAMS ${MYSQL_FIX}`,
      `${server} reaches the search engine at 10.0.0.7 in cleartext: env ELASTICSEARCH_SCHEME is "HTTP"; ${HTTPS_FIX}`,
    ]);
  });

  it("rejects unset DB_PARAMS and ELASTICSEARCH_SCHEME (OpenMetadata's defaults are cleartext)", () => {
    const envs = withEnvs(
      DEV_SERVER_ENVS,
      { DB_HOST: "mysql.example.com", ELASTICSEARCH_HOST: "search.example.com" },
      ["DB_PARAMS", "ELASTICSEARCH_SCHEME"],
    );
    expect(container(envs)).toEqual([
      `${server} reaches the database at mysql.example.com in cleartext: env DB_PARAMS ${UNSET_MYSQL}`,
      `${server} reaches the search engine at search.example.com in cleartext: env ELASTICSEARCH_SCHEME is unset (http); ${HTTPS_FIX}`,
    ]);
  });

  it("applies PostgreSQL's sslmode rule when DB_SCHEME is postgresql", () => {
    const pg = (params: string) =>
      withEnvs(DEV_SERVER_ENVS, {
        DB_DRIVER_CLASS: "org.postgresql.Driver",
        DB_SCHEME: "postgresql",
        DB_HOST: "pg.example.com",
        DB_PARAMS: params,
      });
    expect(container(pg("sslmode=require"))).toEqual([]);
    expect(container(pg("sslmode=verify-full"))).toEqual([]);
    expect(container(pg("sslmode=prefer"))).toEqual([
      `${server} reaches the database at pg.example.com in cleartext: env DB_PARAMS ${PG_FIX}`,
    ]);
    // MySQL's parameter does not secure PostgreSQL.
    expect(container(pg("sslMode=REQUIRED"))).toHaveLength(1);
  });

  it("judges only OpenMetadata's database settings: Airflow's DB_HOST without DB_PARAMS is not judged", () => {
    const airflow = withEnvs(DEV_INGESTION_ENVS, { DB_HOST: "mysql.example.com" });
    expect(container(airflow, PROD, "openmetadata-ingestion")).toEqual([]);
  });

  it("accepts anything outside production (default config)", () => {
    const envs = withEnvs(DEV_SERVER_ENVS, {
      DB_HOST: "mysql.example.com",
      ELASTICSEARCH_HOST: "search.example.com",
    });
    expect(container(envs, {})).toEqual([]);
    expect(container(envs, { production: false })).toEqual([]);
  });

  it("judges known settings during preview, and leaves a missing one to the update when entries are unknown", () => {
    const bad = withEnvs(DEV_SERVER_ENVS, { DB_HOST: "mysql.example.com", DB_PARAMS: "useSSL=false" });
    expect(container([...bad, UNKNOWN_STRING])).toEqual([
      `${server} reaches the database at mysql.example.com in cleartext: env DB_PARAMS ${MYSQL_FIX}`,
    ]);
    const unset = withEnvs(
      DEV_SERVER_ENVS,
      { DB_HOST: "mysql.example.com", ELASTICSEARCH_HOST: "s.example.com" },
      ["DB_PARAMS", "ELASTICSEARCH_SCHEME"],
    );
    expect(container([...unset, UNKNOWN_STRING])).toEqual([]);
    expect(container(UNKNOWN_STRING as unknown as string[])).toEqual([]);
  });
});

describe("production-data-transport-tls: the VM env file", () => {
  const subject = 'Command "openmetadata-env" (/etc/openmetadata/openmetadata.env)';

  it("accepts the staging env file (database and search on the VM's loopback)", () => {
    expect(command(envCommand())).toEqual([]);
  });

  it("accepts remote services over TLS, the values systemd-quoted", () => {
    const lines = withEnvLines({
      DB_DRIVER_CLASS: '"org.postgresql.Driver"',
      DB_SCHEME: '"postgresql"',
      DB_HOST: '"pg.example.com"',
      DB_PARAMS: '"sslmode=require"',
      ELASTICSEARCH_HOST: '"search.example.com"',
      ELASTICSEARCH_SCHEME: '"https"',
    });
    expect(command(envCommand(lines))).toEqual([]);
  });

  it("rejects remote services in cleartext in production, and only there", () => {
    const lines = withEnvLines({
      DB_HOST: '"db.internal.example.com"',
      ELASTICSEARCH_HOST: '"search.internal.example.com"',
    });
    expect(command(envCommand(lines))).toEqual([
      `${subject} reaches the database at db.internal.example.com in cleartext: DB_PARAMS ${MYSQL_FIX}`,
      `${subject} reaches the search engine at search.internal.example.com in cleartext: ELASTICSEARCH_SCHEME is "http"; ${HTTPS_FIX}`,
    ]);
    expect(command(envCommand(lines), {})).toEqual([]);
  });

  it("does not treat a single-label host as local on a VM (that is another machine)", () => {
    const lines = withEnvLines({ DB_HOST: '"dbserver"' });
    expect(command(envCommand(lines))).toEqual([
      `${subject} reaches the database at dbserver in cleartext: DB_PARAMS ${MYSQL_FIX}`,
    ]);
  });

  it("ignores commands that do not write the env file", () => {
    expect(command(UNIT_COMMAND)).toEqual([]);
  });
});

describe("production-data-transport-tls: the openmetadata Helm release", () => {
  const subject = 'Release "openmetadata-openmetadata" (chart openmetadata)';
  const values = prodReleaseValues;

  it("accepts the prod stack's values (external MySQL and OpenSearch over TLS, no pipeline client)", () => {
    expect(release(values())).toEqual([]);
  });

  it("rejects cleartext dbParams, an http search scheme and an http pipeline endpoint", () => {
    const v = values();
    v.openmetadata.config.database.dbParams = "allowPublicKeyRetrieval=true&useSSL=false&serverTimezone=UTC";
    v.openmetadata.config.elasticsearch.scheme = "http";
    v.openmetadata.config.pipelineServiceClientConfig = {
      enabled: true,
      apiEndpoint: "http://airflow.example.com",
    };
    expect(release(v)).toEqual([
      `${subject} reaches the database at openmetadata-db.mysql.database.azure.com in cleartext: values.openmetadata.config.database.dbParams ${MYSQL_FIX}`,
      `${subject} reaches the search engine at search.example.com in cleartext: values.openmetadata.config.elasticsearch.scheme is "http"; ${HTTPS_FIX}`,
      `${subject} sends Airflow's credentials in cleartext: values.openmetadata.config.pipelineServiceClientConfig.apiEndpoint is an http URL; production stacks must use TLS: use an https endpoint.`,
    ]);
    expect(release(v, {})).toEqual([]);
  });

  it("accepts an https pipeline endpoint and a disabled pipeline client", () => {
    const v = values();
    v.openmetadata.config.pipelineServiceClientConfig = {
      enabled: true,
      apiEndpoint: "https://airflow.example.com",
    };
    expect(release(v)).toEqual([]);
  });

  // Charts from 1.11.12 / 1.12.1 read the endpoint under `type: airflow` and ignore the flat key.
  it.each([
    ["1.8.12", { enabled: true, apiEndpoint: "https://airflow.example.com" }, undefined],
    ["1.11.11", { enabled: true, apiEndpoint: "http://airflow.example.com" }, "apiEndpoint is an http URL"],
    [
      "1.13.1",
      { enabled: true, type: "airflow", airflow: { apiEndpoint: "https://airflow.example.com" } },
      undefined,
    ],
    [
      "1.13.1",
      { enabled: true, type: "airflow", airflow: { apiEndpoint: "http://airflow.example.com" } },
      "airflow.apiEndpoint is an http URL",
    ],
    [
      "1.13.1",
      { enabled: true, apiEndpoint: "https://airflow.example.com" },
      "airflow.apiEndpoint is unset (the chart's default is http)",
    ],
  ])("chart %s reads the pipeline endpoint where that chart does: %j", (version, pipeline, finding) => {
    const v = values();
    v.openmetadata.config.pipelineServiceClientConfig = pipeline;
    expect(release(v, PROD, "openmetadata", version)).toEqual(
      finding === undefined
        ? []
        : [
            `${subject} sends Airflow's credentials in cleartext: values.openmetadata.config.pipelineServiceClientConfig.${finding}; production stacks must use TLS: use an https endpoint.`,
          ],
    );
  });

  it("applies the PostgreSQL rule for dbScheme postgresql", () => {
    const v = values();
    Object.assign(v.openmetadata.config.database, {
      dbScheme: "postgresql",
      driverClass: "org.postgresql.Driver",
      dbParams: "sslmode=disable",
      host: "pg.example.com",
    });
    expect(release(v)).toEqual([
      `${subject} reaches the database at pg.example.com in cleartext: values.openmetadata.config.database.dbParams ${PG_FIX}`,
    ]);
  });

  it("judges what the values leave out by the chart's defaults (the bundled services, in cleartext)", () => {
    expect(release({ resources: {} })).toEqual([
      `${subject} reaches the database at mysql in cleartext: values.openmetadata.config.database.dbParams ${UNSET_MYSQL}`,
      `${subject} reaches the search engine at opensearch in cleartext: values.openmetadata.config.elasticsearch.scheme is unset (http); ${HTTPS_FIX}`,
      `${subject} sends Airflow's credentials in cleartext: values.openmetadata.config.pipelineServiceClientConfig.apiEndpoint is unset (the chart's default is http); production stacks must use TLS: use an https endpoint.`,
    ]);
  });

  it("leaves values unknown during preview to the update", () => {
    const v = values();
    (v.openmetadata.config.database as Record<string, unknown>).dbParams = UNKNOWN_STRING;
    v.openmetadata.config.elasticsearch.scheme = "http";
    expect(release(v)).toEqual([
      `${subject} reaches the search engine at search.example.com in cleartext: values.openmetadata.config.elasticsearch.scheme is "http"; ${HTTPS_FIX}`,
    ]);
    expect(release(UNKNOWN_STRING)).toEqual([]);
  });

  it("ignores other charts", () => {
    expect(release({ mysql: {} }, PROD, "openmetadata-dependencies")).toEqual([]);
  });
});

describe("transport helpers", () => {
  it("isLoopbackHost: localhost, 127.0.0.0/8 and ::1 only", () => {
    for (const host of ["localhost", "127.0.0.1", "127.1.2.3", "::1", "[::1]"])
      expect(isLoopbackHost(host)).toBe(true);
    for (const host of ["mysql", "10.0.0.1", "localhost.example.com", "0.0.0.0"])
      expect(isLoopbackHost(host)).toBe(false);
  });

  it("isContainerName: one DNS label, not a number", () => {
    for (const host of ["openmetadata-mysql", "db", "om_db"]) expect(isContainerName(host)).toBe(true);
    for (const host of ["mysql.example.com", "10.0.0.1", "1234", "-x", "::1"])
      expect(isContainerName(host)).toBe(false);
  });

  it("isCleartextDatabase: the program's rule", () => {
    expect(
      isCleartextDatabase("mysql", "allowPublicKeyRetrieval=true&sslMode=REQUIRED&serverTimezone=UTC"),
    ).toBe(false);
    expect(isCleartextDatabase("mysql", "SSLMODE=verify_ca")).toBe(false);
    expect(isCleartextDatabase("mysql", "useSSL=true")).toBe(true);
    expect(isCleartextDatabase("postgresql", "sslmode=require")).toBe(false);
    expect(isCleartextDatabase("postgresql", "sslmode=prefer")).toBe(true);
    expect(isCleartextDatabase("postgresql", "")).toBe(true);
  });
});
