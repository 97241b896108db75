import { vmServerNotOnAllInterfaces } from "../policy/vm-server";
import { envCommand, UNIT_COMMAND, withEnvLines } from "./policy-fixtures";
import { runPolicy, UNKNOWN_STRING, violationsOf } from "./policy-harness";

const COMMAND = "command:remote:Command";
const run = (props: Record<string, unknown>) =>
  violationsOf(vmServerNotOnAllInterfaces, COMMAND, props, { name: "openmetadata-env" });
const message = (shown: string) =>
  `Command "openmetadata-env" writes /etc/openmetadata/openmetadata.env with SERVER_HOST ${shown}: OpenMetadata's UI port 8585 and its unauthenticated admin port 8586 listen on all interfaces; set SERVER_HOST (vmServerBindAddress) to 127.0.0.1 behind the TLS proxy, or to the one address a load balancer reaches.`;

describe("vm-server-not-on-all-interfaces", () => {
  it("accepts the program's env file (vmServerBindAddress default 127.0.0.1) and a specific address", () => {
    expect(run(envCommand())).toEqual([]);
    expect(run(envCommand(withEnvLines({ SERVER_HOST: '"10.0.0.5"' })))).toEqual([]);
    expect(run(envCommand(withEnvLines({ SERVER_HOST: '"::1"' })))).toEqual([]);
  });

  it.each([
    ['"0.0.0.0"', '"0.0.0.0"'],
    ['"::"', '"::"'],
    ["'[::]'", '"[::]"'],
    ["0.0.0.0", '"0.0.0.0"'],
    ['""', "unset, i.e. OpenMetadata's default 0.0.0.0"],
  ])("rejects SERVER_HOST=%s", (line, shown) => {
    expect(run(envCommand(withEnvLines({ SERVER_HOST: line })))).toEqual([message(shown)]);
  });

  it("rejects an env file without SERVER_HOST (OpenMetadata binds 0.0.0.0), the stdin being known", () => {
    expect(run(envCommand(withEnvLines({}, ["SERVER_HOST"])))).toEqual([
      message("unset, i.e. OpenMetadata's default 0.0.0.0"),
    ]);
  });

  it("judges the set SERVER_HOST while the secret stdin is unknown (preview), not a missing one", () => {
    expect(run(envCommand(withEnvLines({ SERVER_HOST: '"0.0.0.0"' }), UNKNOWN_STRING))).toEqual([
      message('"0.0.0.0"'),
    ]);
    expect(run(envCommand(withEnvLines({}, ["SERVER_HOST"]), UNKNOWN_STRING))).toEqual([]);
  });

  it("reads a SERVER_HOST given on stdin too (a later line wins, as in systemd)", () => {
    expect(run(envCommand(undefined, 'SERVER_HOST="0.0.0.0"\n'))).toEqual([message('"0.0.0.0"')]);
  });

  it("ignores commands that do not write the env file, and a create unknown during preview", () => {
    expect(run(UNIT_COMMAND)).toEqual([]);
    expect(run({ create: "systemctl restart openmetadata.service" })).toEqual([]);
    expect(runPolicy(vmServerNotOnAllInterfaces, COMMAND, { create: UNKNOWN_STRING })).toEqual({
      violations: [],
      notApplicable: [],
      unknown: [],
    });
  });

  it("ignores other resource types", () => {
    const props = envCommand(withEnvLines({ SERVER_HOST: '"0.0.0.0"' }));
    expect(violationsOf(vmServerNotOnAllInterfaces, "command:local:Command", props)).toEqual([]);
  });
});
