import { Document, Scalar } from "yaml";
import { OIDC_CLIENT_SECRET_ENV, type SsoModel } from "./model";

/** What `oidcConfiguration.secret` holds in the rendered file: Dropwizard fills it from the environment at start. */
export const OIDC_SECRET_PLACEHOLDER = `\${${OIDC_CLIENT_SECRET_ENV}}`;

/**
 * The three SSO sections of `conf/openmetadata.yaml` (authenticationConfiguration, authorizerConfiguration,
 * jwtTokenConfiguration) with OpenMetadata's key names, for a server that reads its configuration from the file
 * (the VM target). A confidential client's `secret` is the placeholder `"${OIDC_CLIENT_SECRET}"`: OpenMetadata's
 * EnvironmentVariableSubstitutor replaces it at start, so the file holds no secret and the service's environment
 * must set OIDC_CLIENT_SECRET. It is double-quoted so that any secret Entra generates stays one YAML string.
 */
export function renderOpenMetadataYaml(model: SsoModel): string {
  const { oidcConfiguration, ...authentication } = model.authenticationConfiguration;
  const sections = {
    authenticationConfiguration: {
      ...authentication,
      ...(oidcConfiguration
        ? {
            oidcConfiguration: {
              type: oidcConfiguration.type,
              id: oidcConfiguration.id,
              secret: OIDC_SECRET_PLACEHOLDER,
              tenant: oidcConfiguration.tenant,
              discoveryUri: oidcConfiguration.discoveryUri,
              callbackUrl: oidcConfiguration.callbackUrl,
              serverUrl: oidcConfiguration.serverUrl,
              scope: oidcConfiguration.scope,
              responseType: oidcConfiguration.responseType,
            },
          }
        : {}),
    },
    authorizerConfiguration: model.authorizerConfiguration,
    jwtTokenConfiguration: model.jwtTokenConfiguration,
  };
  // YAML 1.1, as OpenMetadata's parser reads it: strings such as "yes" or "1_000" get quoted.
  const doc = new Document(sections, { version: "1.1" });
  doc.commentBefore =
    " OpenMetadata SSO settings rendered by openmetadata-entra from its SSO model; do not edit.";
  const secretNode = doc.getIn(["authenticationConfiguration", "oidcConfiguration", "secret"], true);
  if (secretNode instanceof Scalar) secretNode.type = Scalar.QUOTE_DOUBLE;
  return doc.toString({ lineWidth: 0 });
}
