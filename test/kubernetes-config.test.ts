import { ConfigError, parseStackConfig } from "../config";
import type { RawSource } from "../config/raw";
import { FAKE_KUBECONFIG } from "../tools/plan/fakes";
import { kubernetesArgs } from "../targets/kubernetes/config";

const P = "openmetadata-entra";
const k = (key: string) => `${P}:${key}`;

const BASE: Record<string, string> = {
  [k("publicUrl")]: "https://om.example.com",
  [k("target")]: "kubernetes",
  [k("adminPrincipals")]: '["jane.doe"]',
  [k("principalDomain")]: "example.com",
  [k("k8sKubeconfig")]: FAKE_KUBECONFIG,
  [k("k8sCertManagerIssuer")]: "letsencrypt",
};

const SECRETS = [
  k("k8sKubeconfig"),
  k("k8sDatabasePassword"),
  k("k8sSearchPassword"),
  k("k8sPipelinePassword"),
];

function source(values: Record<string, string | undefined>): RawSource {
  const set = Object.fromEntries(
    Object.entries({ ...BASE, ...values }).filter((e): e is [string, string] => e[1] !== undefined),
  );
  return {
    get: (key) => set[key],
    isSecret: (key) => SECRETS.includes(key),
    keys: () => Object.keys(set),
  };
}

function problems(values: Record<string, string | undefined>): { problems: string[]; missing: string[] } {
  try {
    parseStackConfig(source(values), "test");
  } catch (e) {
    if (e instanceof ConfigError) return { problems: e.problems, missing: e.missingStandInKeys };
    throw e;
  }
  throw new Error("config was accepted");
}

describe("kubernetes target config", () => {
  it("applies the defaults: bundled dependencies in namespace openmetadata behind an nginx ingress", () => {
    const c = parseStackConfig(source({}), "dev");
    expect(c.target).toEqual({
      kind: "kubernetes",
      config: {
        k8sKubeconfig: FAKE_KUBECONFIG,
        k8sCertManagerIssuer: "letsencrypt",
        k8sNamespace: "openmetadata",
        k8sCreateNamespace: true,
        // Bundled mode: the external-only keys keep their defaults (the CLI supplies them); other values are refused.
        k8sDependencies: "bundled",
        k8sDatabaseEngine: "mysql",
        k8sDatabaseName: "openmetadata_db",
        k8sDatabaseUser: "openmetadata_user",
        k8sSearchType: "opensearch",
        k8sSearchPort: 443,
        k8sSearchScheme: "https",
        k8sPipelineUsername: "admin",
        k8sIngressClassName: "nginx",
        k8sCpuRequest: "500m",
        k8sMemoryRequest: "1Gi",
        k8sCpuLimit: "1",
        k8sMemoryLimit: "2Gi",
        k8sHelmTimeoutSeconds: 900,
      },
    });
  });

  it("requires a kubeconfig or a context, as a secret the offline plan may fake", () => {
    expect(problems({ [k("k8sKubeconfig")]: undefined })).toEqual({
      problems: [
        `${P}:k8sKubeconfig: is required (the contents of a kubeconfig, unless a context of the deployer's kubeconfig is named; the ambient kubeconfig is never used silently); set it with pulumi config set --secret k8sKubeconfig <value>`,
      ],
      missing: ["k8sKubeconfig"],
    });
    expect(
      parseStackConfig(source({ [k("k8sKubeconfig")]: undefined, [k("k8sContext")]: "aks-prod" }), "t")
        .target,
    ).toMatchObject({ config: { k8sContext: "aks-prod" } });
  });

  it("rejects a kubeconfig path or a context the kubeconfig does not have, without quoting the secret", () => {
    expect(problems({ [k("k8sKubeconfig")]: "/home/me/.kube/config" }).problems).toEqual([
      `${P}:k8sKubeconfig: must be the contents of a kubeconfig file (YAML with apiVersion v1, kind Config and non-empty clusters, contexts and users); a file path is not accepted`,
    ]);
    expect(problems({ [k("k8sContext")]: "other" }).problems).toEqual([
      `${P}:k8sContext: must name a context of the kubeconfig (offline-plan); got "other"`,
    ]);
  });

  it("rejects an unknown dependency mode", () => {
    expect(problems({ [k("k8sDependencies")]: "managed" }).problems).toEqual([
      `${P}:k8sDependencies: must be one of bundled, external; got "managed"`,
    ]);
  });

  it("rejects an http public URL in production and bundled dependencies there", () => {
    expect(
      problems({
        [k("publicUrl")]: "http://localhost:8585",
        [k("production")]: "true",
        [k("entraOwners")]: '["00000000-0000-0000-0000-00000000a001","00000000-0000-0000-0000-00000000a002"]',
        [k("entraAssignmentRequired")]: "true",
        [k("entraAssignedGroups")]: '["00000000-0000-0000-0000-00000000b001"]',
      }).problems,
    ).toEqual([
      `${P}:publicUrl: must be an https URL on a real host in production (localhost is for development)`,
    ]);
    expect(
      problems({
        [k("production")]: "true",
        [k("entraOwners")]: '["00000000-0000-0000-0000-00000000a001","00000000-0000-0000-0000-00000000a002"]',
        [k("entraAssignmentRequired")]: "true",
        [k("entraAssignedGroups")]: '["00000000-0000-0000-0000-00000000b001"]',
      }).problems,
    ).toEqual([
      `${P}:k8sDependencies: must be external in production (bundled MySQL, OpenSearch and Airflow are for dev and staging)`,
    ]);
  });

  it("requires TLS for an https public URL", () => {
    expect(problems({ [k("k8sCertManagerIssuer")]: undefined }).problems).toEqual([
      // The owner's wording, with the config key it names (not the component's argument ingress.certManagerIssuer).
      `${P}:k8sTlsSecretName: is required for an https public URL unless a cert-manager issuer is named (the ingress must terminate TLS)`,
    ]);
  });

  it("requires the external endpoints and their secrets", () => {
    const external = problems({ [k("k8sDependencies")]: "external", [k("k8sSearchUsername")]: "om" });
    expect(external.missing).toEqual(["k8sDatabasePassword", "k8sSearchPassword"]);
    expect(external.problems.map((p) => p.slice(0, p.indexOf(":", P.length + 1)))).toEqual([
      `${P}:k8sDatabaseHost`,
      `${P}:k8sDatabasePassword`,
      `${P}:k8sSearchHost`,
      `${P}:k8sSearchPassword`,
    ]);
  });

  it("refuses the external endpoints in bundled mode", () => {
    expect(problems({ [k("k8sDatabaseHost")]: "db.example.com" }).problems).toEqual([
      `${P}:k8sDatabaseHost: is only used with k8sDependencies external`,
    ]);
  });

  it("applies the external defaults with k8sDependencies external", () => {
    const c = parseStackConfig(
      source({
        [k("k8sDependencies")]: "external",
        [k("k8sDatabaseHost")]: "db.example.com",
        [k("k8sDatabasePassword")]: "db-password",
        [k("k8sSearchHost")]: "search.example.com",
      }),
      "dev",
    );
    expect(c.target.kind === "kubernetes" && c.target.config).toMatchObject({
      k8sDependencies: "external",
      k8sDatabaseEngine: "mysql",
      k8sDatabaseHost: "db.example.com",
      k8sDatabaseName: "openmetadata_db",
      k8sDatabaseUser: "openmetadata_user",
      k8sDatabasePassword: "db-password",
      k8sSearchType: "opensearch",
      k8sSearchHost: "search.example.com",
      k8sSearchPort: 443,
      k8sSearchScheme: "https",
      k8sPipelineUsername: "admin",
    });
  });

  it("refuses a namespace that is not a DNS label, under k8sNamespace", () => {
    expect(problems({ [k("k8sNamespace")]: "om.prod" })).toEqual({
      problems: [
        `${P}:k8sNamespace: must be a DNS label: lower-case letters, digits and inner hyphens, at most 63 characters; got "om.prod"`,
      ],
      missing: [],
    });
  });

  it("accepts a dotted IngressClass name (a DNS subdomain) and refuses upper case", () => {
    expect(
      parseStackConfig(source({ [k("k8sIngressClassName")]: "nginx.internal" }), "t").target,
    ).toMatchObject({
      config: { k8sIngressClassName: "nginx.internal" },
    });
    expect(problems({ [k("k8sIngressClassName")]: "Nginx" }).problems).toEqual([
      `${P}:k8sIngressClassName: must be a Kubernetes name: lower-case letters, digits, inner '-' and '.', at most 253 characters; got "Nginx"`,
    ]);
  });

  it("no longer knows k8sProtectData: data is protected unless allowDataReplacement says otherwise", () => {
    expect(problems({ [k("k8sProtectData")]: "true" }).problems).toEqual([
      `${P}:k8sProtectData: is not a known key of this project (see the config block in Pulumi.yaml)`,
    ]);
  });

  describe("external dependencies", () => {
    const EXTERNAL = {
      [k("k8sDependencies")]: "external",
      [k("k8sDatabaseHost")]: "db.example.com",
      [k("k8sDatabasePassword")]: "db-password",
      [k("k8sSearchHost")]: "search.example.com",
    };
    const PROD = {
      ...EXTERNAL,
      [k("production")]: "true",
      [k("entraOwners")]: '["00000000-0000-0000-0000-00000000a001","00000000-0000-0000-0000-00000000a002"]',
      [k("entraAssignmentRequired")]: "true",
      [k("entraAssignedGroups")]: '["00000000-0000-0000-0000-00000000b001"]',
    };
    const accepted = (values: Record<string, string>) => () => parseStackConfig(source(values), "t");

    it.each([
      [
        "${HOME}",
        "a${HOME}b",
        "must not contain ${ (OpenMetadata would expand it as a variable) (value hidden)",
      ],
      [
        "a newline",
        "first\nsecond",
        "must not contain control characters such as newlines (OpenMetadata pastes it into its YAML configuration) (value hidden)",
      ],
    ])("refuses a k8sDatabasePassword with %s, without quoting it", (_name, password, message) => {
      expect(problems({ ...EXTERNAL, [k("k8sDatabasePassword")]: password }).problems).toEqual([
        `${P}:k8sDatabasePassword: ${message}`,
      ]);
    });

    it("accepts a k8sDatabasePassword with $ and #", () => {
      expect(accepted({ ...EXTERNAL, [k("k8sDatabasePassword")]: "pa$$word#1" })).not.toThrow();
    });

    it("accepts the TLS defaults in production", () => {
      expect(accepted(PROD)).not.toThrow();
    });

    it.each<[string, Record<string, string>, string]>([
      [
        "k8sDatabaseParams useSSL=false",
        { [k("k8sDatabaseParams")]: "useSSL=false" },
        `${P}:k8sDatabaseParams: must use TLS in production: the database at db.example.com would be reached in cleartext`,
      ],
      [
        "k8sSearchScheme http",
        { [k("k8sSearchScheme")]: "http" },
        `${P}:k8sSearchScheme: must use TLS in production: the search engine at search.example.com would be reached in cleartext`,
      ],
      [
        "an http k8sPipelineApiEndpoint",
        { [k("k8sPipelineApiEndpoint")]: "http://airflow.example.com", [k("k8sPipelinePassword")]: "pw" },
        `${P}:k8sPipelineApiEndpoint: must be an https URL in production: OpenMetadata sends Airflow's password to it`,
      ],
      [
        "an http k8sPipelineApiEndpoint with the scheme in upper case",
        { [k("k8sPipelineApiEndpoint")]: "HTTP://airflow.example.com", [k("k8sPipelinePassword")]: "pw" },
        `${P}:k8sPipelineApiEndpoint: must be an https URL in production: OpenMetadata sends Airflow's password to it`,
      ],
    ])("production refuses cleartext: %s", (_name, values, message) => {
      expect(problems({ ...PROD, ...values }).problems).toEqual([message]);
    });

    it("accepts the same cleartext settings outside production", () => {
      expect(
        accepted({
          ...EXTERNAL,
          [k("k8sDatabaseParams")]: "useSSL=false",
          [k("k8sSearchScheme")]: "http",
          [k("k8sPipelineApiEndpoint")]: "http://airflow.example.com",
          [k("k8sPipelinePassword")]: "pw",
        }),
      ).not.toThrow();
    });

    it("refuses a k8sPipelineApiEndpoint with credentials in it", () => {
      expect(
        problems({
          ...EXTERNAL,
          [k("k8sPipelineApiEndpoint")]: "https://u:p@airflow.example.com",
          [k("k8sPipelinePassword")]: "pw",
        }).problems,
      ).toEqual([
        `${P}:k8sPipelineApiEndpoint: must be a https or http URL without credentials, such as https://airflow.example.com (value hidden)`,
      ]);
    });
  });

  it("refuses k8s keys on another target", () => {
    expect(problems({ [k("target")]: "none" }).problems).toEqual([
      `${P}:k8sKubeconfig: is only used with target kubernetes; this stack's target is none`,
      `${P}:k8sCertManagerIssuer: is only used with target kubernetes; this stack's target is none`,
    ]);
  });
});

describe("Kubernetes stack config: ssoConfigSource", () => {
  it("refuses database on 1.8 under the key, once", () => {
    expect(
      problems({ [k("openmetadataVersion")]: "1.8.12", [k("ssoConfigSource")]: "database" }).problems,
    ).toEqual([
      `${k("ssoConfigSource")}: must be "stack" on OpenMetadata 1.8: the server reads its SSO settings from the environment on every start (stored settings exist from 1.10)`,
    ]);
  });

  it("passes database and stack to the component on 1.13", () => {
    for (const value of ["database", "stack"] as const) {
      const c = parseStackConfig(
        source({ [k("openmetadataVersion")]: "1.13.1", [k("ssoConfigSource")]: value }),
        "test",
      );
      if (c.target.kind !== "kubernetes") throw new Error(c.target.kind);
      expect(kubernetesArgs(c.target.config, c.core, (v) => v).ssoConfigSource).toBe(value);
    }
  });
});
