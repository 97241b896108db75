import { ResourceValidationPolicy } from "@pulumi/policy";
import { dockerInternalPortsNotPublic } from "./docker-ports";
import {
  entraAppNoImplicitGrant,
  entraAppNoWildcardRedirectUris,
  entraAppRedirectUrisHttps,
  entraAppSingleTenant,
} from "./entra-app";
import { fernetKeyProtected } from "./fernet-key";
import { productionResourcesProtected } from "./production";
import { kubernetesWorkloadResourceLimits, openmetadataReleaseResourceLimits } from "./resource-limits";
import { productionDataTransportTls } from "./transport";
import { vmServerNotOnAllInterfaces } from "./vm-server";
import { noWeakLiteralSecrets } from "./weak-secrets";

export {
  dockerInternalPortsNotPublic,
  entraAppNoImplicitGrant,
  entraAppNoWildcardRedirectUris,
  entraAppRedirectUrisHttps,
  entraAppSingleTenant,
  fernetKeyProtected,
  kubernetesWorkloadResourceLimits,
  noWeakLiteralSecrets,
  openmetadataReleaseResourceLimits,
  productionDataTransportTls,
  productionResourcesProtected,
  vmServerNotOnAllInterfaces,
};

/** Every policy of the pack, in the order the CLI reports them; `index.ts` passes exactly this list. */
export const allPolicies: readonly ResourceValidationPolicy[] = [
  entraAppRedirectUrisHttps,
  entraAppNoWildcardRedirectUris,
  entraAppNoImplicitGrant,
  entraAppSingleTenant,
  productionResourcesProtected,
  productionDataTransportTls,
  fernetKeyProtected,
  dockerInternalPortsNotPublic,
  vmServerNotOnAllInterfaces,
  noWeakLiteralSecrets,
  kubernetesWorkloadResourceLimits,
  openmetadataReleaseResourceLimits,
];
