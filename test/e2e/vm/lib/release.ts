/**
 * The stand-in OpenMetadata release tarball: openmetadata-<version>/{bin,bootstrap,conf,standin} from release/,
 * packed reproducibly (sorted, fixed times and owners), so its sha256 only changes with its content.
 */
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { run } from "./proc";

const RELEASE_DIR = join(__dirname, "..", "release");

export interface Release {
  version: string;
  file: string;
  sha256: string;
}

export async function buildRelease(version: string, dir: string): Promise<Release> {
  const top = `openmetadata-${version}`;
  const stage = join(dir, "stage");
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(join(stage, top), { recursive: true });
  cpSync(RELEASE_DIR, join(stage, top), { recursive: true });
  writeFileSync(join(stage, top, "standin", "VERSION"), `${version}\n`);
  const file = join(dir, `${top}.tar.gz`);
  await run("tar", [
    "--sort=name",
    "--mtime=@0",
    "--owner=0",
    "--group=0",
    "--numeric-owner",
    "-C",
    stage,
    "--use-compress-program=gzip -n",
    "-cf",
    file,
    top,
  ]);
  rmSync(stage, { recursive: true, force: true });
  return { version, file, sha256: createHash("sha256").update(readFileSync(file)).digest("hex") };
}
