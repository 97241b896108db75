/** Config keys of the VM target (OpenMetadata from the release tarball on a Linux VM), all prefixed `vm`. */
import {
  DEFAULT_SEARCH_PORT,
  OPENMETADATA_DATABASE,
  OPENMETADATA_DB_USER,
} from "../../components/openmetadata/data-services";
import { VM_DEFAULTS as D } from "../../components/vm/args";
import type { ConfigKeyDeclaration } from "../../config/keys";

export const VM_KEYS = {
  vmHost: {
    type: "string",
    description: "Host name or IP address of the VM that runs OpenMetadata, as reached over SSH.",
  },
  vmPort: { type: "integer", description: "SSH port of the VM (1-65535).", default: D.sshPort },
  vmUser: {
    type: "string",
    description: "SSH login user; root, or a user with passwordless sudo (e.g. azureuser on Azure).",
    default: D.sshUser,
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
  vmBastionPort: { type: "integer", description: "SSH port of the bastion (1-65535).", default: D.sshPort },
  vmBastionUser: { type: "string", description: "Login user on the bastion. Defaults to vmUser." },
  vmInstallDir: {
    type: "string",
    description: "Absolute directory of the extracted OpenMetadata release (bin/, bootstrap/, conf/).",
    default: D.installDir,
  },
  vmServiceUser: {
    type: "string",
    description: "Dedicated system user that runs the openmetadata service (never root).",
    default: D.serviceUser,
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
    default: D.javaPackage,
  },
  vmDatabaseType: {
    type: "string",
    description: "Database engine: mysql or postgresql.",
    default: D.databaseEngine,
  },
  vmDatabaseHost: { type: "string", description: "Database host.", default: D.databaseHost },
  vmDatabasePort: {
    type: "integer",
    description: "Database port. Defaults to 3306 for mysql, 5432 for postgresql.",
  },
  vmDatabaseName: { type: "string", description: "Database name.", default: OPENMETADATA_DATABASE },
  vmDatabaseUser: { type: "string", description: "Database user.", default: OPENMETADATA_DB_USER },
  vmDatabasePassword: {
    type: "string",
    description: "Password of vmDatabaseUser (secret).",
    secret: true,
  },
  vmSearchType: {
    type: "string",
    description: "Search engine: elasticsearch or opensearch.",
    default: D.searchEngine,
  },
  vmSearchHost: { type: "string", description: "Search host.", default: D.searchHost },
  vmSearchPort: { type: "integer", description: "Search port.", default: DEFAULT_SEARCH_PORT },
  vmSearchScheme: { type: "string", description: "Search scheme: http or https.", default: D.searchScheme },
  vmSearchUser: { type: "string", description: "Search user, when the search engine needs one." },
  vmSearchPassword: {
    type: "string",
    description: "Password of vmSearchUser (secret).",
    secret: true,
  },
} as const satisfies Record<string, ConfigKeyDeclaration>;
