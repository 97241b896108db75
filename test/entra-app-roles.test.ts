/**
 * Authorization as code (issue 17), Entra side: one app role per mapped OpenMetadata role with an ID derived from
 * the role name, one assignment per (role, group), and the rules on the mapping.
 */
import { EntraOpenMetadataApp, type EntraOpenMetadataAppArgs } from "../components/entra";
import { appRoleId } from "../components/entra/app-roles";
import { entraAppArgsProblems } from "../components/entra/validate";
import { releaseRoleProblems, roleGroupsProblems } from "../components/openmetadata/roles";
import { inputs, ofType, one, runComponents } from "./helpers/offline";

const APP = "azuread:index/application:Application";
const SP = "azuread:index/servicePrincipal:ServicePrincipal";
const ASSIGNMENT = "azuread:index/appRoleAssignment:AppRoleAssignment";
const STEWARDS = "0000000a-bbbb-4ccc-8ddd-00000000000a";
const CONSUMERS = "0000000b-bbbb-4ccc-8ddd-00000000000b";
const ADMINS = "0000000c-bbbb-4ccc-8ddd-00000000000c";
/** The IDs every plan, stack and tenant gives these roles (UUID v5 of the name in this program's namespace). */
const IDS = {
  Admin: "eab66108-e2ed-5875-a590-7c3843046ae5",
  DataConsumer: "3853a518-9099-50d8-9e1a-9698b7a01e31",
  DataSteward: "34753627-e03f-5dfd-88f8-f3a16dea2792",
};

async function plan(roleGroups: EntraOpenMetadataAppArgs["roleGroups"]) {
  const run = await runComponents(() => {
    new EntraOpenMetadataApp("entra", {
      displayName: "OpenMetadata",
      publicUrl: "https://om.example.com",
      assignmentRequired: roleGroups !== undefined,
      roleGroups,
    });
  });
  return run;
}

describe("app roles", () => {
  it("derives each role's ID from its name alone", () => {
    expect(Object.fromEntries(Object.keys(IDS).map((r) => [r, appRoleId(r)]))).toEqual(IDS);
    expect(appRoleId("DataSteward")).not.toBe(appRoleId("datasteward"));
  });

  it("registers one User app role per mapped role, value = the OpenMetadata role name, sorted", async () => {
    const run = await plan({ DataSteward: [STEWARDS], Admin: [ADMINS], DataConsumer: [CONSUMERS] });
    expect(inputs(one(run, APP)).appRoles).toEqual([
      {
        id: IDS.Admin,
        value: "Admin",
        displayName: "OpenMetadata admin",
        description:
          "Members are made OpenMetadata admins when they sign in (OpenMetadata never removes admin status itself).",
        allowedMemberTypes: ["User"],
        enabled: true,
      },
      {
        id: IDS.DataConsumer,
        value: "DataConsumer",
        displayName: "OpenMetadata DataConsumer",
        description:
          "Members get the OpenMetadata role DataConsumer when they sign in (replacing roles given in OpenMetadata).",
        allowedMemberTypes: ["User"],
        enabled: true,
      },
      {
        id: IDS.DataSteward,
        value: "DataSteward",
        displayName: "OpenMetadata DataSteward",
        description:
          "Members get the OpenMetadata role DataSteward when they sign in (replacing roles given in OpenMetadata).",
        allowedMemberTypes: ["User"],
        enabled: true,
      },
    ]);
  });

  it("assigns each (role, group) once, named by both, to the service principal", async () => {
    const run = await plan({ DataSteward: [STEWARDS, CONSUMERS.toUpperCase()], DataConsumer: [CONSUMERS] });
    const assignments = ofType(run, ASSIGNMENT).map((r) => [r.name, inputs(r), r.parentUrn]);
    const sp = one(run, SP);
    expect(
      assignments.map(([name, i]) => [
        name,
        (i as Record<string, unknown>).appRoleId,
        (i as Record<string, unknown>).principalObjectId,
      ]),
    ).toEqual([
      [`entra-role-DataConsumer-${CONSUMERS}`, IDS.DataConsumer, CONSUMERS],
      [`entra-role-DataSteward-${STEWARDS}`, IDS.DataSteward, STEWARDS],
      [`entra-role-DataSteward-${CONSUMERS}`, IDS.DataSteward, CONSUMERS],
    ]);
    for (const [, i, parent] of assignments) {
      expect(Object.keys(i as object).sort()).toEqual(["appRoleId", "principalObjectId", "resourceObjectId"]);
      expect(parent).toBe(run.resources[0].urn);
    }
    expect(sp.name).toBe("entra-sp");
  });

  it("keeps every ID and name across plans; removing one group from a role changes exactly that assignment", async () => {
    const before = await plan({ DataSteward: [STEWARDS, ADMINS], DataConsumer: [CONSUMERS] });
    const after = await plan({ DataSteward: [STEWARDS], DataConsumer: [CONSUMERS] });
    const byName = (run: typeof before) =>
      new Map(run.resources.map((r) => [`${r.type} ${r.name}`, JSON.stringify(inputs(r))]));
    const [a, b] = [byName(before), byName(after)];
    const changed = [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k));
    expect(changed).toEqual([`${ASSIGNMENT} entra-role-DataSteward-${ADMINS}`]);
    expect(b.has(`${ASSIGNMENT} entra-role-DataSteward-${ADMINS}`)).toBe(false);
  });

  it("with no mapping registers no app role and no role assignment", async () => {
    const run = await plan(undefined);
    expect(inputs(one(run, APP)).appRoles).toEqual([]);
    expect(ofType(run, ASSIGNMENT)).toEqual([]);
  });
});

describe("rules on the mapping", () => {
  it.each([
    [
      { "Data Steward": [STEWARDS] },
      [
        `roleGroups: has a key that is not a role name: a letter, then letters, digits, '_', '-' or '.' (at most 64 characters); got "Data Steward"`,
      ],
    ],
    [
      { DataSteward: ["stewards"] },
      [
        `roleGroups.DataSteward[0]: must be a GUID such as 00000000-0000-0000-0000-000000000000; got "stewards"`,
      ],
    ],
    [
      { DataSteward: [STEWARDS, STEWARDS.toUpperCase()] },
      [`roleGroups.DataSteward: must not repeat entries; ["${STEWARDS.toUpperCase()}"] repeated`],
    ],
    [
      { DataSteward: [] },
      [
        "roleGroups.DataSteward: must list at least one group object ID (remove the role to map no group); got []",
      ],
    ],
    [
      { DataSteward: [STEWARDS], datasteward: [CONSUMERS] },
      [
        "roleGroups.datasteward: repeats the role DataSteward in another case (Entra compares app role values without case)",
      ],
    ],
    [["DataSteward"], ['roleGroups: must map role names to lists of group object IDs; got ["DataSteward"]']],
  ])("refuses %j", (roleGroups, expected) => {
    expect(roleGroupsProblems(roleGroups).map((p) => `${p.path}: ${p.message}`)).toEqual(expected);
  });

  it("lets role groups satisfy assignment required (their members may sign in)", () => {
    const args = {
      displayName: "OpenMetadata",
      publicUrl: "https://om.example.com",
      assignmentRequired: true,
    };
    expect(entraAppArgsProblems(args).map((p) => p.path)).toEqual(["assignedGroupObjectIds"]);
    expect(entraAppArgsProblems({ ...args, roleGroups: { DataConsumer: [CONSUMERS] } })).toEqual([]);
  });

  it("accepts the release's seed roles and Admin; other names only with custom roles allowed", () => {
    const mapping = {
      Admin: [ADMINS],
      DataSteward: [STEWARDS],
      DataConsumer: [CONSUMERS],
      Auditor: [STEWARDS],
    };
    expect(releaseRoleProblems(mapping, { version: "1.8.12", path: "entraRoleGroups" })).toEqual([
      {
        path: "entraRoleGroups.Auditor",
        message:
          "is not a role OpenMetadata 1.8.12 ships (Admin, DataConsumer, DataSteward); create it in OpenMetadata and set entraAllowCustomRoles to map it",
      },
    ]);
    expect(releaseRoleProblems(mapping, { version: "1.13.1", allowCustomRoles: true })).toEqual([]);
  });
});
