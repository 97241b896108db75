import type * as pulumi from "@pulumi/pulumi";
import type { SsoModel, ClientType } from "../openmetadata/sso";
import type { Dependencies, IngressSettings, ServerResources } from "./settings";

/** How Pulumi reaches the cluster: always explicit, never whatever the ambient kubeconfig points at. */
export interface ClusterAccess {
  /** Contents of a kubeconfig (secret). Required unless `context` is given. */
  kubeconfig?: pulumi.Input<string>;
  /** Context to use: in `kubeconfig` when given, else in the deployer's kubeconfig file. */
  context?: string;
}

export interface OpenMetadataKubernetesArgs {
  cluster: ClusterAccess;
  /** Namespace for everything this component installs. */
  namespace: string;
  /**
   * Create the namespace; false to use an existing one.
   * @default true
   */
  createNamespace?: boolean;
  /**
   * Version of both charts; the charts' version equals OpenMetadata's.
   * @default "1.8.12"
   */
  chartVersion?: string;
  /** The URL people open (normalized by urls.ts); the ingress host and path derive from it. */
  publicUrl: string;
  /** Production: https only, and stateful resources are protected. @default false */
  production?: boolean;
  /**
   * Protect the dependency release, namespace and credentials from deletion (`protect`, `retainOnDelete`).
   * @default the value of `production`
   */
  protectData?: boolean;
  /** The SSO model, built for the in-cluster URL `openMetadataServiceUrl(namespace)`. */
  sso: pulumi.Input<SsoModel>;
  /** Decides whether the `oidc-secrets` Secret exists; must equal the model's client type. */
  clientType: ClientType;
  /** The Entra client secret; confidential clients only (secret). */
  oidcClientSecret?: pulumi.Input<string>;
  /** OpenMetadata's own JWT key pair (base64 DER), mounted at the model's key directory. */
  jwtKeys: { privateKeyDerBase64: pulumi.Input<string>; publicKeyDerBase64: pulumi.Input<string> };
  /** Bundled (dependencies chart) or external (managed services). */
  dependencies: Dependencies;
  /** Ingress for publicUrl; omit for none (port-forward or your own ingress). */
  ingress?: IngressSettings;
  /** @default requests 500m / 1Gi, limits 1 / 2Gi */
  resources?: ServerResources;
  /**
   * Seconds Helm waits for a release before `atomic` rolls it back.
   * @default 900
   */
  helmTimeoutSeconds?: number;
}

export const DEFAULT_RESOURCES: ServerResources = {
  requests: { cpu: "500m", memory: "1Gi" },
  limits: { cpu: "1", memory: "2Gi" },
};
