import { graphShape } from "../bench/graph";
import type { PlanDocument, PlanResource } from "../tools/plan/report";

const resource = (
  type: string,
  name: string,
  parent: string | null,
  waitsFor: string[] = [],
): PlanResource => ({
  type,
  name,
  parent,
  inputs: {},
  options: {
    protect: false,
    retainOnDelete: false,
    dependsOn: [],
    ignoreChanges: [],
    deleteBeforeReplace: false,
    aliases: [],
  },
  waitsFor,
});

const plan = (resources: PlanResource[]): PlanDocument => ({
  stack: "s",
  project: "p",
  resources,
  outputs: {},
});

describe("graphShape", () => {
  it("counts custom resources on the longest chain of waits", () => {
    const shape = graphShape(
      plan([
        resource("docker:index/volume:Volume", "data", null),
        resource("random:index/randomPassword:RandomPassword", "password", null),
        resource("docker:index/container:Container", "db", null, ["data", "password"]),
        resource("docker:index/container:Container", "migrate", null, ["db"]),
        resource("docker:index/container:Container", "server", null, ["migrate", "password"]),
      ]),
    );
    expect(shape).toEqual({ depth: 4, width: 2, longestChain: ["data", "db", "migrate", "server"] });
  });

  it("waiting for a component means waiting for its children; components themselves take no step", () => {
    const shape = graphShape(
      plan([
        resource("openmetadata-entra:entra:OpenMetadataApp", "entra", null),
        resource("azuread:index/application:Application", "entra-app", "entra"),
        resource("azuread:index/servicePrincipal:ServicePrincipal", "entra-sp", "entra", ["entra-app"]),
        resource("docker:index/container:Container", "server", null, ["entra"]),
      ]),
    );
    expect(shape).toEqual({ depth: 3, width: 1, longestChain: ["entra-app", "entra-sp", "server"] });
  });

  it("refuses a cycle", () => {
    expect(() =>
      graphShape(
        plan([
          resource("docker:index/container:Container", "a", null, ["b"]),
          resource("docker:index/container:Container", "b", null, ["a"]),
        ]),
      ),
    ).toThrow("dependency cycle through a");
  });
});
