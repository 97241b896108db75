/**
 * The app registration's app roles, one per OpenMetadata role a stack maps to groups: value = the OpenMetadata role
 * name (what the ID token's `roles` claim carries), assignable to users and groups (`User`; groups are assigned as
 * principals of that member type). IDs are derived from the value alone (UUID v5 in this program's namespace), so
 * the same role name has the same ID in every plan, stack and tenant, and adding or removing a role never renumbers
 * another: nothing is replaced unless a role itself goes away.
 */
import { v5 as uuidv5 } from "uuid";
import { OPENMETADATA_ADMIN_ROLE, type RoleGroups } from "../openmetadata/roles";

/** The namespace of this program's app role IDs: a fixed random UUID that must never change. */
export const APP_ROLE_ID_NAMESPACE = "69a45870-0ab6-4d7a-a0d0-2716935f0cc7";

/** The stable ID of the app role whose value is `value`. */
export function appRoleId(value: string): string {
  return uuidv5(`openmetadata-entra:app-role:${value}`, APP_ROLE_ID_NAMESPACE);
}

/** One app role as `azuread.Application` takes it (plain values). */
export interface AppRoleDefinition {
  readonly id: string;
  readonly value: string;
  readonly displayName: string;
  readonly description: string;
  readonly allowedMemberTypes: readonly ["User"];
  readonly enabled: true;
}

function describe(role: string): string {
  return role === OPENMETADATA_ADMIN_ROLE
    ? "Members are made OpenMetadata admins when they sign in (OpenMetadata never removes admin status itself)."
    : `Members get the OpenMetadata role ${role} when they sign in (replacing roles given in OpenMetadata).`;
}

/** The app roles for a role mapping, sorted by value so the list only changes when the roles do. */
export function appRoleDefinitions(roleGroups: RoleGroups | undefined): AppRoleDefinition[] {
  return Object.keys(roleGroups ?? {})
    .sort()
    .map((role) => ({
      id: appRoleId(role),
      value: role,
      displayName: role === OPENMETADATA_ADMIN_ROLE ? "OpenMetadata admin" : `OpenMetadata ${role}`,
      description: describe(role),
      allowedMemberTypes: ["User"] as const,
      enabled: true as const,
    }));
}

/** One assignment per (role, group), group IDs lower-cased, sorted by role then group. */
export function roleAssignments(
  roleGroups: RoleGroups | undefined,
): { role: string; appRoleId: string; groupId: string }[] {
  return Object.keys(roleGroups ?? {})
    .sort()
    .flatMap((role) =>
      [...new Set((roleGroups?.[role] ?? []).map((g) => g.toLowerCase()))]
        .sort()
        .map((groupId) => ({ role, appRoleId: appRoleId(role), groupId })),
    );
}
