import type * as docker from "@pulumi/docker";
import type { DatabaseEngine, SearchEngine } from "../openmetadata/data-services";
import { ADMIN_PORT, OPENMETADATA_DATABASE, SEARCH_PORT } from "./settings";

type Healthcheck = docker.types.input.ContainerHealthcheck;

/**
 * Health checks as in the upstream compose, except that the database checks go over TCP: during first start the
 * image's init step runs a server on the socket only, so a socket check would pass before the database takes
 * connections. Passwords come from the container's own env, never from the check's text.
 */
export const DATABASE_HEALTHCHECK: Record<DatabaseEngine, Healthcheck> = {
  mysql: {
    tests: [
      "CMD-SHELL",
      `MYSQL_PWD="$MYSQL_ROOT_PASSWORD" mysql --protocol=TCP --host=127.0.0.1 --user=root --silent --execute "use ${OPENMETADATA_DATABASE}"`,
    ],
    interval: "15s",
    timeout: "10s",
    retries: 10,
    startPeriod: "30s",
  },
  postgresql: {
    tests: [
      "CMD-SHELL",
      `PGPASSWORD="$POSTGRES_PASSWORD" psql --host=127.0.0.1 --username=postgres --dbname=${OPENMETADATA_DATABASE} --tuples-only --no-align --command="select 1"`,
    ],
    interval: "15s",
    timeout: "10s",
    retries: 10,
    startPeriod: "30s",
  },
};

/** Both engines answer the cluster health API; green or yellow (single node) is healthy. */
export function searchHealthcheck(_engine: SearchEngine): Healthcheck {
  return {
    tests: [
      "CMD-SHELL",
      `curl -s http://localhost:${SEARCH_PORT}/_cluster/health?pretty | grep status | grep -qE 'green|yellow' || exit 1`,
    ],
    interval: "15s",
    timeout: "10s",
    retries: 10,
    startPeriod: "30s",
  };
}

/**
 * The server's admin health endpoint, as upstream's quickstart compose checks it on every line (1.6.4 upstream,
 * 1.10.15 and 1.12.14 compose copies: `wget -q --spider http://localhost:8586/healthcheck`). The Helm chart probes
 * `/api/v1/system/health` on 8585 from 1.9.7; the server answers both, and the admin port's check needs no auth
 * and reaches no dependency, so the Docker target keeps upstream compose's on every line.
 */
export const SERVER_HEALTHCHECK: Healthcheck = {
  tests: ["CMD", "wget", "-q", "--spider", `http://localhost:${ADMIN_PORT}/healthcheck`],
  interval: "15s",
  timeout: "10s",
  retries: 10,
  startPeriod: "60s",
};

/** Seconds to wait for the database and search containers to become healthy (first start initialises data). */
export const DEPENDENCY_WAIT_SECONDS = 300;
