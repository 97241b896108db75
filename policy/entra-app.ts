import * as azuread from "@pulumi/azuread";
import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";

/** Hosts for which a plain-http redirect URI is accepted (local development only). */
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1"]);

/** True for https URIs and for http://localhost / http://127.0.0.1 (any port or path). */
function isAcceptedRedirectUri(uri: string): boolean {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  return url.protocol === "https:" || (url.protocol === "http:" && LOCAL_HOSTS.has(url.hostname));
}

/** The SPA and Web redirect URI lists of an app, with the field each is in. */
function redirectUriLists(app: {
  singlePageApplication?: { redirectUris?: string[] };
  web?: { redirectUris?: string[] };
}): [string, string[] | undefined][] {
  return [
    ["singlePageApplication.redirectUris", app.singlePageApplication?.redirectUris],
    ["web.redirectUris", app.web?.redirectUris],
  ];
}

export const entraAppRedirectUrisHttps: ResourceValidationPolicy = {
  name: "entra-app-redirect-uris-https",
  description: "Entra app SPA and Web redirect URIs use https (http only for localhost and 127.0.0.1).",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(azuread.Application, (app, args, reportViolation) => {
    for (const [field, uris] of redirectUriLists(app)) {
      for (const uri of uris ?? []) {
        if (!isAcceptedRedirectUri(uri)) {
          reportViolation(
            `Application "${args.name}" has redirect URI "${uri}" in ${field} that is not https; ` +
              "use an https URL (http is only allowed for http://localhost and http://127.0.0.1).",
          );
        }
      }
    }
  }),
};

export const entraAppNoWildcardRedirectUris: ResourceValidationPolicy = {
  name: "entra-app-no-wildcard-redirect-uris",
  description: "Entra app SPA and Web redirect URIs contain no wildcard (*): each is listed in full.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(azuread.Application, (app, args, reportViolation) => {
    for (const [field, uris] of redirectUriLists(app)) {
      for (const uri of uris ?? []) {
        if (uri.includes("*")) {
          reportViolation(
            `Application "${args.name}" has redirect URI "${uri}" in ${field} with a wildcard (*); list every ` +
              "redirect URI in full: a wildcard lets sign-in responses, and the tokens in them, go to any matching URI.",
          );
        }
      }
    }
  }),
};

export const entraAppNoImplicitGrant: ResourceValidationPolicy = {
  name: "entra-app-no-implicit-grant",
  description: "Entra app issues no tokens through the implicit grant (the SPA uses auth code + PKCE).",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(azuread.Application, (app, args, reportViolation) => {
    const grant = app.web?.implicitGrant;
    const flags: [string, boolean | undefined][] = [
      ["accessTokenIssuanceEnabled", grant?.accessTokenIssuanceEnabled],
      ["idTokenIssuanceEnabled", grant?.idTokenIssuanceEnabled],
    ];
    for (const [flag, value] of flags) {
      if (value === true) {
        reportViolation(
          `Application "${args.name}" enables the implicit grant (web.implicitGrant.${flag} is true); ` +
            "set it to false: the SPA signs in with the authorization code flow and PKCE.",
        );
      }
    }
  }),
};

/** Config of {@link entraAppSingleTenant}. */
export interface SingleTenantConfig {
  /** Accept any `signInAudience` (multi-tenant or personal accounts). @default false */
  allowMultiTenant?: boolean;
}

export const entraAppSingleTenant: ResourceValidationPolicy = {
  name: "entra-app-single-tenant",
  description: "Entra app signs in users of its own tenant only (signInAudience AzureADMyOrg).",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      allowMultiTenant: {
        type: "boolean",
        default: false,
        description: "Accept any signInAudience (multi-tenant or personal Microsoft accounts).",
      },
    },
  },
  validateResource: validateResourceOfType(azuread.Application, (app, args, reportViolation) => {
    if (args.getConfig<SingleTenantConfig>().allowMultiTenant === true) return;
    // Absent means the provider default, AzureADMyOrg.
    const audience = app.signInAudience ?? "AzureADMyOrg";
    if (audience !== "AzureADMyOrg") {
      reportViolation(
        `Application "${args.name}" has signInAudience "${audience}"; set signInAudience to "AzureADMyOrg", ` +
          "or set allowMultiTenant: true in this policy's config if other tenants must sign in.",
      );
    }
  }),
};
