import { dockerInternalPortsNotPublic } from "../policy/docker-ports";
import { violationsOf } from "./policy-harness";

const CONTAINER = "docker:index/container:Container";
const run = (ports: object[], config: object = {}) =>
  violationsOf(dockerInternalPortsNotPublic, CONTAINER, { ports }, { name: "om", config });
const tail =
  'set ports[].ip to "127.0.0.1" or do not publish it: only 8080, and 8585 with allowPublicUiPort, may be public.';
const uiFix =
  'set ports[].ip to "127.0.0.1" (dockerUiBindAddress) and serve it through a TLS reverse proxy, or set ' +
  "allowPublicUiPort: true in this policy's config.";
const adminFix = 'its admin API is unauthenticated: set ports[].ip to "127.0.0.1" or do not publish it.';

describe("docker-internal-ports-not-public", () => {
  it("accepts the server's port as the program publishes it (dockerUiBindAddress default 127.0.0.1)", () => {
    // openmetadata-server in `npm run plan -- --stack dev --json`.
    expect(run([{ external: 8585, internal: 8585, ip: "127.0.0.1" }])).toEqual([]);
    // openmetadata-ingestion with dockerAirflowPort set, and without.
    expect(run([{ external: 8080, internal: 8080, ip: "127.0.0.1" }])).toEqual([]);
    expect(run([])).toEqual([]);
  });

  it("accepts 8080 on all interfaces and internal ports bound to loopback or a specific address", () => {
    expect(
      run([
        { internal: 8080, external: 8080, ip: "0.0.0.0" },
        { internal: 8585, external: 8585, ip: "10.0.0.5" },
        { internal: 8586, external: 8586, ip: "127.0.0.1" },
        { internal: 3306, external: 3306, ip: "::1" },
      ]),
    ).toEqual([]);
  });

  it("accepts a container without published ports", () => {
    expect(violationsOf(dockerInternalPortsNotPublic, CONTAINER, { image: "x" })).toEqual([]);
  });

  it("rejects the UI port 8585 on all interfaces, however spelled, by default", () => {
    expect(
      run([
        { internal: 8585, external: 8585 },
        { internal: 8585, external: 8585, ip: "0.0.0.0" },
        { internal: 8585, external: 80, ip: "" },
        { internal: 8585, external: 8585, ip: "::" },
      ]),
    ).toEqual([
      `Container "om" publishes OpenMetadata's UI port 8585 on all interfaces (ip unset, i.e. 0.0.0.0); ${uiFix}`,
      `Container "om" publishes OpenMetadata's UI port 8585 on all interfaces (ip "0.0.0.0"); ${uiFix}`,
      `Container "om" publishes OpenMetadata's UI port 8585 on all interfaces (ip ""); ${uiFix}`,
      `Container "om" publishes OpenMetadata's UI port 8585 on all interfaces (ip "::"); ${uiFix}`,
    ]);
  });

  it("accepts the UI port on all interfaces with allowPublicUiPort, but never the admin port", () => {
    const allow = { allowPublicUiPort: true };
    expect(run([{ internal: 8585, external: 8585, ip: "0.0.0.0" }], allow)).toEqual([]);
    expect(
      run(
        [
          { internal: 8585, external: 8585 },
          { internal: 8586, external: 8586, ip: "0.0.0.0" },
          { internal: 8586, external: 8586 },
        ],
        allow,
      ),
    ).toEqual([
      `Container "om" publishes OpenMetadata's admin port 8586 on all interfaces (ip "0.0.0.0"); ${adminFix}`,
      `Container "om" publishes OpenMetadata's admin port 8586 on all interfaces (ip unset, i.e. 0.0.0.0); ${adminFix}`,
    ]);
    expect(run([{ internal: 8585, external: 8585 }], { allowPublicUiPort: false })).toHaveLength(1);
  });

  it("rejects database, search and admin ports on all interfaces, however spelled", () => {
    expect(
      run([
        { internal: 3306, external: 3306 },
        { internal: 5432, external: 5432, ip: "0.0.0.0" },
        { internal: 9200, external: 9200, ip: "" },
        { internal: 9300, ip: "::" },
        { internal: 8586, external: 8586, ip: "[::]" },
      ]),
    ).toEqual([
      `Container "om" publishes internal port 3306 on all interfaces (ip unset, i.e. 0.0.0.0); ${tail}`,
      `Container "om" publishes internal port 5432 on all interfaces (ip "0.0.0.0"); ${tail}`,
      `Container "om" publishes internal port 9200 on all interfaces (ip ""); ${tail}`,
      `Container "om" publishes internal port 9300 on all interfaces (ip "::"); ${tail}`,
      `Container "om" publishes OpenMetadata's admin port 8586 on all interfaces (ip "[::]"); ${adminFix}`,
    ]);
  });

  it("rejects any other port on all interfaces too", () => {
    expect(run([{ internal: 22, external: 2222 }])).toEqual([
      `Container "om" publishes internal port 22 on all interfaces (ip unset, i.e. 0.0.0.0); ${tail}`,
    ]);
  });

  it("declares allowPublicUiPort with default false", () => {
    expect(dockerInternalPortsNotPublic.configSchema?.properties.allowPublicUiPort).toMatchObject({
      type: "boolean",
      default: false,
    });
  });
});
