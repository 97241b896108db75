/**
 * The VM's part of keeping OpenMetadata's stored SSO settings equal to the stack's (1.10+, ssoConfigSource
 * `stack`; the mechanism and its reasons are in openmetadata/security-config.ts). The unit runs this script as an
 * ExecStartPre right after `openmetadata-ops.sh migrate`, as the service user and with the server's env file, so
 * the ops commands see exactly the server's configuration. It resets only when the digest written into it differs
 * from the one recorded in the state directory: an SSO change (or a rotated client secret) rewrites the script,
 * which restarts the unit once; later starts with the same digest (Restart=on-failure, reboots) change nothing.
 * Backups of the stored settings (mode 0600, they hold the client secret) go to
 * /var/lib/openmetadata-entra/security-config-backups, the newest ten kept.
 */
import { resetScript } from "../openmetadata/security-config";
import { STATE_DIR, unitExecutables } from "./unit";

export interface VmResetOptions {
  /** Directory of the extracted release; its `bootstrap/openmetadata-ops.sh` runs the reset. */
  installDir: string;
  /** securityConfigDigest of the stack's SSO model and client secret. */
  digest: string;
  /** @default STATE_DIR (systemd's StateDirectory of the unit) */
  stateDir?: string;
}

/** The reset script's text: POSIX sh, every value quoted by resetScript. */
export function vmResetScript(o: VmResetOptions): string {
  return resetScript({
    opsScript: unitExecutables(o.installDir).migrate,
    digest: o.digest,
    stateDir: o.stateDir ?? STATE_DIR,
    // A failed reset must not keep the server from starting: it keeps its stored settings, verify names the drift.
    onFailure: "continue",
  });
}
