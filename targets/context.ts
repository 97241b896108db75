/**
 * What every deployment target receives from the composition in index.ts. Targets get SSO settings and key
 * material, never the app registration itself.
 */
import * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "../config";
import type { EntraIdentity } from "../components/entra";
import type { OpenMetadataJwtKeys } from "../components/openmetadata/jwt-keys";
import { buildSsoModel, SsoModel } from "../components/openmetadata/sso";

export interface DeployContext {
  config: StackConfig;
  identity: EntraIdentity;
  jwtKeys: OpenMetadataJwtKeys;
  /**
   * The one SSO model for a server that reaches itself at `internalUrl` (for its own JWKS): the container
   * name on Docker, `localhost` on a VM, the in-cluster service on Kubernetes.
   */
  ssoModel(internalUrl: string, keyDir?: string): pulumi.Output<SsoModel>;
}

export interface TargetDeployment {
  /** The SSO settings OpenMetadata is given: the non-secret `sso` stack output. */
  sso: pulumi.Output<SsoModel>;
  /** Target-specific stack outputs. */
  outputs: Record<string, pulumi.Input<unknown>>;
}

export type DeployTarget = (context: DeployContext) => TargetDeployment;

/** Builds the model at the edge: Pulumi outputs in, the pure model function inside one apply. */
export function ssoModelOutput(
  config: StackConfig,
  identity: EntraIdentity,
  jwtKeys: OpenMetadataJwtKeys,
  internalUrl: string,
  keyDir?: string,
): pulumi.Output<SsoModel> {
  return pulumi
    .all([identity.clientId, identity.tenantId, jwtKeys.keyId, jwtKeys.issuer])
    .apply(([clientId, tenantId, keyId, issuer]) =>
      buildSsoModel({
        clientId,
        tenantId,
        publicUrl: config.publicUrl,
        internalUrl,
        clientType: config.entra.clientType,
        ...config.identity,
        jwt: { keyId, issuer, ...(keyDir ? { keyDir } : {}) },
      }),
    );
}
