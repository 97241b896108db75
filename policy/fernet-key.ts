import { ResourceValidationPolicy } from "@pulumi/policy";

/** The type token of @pulumi/random's RandomBytes, which the program generates its Fernet keys with. */
export const RANDOM_BYTES = "random:index/randomBytes:RandomBytes";
/** Resource names of the Fernet keys: `<prefix>-fernet-key` (server) and `<prefix>-airflow-fernet-key`. */
const FERNET_KEY_NAME = /fernet-key$/;

/** Config of {@link fernetKeyProtected}. */
export interface FernetKeyConfig {
  /** This update may replace the Fernet keys (the stored secrets are given up or re-entered). @default false */
  allowDataReplacement?: boolean;
}

/**
 * Every stack (not just production) protects its generated Fernet keys: OpenMetadata encrypts the connection
 * secrets it stores with its key and Airflow its connections with its own, so a replaced key leaves them unreadable.
 */
export const fernetKeyProtected: ResourceValidationPolicy = {
  name: "fernet-key-protected",
  description:
    "Generated Fernet keys (RandomBytes named *fernet-key: Docker, VM, Kubernetes and Airflow's) have the " +
    "protect option, unless allowDataReplacement is set for this update.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      allowDataReplacement: {
        type: "boolean",
        default: false,
        description:
          "This update may replace the Fernet keys; secrets encrypted with the old ones become unreadable.",
      },
    },
  },
  validateResource: (args, reportViolation) => {
    if (args.type !== RANDOM_BYTES || !FERNET_KEY_NAME.test(args.name)) return;
    if (args.opts.protect || args.getConfig<FernetKeyConfig>().allowDataReplacement === true) return;
    reportViolation(
      `RandomBytes "${args.name}" is not protected; set the resource option protect: true on it (the program ` +
        "does unless allowDataReplacement is set): a replaced Fernet key cannot decrypt the secrets stored with " +
        "the old one. Set allowDataReplacement: true in this policy's config only for an update meant to replace it.",
    );
  },
};
