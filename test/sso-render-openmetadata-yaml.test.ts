import { parse } from "yaml";
import { buildSsoModel, renderOpenMetadataYaml, type SsoInput } from "../components/openmetadata/sso";
import { CLIENT, KEY_ID, ssoInput, TENANT } from "./helpers/sso-input";

const base: SsoInput = ssoInput({ adminPrincipals: ["john.doe", "on"] });

describe("renderOpenMetadataYaml", () => {
  it("renders the three sections with openmetadata.yaml key names, YAML 1.1 look-alikes quoted", () => {
    expect(renderOpenMetadataYaml(buildSsoModel(base))).toBe(
      `# OpenMetadata SSO settings rendered by openmetadata-entra from its SSO model; do not edit.

authenticationConfiguration:
  provider: azure
  clientType: public
  responseType: id_token
  authority: https://login.microsoftonline.com/${TENANT}
  clientId: ${CLIENT}
  callbackUrl: https://om.example.com/callback
  publicKeyUrls:
    - https://login.microsoftonline.com/common/discovery/keys
    - http://localhost:8585/api/v1/system/config/jwks
  tokenValidationAlgorithm: RS256
  jwtPrincipalClaims:
    - email
    - preferred_username
    - sub
  jwtPrincipalClaimsMapping: []
  enableSelfSignup: true
authorizerConfiguration:
  className: org.openmetadata.service.security.DefaultAuthorizer
  containerRequestFilter: org.openmetadata.service.security.JwtFilter
  adminPrincipals:
    - john.doe
    - "on"
  principalDomain: example.com
  enforcePrincipalDomain: false
  enableSecureSocketConnection: false
jwtTokenConfiguration:
  rsapublicKeyFilePath: /etc/openmetadata/jwtkeys/public_key.der
  rsaprivateKeyFilePath: /etc/openmetadata/jwtkeys/private_key.der
  jwtissuer: om.example.com
  keyId: ${KEY_ID}
`,
    );
  });

  it("puts the secret placeholder, never a secret, into a confidential client's oidcConfiguration", () => {
    const text = renderOpenMetadataYaml(buildSsoModel({ ...base, clientType: "confidential" }));
    expect(text).toContain('    secret: "${OIDC_CLIENT_SECRET}"\n');
    expect(parse(text, { version: "1.1" }).authenticationConfiguration.oidcConfiguration).toEqual({
      type: "azure",
      id: CLIENT,
      secret: "${OIDC_CLIENT_SECRET}",
      tenant: TENANT,
      discoveryUri: `https://login.microsoftonline.com/${TENANT}/v2.0/.well-known/openid-configuration`,
      callbackUrl: "https://om.example.com/callback",
      serverUrl: "https://om.example.com",
      scope: "openid email profile offline_access",
      responseType: "code",
    });
  });
});
