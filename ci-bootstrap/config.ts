/**
 * The bootstrap's config (keys `openmetadata-entra-ci:<key>`), typed with zod. Every problem is reported at
 * once, each naming its full key and the accepted form.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";

import { ENVIRONMENT_FORM, REPOSITORY_FORM, environmentProblems, repositoryProblem } from "./subjects";

export const PROJECT = "openmetadata-entra-ci";

/** The environments of the deploy workflow, in deployment order. */
export const DEFAULT_ENVIRONMENTS = ["dev", "staging", "prod"];

export interface BootstrapConfig {
  /** `<owner>/<repo>` of the repository that runs the workflows. */
  githubRepository: string;
  /** GitHub environments the deploy jobs run in. */
  environments: string[];
  /** Whether pull-request previews may sign in. */
  pullRequestPreviews: boolean;
  /** Display name of the deployer's app registration. */
  displayName: string;
}

const schema = z.object({
  githubRepository: z.string({ error: `must be ${REPOSITORY_FORM}` }).superRefine((value, ctx) => {
    const problem = repositoryProblem(value);
    if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem.replace(/^repository /, "") });
  }),
  environments: z
    .array(z.string(), { error: `must be a list of GitHub environment names (${ENVIRONMENT_FORM})` })
    .default(DEFAULT_ENVIRONMENTS)
    .superRefine((value, ctx) => {
      for (const problem of environmentProblems(value)) {
        ctx.addIssue({ code: "custom", message: problem.replace(/^environments ?/, "") });
      }
    }),
  pullRequestPreviews: z.boolean({ error: "must be true or false" }).default(true),
  displayName: z
    .string({ error: "must be a string" })
    .min(1, "must not be empty")
    .default(`${PROJECT}-deployer`),
});

/** Raw values as read from config; `undefined` when a key is not set. */
export type RawBootstrapConfig = Partial<Record<keyof BootstrapConfig, unknown>>;

/** Parse raw config values, or throw one Error listing every problem as `<full key><message>`. */
export function parseBootstrapConfig(raw: RawBootstrapConfig): BootstrapConfig {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const [key, ...rest] = issue.path.map(String);
    const index = rest.length > 0 ? `[${rest.join("][")}]` : "";
    const separator = issue.message.startsWith("[") ? "" : " ";
    return `${PROJECT}:${key}${index}${separator}${issue.message}`;
  });
  throw new Error(`Invalid bootstrap config:\n  ${problems.join("\n  ")}`);
}

/** Read and parse the current stack's bootstrap config. */
export function readBootstrapConfig(config = new pulumi.Config(PROJECT)): BootstrapConfig {
  return parseBootstrapConfig({
    githubRepository: config.get("githubRepository"),
    environments: config.getObject<unknown>("environments"),
    pullRequestPreviews: config.getObject<unknown>("pullRequestPreviews"),
    displayName: config.get("displayName"),
  });
}
