import {
  entraAppNoImplicitGrant,
  entraAppNoWildcardRedirectUris,
  entraAppRedirectUrisHttps,
  entraAppSingleTenant,
} from "../policy/entra-app";
import { runPolicy, UNKNOWN_STRING, violationsOf } from "./policy-harness";

const APP = "azuread:index/application:Application";

describe("entra-app-redirect-uris-https", () => {
  it("accepts https URIs and http only on localhost and 127.0.0.1", () => {
    const props = {
      singlePageApplication: {
        redirectUris: [
          "https://om.example.com/callback",
          "http://localhost:8585/callback",
          "http://127.0.0.1/",
        ],
      },
      web: { redirectUris: ["https://om.example.com/silent-callback"] },
    };
    expect(violationsOf(entraAppRedirectUrisHttps, APP, props, { name: "om-spa" })).toEqual([]);
  });

  it("accepts an app without redirect URIs", () => {
    expect(violationsOf(entraAppRedirectUrisHttps, APP, { displayName: "x" })).toEqual([]);
  });

  it("rejects plain http on a real host and non-URLs, in both SPA and Web lists", () => {
    const props = {
      singlePageApplication: {
        redirectUris: ["http://om.example.com/callback", "https://ok.example.com/callback"],
      },
      web: { redirectUris: ["not a url", "http://localhost.evil.com/callback"] },
    };
    expect(violationsOf(entraAppRedirectUrisHttps, APP, props, { name: "om-spa" })).toEqual([
      'Application "om-spa" has redirect URI "http://om.example.com/callback" in singlePageApplication.redirectUris that is not https; use an https URL (http is only allowed for http://localhost and http://127.0.0.1).',
      'Application "om-spa" has redirect URI "not a url" in web.redirectUris that is not https; use an https URL (http is only allowed for http://localhost and http://127.0.0.1).',
      'Application "om-spa" has redirect URI "http://localhost.evil.com/callback" in web.redirectUris that is not https; use an https URL (http is only allowed for http://localhost and http://127.0.0.1).',
    ]);
  });

  it("does not apply to other resource types", () => {
    const outcome = runPolicy(
      entraAppRedirectUrisHttps,
      "azuread:index/servicePrincipal:ServicePrincipal",
      {},
    );
    expect(outcome).toEqual({
      violations: [],
      notApplicable: [`Policy only applies to resources of type '${APP}'`],
      unknown: [],
    });
  });

  it("cannot judge URIs unknown during preview (the analyzer reports that as advisory)", () => {
    const outcome = runPolicy(entraAppRedirectUrisHttps, APP, {
      singlePageApplication: { redirectUris: [UNKNOWN_STRING] },
    });
    expect(outcome.unknown).toEqual([
      "string value at .singlePageApplication.redirectUris.0 can't be known during preview",
    ]);
  });
});

describe("entra-app-no-wildcard-redirect-uris", () => {
  const wildcard = (uri: string, field: string) =>
    `Application "entra-app" has redirect URI "${uri}" in ${field} with a wildcard (*); list every redirect URI in full: a wildcard lets sign-in responses, and the tokens in them, go to any matching URI.`;

  it("accepts the redirect URIs the program registers (dev: SPA callbacks, empty Web list)", () => {
    // entra-app in `npm run plan -- --stack dev --json`.
    const props = {
      signInAudience: "AzureADMyOrg",
      singlePageApplication: {
        redirectUris: ["http://localhost:8585/callback", "http://localhost:3000/callback"],
      },
      web: { homepageUrl: "http://localhost:8585", redirectUris: [] },
    };
    expect(violationsOf(entraAppNoWildcardRedirectUris, APP, props, { name: "entra-app" })).toEqual([]);
    expect(violationsOf(entraAppNoWildcardRedirectUris, APP, { displayName: "x" })).toEqual([]);
  });

  it("rejects a wildcard anywhere in an SPA or Web redirect URI", () => {
    const props = {
      singlePageApplication: {
        redirectUris: ["https://*.example.com/callback", "https://om.example.com/callback"],
      },
      web: { redirectUris: ["https://om.example.com/*", "https://om.example.com/silent-callback"] },
    };
    expect(violationsOf(entraAppNoWildcardRedirectUris, APP, props, { name: "entra-app" })).toEqual([
      wildcard("https://*.example.com/callback", "singlePageApplication.redirectUris"),
      wildcard("https://om.example.com/*", "web.redirectUris"),
    ]);
  });

  it("is independent of the https rule: a wildcard https URI fails only here", () => {
    const props = { web: { redirectUris: ["https://*.example.com/callback"] } };
    expect(violationsOf(entraAppRedirectUrisHttps, APP, props)).toEqual([]);
    expect(violationsOf(entraAppNoWildcardRedirectUris, APP, props)).toHaveLength(1);
  });
});

describe("entra-app-no-implicit-grant", () => {
  it("accepts implicit grant off or absent", () => {
    const off = {
      web: { implicitGrant: { accessTokenIssuanceEnabled: false, idTokenIssuanceEnabled: false } },
    };
    expect(violationsOf(entraAppNoImplicitGrant, APP, off)).toEqual([]);
    expect(violationsOf(entraAppNoImplicitGrant, APP, {})).toEqual([]);
  });

  it("rejects access-token and id-token issuance through the implicit grant", () => {
    const on = { web: { implicitGrant: { accessTokenIssuanceEnabled: true, idTokenIssuanceEnabled: true } } };
    expect(violationsOf(entraAppNoImplicitGrant, APP, on, { name: "om-spa" })).toEqual([
      'Application "om-spa" enables the implicit grant (web.implicitGrant.accessTokenIssuanceEnabled is true); set it to false: the SPA signs in with the authorization code flow and PKCE.',
      'Application "om-spa" enables the implicit grant (web.implicitGrant.idTokenIssuanceEnabled is true); set it to false: the SPA signs in with the authorization code flow and PKCE.',
    ]);
  });
});

describe("entra-app-single-tenant", () => {
  it("accepts AzureADMyOrg and the provider default (absent)", () => {
    expect(violationsOf(entraAppSingleTenant, APP, { signInAudience: "AzureADMyOrg" })).toEqual([]);
    expect(violationsOf(entraAppSingleTenant, APP, {})).toEqual([]);
  });

  it("rejects other audiences", () => {
    expect(
      violationsOf(entraAppSingleTenant, APP, { signInAudience: "AzureADMultipleOrgs" }, { name: "om-spa" }),
    ).toEqual([
      'Application "om-spa" has signInAudience "AzureADMultipleOrgs"; set signInAudience to "AzureADMyOrg", or set allowMultiTenant: true in this policy\'s config if other tenants must sign in.',
    ]);
  });

  it("accepts any audience when allowMultiTenant is true", () => {
    const run = { config: { allowMultiTenant: true } };
    expect(
      violationsOf(entraAppSingleTenant, APP, { signInAudience: "AzureADandPersonalMicrosoftAccount" }, run),
    ).toEqual([]);
  });

  it("declares allowMultiTenant with default false", () => {
    expect(entraAppSingleTenant.configSchema?.properties.allowMultiTenant).toMatchObject({
      type: "boolean",
      default: false,
    });
  });
});
