import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { DEFAULT_OPENMETADATA_VERSION, resolveRelease } from "../components/openmetadata/releases";
import { plan, REPO_ROOT } from "../tools/plan/plan";
import type { PlanDocument, PlanResource } from "../tools/plan/report";
import type { ingressValues, openMetadataValues } from "../components/kubernetes";

type ChartValues = ReturnType<typeof openMetadataValues>;
type Ingress = ReturnType<typeof ingressValues>;

function stackFile(yaml: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "k8s-plan-")), "Pulumi.case.yaml");
  writeFileSync(path, yaml);
  return path;
}

/** A bundled-dependencies staging stack; `sso` varies only SSO settings. */
function bundledStack(sso: string): string {
  return stackFile(`config:
  openmetadata-entra:publicUrl: https://om.staging.example.com/catalog
  openmetadata-entra:target: kubernetes
  openmetadata-entra:k8sTlsSecretName: om-staging-tls
  openmetadata-entra:principalDomain: example.com
${sso}`);
}

const PROD = readFileSync(join(REPO_ROOT, "stacks", "Pulumi.prod.yaml"), "utf8");
/** The release the prod stack runs (its own key, else the default); the staging case sets none. */
const PROD_VERSION =
  (parse(PROD) as { config: Record<string, string> }).config["openmetadata-entra:openmetadataVersion"] ??
  DEFAULT_OPENMETADATA_VERSION;

/** `type name` of the resources whose options have `option` set, sorted. */
const withOption = (p: PlanDocument, option: "protect" | "retainOnDelete") =>
  p.resources
    .filter((r) => r.options[option])
    .map((r) => `${r.type} ${r.name}`)
    .sort();

/** What the prod stack keeps data in: the namespace, the Fernet key and the Secrets holding it and the database's password. */
const PROD_DATA = [
  "kubernetes:core/v1:Namespace openmetadata-namespace",
  "kubernetes:core/v1:Secret openmetadata-fernet-secret",
  "kubernetes:core/v1:Secret openmetadata-mysql-secret",
  "random:index/randomBytes:RandomBytes openmetadata-fernet-key",
];
const PROD_APP = [
  "azuread:index/application:Application entra-app",
  "azuread:index/servicePrincipal:ServicePrincipal entra-sp",
];

const k8sResources = (p: PlanDocument) =>
  p.resources.filter((r) => r.type.startsWith("kubernetes:") || r.type.startsWith("random:"));
const byName = (p: PlanDocument, name: string): PlanResource => {
  const found = p.resources.find((r) => r.name === name);
  if (!found) throw new Error(`no resource ${name}`);
  return found;
};

describe("offline plan of the prod stack (Kubernetes, external dependencies, confidential client)", () => {
  let doc: PlanDocument;
  let json: string;
  beforeAll(async () => {
    doc = (await plan({ stack: "prod" })).plan;
    json = JSON.stringify(doc);
  });

  it("installs only the openmetadata release, with Entra settings in its values", () => {
    const releases = doc.resources.filter((r) => r.type === "kubernetes:helm.sh/v3:Release");
    expect(releases.map((r) => [r.name, r.inputs.chart, r.inputs.version, r.inputs.namespace])).toEqual([
      ["openmetadata-openmetadata", "openmetadata", PROD_VERSION, "openmetadata"],
    ]);
    const auth = (releases[0].inputs.values as ChartValues).openmetadata.config.authentication;
    expect([auth.provider, auth.clientType, auth.authority, auth.callbackUrl]).toEqual([
      "azure",
      "confidential",
      doc.outputs.authority,
      "https://openmetadata.example.com/callback",
    ]);
    expect(auth.publicKeys).toEqual([
      resolveRelease(PROD_VERSION).entraKeysUrl === "tenant-v2"
        ? `${doc.outputs.authority}/discovery/v2.0/keys`
        : "https://login.microsoftonline.com/common/discovery/keys",
      "http://openmetadata.openmetadata.svc.cluster.local:8585/api/v1/system/config/jwks",
    ]);
  });

  it("creates the Secrets the chart reads, every value masked", () => {
    const secrets = doc.resources.filter((r) => r.type === "kubernetes:core/v1:Secret");
    expect(
      secrets
        .map((s) => [(s.inputs.metadata as { name: string }).name, s.inputs.stringData ?? s.inputs.data])
        .sort(),
    ).toEqual([
      ["elasticsearch-secrets", "[secret]"],
      ["mysql-secrets", "[secret]"],
      ["oidc-secrets", "[secret]"],
      ["openmetadata-fernet-key", "[secret]"],
      ["openmetadata-jwt-keys", "[secret]"],
    ]);
    expect(byName(doc, "openmetadata-cluster").inputs.kubeconfig).toBe("[secret]");
    expect(json).not.toMatch(/fake-password-|fake-client-secret-|fake-secret-|BEGIN|MII/);
  });

  it("protects and retains the namespace and the data's Secrets; protects the app registration", () => {
    expect(withOption(doc, "protect")).toEqual([...PROD_APP, ...PROD_DATA]);
    expect(withOption(doc, "retainOnDelete")).toEqual(PROD_DATA);
  });

  it("turns the pipeline client off without an Airflow endpoint", () => {
    const values = byName(doc, "openmetadata-openmetadata").inputs.values as {
      openmetadata: { config: { pipelineServiceClientConfig: { enabled: boolean } } };
      extraEnvs?: { name: string; value: string }[];
    };
    expect(values.openmetadata.config.pipelineServiceClientConfig.enabled).toBe(false);
    // Charts before 1.12.2 do not hand the disabled flag to the server: the values carry it as env then.
    const extra = { name: "PIPELINE_SERVICE_CLIENT_ENABLED", value: "false" };
    if (resolveRelease(PROD_VERSION).chart.deliversPipelineDisabled)
      expect(values.extraEnvs).not.toContainEqual(extra);
    else expect(values.extraEnvs).toContainEqual(extra);
  });

  it("serves publicUrl's host through a TLS ingress", () => {
    const ingress = (byName(doc, "openmetadata-openmetadata").inputs.values as ChartValues)
      .ingress as Ingress;
    expect(ingress.hosts).toEqual([
      { host: "openmetadata.example.com", paths: [{ path: "/", pathType: "Prefix" }] },
    ]);
    expect(ingress.tls).toEqual([{ hosts: ["openmetadata.example.com"], secretName: "openmetadata-tls" }]);
  });
});

describe("two plans that differ only in SSO settings (bundled dependencies)", () => {
  let before: PlanDocument;
  let after: PlanDocument;
  beforeAll(async () => {
    before = (
      await plan({
        stack: "staging",
        stackFile: bundledStack("  openmetadata-entra:adminPrincipals:\n    - jane.doe\n"),
      })
    ).plan;
    after = (
      await plan({
        stack: "staging",
        stackFile: bundledStack(
          "  openmetadata-entra:adminPrincipals:\n    - jane.doe\n    - max.mustermann\n  openmetadata-entra:enforcePrincipalDomain: true\n  openmetadata-entra:enableSelfSignup: false\n",
        ),
      })
    ).plan;
  });

  it("installs the dependencies chart, protected and retained, and a base path reaches the ingress path", () => {
    const deps = byName(before, "openmetadata-dependencies");
    expect([
      deps.inputs.chart,
      deps.inputs.version,
      deps.options.protect,
      deps.options.retainOnDelete,
    ]).toEqual(["openmetadata-dependencies", DEFAULT_OPENMETADATA_VERSION, true, true]);
    const ingress = (byName(before, "openmetadata-openmetadata").inputs.values as ChartValues)
      .ingress as Ingress;
    expect(ingress.hosts[0]).toEqual({
      host: "om.staging.example.com",
      paths: [{ path: "/catalog", pathType: "Prefix" }],
    });
  });

  it("changes only the openmetadata release's values", () => {
    const changed = k8sResources(after)
      .filter((r) => JSON.stringify(r) !== JSON.stringify(byName(before, r.name)))
      .map((r) => r.name);
    expect(changed).toEqual(["openmetadata-openmetadata"]);
    expect(k8sResources(after).map((r) => r.name)).toEqual(k8sResources(before).map((r) => r.name));
    const { values: v1, ...rest1 } = byName(before, "openmetadata-openmetadata").inputs;
    const { values: v2, ...rest2 } = byName(after, "openmetadata-openmetadata").inputs;
    expect(rest2).toEqual(rest1);
    expect((v2 as ChartValues).openmetadata.config.authorizer.initialAdmins).toEqual([
      "jane.doe",
      "max.mustermann",
    ]);
    expect((v1 as ChartValues).openmetadata.config.database).toEqual(
      (v2 as ChartValues).openmetadata.config.database,
    );
    // The pods roll (the SSO digest changes) and, on this 1.10+ line, reset the stored settings as they start.
    const digest = (v: unknown) => (v as ChartValues).podAnnotations["openmetadata-entra/sso-digest"];
    expect(digest(v2)).toMatch(/^[0-9a-f]{16}$/);
    expect(digest(v2)).not.toBe(digest(v1));
    expect((v2 as ChartValues).openmetadata.config.upgradeMigrationConfigs?.additionalArgs).toContain(
      "remove-security-config --force",
    );
  });
});

describe("allowDataReplacement on the prod stack", () => {
  it.each<[string, string, string[]]>([
    ["unset", "", PROD_DATA],
    ["false", "  openmetadata-entra:allowDataReplacement: false\n", PROD_DATA],
    ["true", "  openmetadata-entra:allowDataReplacement: true\n", []],
  ])(
    "%s: protects exactly the data it should; the app registration stays protected in production",
    async (_name, line, data) => {
      const doc = (await plan({ stack: "prod", stackFile: stackFile(PROD.concat(line)) })).plan;
      expect(withOption(doc, "protect")).toEqual([...PROD_APP, ...data]);
      expect(withOption(doc, "retainOnDelete")).toEqual(PROD_DATA);
    },
  );
});
