import * as pulumi from "@pulumi/pulumi";
import { callbackUrl } from "../openmetadata/urls";
import { authorityFor } from "./graph";

/** What the rest of the program needs from Entra ID, whether the app was created here or elsewhere. */
export interface EntraIdentity {
  clientId: pulumi.Output<string>;
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
export function existingEntraApp(args: {
  clientId: string;
  tenantId: string;
  publicUrl: string;
  clientSecret?: pulumi.Output<string>;
}): EntraIdentity {
  return {
    clientId: pulumi.output(args.clientId),
    tenantId: pulumi.output(args.tenantId),
    authority: pulumi.output(authorityFor(args.tenantId)),
    redirectUris: pulumi.output([callbackUrl(args.publicUrl)]),
    clientSecret: args.clientSecret,
  };
}
