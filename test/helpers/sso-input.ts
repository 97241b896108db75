/** A valid SSO model input shared by the SSO tests; each test overrides what it is about. */
import type { SsoInput } from "../../components/openmetadata/sso";

export const TENANT = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
export const CLIENT = "11111111-2222-3333-4444-555555555555";
export const KEY_ID = "0b9a3c6e-1f2d-8a4b-9c7e-5d6f7a8b9c0d";

export function ssoInput(overrides: Partial<SsoInput> = {}): SsoInput {
  return {
    clientId: CLIENT,
    tenantId: TENANT,
    publicUrl: "https://om.example.com",
    adminPrincipals: ["john.doe"],
    principalDomain: "example.com",
    jwt: { keyId: KEY_ID, issuer: "om.example.com" },
    ...overrides,
  };
}
