/** A plain SSO model (for expectations) and args for OpenMetadataDocker under mocks. */
import type * as pulumi from "@pulumi/pulumi";
import { buildSsoModel, type SsoModel } from "../../components/openmetadata/sso";
import { dockerServerInternalUrl, type OpenMetadataDockerArgs } from "../../components/docker";
import { CLIENT, KEY_ID, ssoSettings, ssoSource, TENANT } from "./sso-source";

export { CLIENT, PRIVATE_DER, PUBLIC_DER, TENANT } from "./sso-source";

type ClientOptions = {
  clientType?: "public" | "confidential";
  admins?: string[];
  /** The release the model is built for (the component passes its version). @default DEFAULT_OPENMETADATA_VERSION */
  openmetadataVersion?: string;
};

/** The model the component builds for itself (its internal URL), to compare renderings with. */
export function ssoModel(overrides: ClientOptions = {}): SsoModel {
  return buildSsoModel({
    ...ssoSettings({
      clientType: overrides.clientType ?? "public",
      adminPrincipals: overrides.admins ?? ["jane.doe"],
    }),
    clientId: CLIENT,
    tenantId: TENANT,
    internalUrl: dockerServerInternalUrl(),
    jwt: { keyId: KEY_ID, issuer: "localhost:8585" },
    ...(overrides.openmetadataVersion !== undefined
      ? { openmetadataVersion: overrides.openmetadataVersion }
      : {}),
  });
}

/** The SSO source for the same settings; a confidential client needs `clientSecret`. */
export function dockerSso(overrides: ClientOptions = {}, clientSecret?: pulumi.Input<string>) {
  return ssoSource({
    settings: {
      clientType: overrides.clientType ?? "public",
      adminPrincipals: overrides.admins ?? ["jane.doe"],
    },
    clientSecret,
  });
}

export function baseArgs(extra: Partial<OpenMetadataDockerArgs> = {}): OpenMetadataDockerArgs {
  return { sso: dockerSso(), ...extra };
}
