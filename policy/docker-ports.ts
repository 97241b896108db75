import * as docker from "@pulumi/docker";
import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";

/** OpenMetadata's UI/API port and its admin port (unauthenticated admin API: health, metrics, thread dumps). */
export const UI_PORT = 8585;
export const ADMIN_PORT = 8586;
/** Container ports that may always be published on all interfaces: Airflow's UI. */
export const PUBLIC_PORTS: readonly number[] = [8080];
/** Host IPs that mean "every interface"; Docker's default when `ip` is unset is 0.0.0.0. */
export const ALL_INTERFACES: ReadonlySet<string> = new Set(["", "0.0.0.0", "::", "[::]"]);

/** Config of {@link dockerInternalPortsNotPublic}. */
export interface DockerPortsConfig {
  /** Accept OpenMetadata's UI port 8585 on all interfaces (a stack that serves it directly). @default false */
  allowPublicUiPort?: boolean;
}

const LOOPBACK_FIX = 'set ports[].ip to "127.0.0.1"';

export const dockerInternalPortsNotPublic: ResourceValidationPolicy = {
  name: "docker-internal-ports-not-public",
  description:
    "Docker containers publish only 8080 (and 8585 with allowPublicUiPort) on all interfaces; the admin port " +
    "8586, databases (3306, 5432) and search (9200, 9300) stay internal or bind to a specific IP such as 127.0.0.1.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      allowPublicUiPort: {
        type: "boolean",
        default: false,
        description: "Accept OpenMetadata's UI port 8585 on all interfaces (the stack serves it directly).",
      },
    },
  },
  validateResource: validateResourceOfType(docker.Container, (container, args, reportViolation) => {
    const allowUi = args.getConfig<DockerPortsConfig>().allowPublicUiPort === true;
    for (const port of container.ports ?? []) {
      const ip = port.ip;
      const internal = port.internal;
      if (!ALL_INTERFACES.has(ip ?? "") || PUBLIC_PORTS.includes(internal)) continue;
      if (internal === UI_PORT && allowUi) continue;
      const where = `on all interfaces (ip ${ip === undefined ? "unset, i.e. 0.0.0.0" : `"${ip}"`})`;
      const subject = `Container "${args.name}" publishes`;
      if (internal === ADMIN_PORT) {
        reportViolation(
          `${subject} OpenMetadata's admin port ${ADMIN_PORT} ${where}; its admin API is unauthenticated: ` +
            `${LOOPBACK_FIX} or do not publish it.`,
        );
      } else if (internal === UI_PORT) {
        reportViolation(
          `${subject} OpenMetadata's UI port ${UI_PORT} ${where}; ${LOOPBACK_FIX} (dockerUiBindAddress) and ` +
            "serve it through a TLS reverse proxy, or set allowPublicUiPort: true in this policy's config.",
        );
      } else {
        reportViolation(
          `${subject} internal port ${internal} ${where}; ${LOOPBACK_FIX} or do not publish it: only ` +
            `${PUBLIC_PORTS.join(" and ")}, and ${UI_PORT} with allowPublicUiPort, may be public.`,
        );
      }
    }
  }),
};
