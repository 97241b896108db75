import * as docker from "@pulumi/docker";
import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";

/** Container ports that may be published on all interfaces: the OpenMetadata UI/API and Airflow's UI. */
export const PUBLIC_PORTS: readonly number[] = [8585, 8080];
/** Host IPs that mean "every interface"; Docker's default when `ip` is unset is 0.0.0.0. */
const ALL_INTERFACES = new Set(["", "0.0.0.0", "::", "[::]"]);

export const dockerInternalPortsNotPublic: ResourceValidationPolicy = {
  name: "docker-internal-ports-not-public",
  description:
    "Docker containers publish only 8585 and 8080 on all interfaces; databases (3306, 5432), search " +
    "(9200, 9300) and the admin port 8586 stay internal or bind to a specific IP such as 127.0.0.1.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(docker.Container, (container, args, reportViolation) => {
    for (const port of container.ports ?? []) {
      const ip = port.ip;
      if (!ALL_INTERFACES.has(ip ?? "") || PUBLIC_PORTS.includes(port.internal)) continue;
      const shown = ip === undefined ? "unset, i.e. 0.0.0.0" : `"${ip}"`;
      reportViolation(
        `Container "${args.name}" publishes internal port ${port.internal} on all interfaces (ip ${shown}); ` +
          `set ports[].ip to "127.0.0.1" or do not publish it: only ${PUBLIC_PORTS.join(" and ")} may be public.`,
      );
    }
  }),
};
