import * as docker from "@pulumi/docker";
import * as k8s from "@pulumi/kubernetes";
import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { readKnown } from "./known";
import { MIN_SECRET_LENGTH, weakSecretsInEnvs, weakSecretsInValues } from "./secret-values";

const FIX = `generate it (e.g. random.RandomPassword, ${MIN_SECRET_LENGTH}+ characters) and pass it as a Pulumi secret`;

/**
 * No literal weak passwords, keys or tokens in docker env or Helm values. A generated secret passes: during
 * preview it is unknown (skipped), during update it is long and random. The value itself is never printed.
 */
export const noWeakLiteralSecrets: ResourceValidationPolicy = {
  name: "no-weak-literal-secrets",
  description:
    "Docker container env and Helm release values set no password, key or token to a known default or a " +
    `literal shorter than ${MIN_SECRET_LENGTH} characters.`,
  enforcementLevel: "mandatory",
  validateResource: [
    validateResourceOfType(docker.Container, (container, args, reportViolation) => {
      const envs = readKnown(() => container.envs) ?? [];
      for (const { where, problem } of weakSecretsInEnvs(envs)) {
        reportViolation(`Container "${args.name}" sets env ${where} to ${problem}; ${FIX}.`);
      }
    }),
    validateResourceOfType(k8s.helm.v3.Release, (release, args, reportViolation) => {
      const values = readKnown(() => release.values);
      for (const { where, problem } of weakSecretsInValues(values)) {
        reportViolation(
          `Release "${args.name}" sets ${where} to ${problem}; ${FIX}, or reference a Kubernetes Secret.`,
        );
      }
    }),
  ],
};
