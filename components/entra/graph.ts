/**
 * Well-known Microsoft identity platform IDs. They are the same in every tenant; Microsoft documents them in
 * "Microsoft Graph permissions reference" (delegated permission IDs).
 */

/** Microsoft Graph's application (client) ID. */
export const MICROSOFT_GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";

/** Delegated Graph permissions ("Scope") that OpenMetadata's sign-in needs. */
export const GRAPH_DELEGATED = {
  openid: "37f7f235-527c-4136-accd-4a02d197296e",
  profile: "14dad69e-099b-42c9-810b-d002981feec1",
  email: "64a6cdd6-aab1-4aaf-94b8-3cc8405e90d0",
  offlineAccess: "7427e0e9-2fba-42fe-b0c0-848c9e6a8182",
  userRead: "e1fe6dd8-ba31-4d61-89e7-88639da4683d",
} as const;

/** The "Default Access" app role: assigning it to a group lets the group sign in when assignment is required. */
export const DEFAULT_ACCESS_APP_ROLE_ID = "00000000-0000-0000-0000-000000000000";
