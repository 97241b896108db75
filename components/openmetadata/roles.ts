/**
 * Which OpenMetadata roles people get from Entra ID, decided by group membership. With the authorizer's
 * `useRolesFromProvider`, OpenMetadata reads the ID token's `roles` claim (JwtFilter, for people, not bots) and,
 * at every load of the signed-in user (`GET /api/v1/users/loggedInUser`) and at self-signup, replaces the user's
 * direct roles with the claim's known role names (UserUtil.reSyncUserRolesFromToken; unknown names are skipped with
 * an error in the server log). Entra puts the values of the user's assigned app roles into that claim, so an app role
 * per OpenMetadata role, assigned to groups, makes group membership decide the roles.
 *
 * Admin status is not a role in OpenMetadata: it is the user's `isAdmin` flag. The server sets it for the user names
 * in `adminPrincipals` and, with roles from the provider, when the claim holds the value `Admin` (Entity.ADMIN_ROLE).
 * Neither ever clears it (1.x): removing someone from the admin group does not demote them; an admin does that in
 * OpenMetadata. And in 1.x a token with no role besides `Admin` leaves the user's roles as they were (the sync's
 * non-empty guard), so removing a user's last role group keeps their last roles until an admin changes them.
 */
import { checkList, GUID, type Form } from "../forms";
import { got, type Problem } from "../problems";
import { resolveRelease } from "./releases";

/** The claim value that makes a user an OpenMetadata admin (the server's `Entity.ADMIN_ROLE`), on every line. */
export const OPENMETADATA_ADMIN_ROLE = "Admin";

/**
 * A role name that is also a valid Entra app role value: letters, digits, `_`, `-` and `.`, starting with a letter,
 * at most 64 characters (Entra refuses blanks in a value; OpenMetadata's role names allow far more, but every seed
 * role has this form).
 */
export const ROLE_NAME: Form = {
  form: "a role name: a letter, then letters, digits, '_', '-' or '.' (at most 64 characters)",
  test: (v) => typeof v === "string" && /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/.test(v),
};

/** Group object IDs per OpenMetadata role name (`Admin` for admins). */
export type RoleGroups = Readonly<Record<string, readonly string[]>>;

/** The role names a line accepts without `allowCustomRoles`: its seed roles and `Admin`. */
export function knownRoles(version: string): string[] {
  return [OPENMETADATA_ADMIN_ROLE, ...resolveRelease(version).seedRoles];
}

/**
 * Problems of a role mapping's form (the Entra component's rule): role names Entra accepts as app role values, no
 * two that differ only in case (Entra compares values without case), each with a non-empty list of group GUIDs
 * and no group twice. `path` is the arg the mapping came from.
 */
export function roleGroupsProblems(roleGroups: unknown, path = "roleGroups"): Problem[] {
  if (roleGroups === undefined) return [];
  if (roleGroups === null || typeof roleGroups !== "object" || Array.isArray(roleGroups))
    return [{ path, message: `must map role names to lists of group object IDs; ${got(roleGroups)}` }];
  const problems: Problem[] = [];
  const seen = new Map<string, string>();
  for (const [role, groups] of Object.entries(roleGroups as Record<string, unknown>)) {
    const rolePath = `${path}.${role}`;
    if (!ROLE_NAME.test(role)) {
      problems.push({ path, message: `has a key that is not ${ROLE_NAME.form}; ${got(role)}` });
      continue;
    }
    const folded = role.toLowerCase();
    const earlier = seen.get(folded);
    if (earlier !== undefined)
      problems.push({
        path: rolePath,
        message: `repeats the role ${earlier} in another case (Entra compares app role values without case)`,
      });
    seen.set(folded, role);
    if (!Array.isArray(groups) || groups.length === 0)
      problems.push({
        path: rolePath,
        message: `must list at least one group object ID (remove the role to map no group); ${got(groups)}`,
      });
    else problems.push(...checkList(rolePath, groups, GUID, (g) => g.toLowerCase()));
  }
  return problems;
}

/**
 * Role names the release does not ship (the stack config's rule, which knows the release): each refused under
 * `<path>.<role>` unless custom roles are allowed. Names of the wrong form are roleGroupsProblems' to report.
 */
export function releaseRoleProblems(
  roleGroups: unknown,
  options: { version: string; allowCustomRoles?: boolean; path?: string },
): Problem[] {
  if (options.allowCustomRoles || roleGroups === null || typeof roleGroups !== "object") return [];
  let known: string[];
  try {
    known = knownRoles(options.version);
  } catch {
    return []; // the version's own problem is reported under its key
  }
  const path = options.path ?? "roleGroups";
  return Object.keys(roleGroups)
    .filter((role) => ROLE_NAME.test(role) && !known.includes(role))
    .map((role) => ({
      path: `${path}.${role}`,
      message: `is not a role OpenMetadata ${options.version} ships (${known.join(", ")}); create it in OpenMetadata and set entraAllowCustomRoles to map it`,
    }));
}

/** Whether any role is mapped: then the server takes roles from the provider. */
export function mapsRoles(roleGroups: RoleGroups | undefined): boolean {
  return Object.keys(roleGroups ?? {}).length > 0;
}
