/** The Kubernetes component's args and defaults, without the SDK (the stack config reads them too). */
import type { SsoConfigSource } from "../openmetadata/security-config";
import type * as pulumi from "@pulumi/pulumi";
import type { OpenMetadataSso } from "../openmetadata/server-sso";
import type { Dependencies, IngressSettings, ServerResources } from "./settings";

/** How Pulumi reaches the cluster: always explicit, never whatever the ambient kubeconfig points at. */
export interface ClusterAccess {
  /** Contents of a kubeconfig (secret). Required unless `context` is given. */
  readonly kubeconfig?: pulumi.Input<string>;
  /** Context to use: in `kubeconfig` when given, else in the deployer's kubeconfig file. */
  readonly context?: string;
}

export interface OpenMetadataKubernetesArgs {
  readonly cluster: ClusterAccess;
  /** Namespace for everything this component installs. @default "openmetadata" */
  readonly namespace?: string;
  /** Create the namespace; false to use an existing one. @default true */
  readonly createNamespace?: boolean;
  /** OpenMetadata version (a patch of a supported line); the charts follow it. @default DEFAULT_OPENMETADATA_VERSION */
  readonly version?: string;
  /**
   * Who owns the server's stored SSO settings on OpenMetadata 1.10+: `stack` resets them at every deploy that
   * changes the SSO settings, so the server re-seeds them from this stack; `database` leaves them to OpenMetadata's
   * UI. Only `stack` on 1.8/1.9. @default "stack"
   */
  readonly ssoConfigSource?: SsoConfigSource;
  /** Production: bundled dependencies are refused. @default false */
  readonly production?: boolean;
  /**
   * Protect the data from deletion and replacement: the namespace, the dependency release (its PVCs hold MySQL
   * and OpenSearch), the credentials and the Fernet key (`protect`; `retainOnDelete` is always on). An upgrade is
   * an update of the releases, which protection does not block. @default true
   */
  readonly protectData?: boolean;
  /** SSO: the model factory (called with the in-cluster Service URL), client secret and JWT keys. */
  readonly sso: OpenMetadataSso;
  /** Bundled (dependencies chart) or external (managed services). @default { mode: "bundled" } */
  readonly dependencies?: Dependencies;
  /** Ingress for the public URL's host and path; omit for none (port-forward or your own ingress). */
  readonly ingress?: IngressSettings;
  /** @default requests 500m / 1Gi, limits 1 / 2Gi */
  readonly resources?: ServerResources;
  /** Seconds Helm waits for a release before `atomic` rolls it back (60-3600). @default 900 */
  readonly helmTimeoutSeconds?: number;
}

/** The defaults of OpenMetadataKubernetes' args, resolved once. */
export const KUBERNETES_DEFAULTS = {
  namespace: "openmetadata",
  createNamespace: true,
  dependencies: "bundled",
  ingressClassName: "nginx",
  helmTimeoutSeconds: 900,
  resources: {
    requests: { cpu: "500m", memory: "1Gi" },
    limits: { cpu: "1", memory: "2Gi" },
  },
  externalDatabaseEngine: "mysql",
  externalSearchEngine: "opensearch",
  externalSearchPort: 443,
  externalSearchScheme: "https",
  pipelineUsername: "admin",
} as const;
