/**
 * Authorization as code end to end (issue 17): a role mapping in the stack becomes Entra app roles and assignments,
 * and OpenMetadata's `useRolesFromProvider` in each target's rendering: the Docker server's env, the VM's env file
 * and the Helm values. On 1.10+ the setting lives in the server's stored settings, so a change of the mapping
 * changes the SSO digest the reset is keyed by.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { plan } from "../tools/plan/plan";
import type { PlanDocument, PlanResource } from "../tools/plan/report";

const P = "openmetadata-entra";
const STEWARDS = "00000000-0000-0000-0000-0000000b0001";
const ADMINS = "00000000-0000-0000-0000-0000000b0002";
const dir = mkdtempSync(join(tmpdir(), "om-roles-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let planned = 0;

async function planWith(stack: string, extra: Record<string, unknown>): Promise<PlanDocument> {
  const file = parse(readFileSync(join(__dirname, "..", "stacks", `Pulumi.${stack}.yaml`), "utf8")) as {
    config: Record<string, unknown>;
  };
  const path = join(dir, `Pulumi.${stack}-${(planned += 1)}.yaml`);
  writeFileSync(path, stringify({ config: { ...file.config, ...extra } }));
  return (await plan({ stack, stackFile: path, showSecrets: true })).plan;
}

const named = (doc: PlanDocument, name: string): PlanResource => {
  const r = doc.resources.find((x) => x.name === name);
  if (!r) throw new Error(`no resource ${name}`);
  return r;
};

/** Where each target's rendering says it, as the server will read it. */
const RENDERINGS: [stack: string, read: (doc: PlanDocument) => unknown][] = [
  [
    "dev",
    (doc) =>
      (named(doc, "openmetadata-server").inputs.envs as string[]).find((e) =>
        e.startsWith("AUTHORIZER_USE_ROLES_FROM_PROVIDER="),
      ),
  ],
  [
    "staging",
    (doc) =>
      /^AUTHORIZER_USE_ROLES_FROM_PROVIDER=.*$/m.exec(
        JSON.stringify(named(doc, "openmetadata-env").inputs).replace(/\\n/g, "\n"),
      )?.[0],
  ],
  [
    "prod",
    (doc) =>
      (
        named(doc, "openmetadata-openmetadata").inputs.values as {
          openmetadata: { config: { authorizer: { useRolesFromProvider: boolean } } };
        }
      ).openmetadata.config.authorizer.useRolesFromProvider,
  ],
];

const EXPECTED: Record<string, [on: unknown, off: unknown]> = {
  dev: ["AUTHORIZER_USE_ROLES_FROM_PROVIDER=true", "AUTHORIZER_USE_ROLES_FROM_PROVIDER=false"],
  staging: [
    'AUTHORIZER_USE_ROLES_FROM_PROVIDER=\\"true\\"',
    'AUTHORIZER_USE_ROLES_FROM_PROVIDER=\\"false\\"',
  ],
  prod: [true, false],
};

describe.each(RENDERINGS)("stack %s", (stack, read) => {
  const mapping = { [`${P}:entraRoleGroups`]: { DataSteward: [STEWARDS], Admin: [ADMINS] } };

  it("renders useRolesFromProvider on exactly when roles are mapped", async () => {
    const [on, off] = EXPECTED[stack];
    expect(read(await planWith(stack, mapping))).toBe(on);
    // No mapping (the prod stack maps roles; its groups then get default access instead).
    const unmapped = { [`${P}:entraRoleGroups`]: {}, [`${P}:entraAssignedGroups`]: [STEWARDS] };
    expect(read(await planWith(stack, unmapped))).toBe(off);
  });

  it("registers the mapped roles as app roles with one assignment per (role, group)", async () => {
    const doc = await planWith(stack, mapping);
    const app = named(doc, "entra-app").inputs as { appRoles: { value: string }[] };
    expect(app.appRoles.map((r) => r.value)).toEqual(["Admin", "DataSteward"]);
    expect(
      doc.resources
        .filter(
          (r) =>
            r.type === "azuread:index/appRoleAssignment:AppRoleAssignment" &&
            r.name.startsWith("entra-role-"),
        )
        .map((r) => r.name),
    ).toEqual([`entra-role-Admin-${ADMINS}`, `entra-role-DataSteward-${STEWARDS}`]);
  });
});

it("on 1.10+ a change of the mapping reaches the stored settings: the Docker reset is keyed by a new digest", async () => {
  const resetName = (doc: PlanDocument) =>
    doc.resources.find((r) => r.name === "openmetadata-sso-reset")?.inputs.name as string;
  const off = resetName(await planWith("dev", { [`${P}:entraRoleGroups`]: {} }));
  const on = resetName(await planWith("dev", { [`${P}:entraRoleGroups`]: { DataSteward: [STEWARDS] } }));
  expect(off).toMatch(/^openmetadata-sso-reset-[0-9a-f]{16}$/);
  expect(on).toMatch(/^openmetadata-sso-reset-[0-9a-f]{16}$/);
  expect(on).not.toBe(off);
});
