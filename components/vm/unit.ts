/** The systemd unit that runs the OpenMetadata release on the VM, as OpenMetadata's bare-metal guide starts it. */
import { RELEASE_LAYOUT } from "../openmetadata/releases";
import { systemdArgument, systemdPath } from "../quoting";

export const SERVICE_NAME = "openmetadata.service";
export const UNIT_PATH = `/etc/systemd/system/${SERVICE_NAME}`;
export const ENV_FILE_DIR = "/etc/openmetadata";
export const ENV_FILE_PATH = `${ENV_FILE_DIR}/openmetadata.env`;
/**
 * The stored-SSO reset the unit runs before the server on OpenMetadata 1.10+ (ssoConfigSource `stack`): read by
 * `/bin/sh`, so it needs no exec bit (0640 root:<service user>: the service reads it, cannot change it).
 */
export const SSO_RESET_SCRIPT_PATH = `${ENV_FILE_DIR}/reset-security-config.sh`;
/** systemd's `StateDirectory=` name: `/var/lib/openmetadata-entra`, owned by the service user, kept across starts. */
export const STATE_DIRECTORY = "openmetadata-entra";
export const STATE_DIR = `/var/lib/${STATE_DIRECTORY}`;

export interface UnitOptions {
  /** Directory of the extracted release (holds bin/, bootstrap/, conf/). */
  installDir: string;
  serviceUser: string;
  /** @default ENV_FILE_PATH */
  envFilePath?: string;
  /** The release's docs segment for `Documentation=` (`v1.13.x`). @default "v1.8.x" */
  docs?: string;
  /**
   * Run the stored-SSO reset (SSO_RESET_SCRIPT_PATH) after the migration, with STATE_DIRECTORY for its record and
   * backups: OpenMetadata 1.10+ with ssoConfigSource `stack` only. @default false
   */
  resetsSecurityConfig?: boolean;
}

/** The paths the unit executes, so tests and CI can stub them. */
export function unitExecutables(installDir: string): { migrate: string; start: string } {
  return {
    migrate: `${installDir}/${RELEASE_LAYOUT.opsScript}`,
    start: `${installDir}/${RELEASE_LAYOUT.startScript}`,
  };
}

/**
 * `openmetadata.service`: the migration runs as ExecStartPre (so every start, including after an upgrade,
 * migrates first; systemd waits for it up to TimeoutStartSec), then the start script runs in the foreground with
 * conf/openmetadata.yaml, which reads the env file's variables. Hardening keeps the JVM off /usr, /etc and /home.
 *
 * With `resetsSecurityConfig`, a second ExecStartPre runs the stored-SSO reset after the migration (the order
 * security-config.ts asks for: same release, same env file, before the server starts). Its `-` prefix: the script
 * itself logs a failed reset and exits 0, and should it not run at all the server still starts with its stored
 * settings (verify names the drift) rather than not at all. `StateDirectory=` makes systemd create
 * /var/lib/openmetadata-entra (0700, owned by User=) before any ExecStartPre; ProtectSystem=full leaves /var
 * writable, and none of the other hardening options touches it.
 */
export function renderSystemdUnit(options: UnitOptions): string {
  const { installDir, serviceUser } = options;
  const exe = unitExecutables(installDir);
  return [
    "[Unit]",
    "Description=OpenMetadata server",
    `Documentation=https://docs.open-metadata.org/${systemdPath(options.docs ?? "v1.8.x")}/deployment/bare-metal`,
    "Wants=network-online.target",
    "After=network-online.target mysql.service postgresql.service elasticsearch.service opensearch.service",
    "",
    "[Service]",
    "Type=simple",
    // Values of the strict forms; still written through the unit's quoting so none can start a new setting.
    `User=${systemdPath(serviceUser)}`,
    `Group=${systemdPath(serviceUser)}`,
    `WorkingDirectory=${systemdPath(installDir)}`,
    `EnvironmentFile=${systemdPath(options.envFilePath ?? ENV_FILE_PATH)}`,
    `ExecStartPre=${systemdArgument(exe.migrate)} migrate`,
    ...(options.resetsSecurityConfig
      ? [
          `ExecStartPre=-/bin/sh ${systemdArgument(SSO_RESET_SCRIPT_PATH)}`,
          `StateDirectory=${STATE_DIRECTORY}`,
          "StateDirectoryMode=0700",
        ]
      : []),
    `ExecStart=${systemdArgument(exe.start)} ${systemdArgument(`${installDir}/${RELEASE_LAYOUT.config}`)}`,
    "Restart=on-failure",
    "RestartSec=10s",
    // The migration can take minutes on a large catalog.
    "TimeoutStartSec=30min",
    "TimeoutStopSec=90s",
    // The JVM exits 143 on SIGTERM: a clean stop, not a failure.
    "SuccessExitStatus=143",
    "LimitNOFILE=65536",
    "NoNewPrivileges=true",
    "ProtectSystem=full",
    "ProtectHome=true",
    "PrivateTmp=true",
    "PrivateDevices=true",
    "ProtectKernelTunables=true",
    "ProtectKernelModules=true",
    "ProtectControlGroups=true",
    "RestrictSUIDSGID=true",
    "",
    "[Install]",
    "WantedBy=multi-user.target",
    "",
  ].join("\n");
}
