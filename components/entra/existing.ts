import * as pulumi from "@pulumi/pulumi";
import { normalizeGuid } from "../forms";
import { callbackUrl } from "../openmetadata/urls";
import { assertNoProblems } from "../problems";
import { entraAuthority } from "./endpoints";
import { existingEntraAppProblems, type ExistingEntraAppArgs } from "./validate";

export type { ExistingEntraAppArgs } from "./validate";

/** What the rest of the program needs from Entra ID, whether the app was created here or elsewhere. */
export interface EntraIdentity {
  /** Lower-cased GUID. */
  clientId: pulumi.Output<string>;
  /** Lower-cased GUID. */
  tenantId: pulumi.Output<string>;
  authority: pulumi.Output<string>;
  /** The redirect URIs the app registration must have, OpenMetadata's callback first. */
  redirectUris: pulumi.Output<string[]>;
  /** Confidential clients only. */
  clientSecret?: pulumi.Output<string>;
}

/**
 * An app registration managed outside this stack: nothing is created; the IDs come from config and the
 * redirect URIs it must carry are derived, so `pulumi stack output redirectUris` tells its owner what to set.
 */
export function existingEntraApp(args: ExistingEntraAppArgs): EntraIdentity {
  assertNoProblems("existing Entra app registration", existingEntraAppProblems(args));
  return {
    clientId: pulumi.output(normalizeGuid(args.clientId)),
    tenantId: pulumi.output(normalizeGuid(args.tenantId)),
    authority: pulumi.output(entraAuthority(args.tenantId)),
    redirectUris: pulumi.output([callbackUrl(args.publicUrl)]),
    clientSecret: args.clientSecret === undefined ? undefined : pulumi.secret(args.clientSecret),
  };
}
