/** Config keys of the Kubernetes target (the official Helm charts), all prefixed `k8s`. */
import { KUBERNETES_DEFAULTS as D } from "../../components/kubernetes/args";
import { OPENMETADATA_DATABASE, OPENMETADATA_DB_USER } from "../../components/openmetadata/data-services";
import type { ConfigKeyDeclaration } from "../../config/keys";

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
    default: D.namespace,
  },
  k8sCreateNamespace: {
    type: "boolean",
    description: "Create the namespace; false to use an existing one.",
    default: D.createNamespace,
  },
  k8sDependencies: {
    type: "string",
    description:
      "bundled: install the openmetadata-dependencies chart (MySQL, OpenSearch, Airflow; dev and staging). external: use managed database and search endpoints (required in production).",
    default: D.dependencies,
  },
  k8sDatabaseEngine: {
    type: "string",
    description: "External database engine: mysql or postgresql.",
    default: D.externalDatabaseEngine,
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
    default: OPENMETADATA_DATABASE,
  },
  k8sDatabaseUser: {
    type: "string",
    description: "External database user.",
    default: OPENMETADATA_DB_USER,
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
    default: D.externalSearchEngine,
  },
  k8sSearchHost: {
    type: "string",
    description: "External search host name (required with k8sDependencies external).",
  },
  k8sSearchPort: {
    type: "integer",
    description: "External search port.",
    default: D.externalSearchPort,
  },
  k8sSearchScheme: {
    type: "string",
    description: "External search scheme: http or https.",
    default: D.externalSearchScheme,
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
    default: D.pipelineUsername,
  },
  k8sPipelinePassword: {
    type: "string",
    description: "Password for k8sPipelineUsername (required with k8sPipelineApiEndpoint).",
    secret: true,
  },
  k8sIngressClassName: {
    type: "string",
    description: "IngressClass of the ingress for publicUrl's host and path.",
    default: D.ingressClassName,
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
  k8sCpuRequest: {
    type: "string",
    description: "OpenMetadata server CPU request.",
    default: D.resources.requests.cpu,
  },
  k8sMemoryRequest: {
    type: "string",
    description: "OpenMetadata server memory request.",
    default: D.resources.requests.memory,
  },
  k8sCpuLimit: {
    type: "string",
    description: "OpenMetadata server CPU limit.",
    default: D.resources.limits.cpu,
  },
  k8sMemoryLimit: {
    type: "string",
    description: "OpenMetadata server memory limit.",
    default: D.resources.limits.memory,
  },
  k8sHelmTimeoutSeconds: {
    type: "integer",
    description: "Seconds Helm waits for each release to become ready before rolling it back (60-3600).",
    default: D.helmTimeoutSeconds,
  },
} as const satisfies Record<string, ConfigKeyDeclaration>;
