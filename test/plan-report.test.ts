import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import { buildPlan, formatTable, SECRET_MASK } from "../tools/plan/report";
import { runComponents } from "./helpers/offline";

async function planOf(showSecrets: boolean) {
  const run = await runComponents(() => {
    new azuread.Application("app", {
      displayName: "visible",
      notes: pulumi.secret("whole-value-secret"),
      tags: ["visible-tag", pulumi.secret("secret-tag")],
    });
    return {
      plain: "shown",
      hidden: pulumi.secret({ nested: "secret-output" }),
      list: ["a", pulumi.secret("b")],
    };
  });
  return buildPlan(run, "test", "openmetadata-entra", showSecrets);
}

describe("secret masking", () => {
  it("masks exactly the secret values: one list element, one map entry", async () => {
    const plan = await planOf(false);
    expect(plan.resources[0].inputs).toEqual({
      displayName: "visible",
      notes: SECRET_MASK,
      tags: ["visible-tag", SECRET_MASK],
    });
    expect(plan.outputs).toEqual({ plain: "shown", hidden: SECRET_MASK, list: ["a", SECRET_MASK] });
    expect(JSON.stringify(plan)).not.toMatch(/secret-(tag|output)|whole-value/);
  });

  it("shows them with --show-secrets", async () => {
    const plan = await planOf(true);
    expect(plan.resources[0].inputs).toEqual({
      displayName: "visible",
      notes: "whole-value-secret",
      tags: ["visible-tag", "secret-tag"],
    });
    expect(plan.outputs).toEqual({ plain: "shown", hidden: { nested: "secret-output" }, list: ["a", "b"] });
  });

  it("prints the table with masked outputs", async () => {
    expect(formatTable(await planOf(false))).toBe(
      [
        'Offline plan of stack "test" (project openmetadata-entra): 1 resources',
        "",
        "TYPE                                   NAME  PARENT",
        "azuread:index/application:Application  app   (stack)",
        "",
        "Outputs:",
        '  hidden: "[secret]"',
        '  list: ["a","[secret]"]',
        '  plain: "shown"',
        "",
      ].join("\n"),
    );
  });
});

describe("options and dependencies", () => {
  it("records protect, retainOnDelete, dependsOn, ignoreChanges, aliases and output references", async () => {
    const run = await runComponents(() => {
      const a = new azuread.Application("a", { displayName: "a" }, { protect: true, retainOnDelete: true });
      const b = new azuread.Application(
        "b",
        { displayName: "b" },
        { ignoreChanges: ["tags", "notes"], aliases: [{ name: "b-old" }, { name: "a-old" }] },
      );
      new azuread.ServicePrincipal(
        "sp",
        { clientId: a.clientId },
        { dependsOn: [b], deleteBeforeReplace: true },
      );
    });
    const plan = buildPlan(run, "t", "p", false);
    const byName = Object.fromEntries(plan.resources.map((r) => [r.name, r]));
    expect(byName.a.options).toEqual({
      protect: true,
      retainOnDelete: true,
      dependsOn: [],
      ignoreChanges: [],
      deleteBeforeReplace: false,
      aliases: [],
    });
    expect(byName.b.options.ignoreChanges).toEqual(["notes", "tags"]);
    expect(byName.b.options.aliases).toEqual(["a-old", "b-old"]);
    expect(byName.sp.options.dependsOn).toEqual(["b"]);
    expect(byName.sp.options.deleteBeforeReplace).toBe(true);
    expect(byName.sp.waitsFor).toEqual(["a", "b"]);
  });
});
