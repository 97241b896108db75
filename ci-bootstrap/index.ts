/**
 * One-off bootstrap, run once by an Entra admin: creates the identity the GitHub workflows deploy with.
 * Its outputs are the values to store as repository variables (see docs/CI.md).
 */
import { readBootstrapConfig } from "./config";
import { CiDeployerIdentity } from "./deployer";

const config = readBootstrapConfig();

const deployer = new CiDeployerIdentity("openmetadata-entra-ci-deployer", {
  repository: config.githubRepository,
  environments: config.environments,
  pullRequests: config.pullRequestPreviews,
  displayName: config.displayName,
});

/** Values for the repository variables of the same names. */
export const repositoryVariables = {
  AZURE_CLIENT_ID: deployer.clientId,
  AZURE_TENANT_ID: deployer.tenantId,
};
/** Add this to the main program's `openmetadata-entra:entraOwners` in every stack. */
export const deployerServicePrincipalObjectId = deployer.servicePrincipalObjectId;
/** The OIDC subjects that may sign in; AADSTS70021 means a job's subject is not in this list. */
export const federatedSubjects = deployer.subjects;
