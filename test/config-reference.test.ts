import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { CONFIG_KEYS } from "../config";
import { markdownReference, pulumiConfigBlock, readmeReference } from "../tools/config-reference";

const ROOT = join(__dirname, "..");

describe("one declaration of every config key", () => {
  it("Pulumi.yaml declares exactly the keys the config module reads, with the same types and defaults", () => {
    const project = parse(readFileSync(join(ROOT, "Pulumi.yaml"), "utf8"));
    expect(project.config).toEqual(pulumiConfigBlock());
    expect(Object.keys(project.config).sort()).toEqual(Object.keys(CONFIG_KEYS).sort());
  });

  it("every array declares its item type, as the Pulumi CLI requires", () => {
    for (const [key, decl] of Object.entries(pulumiConfigBlock())) {
      if (decl.type === "array") expect([key, decl.items]).toEqual([key, { type: "string" }]);
    }
  });

  it("the README's config reference is current (npm run config:sync)", () => {
    expect(readmeReference(readFileSync(join(ROOT, "README.md"), "utf8"))).toBe(markdownReference());
  });

  it("Pulumi.yaml runs the precompiled program from stacks/", () => {
    const project = parse(readFileSync(join(ROOT, "Pulumi.yaml"), "utf8"));
    expect([project.name, project.main, project.stackConfigDir, project.runtime.options.typescript]).toEqual([
      "openmetadata-entra",
      "bin/index.js",
      "stacks",
      false,
    ]);
  });
});
