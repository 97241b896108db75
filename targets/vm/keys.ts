/** Config keys of the VM target (OpenMetadata from the release tarball on a Linux VM), all prefixed `vm`. */
import {
  DEFAULT_SEARCH_PORT,
  OPENMETADATA_DATABASE,
  OPENMETADATA_DB_USER,
} from "../../components/openmetadata/data-services";
import { VM_DEFAULTS as D } from "../../components/vm/args";
import type { ConfigKeyDeclaration } from "../../config/keys";

/** An obviously fake host key the offline plan stands in until a stack sets the real one. */
const OFFLINE_HOST_KEY =
  "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG9mZmxpbmUtcGxhbi1zdGFuZC1pbi1ob3N0LWtleQ offline-plan-stand-in";

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
      "The VM's SSH host public key, 'ssh-ed25519 AAAA...' (ssh-keyscan -t ed25519 <host>, without the host name). Required: the connection carries secrets.",
    offlineStandIn: OFFLINE_HOST_KEY,
  },
  vmInsecureSkipHostKeyCheck: {
    type: "boolean",
    description:
      "Accept any SSH host key of the VM and the bastion (whoever answers receives the secrets). Throw-away VMs only; refused in production.",
    default: false,
  },
  vmBastionHost: {
    type: "string",
    description: "Optional SSH bastion (jump host) in front of the VM; uses the same key.",
  },
  vmBastionHostKey: {
    type: "string",
    description: "The bastion's SSH host public key ('ssh-ed25519 AAAA...'); required with vmBastionHost.",
    offlineStandIn: OFFLINE_HOST_KEY,
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
  vmReleaseUrl: {
    type: "string",
    description:
      "Where cloud-init downloads openmetadata-<openmetadataVersion>.tar.gz: a mirror for air-gapped networks. Defaults to the GitHub release asset; the sha256 is checked either way.",
  },
  vmTls: {
    type: "string",
    description:
      "How the public URL's TLS is terminated: nginx (nginx on the VM with vmTlsCertificate and vmTlsPrivateKey), external (a load balancer or proxy in front of the VM reaches vmServerBindAddress:8585), or none (an http://localhost publicUrl). Defaults to nginx for an https publicUrl, none for http.",
  },
  vmTlsCertificate: {
    type: "string",
    description:
      "PEM certificate chain for publicUrl's host (with vmTls nginx): pulumi config set --secret vmTlsCertificate < fullchain.pem",
    secret: true,
  },
  vmTlsPrivateKey: {
    type: "string",
    description:
      "Unencrypted PEM private key of vmTlsCertificate (secret): pulumi config set --secret vmTlsPrivateKey < privkey.pem",
    secret: true,
  },
  vmServerBindAddress: {
    type: "string",
    description:
      "Address OpenMetadata's ports 8585 and 8586 (the unauthenticated admin port) listen on (SERVER_HOST). 127.0.0.1 keeps both behind a reverse proxy on the VM; 0.0.0.0 exposes both.",
    default: D.serverBindAddress,
  },
  vmHealthCheckSeconds: {
    type: "integer",
    description:
      "How long a deployment waits for OpenMetadata's health check after a restart before it fails and prints the journal (10-3600; a first migration of a large catalog can take minutes).",
    default: D.retries * D.intervalSeconds,
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
  vmDatabaseParams: {
    type: "string",
    description:
      "JDBC parameters (DB_PARAMS). Defaults to TLS (sslMode=REQUIRED, or sslmode=require), or none for a database on the VM itself.",
  },
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
  vmSearchScheme: {
    type: "string",
    description:
      "Search scheme: http or https. Defaults to https, or http for a search engine on the VM itself.",
  },
  vmSearchUser: { type: "string", description: "Search user, when the search engine needs one." },
  vmSearchPassword: {
    type: "string",
    description: "Password of vmSearchUser (secret).",
    secret: true,
  },
} as const satisfies Record<string, ConfigKeyDeclaration>;
