/** The systemd unit that runs the OpenMetadata release on the VM, as OpenMetadata's bare-metal guide starts it. */
import { systemdArgument, systemdPath } from "../quoting";

export const SERVICE_NAME = "openmetadata.service";
export const UNIT_PATH = `/etc/systemd/system/${SERVICE_NAME}`;
export const ENV_FILE_DIR = "/etc/openmetadata";
export const ENV_FILE_PATH = `${ENV_FILE_DIR}/openmetadata.env`;

export interface UnitOptions {
  /** Directory of the extracted release (holds bin/, bootstrap/, conf/). */
  installDir: string;
  serviceUser: string;
  /** @default ENV_FILE_PATH */
  envFilePath?: string;
}

/** The paths the unit executes, so tests and CI can stub them. */
export function unitExecutables(installDir: string): { migrate: string; start: string } {
  return {
    migrate: `${installDir}/bootstrap/openmetadata-ops.sh`,
    start: `${installDir}/bin/openmetadata-server-start.sh`,
  };
}

/**
 * `openmetadata.service`: the migration runs as ExecStartPre (so every start, including after an upgrade,
 * migrates first; systemd waits for it up to TimeoutStartSec), then the start script runs in the foreground with
 * conf/openmetadata.yaml, which reads the env file's variables. Hardening keeps the JVM off /usr, /etc and /home.
 */
export function renderSystemdUnit(options: UnitOptions): string {
  const { installDir, serviceUser } = options;
  const exe = unitExecutables(installDir);
  return [
    "[Unit]",
    "Description=OpenMetadata server",
    "Documentation=https://docs.open-metadata.org/v1.8.x/deployment/bare-metal",
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
    `ExecStart=${systemdArgument(exe.start)} ${systemdArgument(`${installDir}/conf/openmetadata.yaml`)}`,
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
