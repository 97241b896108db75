/**
 * Refuses a downgrade of the OpenMetadata version a deployment runs. OpenMetadata's migrations only go forward, and
 * the version a stack deployed last lives only in Pulumi's state, so the guard is a `command.local.Command` that
 * prints the version it was deployed with: on the next update, `@pulumi/command` hands that output back as
 * `PULUMI_COMMAND_STDOUT`, and the update script fails before anything that depends on it (the migration, the
 * install, the Helm releases) is touched when the new version is older. An upgrade, within a line or across lines,
 * passes and becomes the new recorded version. It runs where `pulumi up` runs (POSIX sh, sort); a preview shows it
 * as an update without running it.
 */
import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import { shellQuote } from "../quoting";
import { resolveRelease } from "./releases";

/** The guard's scripts for `version` (a known release, so the quoted value is x.y.z). */
export function versionGuardScripts(version: string): { create: string; update: string } {
  const v = resolveRelease(version).version;
  return {
    create: `printf '%s' ${shellQuote(v)}`,
    update: [
      `new=${shellQuote(v)}`,
      'old="${PULUMI_COMMAND_STDOUT:-}"',
      // The older of the two, numerically per part; `sort -t. -k…n` is POSIX.
      'older=$(printf \'%s\\n%s\\n\' "$old" "$new" | sort -t. -k1,1n -k2,2n -k3,3n | head -n 1)',
      'if [ -n "$old" ] && [ "$old" != "$new" ] && [ "$older" = "$new" ]; then',
      '  echo "openmetadata-entra: openmetadataVersion $new is older than the deployed $old. OpenMetadata migrates its database forward only, so a downgrade is refused; keep $old, or restore the database backup taken before the upgrade into a new stack." >&2',
      "  exit 1",
      "fi",
      "printf '%s' \"$new\"",
    ].join("\n"),
  };
}

/**
 * The guard resource, a child of `parent` named `<name>-version-guard`; stateful steps list it in `dependsOn`.
 */
export function versionGuard(name: string, version: string, parent: pulumi.Resource): command.local.Command {
  const scripts = versionGuardScripts(version);
  return new command.local.Command(
    `${name}-version-guard`,
    {
      create: scripts.create,
      update: scripts.update,
      interpreter: ["/bin/sh", "-c"],
      addPreviousOutputInEnv: true,
    },
    { parent },
  );
}
