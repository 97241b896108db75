/**
 * `npm run plan:matrix`: the offline plan of every shipped stack (one per target) at every supported release line's
 * default patch, so CI plans every line for every target. Each stack file is planned as it is with only
 * `openmetadataVersion` changed; a line whose plan fails, or whose plan does not run the version it was given, fails
 * the run (exit 1). Prints one row per plan.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseDocument } from "yaml";
import { RELEASE_LINES } from "../../components/openmetadata/releases";
import { fullKey } from "../../config/keys";
import { plan, REPO_ROOT } from "./plan";

export interface MatrixRow {
  stack: string;
  target: string;
  version: string;
  resources: number;
  error?: string;
}

/** The stack file's text with `openmetadataVersion` set to `version` (comments and every other key kept). */
export function withVersion(stackFileText: string, version: string): string {
  const doc = parseDocument(stackFileText);
  doc.setIn(["config", fullKey("openmetadataVersion")], version);
  return doc.toString();
}

export async function planMatrix(
  stacks: string[] = shippedStacks(),
  versions: string[] = RELEASE_LINES.map((l) => l.defaultPatch),
): Promise<MatrixRow[]> {
  const dir = mkdtempSync(join(tmpdir(), "om-plan-matrix-"));
  const rows: MatrixRow[] = [];
  try {
    for (const stack of stacks) {
      const text = readFileSync(join(REPO_ROOT, "stacks", `Pulumi.${stack}.yaml`), "utf8");
      for (const version of versions) {
        const stackFile = join(dir, `Pulumi.${stack}-${version}.yaml`);
        writeFileSync(stackFile, withVersion(text, version));
        try {
          const { plan: doc } = await plan({ stack, stackFile });
          const planned = doc.outputs.openmetadataVersion;
          rows.push({
            stack,
            target: String(doc.outputs.target),
            version,
            resources: doc.resources.length,
            ...(planned === version ? {} : { error: `planned openmetadataVersion ${String(planned)}` }),
          });
        } catch (e) {
          rows.push({
            stack,
            target: "?",
            version,
            resources: 0,
            error: (e as Error).message.replace(/\s*\n\s*/g, " ").trim(),
          });
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

function shippedStacks(): string[] {
  return readdirSync(join(REPO_ROOT, "stacks"))
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();
}

if (require.main === module) {
  planMatrix().then(
    (rows) => {
      for (const r of rows)
        console.log(
          `${r.error ? "FAIL" : "ok  "} ${r.stack.padEnd(8)} ${r.target.padEnd(10)} ${r.version.padEnd(8)} ${String(r.resources).padStart(3)} resources${r.error ? `  ${r.error}` : ""}`,
        );
      const failed = rows.filter((r) => r.error).length;
      console.log(`${rows.length - failed} of ${rows.length} plans ok`);
      process.exitCode = failed > 0 ? 1 : 0;
    },
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
