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
        dockerUiBindAddress: "127.0.0.1",
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
      `${k("dockerDatabaseEngine")}: must be one of mysql, postgresql; got "oracle"`,
      `${k("dockerSearchEngine")}: must be one of elasticsearch, opensearch; got "solr"`,
      `${k("dockerHost")}: must be a Docker host URL: unix:///var/run/docker.sock, ssh://user@host or tcp://host:2376`,
      `${k("dockerUiPort")}: must equal publicUrl's port 8585 for a localhost publicUrl; got 9000`,
      `${k("dockerSearchHeapMb")}: must be a whole number of MB, at least 512; got 256`,
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
      `${k("dockerDatabaseHost")}: is required (External database host name.); set it with pulumi config set dockerDatabaseHost <value>`,
      `${k("dockerDatabasePassword")}: is required (External database password.); set it with pulumi config set --secret dockerDatabasePassword <value>`,
      `${k("dockerSearchHost")}: is required (External search host name.); set it with pulumi config set dockerSearchHost <value>`,
      `${k("dockerIngestion")}: needs the bundled database (Airflow's database lives in it); set it to false with an external database`,
      `${k("dockerAirflowPort")}: must differ from the UI port; both publish host port 8585`,
    ]);
    expect(
      problems({ [k("dockerDatabaseHost")]: "db", [k("dockerSshOpts")]: JSON.stringify(["-v"]) }),
    ).toEqual([
      `${k("dockerDatabaseHost")}: is only used with dockerDatabaseMode external`,
      `${k("dockerSshOpts")}: is only used with an ssh:// dockerHost`,
    ]);
  });

  it("rejects an unknown mode with only the mode's problem", () => {
    expect(problems({ [k("dockerDatabaseMode")]: "managed" })).toEqual([
      `${k("dockerDatabaseMode")}: must be one of bundled, external; got "managed"`,
    ]);
    expect(problems({ [k("dockerSearchMode")]: "managed" })).toEqual([
      `${k("dockerSearchMode")}: must be one of bundled, external; got "managed"`,
    ]);
  });

  it("checks an external database's name, user and JDBC parameters with the shared forms", () => {
    const external = {
      [k("dockerDatabaseMode")]: "external",
      [k("dockerDatabaseHost")]: "db.example.com",
      [k("dockerDatabasePassword")]: "s3cret-password",
      [k("dockerIngestion")]: "false",
    };
    const secret = [k("dockerDatabasePassword")];
    expect(
      problems(
        {
          ...external,
          [k("dockerDatabaseName")]: "om$db",
          [k("dockerDatabaseUser")]: "om user",
          [k("dockerDatabaseParams")]: "sslMode=REQUIRED; serverTimezone=UTC",
        },
        secret,
      ),
    ).toEqual([
      `${k("dockerDatabaseName")}: must be a database name: letters, digits and _, starting with a letter or _ (at most 63); got "om$db"`,
      `${k("dockerDatabaseUser")}: must be a user name: letters, digits and _ . @ - (at most 128); got "om user"`,
      `${k("dockerDatabaseParams")}: must be JDBC parameters key=value joined by &, e.g. sslMode=REQUIRED&serverTimezone=UTC; got "sslMode=REQUIRED; serverTimezone=UTC"`,
    ]);
    expect(
      problems({ ...external, [k("dockerDatabaseParams")]: "sslMode=REQUIRED&serverTimezone=UTC" }, secret),
    ).toEqual([]);
  });

  it("an external search engine's password needs its user", () => {
    expect(
      problems(
        {
          [k("dockerSearchMode")]: "external",
          [k("dockerSearchHost")]: "search.example.com",
          [k("dockerSearchPassword")]: "s3cret-password",
        },
        [k("dockerSearchPassword")],
      ),
    ).toEqual([`${k("dockerSearchPassword")}: is only used together with a search user`]);
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

  describe("secrets the server pastes into its configuration", () => {
    const external = {
      [k("dockerDatabaseMode")]: "external",
      [k("dockerDatabaseHost")]: "db.example.com",
      [k("dockerIngestion")]: "false",
    };
    const secret = [k("dockerDatabasePassword")];

    it.each([
      [
        "${HOME}",
        "a${HOME}b",
        "must not contain ${ (OpenMetadata would expand it as a variable) (value hidden)",
      ],
      [
        "a newline",
        "first\nsecond",
        "must not contain control characters such as newlines (OpenMetadata pastes it into its YAML configuration) (value hidden)",
      ],
    ])("refuse a dockerDatabasePassword with %s, without quoting it", (_name, password, message) => {
      expect(problems({ ...external, [k("dockerDatabasePassword")]: password }, secret)).toEqual([
        `${k("dockerDatabasePassword")}: ${message}`,
      ]);
    });

    it("accept one with $ and #", () => {
      expect(problems({ ...external, [k("dockerDatabasePassword")]: "pa$$word#1" }, secret)).toEqual([]);
    });
  });

  describe("production refuses cleartext to a database or search engine off the host", () => {
    const prod = {
      [k("publicUrl")]: "https://om.example.com",
      [k("production")]: "true",
      [k("entraOwners")]: JSON.stringify([
        "11111111-2222-3333-4444-555555555555",
        "11111111-2222-3333-4444-666666666666",
      ]),
      [k("entraAssignmentRequired")]: "true",
      [k("entraAssignedGroups")]: JSON.stringify(["22222222-3333-4444-5555-666666666666"]),
    };
    const external = {
      ...prod,
      [k("dockerDatabaseMode")]: "external",
      [k("dockerDatabaseHost")]: "db.example.com",
      [k("dockerDatabasePassword")]: "s3cret-password",
      [k("dockerIngestion")]: "false",
    };
    const secret = [k("dockerDatabasePassword")];

    it("refuses dockerDatabaseParams sslMode=DISABLED with an external database", () => {
      expect(problems({ ...external, [k("dockerDatabaseParams")]: "sslMode=DISABLED" }, secret)).toEqual([
        `${k("dockerDatabaseParams")}: must use TLS in production: the database at db.example.com would be reached in cleartext`,
      ]);
    });

    it("accepts the default parameters (TLS) and the same parameters outside production", () => {
      expect(problems(external, secret)).toEqual([]);
      expect(
        problems(
          {
            [k("dockerDatabaseMode")]: "external",
            [k("dockerDatabaseHost")]: "db.example.com",
            [k("dockerDatabasePassword")]: "s3cret-password",
            [k("dockerIngestion")]: "false",
            [k("dockerDatabaseParams")]: "sslMode=DISABLED",
          },
          secret,
        ),
      ).toEqual([]);
    });

    it("refuses dockerSearchScheme http to a remote search engine", () => {
      expect(
        problems({
          ...prod,
          [k("dockerSearchMode")]: "external",
          [k("dockerSearchHost")]: "search.example.com",
          [k("dockerSearchScheme")]: "http",
        }),
      ).toEqual([
        `${k("dockerSearchScheme")}: must use TLS in production: the search engine at search.example.com would be reached in cleartext`,
      ]);
    });
  });

  it("refuses a dockerHost URL with a password (it would sit in the state), accepts a user name", () => {
    expect(problems({ [k("dockerHost")]: "tcp://u:p@host:2376" })).toEqual([
      `${k("dockerHost")}: must not hold a password (it would sit in the stack's state): use TLS certificates or ssh keys`,
    ]);
    expect(problems({ [k("dockerHost")]: "ssh://deploy@docker.example.com" })).toEqual([]);
  });

  it("publishes the UI on dockerUiBindAddress, refusing what is not an address", () => {
    const c = parse({ [k("dockerUiBindAddress")]: "0.0.0.0" });
    expect(c.target.kind === "docker" && c.target.config.dockerUiBindAddress).toBe("0.0.0.0");
    expect(problems({ [k("dockerUiBindAddress")]: "everywhere" })).toEqual([
      `${k("dockerUiBindAddress")}: must be an IPv4 or IPv6 address such as 127.0.0.1 or 0.0.0.0; got "everywhere"`,
    ]);
  });

  it("maps ssoConfigSource to the component and refuses database before 1.10, once, under its key", () => {
    expect(parse({ [k("ssoConfigSource")]: "database" }).core.ssoConfigSource).toBe("database");
    expect(problems({ [k("openmetadataVersion")]: "1.9.17", [k("ssoConfigSource")]: "database" })).toEqual([
      `${k("ssoConfigSource")}: must be "stack" on OpenMetadata 1.9: the server reads its SSO settings from the environment on every start (stored settings exist from 1.10)`,
    ]);
  });

  it("docker keys are refused on another target", () => {
    expect(problems({ [k("target")]: "none", [k("dockerUiPort")]: "8585" })).toEqual([
      `${k("dockerUiPort")}: is only used with target docker; this stack's target is none`,
    ]);
  });
});
