/**
 * Config of the `vm` target: OpenMetadata from the release tarball on a Linux VM, configured over SSH (and
 * cloud-init user-data for a fresh VM). Database and search run outside the component; they default to
 * services on the same host.
 */
import { z } from "zod";
import type { ConfigKeyDeclaration } from "../keys";
import type { CoreConfig } from "../schema";
import type { TargetConfigModule } from ".";
import { oneOf } from "../rules";
import {
  ABSOLUTE_PATH_FORM,
  HOST_FORM,
  HOST_RE,
  isAbsolutePath,
  isPemPrivateKey,
  PEM_FORM,
  PORT_FORM,
  SERVICE_USER_FORM,
  SERVICE_USER_RE,
  SHA256_FORM,
  SHA256_RE,
} from "../../components/vm/validate";

const keys = {
  vmHost: {
    type: "string",
    description: "Host name or IP address of the VM that runs OpenMetadata, as reached over SSH.",
  },
  vmPort: { type: "integer", description: "SSH port of the VM (1-65535).", default: 22 },
  vmUser: {
    type: "string",
    description: "SSH login user; root, or a user with passwordless sudo (e.g. azureuser on Azure).",
    default: "root",
  },
  vmSshPrivateKey: {
    type: "string",
    description: "PEM private key of vmUser (secret): pulumi config set --secret vmSshPrivateKey < key.pem",
    secret: true,
  },
  vmHostKey: {
    type: "string",
    description:
      "The VM's SSH host public key (e.g. 'ssh-ed25519 AAAA...'); unset = the host key is not checked. Required in production.",
  },
  vmBastionHost: {
    type: "string",
    description: "Optional SSH bastion (jump host) in front of the VM; uses the same key.",
  },
  vmBastionPort: { type: "integer", description: "SSH port of the bastion (1-65535).", default: 22 },
  vmBastionUser: { type: "string", description: "Login user on the bastion. Defaults to vmUser." },
  vmInstallDir: {
    type: "string",
    description: "Absolute directory of the extracted OpenMetadata release (bin/, bootstrap/, conf/).",
    default: "/opt/openmetadata",
  },
  vmServiceUser: {
    type: "string",
    description: "Dedicated system user that runs the openmetadata service.",
    default: "openmetadata",
  },
  vmReleaseSha256: {
    type: "string",
    description:
      "SHA-256 (64 hex digits) of openmetadata-<openmetadataVersion>.tar.gz from the GitHub release; cloud-init refuses a tarball that differs.",
    offlineStandIn: "0".repeat(64),
  },
  vmJavaPackage: {
    type: "string",
    description: "Package of the Java 21 runtime that cloud-init installs (apt name).",
    default: "openjdk-21-jre-headless",
  },
  vmDatabaseType: {
    type: "string",
    description: "Database engine: mysql or postgresql.",
    default: "mysql",
  },
  vmDatabaseHost: { type: "string", description: "Database host.", default: "localhost" },
  vmDatabasePort: {
    type: "integer",
    description: "Database port. Defaults to 3306 for mysql, 5432 for postgresql.",
  },
  vmDatabaseName: { type: "string", description: "Database name.", default: "openmetadata_db" },
  vmDatabaseUser: { type: "string", description: "Database user.", default: "openmetadata_user" },
  vmDatabasePassword: {
    type: "string",
    description: "Password of vmDatabaseUser (secret).",
    secret: true,
  },
  vmSearchType: {
    type: "string",
    description: "Search engine: elasticsearch or opensearch.",
    default: "elasticsearch",
  },
  vmSearchHost: { type: "string", description: "Search host.", default: "localhost" },
  vmSearchPort: { type: "integer", description: "Search port.", default: 9200 },
  vmSearchScheme: { type: "string", description: "Search scheme: http or https.", default: "http" },
  vmSearchUser: { type: "string", description: "Search user, when the search engine needs one." },
  vmSearchPassword: {
    type: "string",
    description: "Password of vmSearchUser (secret).",
    secret: true,
  },
} as const satisfies Record<string, ConfigKeyDeclaration>;

const host = () => z.string().regex(HOST_RE, { message: `must be ${HOST_FORM}` });
const port = () =>
  z
    .number()
    .int()
    .min(1, { message: `must be ${PORT_FORM}` })
    .max(65535, { message: `must be ${PORT_FORM}` });
const absolutePath = () => z.string().refine(isAbsolutePath, { message: `must be ${ABSOLUTE_PATH_FORM}` });
const name = () => z.string().trim().min(1, { message: "must not be empty" });

function schema(core: CoreConfig) {
  return z
    .object({
      vmHost: host(),
      vmPort: port().default(keys.vmPort.default),
      vmUser: z
        .string()
        .regex(SERVICE_USER_RE, { message: `must be ${SERVICE_USER_FORM}` })
        .default("root"),
      vmSshPrivateKey: z.string().refine(isPemPrivateKey, { message: `must be ${PEM_FORM}` }),
      vmHostKey: z
        .string()
        .regex(/^(ssh-|ecdsa-)\S+ \S+/, {
          message: "must be an OpenSSH public key such as 'ssh-ed25519 AAAA...'",
        })
        .optional(),
      vmBastionHost: host().optional(),
      vmBastionPort: port().default(keys.vmBastionPort.default),
      vmBastionUser: z
        .string()
        .regex(SERVICE_USER_RE, { message: `must be ${SERVICE_USER_FORM}` })
        .optional(),
      vmInstallDir: absolutePath().default(keys.vmInstallDir.default),
      vmServiceUser: z
        .string()
        .regex(SERVICE_USER_RE, { message: `must be ${SERVICE_USER_FORM}` })
        .default(keys.vmServiceUser.default),
      vmReleaseSha256: z.string().regex(SHA256_RE, { message: `must be ${SHA256_FORM}` }),
      vmJavaPackage: z
        .string()
        .regex(/^[a-z0-9][a-z0-9.+-]+$/, {
          message: "must be a package name such as openjdk-21-jre-headless",
        })
        .default(keys.vmJavaPackage.default),
      vmDatabaseType: oneOf(["mysql", "postgresql"]).default("mysql"),
      vmDatabaseHost: host().default(keys.vmDatabaseHost.default),
      vmDatabasePort: port().optional(),
      vmDatabaseName: name().default(keys.vmDatabaseName.default),
      vmDatabaseUser: name().default(keys.vmDatabaseUser.default),
      vmDatabasePassword: z.string().min(1, { message: "must not be empty" }),
      vmSearchType: oneOf(["elasticsearch", "opensearch"]).default("elasticsearch"),
      vmSearchHost: host().default(keys.vmSearchHost.default),
      vmSearchPort: port().default(keys.vmSearchPort.default),
      vmSearchScheme: oneOf(["http", "https"]).default("http"),
      vmSearchUser: name().optional(),
      vmSearchPassword: z.string().min(1, { message: "must not be empty" }).optional(),
    })
    .superRefine((c, ctx) => {
      if (core.production && c.vmHostKey === undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["vmHostKey"],
          message:
            "is required in production (the VM's SSH host key, e.g. from ssh-keyscan -t ed25519 <host>), so a man in the middle cannot receive the secrets",
        });
      }
      if ((c.vmSearchUser === undefined) !== (c.vmSearchPassword === undefined)) {
        ctx.addIssue({
          code: "custom",
          path: ["vmSearchPassword"],
          message: "must be set together with vmSearchUser (both or neither)",
        });
      }
    });
}

export type VmTargetConfig = z.output<ReturnType<typeof schema>>;

export const vmTargetConfig: TargetConfigModule<VmTargetConfig> = { keys, schema };
