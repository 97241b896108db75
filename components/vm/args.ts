/** The VM component's args and defaults, without the SDK (the stack config reads them too). */
import type { SsoConfigSource } from "../openmetadata/security-config";
import type * as pulumi from "@pulumi/pulumi";
import type { DatabaseEngine, SearchEngine, SearchScheme } from "../openmetadata/data-services";
import type { OpenMetadataSso } from "../openmetadata/server-sso";
import { ADMIN_PORT } from "../openmetadata/server-ports";

/** An SSH endpoint. */
export interface VmSshEndpoint {
  /** Host name or IP address. */
  readonly host: string;
  /** SSH port. @default 22 */
  readonly port?: number;
  /** Login user: root or a user with passwordless sudo. @default "root" */
  readonly user?: string;
  /**
   * The host's SSH public key (`ssh-ed25519 AAAA...`, as `ssh-keyscan -t ed25519 <host>` prints it after the
   * host name). Required unless the connection's `insecureSkipHostKeyCheck` is set.
   */
  readonly hostKey?: string;
}

/** How to reach the VM over SSH. */
export interface VmConnection extends VmSshEndpoint {
  /** Unencrypted PEM private key of `user`; kept secret. */
  readonly privateKey: pulumi.Input<string>;
  /** A jump host in front of the VM; its host key is checked like the VM's. @default none (direct connection) */
  readonly bastion?: VmSshEndpoint & {
    /** @default the VM's private key */
    readonly privateKey?: pulumi.Input<string>;
  };
  /**
   * Accept any host key of the VM and the bastion: whoever answers on the address receives the secrets. Only for
   * throw-away VMs; never in production. @default false
   */
  readonly insecureSkipHostKeyCheck?: boolean;
}

/** The pinned OpenMetadata release for the cloud-init user-data. */
export interface VmRelease {
  /** OpenMetadata version (a patch of a supported line). @default DEFAULT_OPENMETADATA_VERSION */
  readonly version?: string;
  /** sha256 of `openmetadata-<version>.tar.gz` (64 lower-case hex digits). */
  readonly sha256: string;
  /** @default the GitHub release asset URL (releaseTarballUrl) */
  readonly url?: string;
  /** Java 21 runtime package. @default "openjdk-21-jre-headless" */
  readonly javaPackage?: string;
}

/**
 * How the public URL's TLS is terminated. `nginx`: nginx from the distribution on the VM, with this certificate,
 * proxying to OpenMetadata on loopback. `external`: a load balancer or proxy elsewhere terminates TLS and reaches
 * OpenMetadata at `serverBindAddress`. `none`: an http://localhost public URL (development), nothing in front.
 */
export type VmTls =
  | {
      readonly mode: "nginx";
      /** PEM certificate chain for the public URL's host (the server's certificate first). */
      readonly certificatePem: pulumi.Input<string>;
      /** Its unencrypted PEM private key (secret). */
      readonly privateKeyPem: pulumi.Input<string>;
    }
  | { readonly mode: "external" }
  | { readonly mode: "none" };

/**
 * Health check after a restart. The default is the admin port's Dropwizard `/healthcheck`, which every supported
 * line serves: each chart from 1.8.12 to 1.13.1 probes it (liveness up to 1.9.6, startup in every tag), while
 * `GET /api/v1/system/health` on port 8585 is probed only from chart 1.9.7 on, so it is not a choice for 1.8.
 */
export interface VmHealthCheck {
  /**
   * @default "http://127.0.0.1:8586/healthcheck" (the admin port on serverBindAddress; loopback for 0.0.0.0 or ::)
   */
  readonly url?: string;
  /** @default 60 */
  readonly retries?: number;
  /** @default 5 */
  readonly intervalSeconds?: number;
}

/** OpenMetadata's database connection; defaults are a MySQL on the VM itself. */
export interface VmDatabase {
  /** @default "mysql" */
  readonly engine?: DatabaseEngine;
  /** @default "localhost" */
  readonly host?: string;
  /** @default 3306 for mysql, 5432 for postgresql */
  readonly port?: number;
  /** @default "openmetadata_db" */
  readonly name?: string;
  /** @default "openmetadata_user" */
  readonly user?: string;
  /** The user's password (secret). */
  readonly password: pulumi.Input<string>;
  /** JDBC parameters (`DB_PARAMS`). @default TLS (`sslMode=REQUIRED` / `sslmode=require`), none on loopback */
  readonly params?: string;
}

/** OpenMetadata's search connection; defaults are an Elasticsearch on the VM itself. */
export interface VmSearch {
  /** @default "elasticsearch" */
  readonly engine?: SearchEngine;
  /** @default "localhost" */
  readonly host?: string;
  /** @default 9200 */
  readonly port?: number;
  /** @default "https", "http" on loopback */
  readonly scheme?: SearchScheme;
  /** Only with a secured cluster; requires `password`. */
  readonly user?: string;
  /** Secret; only with `user`. */
  readonly password?: pulumi.Input<string>;
}

export interface OpenMetadataVmArgs {
  /** SSH connection to the VM. */
  readonly connection: VmConnection;
  /** SSO: the model factory (called with `localhost` and `jwtKeyDir`), client secret and JWT keys. */
  readonly sso: OpenMetadataSso;
  /** Database connection; the password should be a secret. */
  readonly database: VmDatabase;
  /** Search connection. @default Elasticsearch at http://localhost:9200 */
  readonly search?: VmSearch;
  /**
   * Who owns the server's stored SSO settings on OpenMetadata 1.10+: `stack` resets them at every deploy that
   * changes the SSO settings, so the server re-seeds them from this stack; `database` leaves them to OpenMetadata's
   * UI. Only `stack` on 1.8/1.9. @default "stack"
   */
  readonly ssoConfigSource?: SsoConfigSource;
  /** Directory of the extracted release. @default "/opt/openmetadata" */
  readonly installDir?: string;
  /** Directory of OpenMetadata's JWT key files on the VM. @default "/etc/openmetadata/jwtkeys" */
  readonly jwtKeyDir?: string;
  /** Dedicated system user that runs the service (never root). @default "openmetadata" */
  readonly serviceUser?: string;
  /** The release cloud-init installs (the userData output). */
  readonly release: VmRelease;
  /** Health check after a restart. @default see VmHealthCheck */
  readonly healthCheck?: VmHealthCheck;
  /**
   * TLS for the public URL: required for an https one (`nginx` or `external`); `none` for http://localhost.
   * @default { mode: "none" } for an http public URL
   */
  readonly tls?: VmTls;
  /**
   * The address both of OpenMetadata's ports listen on (`SERVER_HOST`; OpenMetadata's admin port 8586 serves its
   * unauthenticated admin API on the same address). Loopback keeps them off the network: a reverse proxy on the VM
   * serves the public URL. @default "127.0.0.1"
   */
  readonly serverBindAddress?: string;
  /** Protect the generated Fernet key (it decrypts the secrets OpenMetadata stores) from replacement. @default true */
  readonly protect?: boolean;
  /** Production: SSH host keys are always checked, and remote database and search connections use TLS. @default false */
  readonly production?: boolean;
}

/** The defaults of OpenMetadataVm's args, resolved once. */
export const VM_DEFAULTS = {
  sshPort: 22,
  sshUser: "root",
  installDir: "/opt/openmetadata",
  serviceUser: "openmetadata",
  javaPackage: "openjdk-21-jre-headless",
  databaseEngine: "mysql",
  databaseHost: "localhost",
  searchEngine: "elasticsearch",
  searchHost: "localhost",
  serverBindAddress: "127.0.0.1",
  healthUrl: `http://127.0.0.1:${ADMIN_PORT}/healthcheck`,
  retries: 60,
  intervalSeconds: 5,
} as const;
