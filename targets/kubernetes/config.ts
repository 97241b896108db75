/**
 * The Kubernetes target's config: the shape of its keys (bundled and external dependencies as a discriminated
 * union), the mapping to OpenMetadataKubernetes' args, and the rules: the component's own checks, reported under
 * the keys.
 */
import { z } from "zod";
import type { OpenMetadataKubernetesArgs } from "../../components/kubernetes/args";
import { kubernetesArgsProblems } from "../../components/kubernetes/validate";
import {
  DATABASE_ENGINES,
  SEARCH_ENGINES,
  SEARCH_SCHEMES,
} from "../../components/openmetadata/data-services";
import type { Problem } from "../../components/problems";
import { toKeyPaths, type KeyMap } from "../../config/key-paths";
import { modeError, oneOf, unused, unusedUnlessDefault } from "../../config/shape";
import type { CoreSettings, TargetConfigModule, WrapSecret } from "../context";
import { K8S_KEYS } from "./keys";

const MODES = ["bundled", "external"] as const;
const EXTERNAL = "with k8sDependencies external";
const externalOnly = unused(EXTERNAL);
const externalDefault = <const T extends string | number>(value: T) => unusedUnlessDefault(value, EXTERNAL);

const common = z.object({
  k8sKubeconfig: z.string().optional(),
  k8sContext: z.string().optional(),
  k8sNamespace: z.string(),
  k8sCreateNamespace: z.boolean(),
  k8sIngressClassName: z.string(),
  k8sTlsSecretName: z.string().optional(),
  k8sCertManagerIssuer: z.string().optional(),
  k8sCpuRequest: z.string(),
  k8sMemoryRequest: z.string(),
  k8sCpuLimit: z.string(),
  k8sMemoryLimit: z.string(),
  k8sHelmTimeoutSeconds: z.number(),
});

const dependencies = z.discriminatedUnion(
  "k8sDependencies",
  [
    z.object({
      k8sDependencies: z.literal("bundled"),
      k8sDatabaseEngine: externalDefault(K8S_KEYS.k8sDatabaseEngine.default),
      k8sDatabaseName: externalDefault(K8S_KEYS.k8sDatabaseName.default),
      k8sDatabaseUser: externalDefault(K8S_KEYS.k8sDatabaseUser.default),
      k8sSearchType: externalDefault(K8S_KEYS.k8sSearchType.default),
      k8sSearchPort: externalDefault(K8S_KEYS.k8sSearchPort.default),
      k8sSearchScheme: externalDefault(K8S_KEYS.k8sSearchScheme.default),
      k8sPipelineUsername: externalDefault(K8S_KEYS.k8sPipelineUsername.default),
      k8sDatabaseHost: externalOnly,
      k8sDatabasePort: externalOnly,
      k8sDatabasePassword: externalOnly,
      k8sDatabaseParams: externalOnly,
      k8sSearchHost: externalOnly,
      k8sSearchUsername: externalOnly,
      k8sSearchPassword: externalOnly,
      k8sPipelineApiEndpoint: externalOnly,
      k8sPipelinePassword: externalOnly,
    }),
    z.object({
      k8sDependencies: z.literal("external"),
      k8sDatabaseEngine: oneOf(DATABASE_ENGINES),
      k8sDatabaseHost: z.string(),
      k8sDatabasePort: z.number().optional(),
      k8sDatabaseName: z.string(),
      k8sDatabaseUser: z.string(),
      k8sDatabasePassword: z.string(),
      k8sDatabaseParams: z.string().optional(),
      k8sSearchType: oneOf(SEARCH_ENGINES),
      k8sSearchHost: z.string(),
      k8sSearchPort: z.number(),
      k8sSearchScheme: oneOf(SEARCH_SCHEMES),
      k8sSearchUsername: z.string().optional(),
      k8sSearchPassword: z.string().optional(),
      k8sPipelineApiEndpoint: z.string().optional(),
      k8sPipelineUsername: z.string(),
      k8sPipelinePassword: z.string().optional(),
    }),
  ],
  modeError("k8sDependencies", MODES),
);

const shape = common.and(dependencies);
export type KubernetesTargetConfig = z.output<typeof shape>;

/** OpenMetadataKubernetes' args (all but the SSO source) for this config; the one mapping config and deploy share. */
export function kubernetesArgs(
  c: KubernetesTargetConfig,
  core: CoreSettings,
  secret: WrapSecret,
): Omit<OpenMetadataKubernetesArgs, "sso"> {
  return {
    cluster: {
      kubeconfig: c.k8sKubeconfig === undefined ? undefined : secret(c.k8sKubeconfig),
      context: c.k8sContext,
    },
    namespace: c.k8sNamespace,
    createNamespace: c.k8sCreateNamespace,
    version: core.openmetadataVersion,
    ssoConfigSource: core.ssoConfigSource,
    production: core.production,
    protectData: core.protectData,
    dependencies:
      c.k8sDependencies === "bundled"
        ? { mode: "bundled" }
        : {
            mode: "external",
            database: {
              engine: c.k8sDatabaseEngine,
              host: c.k8sDatabaseHost,
              port: c.k8sDatabasePort,
              name: c.k8sDatabaseName,
              user: c.k8sDatabaseUser,
              password: secret(c.k8sDatabasePassword),
              params: c.k8sDatabaseParams,
            },
            search: {
              engine: c.k8sSearchType,
              host: c.k8sSearchHost,
              port: c.k8sSearchPort,
              scheme: c.k8sSearchScheme,
              user: c.k8sSearchUsername,
              password: c.k8sSearchPassword === undefined ? undefined : secret(c.k8sSearchPassword),
            },
            pipelineClient:
              c.k8sPipelineApiEndpoint === undefined
                ? undefined
                : {
                    apiEndpoint: c.k8sPipelineApiEndpoint,
                    username: c.k8sPipelineUsername,
                    password: c.k8sPipelinePassword === undefined ? "" : secret(c.k8sPipelinePassword),
                  },
          },
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
  };
}

/** Which key sets each argument of OpenMetadataKubernetes. */
export const KUBERNETES_ARG_KEYS: KeyMap = {
  "cluster.kubeconfig": "k8sKubeconfig",
  "cluster.context": "k8sContext",
  namespace: "k8sNamespace",
  version: "openmetadataVersion",
  ssoConfigSource: "ssoConfigSource",
  publicUrl: "publicUrl",
  "dependencies.mode": "k8sDependencies",
  "dependencies.database.engine": "k8sDatabaseEngine",
  "dependencies.database.host": "k8sDatabaseHost",
  "dependencies.database.port": "k8sDatabasePort",
  "dependencies.database.name": "k8sDatabaseName",
  "dependencies.database.user": "k8sDatabaseUser",
  "dependencies.database.password": "k8sDatabasePassword",
  "dependencies.database.params": "k8sDatabaseParams",
  "dependencies.search.engine": "k8sSearchType",
  "dependencies.search.host": "k8sSearchHost",
  "dependencies.search.port": "k8sSearchPort",
  "dependencies.search.scheme": "k8sSearchScheme",
  "dependencies.search.user": "k8sSearchUsername",
  "dependencies.search.password": "k8sSearchPassword",
  "dependencies.pipelineClient.apiEndpoint": "k8sPipelineApiEndpoint",
  "dependencies.pipelineClient.username": "k8sPipelineUsername",
  "dependencies.pipelineClient.password": "k8sPipelinePassword",
  "ingress.className": "k8sIngressClassName",
  "ingress.tlsSecretName": "k8sTlsSecretName",
  "ingress.certManagerIssuer": "k8sCertManagerIssuer",
  "resources.requests.cpu": "k8sCpuRequest",
  "resources.requests.memory": "k8sMemoryRequest",
  "resources.limits.cpu": "k8sCpuLimit",
  "resources.limits.memory": "k8sMemoryLimit",
  helmTimeoutSeconds: "k8sHelmTimeoutSeconds",
};

function configRules(c: KubernetesTargetConfig): Problem[] {
  if (
    c.k8sDependencies === "external" &&
    c.k8sPipelinePassword !== undefined &&
    c.k8sPipelineApiEndpoint === undefined
  )
    return [{ path: "k8sPipelinePassword", message: "is only used with k8sPipelineApiEndpoint" }];
  return [];
}

export const kubernetesTarget: TargetConfigModule<KubernetesTargetConfig> = {
  keys: K8S_KEYS,
  shape,
  problems: (c, core) => [
    ...configRules(c),
    ...toKeyPaths(
      kubernetesArgsProblems(
        kubernetesArgs(c, core, (v) => v),
        core.publicUrl,
      ),
      KUBERNETES_ARG_KEYS,
      "target",
    ),
  ],
};
