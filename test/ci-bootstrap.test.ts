import { readFileSync } from "node:fs";
import { join } from "node:path";

import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";

import { DEFAULT_ENVIRONMENTS, PROJECT, parseBootstrapConfig } from "../ci-bootstrap/config";
import {
  APPLICATION_READWRITE_OWNEDBY_ROLE_ID,
  CiDeployerIdentity,
  MICROSOFT_GRAPH_CLIENT_ID,
} from "../ci-bootstrap/deployer";

const TENANT = "11111111-2222-3333-4444-555555555555";
const COMPONENT = "openmetadata-entra:ci:CiDeployerIdentity";
const APPLICATION = "azuread:index/application:Application";
const SERVICE_PRINCIPAL = "azuread:index/servicePrincipal:ServicePrincipal";
const FEDERATED_CREDENTIAL =
  "azuread:index/applicationFederatedIdentityCredential:ApplicationFederatedIdentityCredential";
const APP_ROLE_ASSIGNMENT = "azuread:index/appRoleAssignment:AppRoleAssignment";
const CLIENT_CONFIG = "azuread:index/getClientConfig:getClientConfig";
const GET_SERVICE_PRINCIPAL = "azuread:index/getServicePrincipal:getServicePrincipal";

const registered: pulumi.runtime.MockResourceArgs[] = [];
const calls: pulumi.runtime.MockCallArgs[] = [];

// Minimal mocks: each resource echoes its inputs plus the few outputs the component reads.
const mocks: pulumi.runtime.Mocks = {
  newResource(args) {
    registered.push(args);
    const state: Record<string, unknown> = { ...args.inputs };
    let id: string | undefined = `${args.name}-id`;
    if (args.type === APPLICATION) {
      Object.assign(state, { clientId: "deployer-client-id", objectId: "deployer-app-oid" });
      id = "/applications/deployer-app-oid";
    }
    if (args.type === SERVICE_PRINCIPAL) state.objectId = "deployer-sp-oid";
    if (args.custom === false) id = undefined;
    return { id, state };
  },
  call(args) {
    calls.push(args);
    if (args.token === CLIENT_CONFIG) {
      return { clientId: "admin-cli", objectId: "admin-oid", tenantId: TENANT, id: "client-config" };
    }
    if (args.token === GET_SERVICE_PRINCIPAL) {
      return {
        objectId: "graph-sp-oid",
        clientId: MICROSOFT_GRAPH_CLIENT_ID,
        displayName: "Microsoft Graph",
      };
    }
    throw new Error(`unexpected invoke ${args.token}`);
  },
};

const valueOf = <T>(output: pulumi.Output<T>): Promise<T> =>
  new Promise((resolve) =>
    output.apply((value) => {
      resolve(value);
      return value;
    }),
  );

/** Waits until every child is registered, then returns the captured registrations of this component. */
async function settle(
  identity: CiDeployerIdentity,
  name: string,
): Promise<pulumi.runtime.MockResourceArgs[]> {
  const pending: pulumi.Output<unknown>[] = [
    identity.application.urn,
    identity.servicePrincipal.urn,
    identity.graphPermissionGrant.urn,
    ...identity.federatedCredentials.map((credential) => credential.urn),
    identity.subjects,
  ];
  await valueOf(pulumi.all(pending));
  return registered.filter((resource) => resource.name.startsWith(name));
}

const inputsOf = (resources: pulumi.runtime.MockResourceArgs[], type: string) =>
  resources.filter((resource) => resource.type === type).map((resource) => resource.inputs);

beforeAll(async () => {
  await pulumi.runtime.setMocks(mocks, "openmetadata-entra-ci", "test");
});

beforeEach(() => {
  registered.length = 0;
  calls.length = 0;
});

describe("CiDeployerIdentity", () => {
  const environments = ["dev", "staging", "prod"];

  test("registers the component, the app, its service principal, one credential per subject and the grant", async () => {
    const identity = new CiDeployerIdentity("ci", { repository: "contoso/om-entra", environments });
    const resources = await settle(identity, "ci");

    // Registration order depends on when each input resolves, so compare as a sorted list.
    expect(resources.map((resource) => `${resource.type} ${resource.name}`).sort()).toEqual(
      [
        `${COMPONENT} ci`,
        `${APPLICATION} ci-app`,
        `${SERVICE_PRINCIPAL} ci-sp`,
        `${FEDERATED_CREDENTIAL} ci-env-dev`,
        `${FEDERATED_CREDENTIAL} ci-env-staging`,
        `${FEDERATED_CREDENTIAL} ci-env-prod`,
        `${FEDERATED_CREDENTIAL} ci-pull-request`,
        `${APP_ROLE_ASSIGNMENT} ci-graph-application-readwrite-ownedby`,
      ].sort(),
    );
  });

  test("children are parented to the component", async () => {
    const identity = new CiDeployerIdentity("parented", { repository: "contoso/om-entra", environments });
    await settle(identity, "parented");
    const urns = await valueOf(
      pulumi.all([
        identity.application.urn,
        identity.servicePrincipal.urn,
        identity.graphPermissionGrant.urn,
        ...identity.federatedCredentials.map((credential) => credential.urn),
      ]),
    );
    for (const urn of urns) expect(urn).toContain(`::${COMPONENT}$azuread:`);
  });

  test("the app requests Application.ReadWrite.OwnedBy on Microsoft Graph and is owned by the caller", async () => {
    const identity = new CiDeployerIdentity("app", { repository: "contoso/om-entra", environments });
    const resources = await settle(identity, "app");

    expect(APPLICATION_READWRITE_OWNEDBY_ROLE_ID).toBe("18a4783c-866b-4cc7-a460-3d5e5662c884");
    expect(inputsOf(resources, APPLICATION)).toEqual([
      {
        displayName: "app",
        owners: ["admin-oid"],
        requiredResourceAccesses: [
          {
            resourceAppId: "00000003-0000-0000-c000-000000000000",
            resourceAccesses: [{ id: "18a4783c-866b-4cc7-a460-3d5e5662c884", type: "Role" }],
          },
        ],
      },
    ]);
    expect(inputsOf(resources, SERVICE_PRINCIPAL)).toEqual([{ clientId: "deployer-client-id" }]);
  });

  test("one federated credential per environment and one for pull requests, trusting GitHub's issuer", async () => {
    const identity = new CiDeployerIdentity("fic", { repository: "contoso/om-entra", environments });
    const resources = await settle(identity, "fic");

    const credential = (displayName: string, subject: string) => ({
      applicationId: "/applications/deployer-app-oid",
      audiences: ["api://AzureADTokenExchange"],
      description: "GitHub Actions OIDC sign-in for the openmetadata-entra pipelines",
      displayName,
      issuer: "https://token.actions.githubusercontent.com",
      subject,
    });
    const byName = Object.fromEntries(
      resources.filter((r) => r.type === FEDERATED_CREDENTIAL).map((r) => [r.name, r.inputs]),
    );
    expect(byName).toEqual({
      "fic-env-dev": credential("github-env-dev", "repo:contoso/om-entra:environment:dev"),
      "fic-env-staging": credential("github-env-staging", "repo:contoso/om-entra:environment:staging"),
      "fic-env-prod": credential("github-env-prod", "repo:contoso/om-entra:environment:prod"),
      "fic-pull-request": credential("github-pull-request", "repo:contoso/om-entra:pull_request"),
    });
  });

  test("admin consent: the deployer's service principal is assigned the role on Graph's service principal", async () => {
    const identity = new CiDeployerIdentity("grant", { repository: "contoso/om-entra", environments });
    const resources = await settle(identity, "grant");

    expect(inputsOf(resources, APP_ROLE_ASSIGNMENT)).toEqual([
      {
        appRoleId: "18a4783c-866b-4cc7-a460-3d5e5662c884",
        principalObjectId: "deployer-sp-oid",
        resourceObjectId: "graph-sp-oid",
      },
    ]);
    expect(calls.filter((call) => call.token === GET_SERVICE_PRINCIPAL).map((call) => call.inputs)).toEqual([
      { clientId: "00000003-0000-0000-c000-000000000000" },
    ]);
  });

  test("outputs are the repository variables and the object ID to add to entraOwners", async () => {
    const identity = new CiDeployerIdentity("outputs", { repository: "contoso/om-entra", environments });
    await settle(identity, "outputs");

    expect(await valueOf(identity.clientId)).toBe("deployer-client-id");
    expect(await valueOf(identity.tenantId)).toBe(TENANT);
    expect(await valueOf(identity.servicePrincipalObjectId)).toBe("deployer-sp-oid");
    expect(await valueOf(identity.subjects)).toEqual([
      "repo:contoso/om-entra:environment:dev",
      "repo:contoso/om-entra:environment:staging",
      "repo:contoso/om-entra:environment:prod",
      "repo:contoso/om-entra:pull_request",
    ]);
  });

  test("pullRequests: false leaves out the pull_request credential; owners and displayName are honoured", async () => {
    const identity = new CiDeployerIdentity("nopr", {
      repository: pulumi.output("contoso/om-entra"),
      environments: ["prod"],
      pullRequests: false,
      owners: ["owner-1", "owner-2"],
      displayName: "OpenMetadata CI",
    });
    const resources = await settle(identity, "nopr");

    expect(resources.filter((resource) => resource.type === FEDERATED_CREDENTIAL).map((r) => r.name)).toEqual(
      ["nopr-env-prod"],
    );
    expect(await valueOf(identity.subjects)).toEqual(["repo:contoso/om-entra:environment:prod"]);
    expect(inputsOf(resources, APPLICATION)[0]).toMatchObject({
      displayName: "OpenMetadata CI",
      owners: ["owner-1", "owner-2"],
    });
  });

  describe("validation happens before anything is registered", () => {
    const attempt = (args: { repository: string; environments: string[] }) => () =>
      new CiDeployerIdentity("bad", args);

    test("bad repository slug", () => {
      expect(attempt({ repository: "contoso", environments })).toThrow(
        'CiDeployerIdentity "bad": repository must be "<owner>/<repo>" (e.g. "contoso/openmetadata-entra"), got "contoso"',
      );
      expect(attempt({ repository: "-contoso/x", environments })).toThrow('got "-contoso/x"');
      expect(attempt({ repository: "contoso/om entra", environments })).toThrow('got "contoso/om entra"');
      expect(registered).toEqual([]);
    });

    test("empty environments", () => {
      expect(attempt({ repository: "contoso/om-entra", environments: [] })).toThrow(
        'CiDeployerIdentity "bad": environments must list at least one GitHub environment ' +
          "(1-100 characters: letters, digits, '.', '_' or '-'), got []",
      );
      expect(registered).toEqual([]);
    });

    test("every problem at once: bad slug, bad name, repeated environment", () => {
      expect(attempt({ repository: "a/b/c", environments: ["dev", "pr od", "Dev"] })).toThrow(
        'CiDeployerIdentity "bad": repository must be "<owner>/<repo>" (e.g. "contoso/openmetadata-entra"), ' +
          'got "a/b/c"; ' +
          "environments[1] must be 1-100 characters: letters, digits, '.', '_' or '-', got \"pr od\"; " +
          'environments[2] repeats "Dev"; list each environment once',
      );
      expect(registered).toEqual([]);
    });
  });
});

describe("parseBootstrapConfig", () => {
  test("defaults: the three pipeline environments, previews on, a fixed display name", () => {
    expect(parseBootstrapConfig({ githubRepository: "contoso/om-entra" })).toEqual({
      githubRepository: "contoso/om-entra",
      environments: ["dev", "staging", "prod"],
      pullRequestPreviews: true,
      displayName: "openmetadata-entra-ci-deployer",
    });
  });

  test("explicit values are kept", () => {
    expect(
      parseBootstrapConfig({
        githubRepository: "contoso/om-entra",
        environments: ["qa"],
        pullRequestPreviews: false,
        displayName: "CI",
      }),
    ).toEqual({
      githubRepository: "contoso/om-entra",
      environments: ["qa"],
      pullRequestPreviews: false,
      displayName: "CI",
    });
  });

  test("lists every problem with its full key", () => {
    expect(() =>
      parseBootstrapConfig({ environments: ["ok", "no way"], pullRequestPreviews: "yes", displayName: "" }),
    ).toThrow(
      "Invalid bootstrap config:\n" +
        '  openmetadata-entra-ci:githubRepository must be "<owner>/<repo>" (e.g. "contoso/openmetadata-entra")\n' +
        "  openmetadata-entra-ci:environments[1] must be 1-100 characters: letters, digits, '.', '_' or '-', " +
        'got "no way"\n' +
        "  openmetadata-entra-ci:pullRequestPreviews must be true or false\n" +
        "  openmetadata-entra-ci:displayName must not be empty",
    );
  });

  test("a bad slug and an empty environment list", () => {
    expect(() => parseBootstrapConfig({ githubRepository: "contoso", environments: [] })).toThrow(
      "Invalid bootstrap config:\n" +
        '  openmetadata-entra-ci:githubRepository must be "<owner>/<repo>" (e.g. "contoso/openmetadata-entra"), ' +
        'got "contoso"\n' +
        "  openmetadata-entra-ci:environments must list at least one GitHub environment " +
        "(1-100 characters: letters, digits, '.', '_' or '-'), got []",
    );
  });
});

describe("ci-bootstrap/Pulumi.yaml", () => {
  const project = parse(readFileSync(join(__dirname, "..", "ci-bootstrap", "Pulumi.yaml"), "utf8")) as {
    name: string;
    main: string;
    runtime: unknown;
    config: Record<string, { type: string; default?: unknown }>;
  };

  test("is its own TypeScript project whose entry point is named, never the root package's main", () => {
    expect(project.name).toBe(PROJECT);
    expect(project.runtime).toEqual({ name: "nodejs", options: { typescript: true } });
    expect(project.main).toBe("index.ts");
  });

  test("declares exactly the keys the config parser reads, with the parser's defaults", () => {
    const defaults = parseBootstrapConfig({ githubRepository: "contoso/om-entra" });
    expect(Object.keys(project.config).sort()).toEqual(Object.keys(defaults).sort());
    expect(project.config.githubRepository).toEqual({
      type: "string",
      description: "GitHub repository that runs the workflows, as <owner>/<repo>",
    });
    expect(project.config.environments.default).toEqual(DEFAULT_ENVIRONMENTS);
    expect(project.config.pullRequestPreviews.default).toBe(defaults.pullRequestPreviews);
    expect(project.config.displayName.default).toBe(defaults.displayName);
  });
});
