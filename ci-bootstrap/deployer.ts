import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";

import {
  AZURE_AD_TOKEN_EXCHANGE_AUDIENCE,
  GITHUB_OIDC_ISSUER,
  environmentProblems,
  environmentSubject,
  pullRequestSubject,
  repositoryProblem,
} from "./subjects";

/** Client (app) ID of Microsoft Graph, the same in every tenant. */
export const MICROSOFT_GRAPH_CLIENT_ID = "00000003-0000-0000-c000-000000000000";

/**
 * App role ID of the Graph application permission `Application.ReadWrite.OwnedBy` ("Manage apps that this app
 * creates or owns"), from Microsoft's Graph permissions reference.
 */
export const APPLICATION_READWRITE_OWNEDBY_ROLE_ID = "18a4783c-866b-4cc7-a460-3d5e5662c884";

/** Arguments of {@link CiDeployerIdentity}. */
export interface CiDeployerIdentityArgs {
  /**
   * GitHub repository whose workflows may sign in as the deployer, as `<owner>/<repo>`. Validated before any
   * resource is registered when it is a plain string; an Output is validated when it resolves.
   */
  repository: pulumi.Input<string>;
  /**
   * GitHub environments whose jobs may sign in: one federated credential with subject
   * `repo:<owner>/<repo>:environment:<env>` each. A plain list because it decides how many credentials exist
   * and their resource names. Names are matched case-sensitively by Entra ID: write them as in GitHub.
   */
  environments: string[];
  /**
   * Whether pull_request jobs without an environment (the preview job) may sign in, through a credential with
   * subject `repo:<owner>/<repo>:pull_request`. Plain because it decides whether that credential exists.
   * @default true
   */
  pullRequests?: boolean;
  /**
   * Display name of the deployer's app registration.
   * @default the component's name
   */
  displayName?: pulumi.Input<string>;
  /**
   * Object IDs of the owners of the deployer's app registration (so people can still manage it).
   * @default the object ID of the principal running the bootstrap
   */
  owners?: pulumi.Input<pulumi.Input<string>[]>;
}

/**
 * The identity GitHub Actions deploys with: an Entra app registration and its service principal, trusted
 * through federated identity credentials (no client secret), holding the Graph application permission
 * `Application.ReadWrite.OwnedBy` with admin consent. That permission only covers apps the deployer owns, so the
 * main program must list {@link CiDeployerIdentity.servicePrincipalObjectId} among its app's owners.
 */
export class CiDeployerIdentity extends pulumi.ComponentResource {
  /** The deployer's app registration. */
  public readonly application: azuread.Application;
  /** The deployer's service principal: the principal that signs in and owns what it deploys. */
  public readonly servicePrincipal: azuread.ServicePrincipal;
  /** One federated identity credential per trusted subject, environments first, then pull_request. */
  public readonly federatedCredentials: azuread.ApplicationFederatedIdentityCredential[];
  /** The admin consent: the app role assignment of `Application.ReadWrite.OwnedBy` on Microsoft Graph. */
  public readonly graphPermissionGrant: azuread.AppRoleAssignment;
  /** Client ID of the deployer: the `AZURE_CLIENT_ID` repository variable. */
  public readonly clientId: pulumi.Output<string>;
  /** Tenant ID: the `AZURE_TENANT_ID` repository variable. */
  public readonly tenantId: pulumi.Output<string>;
  /** Object ID of the deployer's service principal: add it to the main program's `entraOwners`. */
  public readonly servicePrincipalObjectId: pulumi.Output<string>;
  /** The OIDC subjects that may sign in, in the order of {@link federatedCredentials}. */
  public readonly subjects: pulumi.Output<string[]>;

  constructor(name: string, args: CiDeployerIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
    // Validate before registering anything, so a bad argument leaves no half-built component behind.
    const problems = environmentProblems(args.environments);
    if (typeof args.repository === "string") {
      const problem = repositoryProblem(args.repository);
      if (problem !== undefined) problems.unshift(problem);
    }
    if (problems.length > 0) {
      throw new Error(`CiDeployerIdentity "${name}": ${problems.join("; ")}`);
    }
    super("openmetadata-entra:ci:CiDeployerIdentity", name, {}, opts);

    const repository = pulumi.output(args.repository).apply((value) => {
      const problem = repositoryProblem(value);
      if (problem !== undefined) throw new Error(`CiDeployerIdentity "${name}": ${problem}`);
      return value;
    });
    const client = azuread.getClientConfigOutput({ parent: this });
    // Look Graph's service principal up rather than adopt it (useExisting), so destroying this stack never
    // tries to delete Microsoft Graph from the tenant.
    const graph = azuread.getServicePrincipalOutput(
      { clientId: MICROSOFT_GRAPH_CLIENT_ID },
      { parent: this },
    );

    this.application = new azuread.Application(
      `${name}-app`,
      {
        displayName: args.displayName ?? name,
        owners: args.owners ?? [client.objectId],
        requiredResourceAccesses: [
          {
            resourceAppId: MICROSOFT_GRAPH_CLIENT_ID,
            resourceAccesses: [{ id: APPLICATION_READWRITE_OWNEDBY_ROLE_ID, type: "Role" }],
          },
        ],
      },
      { parent: this },
    );
    this.servicePrincipal = new azuread.ServicePrincipal(
      `${name}-sp`,
      { clientId: this.application.clientId },
      { parent: this },
    );

    const trusted = args.environments.map((environment) => ({
      resourceName: `${name}-env-${environment}`,
      displayName: `github-env-${environment}`,
      subject: repository.apply((repo) => environmentSubject(repo, environment)),
    }));
    if (args.pullRequests ?? true) {
      trusted.push({
        resourceName: `${name}-pull-request`,
        displayName: "github-pull-request",
        subject: repository.apply(pullRequestSubject),
      });
    }
    this.federatedCredentials = trusted.map(
      (credential) =>
        new azuread.ApplicationFederatedIdentityCredential(
          credential.resourceName,
          {
            applicationId: this.application.id,
            displayName: credential.displayName,
            description: "GitHub Actions OIDC sign-in for the openmetadata-entra pipelines",
            issuer: GITHUB_OIDC_ISSUER,
            audiences: [AZURE_AD_TOKEN_EXCHANGE_AUDIENCE],
            subject: credential.subject,
          },
          { parent: this },
        ),
    );

    this.graphPermissionGrant = new azuread.AppRoleAssignment(
      `${name}-graph-application-readwrite-ownedby`,
      {
        appRoleId: APPLICATION_READWRITE_OWNEDBY_ROLE_ID,
        principalObjectId: this.servicePrincipal.objectId,
        resourceObjectId: graph.objectId,
      },
      { parent: this },
    );

    this.clientId = this.application.clientId;
    this.tenantId = client.tenantId;
    this.servicePrincipalObjectId = this.servicePrincipal.objectId;
    this.subjects = pulumi.all(trusted.map((credential) => credential.subject));
    this.registerOutputs({
      clientId: this.clientId,
      tenantId: this.tenantId,
      servicePrincipalObjectId: this.servicePrincipalObjectId,
      subjects: this.subjects,
    });
  }
}
