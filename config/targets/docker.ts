/** Config keys of the Docker target (OpenMetadata on a Docker host), all prefixed `docker`. */
import { z } from "zod";
import type { ConfigKeyDeclaration } from "../keys";
import { oneOf } from "../rules";
import type { CoreConfig } from "../schema";
import type { TargetConfigModule } from "./index";
import { isLocalUrl } from "../../components/openmetadata/urls";

const keys = {
  dockerHost: {
    type: "string",
    description:
      "Docker host: unix:///var/run/docker.sock (local), ssh://user@host (uses the ssh client) or tcp://host:2376 (with dockerTlsCa/Cert/Key).",
    default: "unix:///var/run/docker.sock",
  },
  dockerSshOpts: {
    type: "array",
    description: "Extra ssh options for an ssh:// dockerHost, e.g. [-o, StrictHostKeyChecking=yes].",
    default: [],
  },
  dockerTlsCa: {
    type: "string",
    description: "PEM CA certificate of a tcp:// dockerHost (TLS).",
    secret: true,
  },
  dockerTlsCert: {
    type: "string",
    description: "PEM client certificate for a tcp:// dockerHost (TLS).",
    secret: true,
  },
  dockerTlsKey: {
    type: "string",
    description: "PEM client private key for a tcp:// dockerHost (TLS).",
    secret: true,
  },
  dockerImageRegistry: {
    type: "string",
    description:
      "Registry host that replaces every image's registry (a mirror or an air-gapped registry), e.g. registry.example.com/mirror.",
  },
  dockerNamePrefix: {
    type: "string",
    description:
      "Prefix of container, network and volume names; two deployments on one Docker host need different prefixes.",
    default: "openmetadata",
  },
  dockerDatabaseMode: {
    type: "string",
    description: "bundled: a database container of this stack; external: connect to dockerDatabaseHost.",
    default: "bundled",
  },
  dockerDatabaseEngine: {
    type: "string",
    description: "mysql or postgresql (bundled: OpenMetadata's db or postgresql image).",
    default: "mysql",
  },
  dockerDatabaseHost: { type: "string", description: "External database host name." },
  dockerDatabasePort: {
    type: "integer",
    description: "External database port. Defaults to 3306 (mysql) or 5432 (postgresql).",
  },
  dockerDatabaseName: {
    type: "string",
    description: "External database name. Defaults to openmetadata_db.",
  },
  dockerDatabaseUser: {
    type: "string",
    description: "External database user. Defaults to openmetadata_user.",
  },
  dockerDatabasePassword: {
    type: "string",
    description: "External database password.",
    secret: true,
  },
  dockerDatabaseParams: {
    type: "string",
    description: "External database JDBC parameters (DB_PARAMS), e.g. sslMode=REQUIRED&serverTimezone=UTC.",
  },
  dockerSearchMode: {
    type: "string",
    description:
      "bundled: a single-node search container of this stack; external: connect to dockerSearchHost.",
    default: "bundled",
  },
  dockerSearchEngine: {
    type: "string",
    description: "elasticsearch (8.11.4 when bundled) or opensearch (2.19.1 when bundled).",
    default: "elasticsearch",
  },
  dockerSearchHeapMb: {
    type: "integer",
    description: "Bundled search engine's JVM heap in MB (at least 512).",
    default: 1024,
  },
  dockerSearchHost: { type: "string", description: "External search host name." },
  dockerSearchPort: { type: "integer", description: "External search port. Defaults to 9200." },
  dockerSearchScheme: {
    type: "string",
    description: "External search scheme: http or https. Defaults to http.",
  },
  dockerSearchUser: { type: "string", description: "External search user (secured clusters)." },
  dockerSearchPassword: {
    type: "string",
    description: "External search password (with dockerSearchUser).",
    secret: true,
  },
  dockerIngestion: {
    type: "boolean",
    description: "Run the Airflow ingestion container (needs dockerDatabaseMode bundled).",
    default: true,
  },
  dockerUiPort: {
    type: "integer",
    description:
      "Host port of the OpenMetadata UI; must equal publicUrl's port when publicUrl is a localhost URL.",
    default: 8585,
  },
  dockerAirflowPort: {
    type: "integer",
    description: "Publish Airflow's UI on 127.0.0.1 at this host port; unset keeps it unpublished.",
  },
  dockerServerWaitTimeout: {
    type: "integer",
    description: "Seconds to wait for the OpenMetadata server to become healthy (at least 60).",
    default: 300,
  },
} as const satisfies Record<string, ConfigKeyDeclaration>;

const port = (what: string) =>
  z
    .number()
    .int()
    .min(1, { message: `must be a ${what} port number from 1 to 65535` })
    .max(65535, { message: `must be a ${what} port number from 1 to 65535` });
const text = () => z.string().trim().min(1, { message: "must not be empty" });

const HOST_RE = /^(unix|ssh|tcp|npipe):\/\/\S+$/;
const DATABASE_KEYS = [
  "dockerDatabaseHost",
  "dockerDatabasePort",
  "dockerDatabaseName",
  "dockerDatabaseUser",
  "dockerDatabasePassword",
  "dockerDatabaseParams",
] as const;
const SEARCH_KEYS = [
  "dockerSearchHost",
  "dockerSearchPort",
  "dockerSearchScheme",
  "dockerSearchUser",
  "dockerSearchPassword",
] as const;

function schema(core: CoreConfig) {
  return z
    .object({
      dockerHost: z
        .string()
        .regex(HOST_RE, {
          message:
            "must be a Docker host URL: unix:///var/run/docker.sock, ssh://user@host or tcp://host:2376",
        })
        .default(keys.dockerHost.default),
      dockerSshOpts: z.array(z.string()).default([]),
      dockerTlsCa: text().optional(),
      dockerTlsCert: text().optional(),
      dockerTlsKey: text().optional(),
      dockerImageRegistry: z
        .string()
        .regex(/^[a-z0-9.-]+(:\d+)?(\/[a-z0-9._-]+)*$/, {
          message: "must be a registry host with an optional port and path, e.g. registry.example.com/mirror",
        })
        .optional(),
      dockerNamePrefix: z
        .string()
        .regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, {
          message:
            "must be 1-40 lower-case letters, digits and hyphens, starting and ending with a letter or digit",
        })
        .default(keys.dockerNamePrefix.default),
      dockerDatabaseMode: oneOf(["bundled", "external"]).default("bundled"),
      dockerDatabaseEngine: oneOf(["mysql", "postgresql"]).default("mysql"),
      dockerDatabaseHost: text().optional(),
      dockerDatabasePort: port("database").optional(),
      dockerDatabaseName: text().optional(),
      dockerDatabaseUser: text().optional(),
      dockerDatabasePassword: text().optional(),
      dockerDatabaseParams: text().optional(),
      dockerSearchMode: oneOf(["bundled", "external"]).default("bundled"),
      dockerSearchEngine: oneOf(["elasticsearch", "opensearch"]).default("elasticsearch"),
      dockerSearchHeapMb: z
        .number()
        .int()
        .min(512, { message: "must be a whole number of MB, at least 512" })
        .default(keys.dockerSearchHeapMb.default),
      dockerSearchHost: text().optional(),
      dockerSearchPort: port("search").optional(),
      dockerSearchScheme: oneOf(["http", "https"]).optional(),
      dockerSearchUser: text().optional(),
      dockerSearchPassword: text().optional(),
      dockerIngestion: z.boolean().default(keys.dockerIngestion.default),
      dockerUiPort: port("host").default(keys.dockerUiPort.default),
      dockerAirflowPort: port("host").optional(),
      dockerServerWaitTimeout: z
        .number()
        .int()
        .min(60, { message: "must be a whole number of seconds, at least 60" })
        .default(keys.dockerServerWaitTimeout.default),
    })
    .superRefine((c, ctx) => {
      const issue = (key: keyof typeof keys, message: string) =>
        ctx.addIssue({ code: "custom", path: [key], message });
      const tcp = c.dockerHost.startsWith("tcp://");
      for (const key of ["dockerTlsCa", "dockerTlsCert", "dockerTlsKey"] as const) {
        if (c[key] !== undefined && !tcp) issue(key, "is only used with a tcp:// dockerHost");
      }
      const tls = [c.dockerTlsCa, c.dockerTlsCert, c.dockerTlsKey].filter((v) => v !== undefined).length;
      if (tls !== 0 && tls !== 3)
        issue(
          "dockerTlsKey",
          "dockerTlsCa, dockerTlsCert and dockerTlsKey must be set together (all three PEM)",
        );
      if (c.dockerSshOpts.length > 0 && !c.dockerHost.startsWith("ssh://"))
        issue("dockerSshOpts", "is only used with an ssh:// dockerHost");
      if (c.dockerDatabaseMode === "external") {
        if (c.dockerDatabaseHost === undefined)
          issue("dockerDatabaseHost", "is required with dockerDatabaseMode external (a host name)");
        if (c.dockerDatabasePassword === undefined)
          issue(
            "dockerDatabasePassword",
            "is required with dockerDatabaseMode external: pulumi config set --secret dockerDatabasePassword <password>",
          );
        if (c.dockerIngestion)
          issue(
            "dockerIngestion",
            "must be false with dockerDatabaseMode external (Airflow's database lives in the bundled database)",
          );
      } else {
        for (const key of DATABASE_KEYS)
          if (c[key] !== undefined) issue(key, "is only used with dockerDatabaseMode external");
      }
      if (c.dockerSearchMode === "external") {
        if (c.dockerSearchHost === undefined)
          issue("dockerSearchHost", "is required with dockerSearchMode external (a host name)");
        if (c.dockerSearchPassword !== undefined && c.dockerSearchUser === undefined)
          issue("dockerSearchPassword", "is only used together with dockerSearchUser");
      } else {
        for (const key of SEARCH_KEYS)
          if (c[key] !== undefined) issue(key, "is only used with dockerSearchMode external");
      }
      if (c.dockerAirflowPort !== undefined) {
        if (!c.dockerIngestion) issue("dockerAirflowPort", "is only used with dockerIngestion true");
        else if (c.dockerAirflowPort === c.dockerUiPort)
          issue(
            "dockerAirflowPort",
            `must differ from dockerUiPort; both publish host port ${c.dockerUiPort}`,
          );
      }
      if (isLocalUrl(core.publicUrl)) {
        const url = new URL(core.publicUrl);
        const urlPort = Number(url.port || (url.protocol === "https:" ? 443 : 80));
        if (urlPort !== c.dockerUiPort)
          issue(
            "dockerUiPort",
            `must equal publicUrl's port ${urlPort} for a localhost publicUrl; got ${c.dockerUiPort}`,
          );
      }
    });
}

export type DockerTargetConfig = z.output<ReturnType<typeof schema>>;

export const dockerTargetConfig: TargetConfigModule<DockerTargetConfig> = { keys, schema };
