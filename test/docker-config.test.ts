import { ConfigError, parseStackConfig } from "../config";
import type { RawSource } from "../config/raw";

const P = "openmetadata-entra";
const k = (key: string) => `${P}:${key}`;
const BASE: Record<string, string> = {
  [k("publicUrl")]: "http://localhost:8585",
  [k("target")]: "docker",
  [k("adminPrincipals")]: JSON.stringify(["jane.doe"]),
  [k("principalDomain")]: "example.com",
};

function source(values: Record<string, string>, secret: string[]): RawSource {
  return {
    get: (key) => values[key],
    isSecret: (key) => secret.includes(key),
    keys: () => Object.keys(values),
  };
}

function parse(values: Record<string, string> = {}, secret: string[] = []) {
  return parseStackConfig(source({ ...BASE, ...values }, secret), "dev");
}

function problems(values: Record<string, string>, secret: string[] = []): string[] {
  try {
    parse(values, secret);
    return [];
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return e.problems;
  }
}

describe("docker target config", () => {
  it("applies every default", () => {
    expect(parse().target).toEqual({
      kind: "docker",
      config: {
        dockerHost: "unix:///var/run/docker.sock",
        dockerSshOpts: [],
        dockerNamePrefix: "openmetadata",
        dockerDatabaseMode: "bundled",
        dockerDatabaseEngine: "mysql",
        dockerSearchMode: "bundled",
        dockerSearchEngine: "elasticsearch",
        dockerSearchHeapMb: 1024,
        dockerIngestion: true,
        dockerUiPort: 8585,
        dockerServerWaitTimeout: 300,
      },
    });
  });

  it("reads an external database and a TLS host, secrets from secret config", () => {
    const secret = [k("dockerTlsCa"), k("dockerTlsCert"), k("dockerTlsKey"), k("dockerDatabasePassword")];
    const c = parse(
      {
        [k("dockerHost")]: "tcp://docker.example.com:2376",
        [k("dockerTlsCa")]: "ca-pem",
        [k("dockerTlsCert")]: "cert-pem",
        [k("dockerTlsKey")]: "key-pem",
        [k("dockerDatabaseMode")]: "external",
        [k("dockerDatabaseEngine")]: "postgresql",
        [k("dockerDatabaseHost")]: "pg.example.com",
        [k("dockerDatabasePassword")]: "s3cret-password",
        [k("dockerIngestion")]: "false",
      },
      secret,
    );
    expect(c.target.kind === "docker" && c.target.config).toMatchObject({
      dockerHost: "tcp://docker.example.com:2376",
      dockerTlsKey: "key-pem",
      dockerDatabaseMode: "external",
      dockerDatabaseEngine: "postgresql",
      dockerDatabaseHost: "pg.example.com",
      dockerDatabasePassword: "s3cret-password",
      dockerIngestion: false,
    });
  });

  it("rejects bad values with the accepted form", () => {
    expect(
      problems({
        [k("dockerDatabaseEngine")]: "oracle",
        [k("dockerSearchEngine")]: "solr",
        [k("dockerSearchHeapMb")]: "256",
        [k("dockerHost")]: "docker.example.com",
        [k("dockerUiPort")]: "9000",
      }),
    ).toEqual([
      `${k("dockerHost")}: must be a Docker host URL: unix:///var/run/docker.sock, ssh://user@host or tcp://host:2376`,
      `${k("dockerDatabaseEngine")}: must be one of mysql, postgresql; got "oracle"`,
      `${k("dockerSearchEngine")}: must be one of elasticsearch, opensearch; got "solr"`,
      `${k("dockerSearchHeapMb")}: must be a whole number of MB, at least 512`,
    ]);
    expect(problems({ [k("dockerUiPort")]: "9000" })).toEqual([
      `${k("dockerUiPort")}: must equal publicUrl's port 8585 for a localhost publicUrl; got 9000`,
    ]);
  });

  it("external modes need a host (and a database password); other modes' keys are refused", () => {
    expect(
      problems({
        [k("dockerDatabaseMode")]: "external",
        [k("dockerSearchMode")]: "external",
        [k("dockerAirflowPort")]: "8585",
      }),
    ).toEqual([
      `${k("dockerDatabaseHost")}: is required with dockerDatabaseMode external (a host name)`,
      `${k("dockerDatabasePassword")}: is required with dockerDatabaseMode external: pulumi config set --secret dockerDatabasePassword <password>`,
      `${k("dockerIngestion")}: must be false with dockerDatabaseMode external (Airflow's database lives in the bundled database)`,
      `${k("dockerSearchHost")}: is required with dockerSearchMode external (a host name)`,
      `${k("dockerAirflowPort")}: must differ from dockerUiPort; both publish host port 8585`,
    ]);
    expect(
      problems({ [k("dockerDatabaseHost")]: "db", [k("dockerSshOpts")]: JSON.stringify(["-v"]) }),
    ).toEqual([
      `${k("dockerSshOpts")}: is only used with an ssh:// dockerHost`,
      `${k("dockerDatabaseHost")}: is only used with dockerDatabaseMode external`,
    ]);
  });

  it("TLS material must be secret, complete and only for tcp://", () => {
    expect(problems({ [k("dockerTlsKey")]: "key-pem" })).toEqual([
      `${k("dockerTlsKey")}: must be set as a secret: pulumi config set --secret dockerTlsKey <value>`,
    ]);
    expect(problems({ [k("dockerTlsKey")]: "key-pem" }, [k("dockerTlsKey")])).toEqual([
      `${k("dockerTlsKey")}: is only used with a tcp:// dockerHost`,
      `${k("dockerTlsKey")}: dockerTlsCa, dockerTlsCert and dockerTlsKey must be set together (all three PEM)`,
    ]);
  });

  it("docker keys are refused on another target", () => {
    expect(problems({ [k("target")]: "none", [k("dockerUiPort")]: "8585" })).toEqual([
      `${k("dockerUiPort")}: is only used with target docker; this stack's target is none`,
    ]);
  });
});
