/**
 * examples/kubernetes-existing-app: another Pulumi program that imports the components by the package's name.
 * Planned offline with its own project name and stack file.
 */
import { join } from "node:path";
import { runOffline, type OfflineRun } from "../tools/plan/mock-runtime";
import { readProjectFile, readStackFile, stackFilePath } from "../tools/plan/stack-file";
import { clearInputs, ofType, one } from "./helpers/offline";

const DIR = join(__dirname, "..", "examples", "kubernetes-existing-app");

async function planExample(): Promise<OfflineRun> {
  const project = readProjectFile(DIR);
  const { config } = readStackFile(stackFilePath(DIR, project, "example"), project.name);
  return runOffline({
    project: project.name,
    stack: "example",
    config,
    secretKeys: [],
    program: () => {
      const exports = require(join(DIR, "index.ts")) as Record<string, unknown>;
      return { ...exports };
    },
  });
}

describe("examples/kubernetes-existing-app", () => {
  let run: OfflineRun;
  beforeAll(async () => {
    run = await planExample();
  });

  it("imports the components by package name (no relative import into the repository)", () => {
    const text = require("node:fs").readFileSync(join(DIR, "index.ts"), "utf8") as string;
    const specifiers = [...text.matchAll(/from "([^"]+)"/g)].map((m) => m[1]);
    expect(specifiers).toEqual([
      "@pulumi/pulumi",
      "openmetadata-entra",
      "openmetadata-entra/entra",
      "openmetadata-entra/kubernetes",
    ]);
  });

  it("creates nothing in Entra ID and no namespace, and installs into the namespace it names", () => {
    expect(run.resources.filter((r) => r.type.startsWith("azuread:"))).toEqual([]);
    expect(ofType(run, "kubernetes:core/v1:Namespace")).toEqual([]);
    const releases = ofType(run, "kubernetes:helm.sh/v3:Release");
    expect(releases.map((r) => [r.name, clearInputs(r).namespace, clearInputs(r).chart])).toEqual([
      ["catalog-dependencies", "data-catalog", "openmetadata-dependencies"],
      ["catalog-openmetadata", "data-catalog", "openmetadata"],
    ]);
    expect(one(run, "pulumi:providers:kubernetes").inputs).toMatchObject({ context: "platform-prod" });
  });

  it("derives SSO from the existing app: lower-cased IDs, authority, and the in-cluster JWKS of its namespace", () => {
    const outputs = clearInputs({ ...run.resources[0], inputs: run.outputs });
    const sso = outputs.ssoSettings as { authenticationConfiguration: Record<string, unknown> };
    expect(sso.authenticationConfiguration).toMatchObject({
      clientId: "0a1b2c3d-0000-4000-8000-000000000001",
      authority: "https://login.microsoftonline.com/0a1b2c3d-0000-4000-8000-0000000000aa",
      callbackUrl: "https://catalog.example.com/callback",
      publicKeyUrls: [
        "https://login.microsoftonline.com/0a1b2c3d-0000-4000-8000-0000000000aa/discovery/v2.0/keys",
        "http://openmetadata.data-catalog.svc.cluster.local:8585/api/v1/system/config/jwks",
      ],
    });
    expect(outputs.redirectUris).toEqual(["https://catalog.example.com/callback"]);
  });

  it("puts the ingress on the public URL's host with the platform's class", () => {
    const release = ofType(run, "kubernetes:helm.sh/v3:Release").find(
      (r) => r.name === "catalog-openmetadata",
    );
    const values = clearInputs(release!).values as {
      ingress: Record<string, unknown>;
    };
    expect(values.ingress).toMatchObject({
      enabled: true,
      className: "traefik",
      hosts: [{ host: "catalog.example.com", paths: [{ path: "/", pathType: "Prefix" }] }],
    });
  });
});

describe("package.json exports", () => {
  const pkg = require("../package.json") as { exports: Record<string, unknown> };
  const { existsSync } = require("node:fs") as typeof import("node:fs");
  const entries = Object.entries(pkg.exports).filter(([k]) => k !== "./package.json") as [
    string,
    { source: string; types: string; default: string },
  ][];

  it("lists the root and one entry per component", () => {
    expect(entries.map(([k]) => k)).toEqual([".", "./entra", "./docker", "./vm", "./kubernetes"]);
  });

  it.each(entries)(
    "%s: the TypeScript source exists and the build emits its .js and .d.ts where exports point",
    (_, e) => {
      expect(existsSync(join(__dirname, "..", e.source))).toBe(true);
      const built = e.source.replace(/^\.\//, "./bin/").replace(/\.ts$/, "");
      expect([e.default, e.types]).toEqual([`${built}.js`, `${built}.d.ts`]);
      // "source" must come first, or TypeScript (customConditions) would take the types of a stale build.
      expect(Object.keys(e)).toEqual(["source", "types", "default"]);
    },
  );
});
