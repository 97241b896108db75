import { ResourceValidationPolicy } from "@pulumi/policy";
import { dockerInternalPortsNotPublic } from "./docker-ports";
import { entraAppNoImplicitGrant, entraAppRedirectUrisHttps, entraAppSingleTenant } from "./entra-app";
import { productionResourcesProtected } from "./production";
import { kubernetesWorkloadResourceLimits, openmetadataReleaseResourceLimits } from "./resource-limits";
import { noWeakLiteralSecrets } from "./weak-secrets";

export {
  dockerInternalPortsNotPublic,
  entraAppNoImplicitGrant,
  entraAppRedirectUrisHttps,
  entraAppSingleTenant,
  kubernetesWorkloadResourceLimits,
  noWeakLiteralSecrets,
  openmetadataReleaseResourceLimits,
  productionResourcesProtected,
};

/** Every policy of the pack, in the order the CLI reports them; `index.ts` passes exactly this list. */
export const allPolicies: readonly ResourceValidationPolicy[] = [
  entraAppRedirectUrisHttps,
  entraAppNoImplicitGrant,
  entraAppSingleTenant,
  productionResourcesProtected,
  dockerInternalPortsNotPublic,
  noWeakLiteralSecrets,
  kubernetesWorkloadResourceLimits,
  openmetadataReleaseResourceLimits,
];
