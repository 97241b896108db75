import * as pulumi from "@pulumi/pulumi";
import { EntraOpenMetadataApp, EntraOpenMetadataAppArgs } from "../components/entra";
import { FAKE_INVOKES } from "../tools/plan/fakes";
import {
  clearInputs,
  FAKE_DEPLOYER_OBJECT_ID,
  FAKE_TENANT_ID,
  inputs,
  ofType,
  one,
  runComponents,
  valueOf,
} from "./helpers/offline";

const APP = "azuread:index/application:Application";
const SP = "azuread:index/servicePrincipal:ServicePrincipal";
const ASSIGNMENT = "azuread:index/appRoleAssignment:AppRoleAssignment";
const PASSWORD = "azuread:index/applicationPassword:ApplicationPassword";
const OWNER_A = "11111111-2222-3333-4444-555555555555";
const OWNER_B = "11111111-2222-3333-4444-666666666666";
/** Group object IDs with letters, so their case matters. */
const GROUP_A = "0000000a-bbbb-4ccc-8ddd-00000000000a";
const GROUP_B = "0000000b-bbbb-4ccc-8ddd-00000000000b";
const GRAPH_SCOPES = [
  { id: "37f7f235-527c-4136-accd-4a02d197296e", type: "Scope" },
  { id: "14dad69e-099b-42c9-810b-d002981feec1", type: "Scope" },
  { id: "64a6cdd6-aab1-4aaf-94b8-3cc8405e90d0", type: "Scope" },
  { id: "e1fe6dd8-ba31-4d61-89e7-88639da4683d", type: "Scope" },
];

function build(args: Partial<EntraOpenMetadataAppArgs> = {}) {
  let app!: EntraOpenMetadataApp;
  const run = runComponents(() => {
    app = new EntraOpenMetadataApp("om", {
      displayName: "OpenMetadata",
      publicUrl: "https://om.example.com/",
      ...args,
    });
  });
  return run.then((r) => ({ run: r, app }));
}

describe("public client (SPA)", () => {
  it("creates exactly the app, its service principal and nothing else", async () => {
    const { run } = await build();
    expect(run.resources.map((r) => [r.type, r.name])).toEqual([
      ["openmetadata-entra:entra:OpenMetadataApp", "om"],
      [APP, "om-app"],
      [SP, "om-sp"],
    ]);
    expect(one(run, APP).parentUrn).toBe(run.resources[0].urn);
    expect(one(run, SP).parentUrn).toBe(run.resources[0].urn);
  });

  it("registers the SPA redirect URI <publicUrl>/callback with implicit grant off and v2 tokens", async () => {
    const { run } = await build({ extraRedirectUris: ["http://localhost:3000/callback"] });
    expect(inputs(one(run, APP))).toEqual({
      displayName: "OpenMetadata",
      signInAudience: "AzureADMyOrg",
      owners: [FAKE_DEPLOYER_OBJECT_ID],
      api: { requestedAccessTokenVersion: 2 },
      singlePageApplication: {
        redirectUris: ["https://om.example.com/callback", "http://localhost:3000/callback"],
      },
      web: {
        homepageUrl: "https://om.example.com",
        implicitGrant: { accessTokenIssuanceEnabled: false, idTokenIssuanceEnabled: false },
        redirectUris: [],
      },
      requiredResourceAccesses: [
        { resourceAppId: "00000003-0000-0000-c000-000000000000", resourceAccesses: GRAPH_SCOPES },
      ],
      optionalClaims: { idTokens: [{ name: "email" }, { name: "upn" }, { name: "preferred_username" }] },
      // No role mapping: no app roles (the list is managed, so roles added by hand are removed).
      appRoles: [],
    });
  });

  it("outputs client ID, tenant ID, authority and redirect URIs", async () => {
    const { run, app } = await build({ production: false });
    const appClientId = (await valueOf(app.clientId)) as string;
    expect(appClientId).toMatch(/^00000000-0000-4000-8000-[0-9a-f]{12}$/);
    expect(await valueOf(app.tenantId)).toBe(FAKE_TENANT_ID);
    expect(await valueOf(app.authority)).toBe(`https://login.microsoftonline.com/${FAKE_TENANT_ID}`);
    expect(await valueOf(app.redirectUris)).toEqual(["https://om.example.com/callback"]);
    expect(inputs(one(run, SP))).toEqual({
      clientId: appClientId,
      appRoleAssignmentRequired: false,
      owners: [FAKE_DEPLOYER_OBJECT_ID],
    });
    expect(app.clientSecret).toBeUndefined();
  });

  it("keeps a base path in the redirect URI", async () => {
    const { app } = await build({ publicUrl: "https://example.com/tools/om/" });
    expect(await valueOf(app.redirectUris)).toEqual(["https://example.com/tools/om/callback"]);
  });

  it("assigns each group the default access role on the service principal", async () => {
    const { run } = await build({ assignmentRequired: true, assignedGroupObjectIds: [OWNER_A, OWNER_B] });
    const assignments = ofType(run, ASSIGNMENT);
    expect(assignments.map((a) => a.name)).toEqual([
      "om-group-11111111-2222-3333-4444-555555555555",
      "om-group-11111111-2222-3333-4444-666666666666",
    ]);
    expect(assignments.map(inputs)).toEqual(
      [OWNER_A, OWNER_B].map((principalObjectId) => ({
        appRoleId: "00000000-0000-0000-0000-000000000000",
        principalObjectId,
        resourceObjectId: expect.stringMatching(/^00000000-0000-4000-8000-/),
      })),
    );
    expect(inputs(one(run, SP)).appRoleAssignmentRequired).toBe(true);
  });

  it("names group assignments by the lower-cased group object ID, aliased to the old list-position name", async () => {
    const { run } = await build({ assignedGroupObjectIds: [GROUP_A.toUpperCase(), GROUP_B] });
    const assignments = ofType(run, ASSIGNMENT);
    expect(assignments.map((a) => [a.name, inputs(a).principalObjectId, a.aliases, a.parentUrn])).toEqual([
      ["om-group-0000000a-bbbb-4ccc-8ddd-00000000000a", GROUP_A, ["om-group-0"], run.resources[0].urn],
      ["om-group-0000000b-bbbb-4ccc-8ddd-00000000000b", GROUP_B, ["om-group-1"], run.resources[0].urn],
    ]);
    // Only the assignments were renamed: nothing else carries an alias.
    expect(run.resources.filter((r) => r.aliases.length > 0).map((r) => r.type)).toEqual([
      ASSIGNMENT,
      ASSIGNMENT,
    ]);
  });

  it("keeps the other group's assignment name when the first of two groups is removed", async () => {
    const before = ofType((await build({ assignedGroupObjectIds: [GROUP_A, GROUP_B] })).run, ASSIGNMENT);
    const after = ofType((await build({ assignedGroupObjectIds: [GROUP_B] })).run, ASSIGNMENT);
    expect(before.map((a) => a.name)).toEqual([
      "om-group-0000000a-bbbb-4ccc-8ddd-00000000000a",
      "om-group-0000000b-bbbb-4ccc-8ddd-00000000000b",
    ]);
    expect(after.map((a) => [a.name, inputs(a).principalObjectId])).toEqual([
      ["om-group-0000000b-bbbb-4ccc-8ddd-00000000000b", GROUP_B],
    ]);
    expect(after[0].urn).toBe(before[1].urn);
  });

  it("adds the deployer to the configured owners once", async () => {
    const { run } = await build({ owners: [OWNER_A, FAKE_DEPLOYER_OBJECT_ID] });
    expect(inputs(one(run, APP)).owners).toEqual([FAKE_DEPLOYER_OBJECT_ID, OWNER_A]);
  });

  it("lower-cases owners given in upper case", async () => {
    const { run } = await build({ owners: [GROUP_A.toUpperCase(), FAKE_DEPLOYER_OBJECT_ID.toUpperCase()] });
    expect(inputs(one(run, APP)).owners).toEqual([FAKE_DEPLOYER_OBJECT_ID, GROUP_A]);
    expect(inputs(one(run, SP)).owners).toEqual([FAKE_DEPLOYER_OBJECT_ID, GROUP_A]);
  });

  it("outputs a lower-case tenant ID and authority for a tenant Entra reports in upper case", async () => {
    const token = "azuread:index/getClientConfig:getClientConfig";
    const original = FAKE_INVOKES[token];
    FAKE_INVOKES[token] = (i) => ({ ...original(i), tenantId: "00000000-0000-4000-8000-00000000ABCD" });
    try {
      const { app } = await build();
      expect(await valueOf(app.tenantId)).toBe("00000000-0000-4000-8000-00000000abcd");
      expect(await valueOf(app.authority)).toBe(
        "https://login.microsoftonline.com/00000000-0000-4000-8000-00000000abcd",
      );
    } finally {
      FAKE_INVOKES[token] = original;
    }
  });
});

describe("confidential client (Web)", () => {
  const now = () => new Date("2026-11-28T12:00:00Z");

  it("uses a Web redirect URI, no SPA, offline_access, and a rotated secret", async () => {
    const { run, app } = await build({ clientType: "confidential", secretRotationDays: 90, now });
    const appInputs = inputs(one(run, APP));
    expect(appInputs.singlePageApplication).toBeUndefined();
    expect(appInputs.web).toEqual({
      homepageUrl: "https://om.example.com",
      implicitGrant: { accessTokenIssuanceEnabled: false, idTokenIssuanceEnabled: false },
      redirectUris: ["https://om.example.com/callback"],
    });
    expect(
      (appInputs.requiredResourceAccesses as { resourceAccesses: unknown[] }[])[0].resourceAccesses,
    ).toEqual([...GRAPH_SCOPES, { id: "7427e0e9-2fba-42fe-b0c0-848c9e6a8182", type: "Scope" }]);
    const password = one(run, PASSWORD);
    expect(inputs(password)).toEqual({
      applicationId: expect.stringMatching(/^\/applications\/00000000-0000-4000-8000-/),
      displayName: "openmetadata-2026-09-04",
      // Three 90-day windows from the window's start: valid at least two periods after creation.
      endDate: "2027-06-01T00:00:00Z",
      rotateWhenChanged: { rotationWindowStart: "2026-09-04T00:00:00Z" },
    });
    expect(password.deleteBeforeReplace).toBe(false);
    expect(await valueOf(app.clientSecret!)).toBe("fake-client-secret-om-secret");
    expect(await pulumi.isSecret(app.clientSecret!)).toBe(true);
  });
});

describe("production", () => {
  it("protects the app registration and service principal", async () => {
    const { run } = await build({
      production: true,
      owners: [OWNER_A, OWNER_B],
      assignmentRequired: true,
      assignedGroupObjectIds: [GROUP_A],
    });
    expect([one(run, APP).protect, one(run, SP).protect]).toEqual([true, true]);
  });

  it("warns when the deploying principal is not among the configured owners", async () => {
    const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
    const groups = { assignmentRequired: true, assignedGroupObjectIds: [GROUP_A] };
    await build({ production: true, owners: [OWNER_A, OWNER_B], ...groups });
    await build({ production: true, owners: [OWNER_A, FAKE_DEPLOYER_OBJECT_ID], ...groups });
    expect(warn.mock.calls.map((c) => c[0])).toEqual([
      `the deploying principal ${FAKE_DEPLOYER_OBJECT_ID} is not in entraOwners; it is added for this run, but a run by another principal would remove it. Add it to entraOwners.`,
    ]);
    warn.mockRestore();
  });

  it("is not protected outside production", async () => {
    const { run } = await build();
    expect([one(run, APP).protect, one(run, SP).protect]).toEqual([false, false]);
  });
});

describe("validation before any child is created", () => {
  it.each<[string, Partial<EntraOpenMetadataAppArgs>, string[]]>([
    [
      "http public URL",
      { publicUrl: "http://om.example.com" },
      [
        'publicUrl: must be https://host[:port][/base-path] (a DNS name or IPv4 address; http only for localhost or 127.0.0.1), without credentials, query or fragment; got "http://om.example.com"',
      ],
    ],
    [
      "bad ids and rotation",
      { owners: ["x"], assignedGroupObjectIds: ["y"], secretRotationDays: 10 },
      [
        'owners[0]: must be a GUID such as 00000000-0000-0000-0000-000000000000; got "x"',
        'assignedGroupObjectIds[0]: must be a GUID such as 00000000-0000-0000-0000-000000000000; got "y"',
        "secretRotationDays: must be a whole number of days, from 30 to 730; got 10",
      ],
    ],
    [
      "production with one owner",
      { production: true, owners: [OWNER_A] },
      [
        "owners: must list at least two owner object IDs in production (the deployer is added to them); got 1",
        "assignmentRequired: must be true in production, so only assigned users and groups sign in",
      ],
    ],
    [
      "owners and groups repeated in another case",
      {
        owners: [GROUP_A, OWNER_A, GROUP_A.toUpperCase()],
        assignedGroupObjectIds: [GROUP_B.toUpperCase(), GROUP_B],
      },
      [
        'owners: must not repeat entries; ["0000000A-BBBB-4CCC-8DDD-00000000000A"] repeated',
        'assignedGroupObjectIds: must not repeat entries; ["0000000b-bbbb-4ccc-8ddd-00000000000b"] repeated',
      ],
    ],
  ])("%s", async (_name, args, problems) => {
    const run = runComponents(() => {
      new EntraOpenMetadataApp("om", { displayName: "OM", publicUrl: "https://om.example.com", ...args });
    });
    await expect(run).rejects.toThrow(
      `EntraOpenMetadataApp "om": invalid arguments (${problems.length}):\n  ${problems.join("\n  ")}`,
    );
  });

  it("registers nothing when args are invalid", async () => {
    const recorded: string[] = [];
    await runComponents(() => {
      try {
        new EntraOpenMetadataApp("om", { displayName: "OM", publicUrl: "ftp://x" });
      } catch {
        recorded.push("threw");
      }
    }).then((run) => recorded.push(...run.resources.map((r) => r.name)));
    expect(recorded).toEqual(["threw"]);
  });
});

it("keeps the client secret out of plain inputs", async () => {
  const { run } = await build({ clientType: "confidential" });
  expect(JSON.stringify(run.resources.map(inputs))).not.toContain("fake-client-secret");
  expect(JSON.stringify(run.resources.map(clearInputs))).not.toContain("fake-client-secret");
});

describe("production identity, assignment and secret lifetime (issue 14)", () => {
  const PRODUCTION: Partial<EntraOpenMetadataAppArgs> = {
    production: true,
    owners: [OWNER_A, OWNER_B],
    assignmentRequired: true,
    assignedGroupObjectIds: [GROUP_A],
  };

  async function attempt(args: Partial<EntraOpenMetadataAppArgs>) {
    let message: string | undefined;
    const run = await runComponents(() => {
      try {
        new EntraOpenMetadataApp("om", { displayName: "OM", publicUrl: "https://om.example.com", ...args });
      } catch (e) {
        message = (e as Error).message;
      }
    });
    return { message, run };
  }

  it("refuses any audience but AzureADMyOrg in production, registering nothing; accepts AzureADMyOrg", async () => {
    for (const signInAudience of [
      "AzureADMultipleOrgs",
      "AzureADandPersonalMicrosoftAccount",
      "PersonalMicrosoftAccount",
    ] as const) {
      const { message, run } = await attempt({ ...PRODUCTION, signInAudience });
      expect(message).toBe(
        'EntraOpenMetadataApp "om": invalid arguments (1):\n' +
          `  signInAudience: must be AzureADMyOrg in production, so only this tenant's accounts sign in; got "${signInAudience}"`,
      );
      expect(run.resources).toEqual([]);
    }
    for (const signInAudience of [undefined, "AzureADMyOrg"] as const) {
      const { message, run } = await attempt({ ...PRODUCTION, signInAudience });
      expect([message, inputs(one(run, APP)).signInAudience]).toEqual([undefined, "AzureADMyOrg"]);
    }
    // Outside production the audience is the stack's choice.
    const dev = await attempt({ signInAudience: "AzureADMultipleOrgs" });
    expect([dev.message, inputs(one(dev.run, APP)).signInAudience]).toEqual([
      undefined,
      "AzureADMultipleOrgs",
    ]);
  });

  it("refuses assignmentRequired without a group on any stack, unless assignments are managed elsewhere", async () => {
    const refusal =
      'EntraOpenMetadataApp "om": invalid arguments (1):\n' +
      "  assignedGroupObjectIds: must list at least one group when assignment is required (or map roles to groups in roleGroups): Entra would refuse every user; if users and groups are assigned outside this stack, set assignmentsManagedElsewhere";
    for (const groups of [undefined, []]) {
      expect((await attempt({ assignmentRequired: true, assignedGroupObjectIds: groups })).message).toBe(
        refusal,
      );
      expect((await attempt({ ...PRODUCTION, assignedGroupObjectIds: groups })).message).toBe(refusal);
    }
    expect((await attempt({ assignmentRequired: true, assignmentsManagedElsewhere: false })).message).toBe(
      refusal,
    );
    // Managed elsewhere: accepted, assignment is required and no assignment is created here.
    const { message, run } = await attempt({
      ...PRODUCTION,
      assignedGroupObjectIds: undefined,
      assignmentsManagedElsewhere: true,
    });
    expect(message).toBeUndefined();
    expect(inputs(one(run, SP)).appRoleAssignmentRequired).toBe(true);
    expect(ofType(run, ASSIGNMENT)).toEqual([]);
  });

  it.each<[number, string, string, string]>([
    // [rotation days, now, window start, endDate = start + 3 periods]
    [180, "2026-11-28T12:00:00Z", "2026-09-04T00:00:00Z", "2028-02-26T00:00:00Z"],
    [30, "2026-11-28T12:00:00Z", "2026-11-03T00:00:00Z", "2027-02-01T00:00:00Z"],
    [730, "2026-11-28T12:00:00Z", "2025-12-18T00:00:00Z", "2031-12-17T00:00:00Z"],
    // The last second of a window: the secret still has more than two full periods.
    [180, "2027-03-02T23:59:59Z", "2026-09-04T00:00:00Z", "2028-02-26T00:00:00Z"],
  ])(
    "with %i-day rotation at %s, the secret of window %s expires at %s",
    async (days, now, start, endDate) => {
      const { run } = await build({
        clientType: "confidential",
        secretRotationDays: days,
        now: () => new Date(now),
      });
      const password = inputs(one(run, PASSWORD));
      expect([password.displayName, password.endDate, password.rotateWhenChanged]).toEqual([
        `openmetadata-${start.slice(0, 10)}`,
        endDate,
        { rotationWindowStart: start },
      ]);
      const DAY = 24 * 60 * 60 * 1000;
      expect(Date.parse(endDate) - Date.parse(start)).toBe(3 * days * DAY);
      expect(Date.parse(endDate) - Date.parse(now)).toBeGreaterThan(2 * days * DAY);
    },
  );
});
