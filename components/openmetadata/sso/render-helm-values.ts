import { yamlScalarEnvValue } from "../../quoting";
import { HELM_OIDC_SECRET_DEFAULTS } from "./helm-chart-keys";
import { DEFAULT_TOKEN_VALIDATION_ALGORITHM, type SsoModel } from "./model";
import { checkSecretsFitModel } from "./render-server-env";

/** Where the chart finds the OIDC client ID and secret: a Kubernetes Secret and its two keys. */
export interface HelmOidcSecretRef {
  /**
   * Name of the Kubernetes Secret in the release's namespace.
   * @default "oidc-secrets"
   */
  name?: string;
  /**
   * Key holding the client ID.
   * @default "openmetadata-oidc-client-id"
   */
  clientIdKey?: string;
  /**
   * Key holding the client secret.
   * @default "openmetadata-oidc-client-secret"
   */
  clientSecretKey?: string;
}

export interface HelmValuesOptions {
  /** The Secret the chart reads for a confidential client (ignored for a public one). */
  oidcSecret?: HelmOidcSecretRef;
}

export interface SecretKeyRef {
  secretRef: string;
  secretKey: string;
}

/** The SSO part of the `openmetadata` chart's values; deep-merge it with the target's other values. */
export interface HelmSsoValues {
  openmetadata: {
    config: {
      authentication: {
        enabled: true;
        clientType: string;
        provider: string;
        publicKeys: string[];
        authority: string;
        clientId: string;
        callbackUrl: string;
        responseType: string;
        jwtPrincipalClaims: string[];
        jwtPrincipalClaimsMapping: string[];
        enableSelfSignup: boolean;
        oidcConfiguration:
          | { enabled: false }
          | {
              enabled: true;
              oidcType: string;
              clientId: SecretKeyRef;
              clientSecret: SecretKeyRef;
              tenant: string;
              discoveryUri: string;
              callbackUrl: string;
              serverUrl: string;
              scope: string;
              responseType: string;
            };
      };
      authorizer: {
        enabled: true;
        className: string;
        containerRequestFilter: string;
        initialAdmins: string[];
        principalDomain: string;
        enforcePrincipalDomain: boolean;
        enableSecureSocketConnection: boolean;
        useRolesFromProvider: boolean;
      };
      jwtTokenConfiguration: {
        enabled: true;
        rsapublicKeyFilePath: string;
        rsaprivateKeyFilePath: string;
        jwtissuer: string;
        keyId: string;
      };
    };
  };
  /** Settings the chart does not model, as container env; empty unless the token algorithm is not RS256. */
  extraEnvs: { name: string; value: string }[];
}

function resolveSecretRef(ref: HelmOidcSecretRef | undefined): Required<HelmOidcSecretRef> {
  return {
    name: ref?.name ?? HELM_OIDC_SECRET_DEFAULTS.name,
    clientIdKey: ref?.clientIdKey ?? HELM_OIDC_SECRET_DEFAULTS.clientIdKey,
    clientSecretKey: ref?.clientSecretKey ?? HELM_OIDC_SECRET_DEFAULTS.clientSecretKey,
  };
}

/**
 * Values for chart `openmetadata` (1.8-1.13: the same SSO keys and the same env mapping in templates/secrets.yaml,
 * `<release>-authentication-secret` and friends) under
 * `openmetadata.config.{authentication,authorizer,jwtTokenConfiguration}` plus `extraEnvs`. The chart renders
 * `OIDC_*` only when clientType is confidential and `oidcConfiguration.enabled` is true, and reads the client ID and
 * secret from a Kubernetes Secret (see renderHelmOidcSecretData); other OIDC keys keep the chart's defaults, which
 * match the server's (`sessionExpiry` 604800 ≥ 3600, as 1.12's Azure validator wants). The line-specific values
 * (the tenant's `discovery/v2.0/keys` in `publicKeys` from 1.10) are already in the model.
 */
export function renderHelmValues(model: SsoModel, opts?: HelmValuesOptions): HelmSsoValues {
  const auth = model.authenticationConfiguration;
  const authz = model.authorizerConfiguration;
  const jwt = model.jwtTokenConfiguration;
  const oidc = auth.oidcConfiguration;
  const ref = resolveSecretRef(opts?.oidcSecret);
  const extraEnvs =
    auth.tokenValidationAlgorithm === DEFAULT_TOKEN_VALIDATION_ALGORITHM
      ? []
      : [{ name: "AUTHENTICATION_TOKEN_VALIDATION_ALGORITHM", value: auth.tokenValidationAlgorithm }];
  return {
    openmetadata: {
      config: {
        authentication: {
          enabled: true,
          clientType: auth.clientType,
          provider: auth.provider,
          publicKeys: [...auth.publicKeyUrls],
          authority: auth.authority,
          clientId: auth.clientId,
          callbackUrl: auth.callbackUrl,
          responseType: auth.responseType,
          jwtPrincipalClaims: [...auth.jwtPrincipalClaims],
          jwtPrincipalClaimsMapping: [...auth.jwtPrincipalClaimsMapping],
          enableSelfSignup: auth.enableSelfSignup,
          oidcConfiguration: oidc
            ? {
                enabled: true,
                oidcType: oidc.type,
                clientId: { secretRef: ref.name, secretKey: ref.clientIdKey },
                clientSecret: { secretRef: ref.name, secretKey: ref.clientSecretKey },
                tenant: oidc.tenant,
                discoveryUri: oidc.discoveryUri,
                callbackUrl: oidc.callbackUrl,
                serverUrl: oidc.serverUrl,
                scope: oidc.scope,
                responseType: oidc.responseType,
              }
            : { enabled: false },
        },
        authorizer: {
          enabled: true,
          className: authz.className,
          containerRequestFilter: authz.containerRequestFilter,
          initialAdmins: [...authz.adminPrincipals],
          principalDomain: authz.principalDomain,
          enforcePrincipalDomain: authz.enforcePrincipalDomain,
          enableSecureSocketConnection: authz.enableSecureSocketConnection,
          useRolesFromProvider: authz.useRolesFromProvider,
        },
        jwtTokenConfiguration: {
          enabled: true,
          rsapublicKeyFilePath: jwt.rsapublicKeyFilePath,
          rsaprivateKeyFilePath: jwt.rsaprivateKeyFilePath,
          jwtissuer: jwt.jwtissuer,
          keyId: jwt.keyId,
        },
      },
    },
    extraEnvs,
  };
}

/**
 * `stringData` for the Kubernetes Secret a confidential client's chart values point at (client ID and secret
 * under the configured keys). Undefined for a public client. The caller must create the Secret with
 * `pulumi.secret` around the value.
 */
export function renderHelmOidcSecretData(
  model: SsoModel,
  oidcClientSecret: string | undefined,
  ref?: HelmOidcSecretRef,
): Record<string, string> | undefined {
  checkSecretsFitModel(model, { oidcClientSecret });
  const oidc = model.authenticationConfiguration.oidcConfiguration;
  if (!oidc || oidcClientSecret === undefined) return undefined;
  const keys = resolveSecretRef(ref);
  // The chart hands the secret to the server as OIDC_CLIENT_SECRET, which it pastes into its YAML.
  return { [keys.clientIdKey]: oidc.id, [keys.clientSecretKey]: yamlScalarEnvValue(oidcClientSecret) };
}
