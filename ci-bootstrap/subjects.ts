/**
 * Pure rules for the GitHub OIDC subjects the deployer trusts. No Pulumi here, so the rules are shared by the
 * config parser and the component and tested without mocks.
 */

/** Issuer of GitHub Actions OIDC tokens. */
export const GITHUB_OIDC_ISSUER = "https://token.actions.githubusercontent.com";

/** The audience Entra ID expects on tokens exchanged for workload identity federation. */
export const AZURE_AD_TOKEN_EXCHANGE_AUDIENCE = "api://AzureADTokenExchange";

/** Accepted form of a repository, quoted in error messages. */
export const REPOSITORY_FORM = '"<owner>/<repo>" (e.g. "contoso/openmetadata-entra")';

/** Accepted form of an environment name, quoted in error messages. */
export const ENVIRONMENT_FORM = "1-100 characters: letters, digits, '.', '_' or '-'";

// GitHub: owners are 1-39 alphanumerics or single hyphens; repository names are 1-100 of [A-Za-z0-9._-].
const REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}\/(?!\.\.?$)[A-Za-z0-9._-]{1,100}$/;
// Stricter than GitHub allows, so the name also fits an Entra credential name (URL-friendly, <= 120 chars).
const ENVIRONMENT = /^[A-Za-z0-9._-]{1,100}$/;

/** The problem with a repository slug, or undefined when it is valid. */
export function repositoryProblem(repository: string): string | undefined {
  return REPOSITORY.test(repository)
    ? undefined
    : `repository must be ${REPOSITORY_FORM}, got ${JSON.stringify(repository)}`;
}

/** Every problem with a list of environment names (empty when valid). */
export function environmentProblems(environments: readonly string[]): string[] {
  if (environments.length === 0) {
    return [`environments must list at least one GitHub environment (${ENVIRONMENT_FORM}), got []`];
  }
  const problems: string[] = [];
  const seen = new Set<string>();
  environments.forEach((environment, index) => {
    if (!ENVIRONMENT.test(environment)) {
      problems.push(`environments[${index}] must be ${ENVIRONMENT_FORM}, got ${JSON.stringify(environment)}`);
    }
    // GitHub treats environment names case-insensitively, so "Prod" and "prod" are the same environment.
    const key = environment.toLowerCase();
    if (seen.has(key)) {
      problems.push(
        `environments[${index}] repeats ${JSON.stringify(environment)}; list each environment once`,
      );
    }
    seen.add(key);
  });
  return problems;
}

/** The `sub` claim of a job that runs in a GitHub environment. */
export function environmentSubject(repository: string, environment: string): string {
  return `repo:${repository}:environment:${environment}`;
}

/** The `sub` claim of a pull_request job that has no environment (the preview job). */
export function pullRequestSubject(repository: string): string {
  return `repo:${repository}:pull_request`;
}
