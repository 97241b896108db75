/**
 * The Docker target's part of keeping OpenMetadata's stored SSO settings equal to the stack's (1.10+ with
 * ssoConfigSource `stack`; the mechanism and its reasons are in ../openmetadata/security-config.ts). Upstream's
 * compose runs `openmetadata-ops.sh migrate` as a one-shot container of the server image with the server's env;
 * the reset runs the same way, right after it:
 *
 * - `<prefix>-sso-reset-<digest>`: the server image with the server's full env (ops commands seed missing settings
 *   from their own env, so a reduced one could store wrong ones), running resetScript with onFailure `fail`. Its
 *   name carries the digest of the stack's settings, so a change of them creates a new container that runs
 *   again; its failure stops the update before the server is touched.
 * - The state volume `<prefix>-sso-state` keeps the digest last applied and the backups of the stored settings
 *   (resetScript, mode 0600). It takes no SSO input, so an SSO change never replaces it; it is retained on delete.
 *   Its state directory is `<mount>/<epoch>`, a RandomUuid that exists only while the stack owns the settings: when
 *   a stack goes back from `database` to `stack`, the new epoch has no recorded digest, so the reset runs even if
 *   the stack's settings did not change meanwhile (the UI's may have).
 * - `<prefix>-sso-state-init-<version>`: Docker creates a new volume owned by root, and the server image runs as
 *   its own non-root user (`USER openmetadata`, which owns `/opt/openmetadata`: upstream
 *   docker/docker-compose-quickstart/Dockerfile). Of the ways to let that user write the volume, this is the least
 *   privileged that works on any image: a container of the same image, as root but with every capability dropped
 *   except CHOWN, FOWNER and DAC_READ_SEARCH, without network or env (no secret), hands the volume to the owner of
 *   `/opt/openmetadata` (mode 0700). The reset itself, which holds the secrets, then runs as the image's own user.
 *   Rejected: running the reset as root (the JVM and every secret as root); relying on Docker copying a
 *   directory's ownership into a new volume (it needs an empty directory the user owns at a fixed path, which the
 *   image does not promise). The init's name carries the version, so an upgrade re-checks the owner.
 */
import { SERVER_IMAGE_HOME, SERVER_IMAGE_OPS_SCRIPT } from "../openmetadata/releases";
import { resetScript } from "../openmetadata/security-config";
import type { OneShotStep } from "./migration-check";

/** The release's ops script in the server image. */
export const OPS_SCRIPT = SERVER_IMAGE_OPS_SCRIPT;
/** The install directory of the server image, owned by the user the image runs as. */
export const OPENMETADATA_HOME = SERVER_IMAGE_HOME;
/** Where the state volume is mounted in the init and reset containers. */
export const SSO_STATE_MOUNT = "/var/lib/openmetadata-entra/sso-state";

/** The init's script: fixed text, no value from config. */
export const SSO_STATE_INIT_SCRIPT = [
  "set -eu",
  `owner=$(stat -c %u:%g ${OPENMETADATA_HOME})`,
  `chown -R "$owner" ${SSO_STATE_MOUNT}`,
  `chmod 0700 ${SSO_STATE_MOUNT}`,
  `echo "openmetadata-entra: the SSO state volume belongs to $owner (the owner of ${OPENMETADATA_HOME})"`,
  "",
].join("\n");

/** The capabilities the init keeps: change owners, change the mode of a directory it no longer owns, read 0700 ones. */
export const SSO_STATE_INIT_CAPABILITIES = ["CHOWN", "DAC_READ_SEARCH", "FOWNER"] as const;

/** The state directory for an epoch (see the header). */
export function ssoStateDir(epoch: string): string {
  return `${SSO_STATE_MOUNT}/${epoch}`;
}

/** The reset container's script for the stack's digest and the state directory's epoch. */
export function dockerResetScript(digest: string, epoch: string): string {
  return resetScript({ opsScript: OPS_SCRIPT, digest, stateDir: ssoStateDir(epoch), onFailure: "fail" });
}

export const SSO_STATE_INIT_STEP: OneShotStep = {
  title: "Preparing the SSO state volume",
  consequence: "the stored SSO settings and the server were not touched",
  rerun: "re-run it with pulumi up --replace on the sso-state-init container",
};

export const SSO_RESET_STEP: OneShotStep = {
  title: "Resetting the stored SSO settings",
  consequence:
    "the server was not replaced; if remove-security-config did not run, the stored settings are unchanged (npm run verify shows the drift)",
  rerun: "re-run it with pulumi up --replace on the sso-reset container",
};
