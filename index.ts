/**
 * openmetadata-entra: config → Entra ID app → OpenMetadata SSO model → deployment target → stack outputs.
 * This file only composes. Pulumi calls the exported function, so nothing is built at import time (tests and
 * the offline plan install Pulumi's mocks first).
 */
import * as pulumi from "@pulumi/pulumi";
import { loadStackConfig, StackConfig } from "./config";
import { EntraIdentity, EntraOpenMetadataApp, existingEntraApp } from "./components/entra";
import { OpenMetadataJwtKeys } from "./components/openmetadata/jwt-keys";
import { publicHost } from "./components/openmetadata/urls";
import { ssoModelOutput } from "./targets/context";
import { loadTarget } from "./targets";

function entraIdentity(config: StackConfig): EntraIdentity {
  const entra = config.entra;
  if (entra.mode === "existing") {
    return existingEntraApp({ ...entra, publicUrl: config.publicUrl });
  }
  return new EntraOpenMetadataApp("entra", {
    displayName: entra.displayName,
    publicUrl: config.publicUrl,
    extraRedirectUris: entra.extraRedirectUris,
    clientType: entra.clientType,
    signInAudience: entra.signInAudience,
    owners: entra.owners,
    assignmentRequired: entra.assignmentRequired,
    assignedGroupObjectIds: entra.assignedGroups,
    secretRotationDays: entra.secretRotationDays,
    production: config.production,
  });
}

function openMetadataEntra(): Record<string, pulumi.Input<unknown>> {
  const config = loadStackConfig();
  const identity = entraIdentity(config);
  // OpenMetadata's own signing keys for bot JWTs; the shipped default keys must never serve a real deployment.
  const jwtKeys = new OpenMetadataJwtKeys("openmetadata-jwt", { issuer: publicHost(config.publicUrl) });
  const deployment = loadTarget(config.target.kind)({
    config,
    identity,
    jwtKeys,
    ssoModel: (internalUrl, keyDir) => ssoModelOutput(config, identity, jwtKeys, internalUrl, keyDir),
  });
  return {
    publicUrl: config.publicUrl,
    clientId: identity.clientId,
    tenantId: identity.tenantId,
    authority: identity.authority,
    redirectUris: identity.redirectUris,
    openmetadataVersion: config.openmetadataVersion,
    target: config.target.kind,
    sso: deployment.sso,
    ...deployment.outputs,
  };
}

export = openMetadataEntra;
