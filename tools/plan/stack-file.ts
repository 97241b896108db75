/**
 * Reads the project file and a stack's config file the way the Pulumi CLI hands them to a program: every
 * value a string (structured values as JSON), keys as `namespace:key`. Offline, `secure:` values cannot be
 * decrypted, so they are reported and replaced by fakes.
 */
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

export interface ProjectFile {
  name: string;
  stackConfigDir: string;
}

export interface StackFileConfig {
  config: Record<string, string>;
  /** Full keys whose value is `secure:` in the file. */
  secureKeys: string[];
}

export function readProjectFile(root: string): ProjectFile {
  const doc = parse(readFileSync(join(root, "Pulumi.yaml"), "utf8")) as {
    name: string;
    stackConfigDir?: string;
  };
  return { name: doc.name, stackConfigDir: doc.stackConfigDir ?? "." };
}

export function stackFilePath(root: string, project: ProjectFile, stack: string): string {
  return join(root, project.stackConfigDir, `Pulumi.${stack}.yaml`);
}

/** Qualifies a bare key with the project name, as the CLI does. */
function qualify(key: string, project: string): string {
  return key.includes(":") ? key : `${project}:${key}`;
}

export function readStackFile(path: string, project: string): StackFileConfig {
  if (!existsSync(path)) throw new Error(`no stack file ${path}`);
  const doc = (parse(readFileSync(path, "utf8")) ?? {}) as { config?: Record<string, unknown> };
  const config: Record<string, string> = {};
  const secureKeys: string[] = [];
  for (const [rawKey, value] of Object.entries(doc.config ?? {})) {
    const key = qualify(rawKey, project);
    if (value !== null && typeof value === "object" && "secure" in value) {
      secureKeys.push(key);
      continue;
    }
    config[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return { config, secureKeys };
}
