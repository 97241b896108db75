import { OpenMetadataDocker, type OpenMetadataDockerArgs } from "../components/docker";
import { baseArgs } from "./helpers/docker-fixture";
import { runComponents } from "./helpers/offline";

/** Builds the component under mocks; returns the error message and how many resources were registered. */
async function attempt(args: OpenMetadataDockerArgs): Promise<{ message: string; registered: number }> {
  let message = "";
  const run = await runComponents(() => {
    try {
      new OpenMetadataDocker("om", args);
    } catch (err) {
      message = (err as Error).message;
    }
  });
  return { message, registered: run.resources.length };
}

describe("OpenMetadataDocker validation", () => {
  it("reports an unknown engine, a small heap and a port collision at once, registering nothing", async () => {
    const result = await attempt(
      baseArgs({
        database: { mode: "bundled", engine: "oracle" as "mysql" },
        search: { mode: "bundled", engine: "elasticsearch", heapMb: 256 },
        airflowPort: 8585,
      }),
    );
    expect(result).toEqual({
      message:
        'OpenMetadataDocker "om": invalid arguments (3):\n' +
        '  database.engine: must be one of mysql, postgresql; got "oracle"\n' +
        "  search.heapMb: must be a whole number of MB, at least 512; got 256\n" +
        "  airflowPort: must differ from the UI port; both publish host port 8585",
      registered: 0,
    });
  });

  it("external mode without a host", async () => {
    const result = await attempt(
      baseArgs({
        ingestion: false,
        database: { mode: "external", engine: "postgresql", host: "", password: "x" },
        search: { mode: "external", engine: "solr" as "opensearch", host: "" },
      }),
    );
    expect(result).toEqual({
      message:
        'OpenMetadataDocker "om": invalid arguments (3):\n' +
        '  database.host: must be a host name or IP address such as db.example.com, 10.0.0.4 or fd00::4; got ""\n' +
        '  search.engine: must be one of elasticsearch, opensearch; got "solr"\n' +
        '  search.host: must be a host name or IP address such as db.example.com, 10.0.0.4 or fd00::4; got ""',
      registered: 0,
    });
  });

  it("ingestion with an external database, bad names, version, ports and timeout", async () => {
    const result = await attempt(
      baseArgs({
        version: "latest",
        namePrefix: "Open_Metadata",
        database: { mode: "external", engine: "mysql", host: "db", password: "x" },
        search: { mode: "managed" as "bundled" },
        uiPort: 70000,
        serverWaitTimeoutSeconds: 30,
      }),
    );
    expect(result.registered).toBe(0);
    expect(result.message.split("\n").slice(1)).toEqual([
      '  version: must be a release version x.y.z such as 1.13.1; got "latest"',
      '  namePrefix: must be 1-40 lower-case letters, digits and hyphens, starting and ending with a letter or digit; got "Open_Metadata"',
      '  search.mode: must be one of bundled, external; got "managed"',
      "  ingestion: needs the bundled database (Airflow's database lives in it); set it to false with an external database",
      "  uiPort: must be a port number from 1 to 65535; got 70000",
      "  serverWaitTimeoutSeconds: must be a whole number of seconds, at least 60; got 30",
    ]);
  });

  it("checks ssoConfigSource: one of the sources, and database only where the server stores its settings", async () => {
    expect(await attempt(baseArgs({ ssoConfigSource: "ui" as "stack" }))).toEqual({
      message:
        'OpenMetadataDocker "om": invalid arguments (1):\n' +
        '  ssoConfigSource: must be one of stack, database; got "ui"',
      registered: 0,
    });
    expect(await attempt(baseArgs({ version: "1.9.17", ssoConfigSource: "database" }))).toEqual({
      message:
        'OpenMetadataDocker "om": invalid arguments (1):\n' +
        '  ssoConfigSource: must be "stack" on OpenMetadata 1.9: the server reads its SSO settings from the environment on every start (stored settings exist from 1.10)',
      registered: 0,
    });
    // The default version (1.10+) stores them: both sources are accepted.
    for (const ssoConfigSource of ["stack", "database"] as const)
      expect((await attempt(baseArgs({ ssoConfigSource }))).message).toBe("");
  });

  it("accepts the defaults", async () => {
    expect((await attempt(baseArgs())).message).toBe("");
  });
});
