/** An SSO source (the components' `sso` arg) with fake Entra IDs and key material, for component tests. */
import * as pulumi from "@pulumi/pulumi";
import { openMetadataSso, type OpenMetadataSso } from "../../components/openmetadata/server-sso";
import type { SsoSettings } from "../../components/openmetadata/sso";

export const TENANT = "00000000-0000-4000-8000-00000000aaaa";
export const CLIENT = "00000000-0000-4000-8000-00000000bbbb";
export const KEY_ID = "00000000-0000-8000-8000-00000000cccc";
export const PUBLIC_DER = Buffer.from("fake public key der").toString("base64");
export const PRIVATE_DER = Buffer.from("fake private key der").toString("base64");

export interface SsoSourceOptions {
  settings?: Partial<SsoSettings>;
  /** Required with clientType confidential in `settings`. */
  clientSecret?: pulumi.Input<string>;
  publicKeyDerBase64?: string;
  privateKeyDerBase64?: string;
}

export function ssoSettings(settings: Partial<SsoSettings> = {}): SsoSettings {
  return {
    publicUrl: "http://localhost:8585",
    adminPrincipals: ["jane.doe"],
    principalDomain: "example.com",
    ...settings,
  };
}

export function ssoSource(options: SsoSourceOptions = {}): OpenMetadataSso {
  const settings = ssoSettings(options.settings);
  return openMetadataSso({
    settings,
    clientId: CLIENT,
    tenantId: TENANT,
    jwtKeys: {
      keyId: KEY_ID,
      issuer: new URL(settings.publicUrl).host,
      privateKeyDerBase64: pulumi.secret(options.privateKeyDerBase64 ?? PRIVATE_DER),
      publicKeyDerBase64: options.publicKeyDerBase64 ?? PUBLIC_DER,
    },
    clientSecret: options.clientSecret,
  });
}
