/**
 * The Kubernetes target: maps the typed `k8s*` config to OpenMetadataKubernetes. The server validates bot
 * tokens against its own JWKS through the in-cluster Service URL.
 */
import * as pulumi from "@pulumi/pulumi";
import type { TargetConfigs } from "../config";
import { Dependencies, OpenMetadataKubernetes, openMetadataServiceUrl } from "../components/kubernetes";
import type { DeployTarget } from "./context";

function dependencies(c: TargetConfigs["kubernetes"]): Dependencies {
  if (c.k8sDependencies === "bundled") return { mode: "bundled" };
  // The config schema requires host and password in external mode.
  return {
    mode: "external",
    database: {
      engine: c.k8sDatabaseEngine,
      host: c.k8sDatabaseHost as string,
      port: c.k8sDatabasePort,
      databaseName: c.k8sDatabaseName,
      user: c.k8sDatabaseUser,
      password: pulumi.secret(c.k8sDatabasePassword as string),
      params: c.k8sDatabaseParams,
    },
    search: {
      type: c.k8sSearchType,
      host: c.k8sSearchHost as string,
      port: c.k8sSearchPort,
      scheme: c.k8sSearchScheme,
      auth:
        c.k8sSearchUsername && c.k8sSearchPassword
          ? { username: c.k8sSearchUsername, password: pulumi.secret(c.k8sSearchPassword) }
          : undefined,
    },
    pipelineClient:
      c.k8sPipelineApiEndpoint && c.k8sPipelinePassword
        ? {
            apiEndpoint: c.k8sPipelineApiEndpoint,
            username: c.k8sPipelineUsername,
            password: pulumi.secret(c.k8sPipelinePassword),
          }
        : undefined,
  };
}

export const deployKubernetes: DeployTarget = (context) => {
  const { config } = context;
  if (config.target.kind !== "kubernetes")
    throw new Error(`deployKubernetes: target is ${config.target.kind}`);
  const c = config.target.config;
  const sso = context.ssoModel(openMetadataServiceUrl(c.k8sNamespace));
  const deployment = new OpenMetadataKubernetes("openmetadata", {
    cluster: {
      kubeconfig: c.k8sKubeconfig === undefined ? undefined : pulumi.secret(c.k8sKubeconfig),
      context: c.k8sContext,
    },
    namespace: c.k8sNamespace,
    createNamespace: c.k8sCreateNamespace,
    chartVersion: config.openmetadataVersion,
    publicUrl: config.publicUrl,
    production: config.production,
    protectData: config.production || c.k8sProtectData,
    sso,
    clientType: config.entra.clientType,
    oidcClientSecret: context.identity.clientSecret,
    jwtKeys: context.jwtKeys,
    dependencies: dependencies(c),
    ingress: {
      className: c.k8sIngressClassName,
      tlsSecretName: c.k8sTlsSecretName,
      certManagerIssuer: c.k8sCertManagerIssuer,
    },
    resources: {
      requests: { cpu: c.k8sCpuRequest, memory: c.k8sMemoryRequest },
      limits: { cpu: c.k8sCpuLimit, memory: c.k8sMemoryLimit },
    },
    helmTimeoutSeconds: c.k8sHelmTimeoutSeconds,
  });
  return {
    sso,
    outputs: {
      kubernetesNamespace: deployment.namespace,
      openmetadataReleaseStatus: deployment.releaseStatus,
    },
  };
};
