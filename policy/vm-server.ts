import { ResourceValidationPolicy } from "@pulumi/policy";
import { ADMIN_PORT, ALL_INTERFACES, UI_PORT } from "./docker-ports";
import { REMOTE_COMMAND, VM_ENV_FILE, vmEnvFileOf } from "./env-files";

/**
 * The VM's OpenMetadata listens where its env file's SERVER_HOST says, with both ports: the UI/API and the
 * unauthenticated admin API. OpenMetadata's own default (SERVER_HOST unset or empty) is 0.0.0.0.
 */
export const vmServerNotOnAllInterfaces: ResourceValidationPolicy = {
  name: "vm-server-not-on-all-interfaces",
  description:
    `The VM env file (${VM_ENV_FILE}) sets SERVER_HOST to a specific address such as 127.0.0.1, not 0.0.0.0 or ` +
    `::: it binds the UI port ${UI_PORT} and the unauthenticated admin port ${ADMIN_PORT}.`,
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type !== REMOTE_COMMAND) return;
    const env = vmEnvFileOf(args.props);
    if (env === undefined) return;
    const host = env.values.get("SERVER_HOST");
    // Unset in the known part of a file whose secret part is unknown: judged when the update runs.
    if (host === undefined ? !env.complete : !ALL_INTERFACES.has(host)) return;
    const shown =
      host === undefined || host === "" ? "unset, i.e. OpenMetadata's default 0.0.0.0" : `"${host}"`;
    reportViolation(
      `Command "${args.name}" writes ${VM_ENV_FILE} with SERVER_HOST ${shown}: OpenMetadata's UI port ` +
        `${UI_PORT} and its unauthenticated admin port ${ADMIN_PORT} listen on all interfaces; set SERVER_HOST ` +
        "(vmServerBindAddress) to 127.0.0.1 behind the TLS proxy, or to the one address a load balancer reaches.",
    );
  },
};
