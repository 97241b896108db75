/**
 * The stand-in VM image: built by image/build-rootfs.sh (debootstrap) and `docker import`ed, tagged with a content
 * hash of the recipe (the script, image/files/, the mirror), so an unchanged recipe reuses the image in the
 * dockerd data root under the work directory, and any change builds a new one.
 */
import { createHash } from "node:crypto";
import { lstatSync, readdirSync, readFileSync, readlinkSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { dockerClient } from "./host";
import { run } from "./proc";
import { log } from "./report";
import type { Docker } from "./vm";

const IMAGE_DIR = join(__dirname, "..", "image");
const REPOSITORY = "local/om-vm-e2e";
/** Bump to rebuild for reasons the files do not show. */
const RECIPE_VERSION = "1";

function hashTree(hash: ReturnType<typeof createHash>, root: string, dir = root): void {
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    const stat = lstatSync(path);
    hash.update(`${relative(root, path)}\0${(stat.mode & 0o7777).toString(8)}\0`);
    if (stat.isDirectory()) hashTree(hash, root, path);
    else if (stat.isSymbolicLink()) hash.update(readlinkSync(path));
    else hash.update(readFileSync(path));
    hash.update("\0");
  }
}

export function recipeHash(mirror: string): string {
  const hash = createHash("sha256").update(`${RECIPE_VERSION}\0${mirror}\0`);
  hashTree(hash, IMAGE_DIR);
  return hash.digest("hex").slice(0, 16);
}

/** Returns the image tag, building the image when the recipe's hash has none. */
export async function ensureImage(
  docker: Docker,
  workDir: string,
  mirror: string,
): Promise<{ tag: string; built: boolean }> {
  const tag = `${REPOSITORY}:${recipeHash(mirror)}`;
  const present = await docker.run(["image", "inspect", "--format", "{{.Id}}", tag], { check: false });
  if (present.code === 0) {
    log(`  ${tag} is cached`);
    return { tag, built: false };
  }
  const rootfs = join(workDir, "rootfs");
  log(`  building ${tag} from Debian bookworm (${mirror})`);
  try {
    await run("bash", [join(IMAGE_DIR, "build-rootfs.sh"), rootfs, mirror, join(IMAGE_DIR, "files")], {
      timeoutMs: 1_200_000,
    });
    await run(
      "bash",
      [
        "-c",
        'set -euo pipefail; tar -C "$1" -c . | "$2" -H "$3" import -c \'CMD ["/sbin/init"]\' -c "ENV container=docker" - "$4" >/dev/null',
        "import",
        rootfs,
        dockerClient(),
        docker.host,
        tag,
      ],
      { timeoutMs: 600_000 },
    );
  } finally {
    rmSync(rootfs, { recursive: true, force: true });
  }
  // Older recipes' images are of no further use.
  const old = await docker.run(["image", "ls", REPOSITORY, "--format", "{{.Repository}}:{{.Tag}}"]);
  for (const other of old.stdout.split("\n").filter((t) => t && t !== tag)) {
    await docker.run(["image", "rm", other], { check: false });
  }
  return { tag, built: true };
}
