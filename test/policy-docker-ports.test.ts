import { dockerInternalPortsNotPublic } from "../policy/docker-ports";
import { violationsOf } from "./policy-harness";

const CONTAINER = "docker:index/container:Container";
const run = (ports: object[]) =>
  violationsOf(dockerInternalPortsNotPublic, CONTAINER, { ports }, { name: "om" });
const tail = 'set ports[].ip to "127.0.0.1" or do not publish it: only 8585 and 8080 may be public.';

describe("docker-internal-ports-not-public", () => {
  it("accepts 8585 and 8080 on all interfaces and internal ports bound to loopback", () => {
    expect(
      run([
        { internal: 8585, external: 8585 },
        { internal: 8080, external: 8080, ip: "0.0.0.0" },
        { internal: 8586, external: 8586, ip: "127.0.0.1" },
        { internal: 3306, external: 3306, ip: "::1" },
      ]),
    ).toEqual([]);
  });

  it("accepts a container without published ports", () => {
    expect(violationsOf(dockerInternalPortsNotPublic, CONTAINER, { image: "x" })).toEqual([]);
  });

  it("rejects database, search and admin ports on all interfaces, however spelled", () => {
    expect(
      run([
        { internal: 3306, external: 3306 },
        { internal: 5432, external: 5432, ip: "0.0.0.0" },
        { internal: 9200, external: 9200, ip: "" },
        { internal: 9300, ip: "::" },
        { internal: 8586, external: 8586, ip: "0.0.0.0" },
      ]),
    ).toEqual([
      `Container "om" publishes internal port 3306 on all interfaces (ip unset, i.e. 0.0.0.0); ${tail}`,
      `Container "om" publishes internal port 5432 on all interfaces (ip "0.0.0.0"); ${tail}`,
      `Container "om" publishes internal port 9200 on all interfaces (ip ""); ${tail}`,
      `Container "om" publishes internal port 9300 on all interfaces (ip "::"); ${tail}`,
      `Container "om" publishes internal port 8586 on all interfaces (ip "0.0.0.0"); ${tail}`,
    ]);
  });

  it("rejects any other port on all interfaces too", () => {
    expect(run([{ internal: 22, external: 2222 }])).toEqual([
      `Container "om" publishes internal port 22 on all interfaces (ip unset, i.e. 0.0.0.0); ${tail}`,
    ]);
  });
});
