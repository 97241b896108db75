import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import * as policies from "../policy/policies";

const DIR = join(__dirname, "..", "policy");
const read = (file: string) => readFileSync(join(DIR, file), "utf8");
const isPolicy = (value: unknown): value is { name: string } =>
  typeof value === "object" && value !== null && "validateResource" in value && "name" in value;

describe("policy pack", () => {
  it("index.ts constructs one PolicyPack from exactly allPolicies", () => {
    const source = read("index.ts");
    expect(source.match(/new PolicyPack\(/g)).toHaveLength(1);
    expect(source).toContain('new PolicyPack("openmetadata-entra-policy", {');
    expect(source).toContain("policies: [...allPolicies],");
    expect(source).toContain('import { allPolicies } from "./policies";');
  });

  it("allPolicies holds every policy exported by any module of the pack, once", () => {
    const modules = readdirSync(DIR).filter((file) => file.endsWith(".ts") && file !== "index.ts");
    const exported = new Set<unknown>();
    for (const file of modules) {
      const module: Record<string, unknown> = require(join(DIR, file));
      Object.values(module)
        .filter(isPolicy)
        .forEach((policy) => exported.add(policy));
    }
    expect(new Set(policies.allPolicies)).toEqual(exported);
    expect(policies.allPolicies.map((policy) => policy.name)).toEqual([
      "entra-app-redirect-uris-https",
      "entra-app-no-implicit-grant",
      "entra-app-single-tenant",
      "production-resources-protected",
      "docker-internal-ports-not-public",
      "no-weak-literal-secrets",
      "kubernetes-workload-resource-limits",
      "openmetadata-release-resource-limits",
    ]);
  });

  it("sets an enforcement level on every policy: all mandatory but the Release limits one", () => {
    const levels = policies.allPolicies.map((policy) => policy.enforcementLevel);
    expect(levels).toEqual([...Array(7).fill("mandatory"), "advisory"]);
  });

  it("is a nodejs policy pack whose dependencies match the program's exact pins", () => {
    expect(parse(read("PulumiPolicy.yaml"))).toMatchObject({ runtime: "nodejs" });
    const pack = JSON.parse(read("package.json"));
    const root = JSON.parse(readFileSync(join(DIR, "..", "package.json"), "utf8"));
    expect(pack.name).toBe("openmetadata-entra-policy");
    expect(pack.dependencies["@pulumi/policy"]).toBe("1.21.0");
    expect(pack.dependencies["@pulumi/pulumi"]).toBe("3.248.0");
    for (const [name, version] of Object.entries({ ...pack.dependencies, ...pack.devDependencies })) {
      expect(`${name}@${version}`).toBe(`${name}@${root.dependencies[name] ?? root.devDependencies[name]}`);
    }
  });

  it("ships a production config that names a real policy and option", () => {
    const config = JSON.parse(read("config/production.json"));
    expect(config).toEqual({ "production-resources-protected": { production: true } });
    const names = policies.allPolicies.map((policy) => policy.name);
    expect(Object.keys(config).every((name) => names.includes(name))).toBe(true);
  });
});
