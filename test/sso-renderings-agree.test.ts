import { RELEASE_LINES } from "../components/openmetadata/releases";
import fc from "fast-check";
import { parse } from "yaml";
import {
  buildSsoModel,
  type ClientType,
  type EnvEntry,
  type HelmSsoValues,
  renderEnvFile,
  renderHelmOidcSecretData,
  renderHelmValues,
  renderServerEnv,
  type SsoInput,
  ssoInputProblems,
  type SsoModel,
} from "../components/openmetadata/sso";
import { parseSystemdEnvFile } from "./helpers/systemd-env";

/** OpenMetadata reads env values through its YAML 1.1 config file; read them back the same way. */
const read = (text: string): unknown => parse(text, { version: "1.1" });

function modelFromEnv(entries: EnvEntry[]): SsoModel {
  const env = new Map(entries.map((e) => [e.name, read(e.value)]));
  expect(env.size).toBe(entries.length);
  const get = (name: string): never => env.get(name) as never;
  const getOr = (name: string, fallback: unknown): never => (env.has(name) ? get(name) : (fallback as never));
  return {
    authenticationConfiguration: {
      provider: get("AUTHENTICATION_PROVIDER"),
      clientType: get("AUTHENTICATION_CLIENT_TYPE"),
      responseType: get("AUTHENTICATION_RESPONSE_TYPE"),
      authority: get("AUTHENTICATION_AUTHORITY"),
      clientId: get("AUTHENTICATION_CLIENT_ID"),
      callbackUrl: get("AUTHENTICATION_CALLBACK_URL"),
      publicKeyUrls: get("AUTHENTICATION_PUBLIC_KEYS"),
      tokenValidationAlgorithm: getOr("AUTHENTICATION_TOKEN_VALIDATION_ALGORITHM", "RS256"),
      jwtPrincipalClaims: get("AUTHENTICATION_JWT_PRINCIPAL_CLAIMS"),
      jwtPrincipalClaimsMapping: getOr("AUTHENTICATION_JWT_PRINCIPAL_CLAIMS_MAPPING", []),
      enableSelfSignup: get("AUTHENTICATION_ENABLE_SELF_SIGNUP"),
      ...(env.has("OIDC_TYPE")
        ? {
            oidcConfiguration: {
              type: get("OIDC_TYPE"),
              id: get("OIDC_CLIENT_ID"),
              tenant: get("OIDC_TENANT"),
              discoveryUri: get("OIDC_DISCOVERY_URI"),
              callbackUrl: get("OIDC_CALLBACK"),
              serverUrl: get("OIDC_SERVER_URL"),
              scope: get("OIDC_SCOPE"),
              responseType: get("OIDC_RESPONSE_TYPE"),
            },
          }
        : {}),
    },
    authorizerConfiguration: {
      className: get("AUTHORIZER_CLASS_NAME"),
      containerRequestFilter: get("AUTHORIZER_REQUEST_FILTER"),
      adminPrincipals: get("AUTHORIZER_ADMIN_PRINCIPALS"),
      principalDomain: get("AUTHORIZER_PRINCIPAL_DOMAIN"),
      enforcePrincipalDomain: get("AUTHORIZER_ENFORCE_PRINCIPAL_DOMAIN"),
      enableSecureSocketConnection: get("AUTHORIZER_ENABLE_SECURE_SOCKET"),
      useRolesFromProvider: get("AUTHORIZER_USE_ROLES_FROM_PROVIDER"),
    },
    jwtTokenConfiguration: {
      rsapublicKeyFilePath: get("RSA_PUBLIC_KEY_FILE_PATH"),
      rsaprivateKeyFilePath: get("RSA_PRIVATE_KEY_FILE_PATH"),
      jwtissuer: get("JWT_ISSUER"),
      keyId: get("JWT_KEY_ID"),
    },
  };
}

function modelFromHelm(values: HelmSsoValues, secretData: Record<string, string> | undefined): SsoModel {
  const { authentication: a, authorizer: z, jwtTokenConfiguration: j } = values.openmetadata.config;
  expect([a.enabled, z.enabled, j.enabled]).toEqual([true, true, true]);
  const algorithm = values.extraEnvs.find((e) => e.name === "AUTHENTICATION_TOKEN_VALIDATION_ALGORITHM");
  const o = a.oidcConfiguration;
  return {
    authenticationConfiguration: {
      provider: a.provider as never,
      clientType: a.clientType as never,
      responseType: a.responseType as never,
      authority: a.authority,
      clientId: a.clientId,
      callbackUrl: a.callbackUrl,
      publicKeyUrls: a.publicKeys,
      tokenValidationAlgorithm: (algorithm?.value ?? "RS256") as never,
      jwtPrincipalClaims: a.jwtPrincipalClaims,
      jwtPrincipalClaimsMapping: a.jwtPrincipalClaimsMapping,
      enableSelfSignup: a.enableSelfSignup,
      // The chart renders OIDC_* only for a confidential client with oidcConfiguration.enabled.
      ...(o.enabled && a.clientType === "confidential"
        ? {
            oidcConfiguration: {
              type: o.oidcType as never,
              id: secretData?.[o.clientId.secretKey] as string,
              tenant: o.tenant,
              discoveryUri: o.discoveryUri,
              callbackUrl: o.callbackUrl,
              serverUrl: o.serverUrl,
              scope: o.scope,
              responseType: o.responseType as never,
            },
          }
        : {}),
    },
    authorizerConfiguration: {
      className: z.className,
      containerRequestFilter: z.containerRequestFilter,
      adminPrincipals: z.initialAdmins,
      principalDomain: z.principalDomain,
      enforcePrincipalDomain: z.enforcePrincipalDomain,
      enableSecureSocketConnection: z.enableSecureSocketConnection,
      useRolesFromProvider: z.useRolesFromProvider,
    },
    jwtTokenConfiguration: {
      rsapublicKeyFilePath: j.rsapublicKeyFilePath,
      rsaprivateKeyFilePath: j.rsaprivateKeyFilePath,
      jwtissuer: j.jwtissuer,
      keyId: j.keyId,
    },
  };
}

// "--" in positions 3-4 is reserved for IDNA (xn--...): WHATWG URL parsing rejects such labels.
const label = fc
  .stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,8}[a-z0-9])?$/)
  .filter((l) => l.slice(2, 4) !== "--");
/** Upper-cases some letters: host names and domains are accepted in either case. */
const mixedCase = (arb: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc
    .tuple(arb, fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }))
    .map(([s, up]) => [...s].map((c, i) => (up[i % up.length] ? c.toUpperCase() : c)).join(""));
/** A DNS name with an alphabetic top-level label: no trailing dot, no underscore, never a number. */
const domain = fc
  .tuple(fc.array(label, { minLength: 1, maxLength: 3 }), fc.stringMatching(/^[a-z]{2,6}$/))
  .map(([labels, tld]) => [...labels, tld].join("."));
/** Public hosts as the public URL form takes them: DNS names (either case) or IPv4 addresses. */
const publicHost = fc.oneof(mixedCase(domain), fc.ipV4());
const port = fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined });
const segment = fc.stringMatching(/^[A-Za-z0-9._~-]{1,8}$/).filter((s) => s !== "." && s !== "..");
/** A base path of unreserved characters, with or without one trailing slash. */
const path = fc.array(segment, { maxLength: 3 }).map((s) => s.map((p) => `/${p}`).join(""));
const trailingSlash = fc.constantFrom("", "/");
const slashes = fc.constantFrom("", "/", "//");
const withPort = (p: number | undefined): string => (p === undefined ? "" : `:${p}`);
const publicUrl = fc.oneof(
  fc.tuple(publicHost, port, path, trailingSlash).map(([h, p, b, s]) => `https://${h}${withPort(p)}${b}${s}`),
  fc
    .tuple(fc.constantFrom("localhost", "127.0.0.1"), port, path, trailingSlash)
    .map(([h, p, b, s]) => `${["http", "https"][(p ?? 0) % 2]}://${h}${withPort(p)}${b}${s}`),
);
const internalUrl = fc.option(
  fc
    // A single-label host must not look like a number ("08" is an invalid IPv4 address to URL parsers).
    .tuple(
      fc.constantFrom("http", "https"),
      fc.oneof(
        label.filter((l) => /^[a-z]/.test(l)),
        domain,
      ),
      port,
      path,
      slashes,
    )
    .map(([scheme, h, p, b, s]) => `${scheme}://${h}${withPort(p)}${b}${s}`),
  { nil: undefined },
);
/** Names a YAML 1.1 parser would misread unless quoted are mixed in on purpose. */
const tricky = fc.constantFrom("yes", "no", "on", "off", "null", "true", "1_000", "0x1f", "12e3", "007");
/** Admin names in either case (the model lower-cases them), with YAML-tricky names in upper case too. */
const admin = fc.oneof(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,11}$/), tricky, mixedCase(tricky));
const claim = fc.oneof(
  fc.constantFrom("email", "preferred_username", "sub", "upn", "oid", "unique_name"),
  fc.stringMatching(/^[A-Za-z0-9_.-]{1,10}$/),
  tricky,
);
const mapping = fc.option(
  fc.oneof(
    fc.constant([] as string[]),
    fc
      .tuple(claim, claim, fc.boolean())
      .map(([u, e, swap]) => (swap ? [`email:${e}`, `username:${u}`] : [`username:${u}`, `email:${e}`])),
  ),
  { nil: undefined },
);
const keyDir = fc.option(
  fc
    .array(fc.stringMatching(/^[A-Za-z0-9._-]{1,8}$/), { minLength: 1, maxLength: 3 })
    .map((s) => `/${s.join("/")}`),
  { nil: undefined },
);
const casedUuid = fc.tuple(fc.uuid(), fc.boolean()).map(([u, upper]) => (upper ? u.toUpperCase() : u));
const entraSecret = fc.stringMatching(/^[A-Za-z][A-Za-z0-9~._-]{39}$/);

const ssoInput: fc.Arbitrary<SsoInput> = fc.record({
  clientId: casedUuid,
  tenantId: casedUuid,
  publicUrl,
  internalUrl,
  clientType: fc.option(fc.constantFrom<ClientType>("public", "confidential"), { nil: undefined }),
  // Unique after lower-casing: OpenMetadata sees "Jane" and "jane" as one user, so the model refuses repeats.
  adminPrincipals: fc.uniqueArray(admin, { minLength: 1, maxLength: 4, selector: (a) => a.toLowerCase() }),
  principalDomain: mixedCase(domain),
  enforcePrincipalDomain: fc.option(fc.boolean(), { nil: undefined }),
  jwtPrincipalClaims: fc.option(fc.uniqueArray(claim, { minLength: 1, maxLength: 4 }), { nil: undefined }),
  jwtPrincipalClaimsMapping: mapping,
  enableSelfSignup: fc.option(fc.boolean(), { nil: undefined }),
  useRolesFromProvider: fc.option(fc.boolean(), { nil: undefined }),
  openmetadataVersion: fc.option(fc.constantFrom(...RELEASE_LINES.map((l) => l.defaultPatch)), {
    nil: undefined,
  }),
  jwt: fc.record({
    keyDir,
    keyId: casedUuid,
    issuer: fc.tuple(fc.oneof(domain, fc.ipV4()), port).map(([h, p]) => `${h}${withPort(p)}`),
  }),
});

describe("the three renderings of any valid model", () => {
  it("agree with the model on every setting, and the client secret stays in secret entries only", () => {
    fc.assert(
      fc.property(ssoInput, entraSecret, (input, secret) => {
        // The generators produce only inputs the model's forms accept.
        expect(ssoInputProblems(input)).toEqual([]);
        const model = buildSsoModel(input);
        // Admin names and the domain reach every rendering lower-cased, as OpenMetadata compares them.
        expect(model.authorizerConfiguration.adminPrincipals).toEqual(
          input.adminPrincipals.map((a) => a.toLowerCase()),
        );
        expect(model.authorizerConfiguration.principalDomain).toBe(input.principalDomain.toLowerCase());
        const confidential = model.authenticationConfiguration.clientType === "confidential";
        const secrets = confidential ? { oidcClientSecret: secret } : undefined;

        const env = renderServerEnv(model, secrets);
        expect(modelFromEnv(env)).toEqual(model);
        // The VM's env file gives the service exactly these values, as systemd reads it.
        expect([...parseSystemdEnvFile(renderEnvFile(env))]).toEqual(env.map((e) => [e.name, e.value]));
        expect(env.filter((e) => e.value.includes(secret)).every((e) => e.secret)).toBe(true);
        expect(env.filter((e) => e.secret).map((e) => e.name)).toEqual(
          confidential ? ["OIDC_CLIENT_SECRET"] : [],
        );

        const helm = renderHelmValues(model);
        const secretData = renderHelmOidcSecretData(model, secrets?.oidcClientSecret);
        expect(modelFromHelm(helm, secretData)).toEqual(model);
        expect(JSON.stringify(helm).includes(secret)).toBe(false);
        expect(JSON.stringify(model).includes(secret)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
