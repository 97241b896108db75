/**
 * The typed shape of the core stack config and its rules. Field names equal config key names, so an issue's
 * path names the key. Cross-field rules (production, existing app) run even when other fields are wrong, so
 * every mistake in a stack file is reported in one go.
 */
import { z } from "zod";
import { CORE_KEYS } from "./keys";
import { TARGETS } from "./targets";
import { guid, guidList, oneOf, publicUrl, VERSION_RE } from "./rules";
// Identity values are checked with the SSO model's own rules, so nothing the config accepts fails later.
import {
  ADMIN_PRINCIPAL_RE,
  CLAIM_MAPPING_RE as MAPPING_RE,
  CLAIM_RE,
  DOMAIN_RE,
} from "../components/openmetadata/sso/validate-input";
import { isLocalUrl, publicUrlProblem } from "../components/openmetadata/urls";

export const SIGN_IN_AUDIENCES = [
  "AzureADMyOrg",
  "AzureADMultipleOrgs",
  "AzureADandPersonalMicrosoftAccount",
  "PersonalMicrosoftAccount",
] as const;
export const CLIENT_TYPES = ["public", "confidential"] as const;

const d = CORE_KEYS;

export const coreSchema = z
  .object({
    publicUrl: publicUrl(),
    target: oneOf(TARGETS).default(d.target.default),
    production: z.boolean().default(d.production.default),
    openmetadataVersion: z
      .string()
      .regex(VERSION_RE, { message: "must be a release version x.y.z such as 1.8.12" })
      .default(d.openmetadataVersion.default),
    entraDisplayName: z.string().trim().min(1, { message: "must not be empty" }).max(120).optional(),
    entraSignInAudience: oneOf(SIGN_IN_AUDIENCES).default(d.entraSignInAudience.default),
    entraClientType: oneOf(CLIENT_TYPES).default(d.entraClientType.default),
    entraOwners: guidList().default([]),
    entraAssignmentRequired: z.boolean().default(d.entraAssignmentRequired.default),
    entraAssignedGroups: guidList().default([]),
    entraExtraRedirectUris: z
      .array(z.string())
      .default([])
      .superRefine((uris, ctx) =>
        uris.forEach((uri, i) => {
          const problem = publicUrlProblem(uri);
          if (problem) ctx.addIssue({ code: "custom", path: [i], message: problem });
        }),
      ),
    entraSecretRotationDays: z
      .number()
      .int()
      .min(30, { message: "must be a whole number of days from 30 to 730" })
      .max(730, { message: "must be a whole number of days from 30 to 730" })
      .default(d.entraSecretRotationDays.default),
    entraExistingClientId: guid().optional(),
    entraExistingTenantId: guid().optional(),
    entraExistingClientSecret: z.string().min(1, { message: "must not be empty" }).optional(),
    adminPrincipals: z
      .array(z.string())
      .min(1, { message: "must name at least one admin user name (the part before @ of their email)" })
      .superRefine((names, ctx) =>
        names.forEach((name, i) => {
          // OpenMetadata lowercases user names at sign-in; the config is normalised the same way.
          if (!ADMIN_PRINCIPAL_RE.test(name.toLowerCase()))
            ctx.addIssue({
              code: "custom",
              path: [i],
              message: `must be a user name, the part before @ of the sign-in email (john.doe for john.doe@example.com); got "${name}"`,
            });
        }),
      ),
    principalDomain: z.string().refine((domain) => DOMAIN_RE.test(domain.toLowerCase()), {
      message: "must be a domain name such as example.com",
    }),
    enforcePrincipalDomain: z.boolean().default(d.enforcePrincipalDomain.default),
    jwtPrincipalClaims: z
      .array(z.string().regex(CLAIM_RE, { message: "must be a claim name such as email" }))
      .min(1, { message: "must list at least one claim, e.g. [email, preferred_username, sub]" })
      .default([...d.jwtPrincipalClaims.default]),
    jwtPrincipalClaimsMapping: z
      .array(z.string().regex(MAPPING_RE, { message: "must be username:<claim> or email:<claim>" }))
      .default([])
      .superRefine((entries, ctx) => {
        if (entries.length === 0 || !entries.every((e) => MAPPING_RE.test(e))) return;
        const keys = entries.map((e) => e.split(":")[0]).sort();
        if (keys.join(",") !== "email,username")
          ctx.addIssue({
            code: "custom",
            message: "must be empty or exactly two entries, username:<claim> and email:<claim>",
          });
      }),
    enableSelfSignup: z.boolean().default(d.enableSelfSignup.default),
  })
  .superRefine(crossFieldRules, { when: () => true });

export type CoreConfig = z.output<typeof coreSchema>;

type Ctx = z.core.$RefinementCtx<CoreConfig>;

/** Rules that relate several keys. Values may be partly invalid here, so every access is guarded. */
function crossFieldRules(raw: Partial<Record<keyof CoreConfig, unknown>>, ctx: Ctx): void {
  const issue = (key: keyof CoreConfig, message: string) =>
    ctx.addIssue({ code: "custom", path: [key], message });
  const existingId = typeof raw.entraExistingClientId === "string";
  const existingTenant = typeof raw.entraExistingTenantId === "string";
  if (existingId !== existingTenant) {
    issue(
      existingId ? "entraExistingTenantId" : "entraExistingClientId",
      "must be set together with " +
        (existingId ? "entraExistingClientId" : "entraExistingTenantId") +
        " (both GUIDs) to use an existing app registration",
    );
  }
  const confidential = raw.entraClientType === "confidential";
  if (raw.entraExistingClientSecret !== undefined && !(existingId && confidential)) {
    issue(
      "entraExistingClientSecret",
      "is only used with entraExistingClientId and entraClientType confidential",
    );
  }
  if (existingId && confidential && raw.entraExistingClientSecret === undefined) {
    issue(
      "entraExistingClientSecret",
      "is required for an existing confidential app registration: pulumi config set --secret entraExistingClientSecret <secret>",
    );
  }
  if (raw.production !== true) return;
  if (typeof raw.publicUrl === "string" && !publicUrlProblem(raw.publicUrl) && isLocalUrl(raw.publicUrl)) {
    issue("publicUrl", "must be an https URL on a real host in production (localhost is for development)");
  }
  if (!existingId) {
    const owners = Array.isArray(raw.entraOwners) ? raw.entraOwners.length : 0;
    if (owners < 2)
      issue("entraOwners", `must list at least two owner object IDs in production; got ${owners}`);
    if (raw.entraAssignmentRequired !== true)
      issue(
        "entraAssignmentRequired",
        "must be true in production, so only assigned users and groups sign in",
      );
  }
  if (Array.isArray(raw.entraExtraRedirectUris) && raw.entraExtraRedirectUris.length > 0) {
    issue("entraExtraRedirectUris", "must be empty in production (extra redirect URIs are for development)");
  }
}
