/**
 * Runs a policy's `validateResource` the way the policy analyzer does (see @pulumi/policy server.js), without
 * a CLI: props behind `unknownCheckingProxy`, `isType`/`asType` by the class's `__pulumiType`,
 * `notApplicable` and unknown values turned into outcomes instead of errors.
 */
import {
  PolicyResourceOptions,
  ResourceValidation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  unknownCheckingProxy,
} from "@pulumi/policy";

/** The analyzer's sentinel for an unknown string (`unknownStringValue` in @pulumi/policy/proxy.js). */
export const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Everything a policy run reported. */
export interface PolicyOutcome {
  violations: string[];
  /** Reasons given to `notApplicable` (e.g. by `validateResourceOfType` for another type). */
  notApplicable: string[];
  /** Messages of unknown-value errors, which the analyzer reports as advisory "can't run during preview". */
  unknown: string[];
}

class NotApplicable extends Error {}

/** Options of a hand-built resource. */
export interface ResourceUnderTest {
  /** @default "res" */
  name?: string;
  /** Merged over `protect: false` and empty lists. */
  opts?: Partial<PolicyResourceOptions>;
  /** What `getConfig()` returns. @default {} */
  config?: object;
}

export function runPolicy(
  policy: ResourceValidationPolicy,
  type: string,
  props: Record<string, unknown>,
  resource: ResourceUnderTest = {},
): PolicyOutcome {
  const outcome: PolicyOutcome = { violations: [], notApplicable: [], unknown: [] };
  const name = resource.name ?? "res";
  const validations: ResourceValidation[] = [policy.validateResource ?? []].flat();
  for (const validation of validations) {
    const proxied = unknownCheckingProxy(props) as Record<string, unknown>;
    const isType = (cls: unknown) => type === (cls as { __pulumiType?: string }).__pulumiType;
    const args = {
      type,
      props: proxied,
      urn: `urn:pulumi:dev::openmetadata-entra::${type}::${name}`,
      name,
      opts: {
        protect: false,
        ignoreChanges: [],
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [],
        ...resource.opts,
      },
      stackTags: new Map<string, string>(),
      isType,
      asType: (cls: unknown) => (isType(cls) ? proxied : undefined),
      getConfig: () => resource.config ?? {},
      notApplicable: (reason?: string): never => {
        throw new NotApplicable(reason);
      },
    } as unknown as ResourceValidationArgs;
    try {
      const result = validation(args, (message) => outcome.violations.push(message));
      if (result instanceof Promise) throw new Error("harness runs synchronous validations only");
    } catch (error) {
      if (error instanceof NotApplicable) outcome.notApplicable.push(error.message);
      else if (error instanceof Error && error.constructor.name === "UnknownValueError") {
        outcome.unknown.push(error.message);
      } else throw error;
    }
  }
  return outcome;
}

/** Only the violations of a run that must otherwise be clean (no unknowns). */
export function violationsOf(...run: Parameters<typeof runPolicy>): string[] {
  const outcome = runPolicy(...run);
  if (outcome.unknown.length > 0) throw new Error(`unexpected unknown values: ${outcome.unknown.join("; ")}`);
  return outcome.violations;
}
