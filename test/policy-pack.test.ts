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
      "entra-app-no-wildcard-redirect-uris",
      "entra-app-no-implicit-grant",
      "entra-app-single-tenant",
      "production-resources-protected",
      "production-data-transport-tls",
      "fernet-key-protected",
      "docker-internal-ports-not-public",
      "vm-server-not-on-all-interfaces",
      "no-weak-literal-secrets",
      "kubernetes-workload-resource-limits",
      "openmetadata-release-resource-limits",
    ]);
  });

  it("sets an enforcement level on every policy: all mandatory but the Release limits one", () => {
    const levels = policies.allPolicies.map((policy) => policy.enforcementLevel);
    expect(levels).toEqual([...Array(11).fill("mandatory"), "advisory"]);
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

  it("ships a production config that names real policies and options", () => {
    const config = JSON.parse(read("config/production.json"));
    expect(config).toEqual({
      "production-resources-protected": { production: true },
      "production-data-transport-tls": { production: true },
    });
    for (const [name, options] of Object.entries(config as Record<string, object>)) {
      const policy = policies.allPolicies.find((p) => p.name === name);
      expect(Object.keys(options).every((key) => key in (policy?.configSchema?.properties ?? {}))).toBe(true);
    }
  });

  it("declares every config option as a boolean defaulting to false", () => {
    const options = policies.allPolicies.flatMap((policy) =>
      Object.entries(policy.configSchema?.properties ?? {}).map(([key, schema]) => [
        policy.name,
        key,
        schema,
      ]),
    );
    expect(options.map(([name, key]) => `${name}.${key}`)).toEqual([
      "entra-app-single-tenant.allowMultiTenant",
      "production-resources-protected.production",
      "production-data-transport-tls.production",
      "fernet-key-protected.allowDataReplacement",
      "docker-internal-ports-not-public.allowPublicUiPort",
    ]);
    for (const [, , schema] of options) expect(schema).toMatchObject({ type: "boolean", default: false });
  });

  it("lists every policy and config option in policy/README.md", () => {
    const readme = read("README.md");
    for (const policy of policies.allPolicies) {
      expect(readme).toMatch(new RegExp(`\\| \`${policy.name}\`\\s+\\| ${policy.enforcementLevel}\\s+\\|`));
      for (const key of Object.keys(policy.configSchema?.properties ?? {})) {
        expect(readme).toMatch(new RegExp(`\\| \`${policy.name}\`\\s+\\| \`${key}\`\\s+\\| boolean`));
      }
    }
  });
});
