/**
 * openmetadata-entra: config → Entra ID app → OpenMetadata SSO source → deployment target → stack outputs.
 * This file only composes. Pulumi calls the exported function, so nothing is built at import time (tests and
 * the offline plan install Pulumi's mocks first).
 */
import * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "./config";
import { loadStackConfig } from "./config/load";
import { EntraOpenMetadataApp } from "./components/entra/application";
import { existingEntraApp, type EntraIdentity } from "./components/entra/existing";
import { OpenMetadataJwtKeys } from "./components/openmetadata/jwt-keys";
import { resolveRelease } from "./components/openmetadata/releases";
import { openMetadataSso } from "./components/openmetadata/server-sso";
import { publicHost } from "./components/openmetadata/urls";
import { deployTarget } from "./targets";

function entraIdentity({ entra }: StackConfig): EntraIdentity {
  if (entra.mode === "existing") {
    const { clientSecret, ...args } = entra.args;
    return existingEntraApp({
      ...args,
      clientSecret: clientSecret === undefined ? undefined : pulumi.secret(clientSecret),
    });
  }
  return new EntraOpenMetadataApp("entra", entra.args);
}

function openMetadataEntra(): Record<string, pulumi.Input<unknown>> {
  const config = loadStackConfig();
  const identity = entraIdentity(config);
  // OpenMetadata's own signing keys for bot JWTs; the shipped default keys must never serve a real deployment.
  const jwtKeys = new OpenMetadataJwtKeys("openmetadata-jwt", { issuer: publicHost(config.core.publicUrl) });
  const sso = openMetadataSso({
    settings: config.sso,
    clientId: identity.clientId,
    tenantId: identity.tenantId,
    jwtKeys,
    clientSecret: identity.clientSecret,
  });
  const deployment = deployTarget(config.target, { core: config.core, sso });
  if (!config.core.protectData)
    pulumi.log.warn(
      "allowDataReplacement is set: this update may replace or remove the data's volumes and namespace (they are " +
        "retained, not deleted) together with the credentials they were created with. Volumes kept from before are " +
        "not readable with newly generated passwords: remove them for a fresh start or restore the old state " +
        "(docs/THREAT-MODEL.md). Unset allowDataReplacement after this update.",
    );
  const release = resolveRelease(config.core.openmetadataVersion);
  if (!release.verified)
    pulumi.log.warn(
      `openmetadataVersion ${release.version} is newer than the ${release.line} patches this program was checked ` +
        `against (newest ${release.defaultPatch}): it is deployed with that patch's facts (images and charts at ` +
        `${release.version}). Check its release notes before a production upgrade.`,
    );
  return {
    publicUrl: config.core.publicUrl,
    clientId: identity.clientId,
    tenantId: identity.tenantId,
    authority: identity.authority,
    redirectUris: identity.redirectUris,
    openmetadataVersion: config.core.openmetadataVersion,
    ssoConfigSource: config.core.ssoConfigSource,
    target: config.target.kind,
    sso: deployment.sso,
    ...deployment.outputs,
  };
}

export = openMetadataEntra;
