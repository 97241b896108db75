/** A plain SSO model and fake key material for OpenMetadataDocker under mocks. */
import { buildSsoModel, type SsoModel } from "../../components/openmetadata/sso";
import { dockerServerInternalUrl, type OpenMetadataDockerArgs } from "../../components/docker";

export const TENANT = "00000000-0000-4000-8000-00000000aaaa";
export const CLIENT = "00000000-0000-4000-8000-00000000bbbb";
export const PUBLIC_DER = Buffer.from("fake public key der").toString("base64");
export const PRIVATE_DER = Buffer.from("fake private key der").toString("base64");

export function ssoModel(
  overrides: { clientType?: "public" | "confidential"; admins?: string[] } = {},
): SsoModel {
  return buildSsoModel({
    clientId: CLIENT,
    tenantId: TENANT,
    publicUrl: "http://localhost:8585",
    internalUrl: dockerServerInternalUrl(),
    clientType: overrides.clientType ?? "public",
    adminPrincipals: overrides.admins ?? ["jane.doe"],
    principalDomain: "example.com",
    jwt: { keyId: "00000000-0000-8000-8000-00000000cccc", issuer: "localhost:8585" },
  });
}

export function baseArgs(extra: Partial<OpenMetadataDockerArgs> = {}): OpenMetadataDockerArgs {
  return {
    sso: ssoModel(),
    jwtKeys: { publicKeyDerBase64: PUBLIC_DER, privateKeyDerBase64: PRIVATE_DER },
    ...extra,
  };
}
