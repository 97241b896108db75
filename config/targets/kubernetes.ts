/**
 * Config of the Kubernetes target: which cluster (an explicit kubeconfig or context, never the ambient one),
 * which namespace, bundled or external dependencies, ingress and TLS, and the server's resources.
 */
import { parse } from "yaml";
import { z } from "zod";
import type { ConfigKeyDeclaration } from "../keys";
import { oneOf } from "../rules";
import type { CoreConfig } from "../schema";
import type { TargetConfigModule } from "./index";

export const K8S_DEPENDENCY_MODES = ["bundled", "external"] as const;
export const K8S_DATABASE_ENGINES = ["mysql", "postgresql"] as const;
export const K8S_SEARCH_TYPES = ["opensearch", "elasticsearch"] as const;
export const K8S_SCHEMES = ["http", "https"] as const;

export const K8S_KEYS = {
  k8sKubeconfig: {
    type: "string",
    description:
      'Contents of the kubeconfig for the target cluster (YAML with clusters, contexts and users): pulumi config set --secret k8sKubeconfig -- "$(cat kubeconfig.yaml)". Required unless k8sContext is set.',
    secret: true,
  },
  k8sContext: {
    type: "string",
    description:
      "Name of the kubeconfig context to deploy to: in k8sKubeconfig when set, else in the deployer's kubeconfig (KUBECONFIG or ~/.kube/config).",
  },
  k8sNamespace: {
    type: "string",
    description: "Namespace for OpenMetadata, its secrets and (bundled) dependencies.",
    default: "openmetadata",
  },
  k8sCreateNamespace: {
    type: "boolean",
    description: "Create the namespace; false to use an existing one.",
    default: true,
  },
  k8sDependencies: {
    type: "string",
    description:
      "bundled: install the openmetadata-dependencies chart (MySQL, OpenSearch, Airflow; dev and staging). external: use managed database and search endpoints (required in production).",
    default: "bundled",
  },
  k8sDatabaseEngine: {
    type: "string",
    description: "External database engine: mysql or postgresql.",
    default: "mysql",
  },
  k8sDatabaseHost: {
    type: "string",
    description: "External database host name (required with k8sDependencies external).",
  },
  k8sDatabasePort: {
    type: "integer",
    description: "External database port. Defaults to 3306 (mysql) or 5432 (postgresql).",
  },
  k8sDatabaseName: {
    type: "string",
    description: "External database name.",
    default: "openmetadata_db",
  },
  k8sDatabaseUser: {
    type: "string",
    description: "External database user.",
    default: "openmetadata_user",
  },
  k8sDatabasePassword: {
    type: "string",
    description: "External database user's password (required with k8sDependencies external).",
    secret: true,
  },
  k8sDatabaseParams: {
    type: "string",
    description:
      "JDBC parameters for the external database. Defaults to allowPublicKeyRetrieval=true&useSSL=true&serverTimezone=UTC (mysql) or sslmode=require (postgresql).",
  },
  k8sSearchType: {
    type: "string",
    description: "External search engine: opensearch or elasticsearch.",
    default: "opensearch",
  },
  k8sSearchHost: {
    type: "string",
    description: "External search host name (required with k8sDependencies external).",
  },
  k8sSearchPort: {
    type: "integer",
    description: "External search port.",
    default: 443,
  },
  k8sSearchScheme: {
    type: "string",
    description: "External search scheme: http or https.",
    default: "https",
  },
  k8sSearchUsername: {
    type: "string",
    description: "External search user name; requires k8sSearchPassword.",
  },
  k8sSearchPassword: {
    type: "string",
    description: "External search user's password (with k8sSearchUsername).",
    secret: true,
  },
  k8sPipelineApiEndpoint: {
    type: "string",
    description:
      "External mode: URL of an Airflow with OpenMetadata's APIs for ingestion pipelines, e.g. https://airflow.example.com. Unset: pipelines are not managed from OpenMetadata.",
  },
  k8sPipelineUsername: {
    type: "string",
    description: "User name OpenMetadata signs in to the external Airflow with.",
    default: "admin",
  },
  k8sPipelinePassword: {
    type: "string",
    description: "Password for k8sPipelineUsername (required with k8sPipelineApiEndpoint).",
    secret: true,
  },
  k8sIngressClassName: {
    type: "string",
    description: "IngressClass of the ingress for publicUrl's host and path.",
    default: "nginx",
  },
  k8sTlsSecretName: {
    type: "string",
    description:
      "Existing TLS Secret (in k8sNamespace) for publicUrl's host. An https publicUrl needs this or k8sCertManagerIssuer.",
  },
  k8sCertManagerIssuer: {
    type: "string",
    description:
      "cert-manager ClusterIssuer that issues the ingress certificate (into openmetadata-tls unless k8sTlsSecretName is set).",
  },
  k8sCpuRequest: { type: "string", description: "OpenMetadata server CPU request.", default: "500m" },
  k8sMemoryRequest: { type: "string", description: "OpenMetadata server memory request.", default: "1Gi" },
  k8sCpuLimit: { type: "string", description: "OpenMetadata server CPU limit.", default: "1" },
  k8sMemoryLimit: { type: "string", description: "OpenMetadata server memory limit.", default: "2Gi" },
  k8sHelmTimeoutSeconds: {
    type: "integer",
    description: "Seconds Helm waits for each release to become ready before rolling it back (60-3600).",
    default: 900,
  },
  k8sProtectData: {
    type: "boolean",
    description:
      "Protect the dependency release, its PVC data and credentials from deletion (always on in production).",
    default: false,
  },
} as const satisfies Record<string, ConfigKeyDeclaration>;

/** Kubernetes names (namespace, secret, class, issuer): RFC 1123 labels/subdomains. */
const DNS_NAME_RE = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const DNS_NAME_FORM =
  "a Kubernetes name: lower-case letters, digits, '-' and '.', starting and ending alphanumeric";
/** Kubernetes resource quantities, e.g. 500m, 1, 1Gi, 2048Mi. */
const QUANTITY_RE = /^\d+(\.\d+)?(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/;
const HOST_RE = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/;

const dnsName = () => z.string().regex(DNS_NAME_RE, { message: `must be ${DNS_NAME_FORM}` });
const quantity = () =>
  z.string().regex(QUANTITY_RE, { message: "must be a Kubernetes quantity such as 500m, 1, 1Gi or 2048Mi" });
const host = () => z.string().regex(HOST_RE, { message: "must be a host name such as db.example.com" });
const port = () =>
  z
    .number()
    .int()
    .min(1, { message: "must be a port number from 1 to 65535" })
    .max(65535, { message: "must be a port number from 1 to 65535" });
const secretText = () => z.string().min(1, { message: "must not be empty" });

const KUBECONFIG_FORM =
  "the contents of a kubeconfig file (YAML with apiVersion v1, kind Config and non-empty clusters, contexts and users)";

/** The context names of a kubeconfig, or a problem (never quoting the secret itself). */
export function kubeconfigContexts(text: string): { contexts: string[] } | { problem: string } {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch {
    return { problem: `must be ${KUBECONFIG_FORM}; it is not valid YAML` };
  }
  const obj = (doc ?? {}) as Record<string, unknown>;
  const list = (k: string) => (Array.isArray(obj[k]) ? (obj[k] as { name?: unknown }[]) : []);
  if (typeof doc !== "object" || obj.kind !== "Config" || obj.apiVersion !== "v1")
    return { problem: `must be ${KUBECONFIG_FORM}; a file path is not accepted` };
  if (list("clusters").length === 0 || list("contexts").length === 0 || list("users").length === 0)
    return { problem: `must be ${KUBECONFIG_FORM}` };
  return { contexts: list("contexts").map((c) => String(c.name)) };
}

const k8sObject = z.object({
  k8sKubeconfig: secretText().optional(),
  k8sContext: z.string().min(1, { message: "must be a context name" }).optional(),
  k8sNamespace: dnsName().max(63).default(K8S_KEYS.k8sNamespace.default),
  k8sCreateNamespace: z.boolean().default(K8S_KEYS.k8sCreateNamespace.default),
  k8sDependencies: oneOf(K8S_DEPENDENCY_MODES).default(K8S_KEYS.k8sDependencies.default),
  k8sDatabaseEngine: oneOf(K8S_DATABASE_ENGINES).default(K8S_KEYS.k8sDatabaseEngine.default),
  k8sDatabaseHost: host().optional(),
  k8sDatabasePort: port().optional(),
  k8sDatabaseName: z
    .string()
    .regex(/^[A-Za-z0-9_]+$/, { message: "must be a database name: letters, digits and _" })
    .default(K8S_KEYS.k8sDatabaseName.default),
  k8sDatabaseUser: z
    .string()
    .regex(/^[A-Za-z0-9_.@-]+$/, { message: "must be a database user name: letters, digits and _ . @ -" })
    .default(K8S_KEYS.k8sDatabaseUser.default),
  k8sDatabasePassword: secretText().optional(),
  k8sDatabaseParams: z.string().optional(),
  k8sSearchType: oneOf(K8S_SEARCH_TYPES).default(K8S_KEYS.k8sSearchType.default),
  k8sSearchHost: host().optional(),
  k8sSearchPort: port().default(K8S_KEYS.k8sSearchPort.default),
  k8sSearchScheme: oneOf(K8S_SCHEMES).default(K8S_KEYS.k8sSearchScheme.default),
  k8sSearchUsername: z.string().min(1, { message: "must not be empty" }).optional(),
  k8sSearchPassword: secretText().optional(),
  k8sPipelineApiEndpoint: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL such as https://airflow.example.com" })
    .optional(),
  k8sPipelineUsername: z
    .string()
    .min(1, { message: "must not be empty" })
    .default(K8S_KEYS.k8sPipelineUsername.default),
  k8sPipelinePassword: secretText().optional(),
  k8sIngressClassName: dnsName().default(K8S_KEYS.k8sIngressClassName.default),
  k8sTlsSecretName: dnsName().optional(),
  k8sCertManagerIssuer: dnsName().optional(),
  k8sCpuRequest: quantity().default(K8S_KEYS.k8sCpuRequest.default),
  k8sMemoryRequest: quantity().default(K8S_KEYS.k8sMemoryRequest.default),
  k8sCpuLimit: quantity().default(K8S_KEYS.k8sCpuLimit.default),
  k8sMemoryLimit: quantity().default(K8S_KEYS.k8sMemoryLimit.default),
  k8sHelmTimeoutSeconds: z
    .number()
    .int()
    .min(60, { message: "must be a whole number of seconds from 60 to 3600" })
    .max(3600, { message: "must be a whole number of seconds from 60 to 3600" })
    .default(K8S_KEYS.k8sHelmTimeoutSeconds.default),
  k8sProtectData: z.boolean().default(K8S_KEYS.k8sProtectData.default),
});

export type KubernetesTargetConfig = z.output<typeof k8sObject>;

type Raw = Partial<Record<keyof KubernetesTargetConfig, unknown>>;

/** A required key as zod reports a missing one, so the offline plan fakes missing secrets exactly as usual. */
function required(ctx: z.core.$RefinementCtx<KubernetesTargetConfig>, key: keyof KubernetesTargetConfig) {
  ctx.addIssue({ code: "invalid_type", expected: "string", input: undefined, path: [key], message: "" });
}

function crossFieldRules(core: CoreConfig) {
  return (raw: Raw, ctx: z.core.$RefinementCtx<KubernetesTargetConfig>): void => {
    const issue = (key: keyof KubernetesTargetConfig, message: string) =>
      ctx.addIssue({ code: "custom", path: [key], message });
    if (raw.k8sKubeconfig === undefined && raw.k8sContext === undefined) required(ctx, "k8sKubeconfig");
    if (typeof raw.k8sKubeconfig === "string" && raw.k8sKubeconfig.length > 0) {
      const parsed = kubeconfigContexts(raw.k8sKubeconfig);
      if ("problem" in parsed) issue("k8sKubeconfig", parsed.problem);
      else if (typeof raw.k8sContext === "string" && !parsed.contexts.includes(raw.k8sContext))
        issue("k8sContext", `must name a context of k8sKubeconfig (${parsed.contexts.join(", ")})`);
    }
    const external = raw.k8sDependencies === "external";
    if (core.production && raw.k8sDependencies === "bundled")
      issue(
        "k8sDependencies",
        "must be external in production (bundled MySQL, OpenSearch and Airflow are for dev and staging)",
      );
    if (external) {
      if (raw.k8sDatabaseHost === undefined) required(ctx, "k8sDatabaseHost");
      if (raw.k8sDatabasePassword === undefined) required(ctx, "k8sDatabasePassword");
      if (raw.k8sSearchHost === undefined) required(ctx, "k8sSearchHost");
      if (raw.k8sPipelineApiEndpoint !== undefined && raw.k8sPipelinePassword === undefined)
        required(ctx, "k8sPipelinePassword");
      if (raw.k8sSearchUsername !== undefined && raw.k8sSearchPassword === undefined)
        required(ctx, "k8sSearchPassword");
      if (raw.k8sSearchUsername === undefined && raw.k8sSearchPassword !== undefined)
        issue("k8sSearchUsername", "must be set with k8sSearchPassword (search basic authentication)");
    } else {
      const externalOnly = [
        "k8sDatabaseHost",
        "k8sDatabasePort",
        "k8sDatabasePassword",
        "k8sDatabaseParams",
        "k8sSearchHost",
        "k8sSearchUsername",
        "k8sSearchPassword",
        "k8sPipelineApiEndpoint",
        "k8sPipelinePassword",
      ] as const;
      for (const key of externalOnly)
        if (raw[key] !== undefined) issue(key, "is only used with k8sDependencies external");
    }
    if (new URL(core.publicUrl).protocol === "https:" && !raw.k8sTlsSecretName && !raw.k8sCertManagerIssuer)
      issue(
        "k8sTlsSecretName",
        "is required for an https publicUrl unless k8sCertManagerIssuer is set (the ingress must terminate TLS)",
      );
  };
}

export const kubernetesTargetConfig: TargetConfigModule<KubernetesTargetConfig> = {
  keys: K8S_KEYS,
  schema: (core) => k8sObject.superRefine(crossFieldRules(core), { when: () => true }),
};
