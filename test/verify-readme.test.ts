/** The README's "Verify a deployment" section is tools/verify/README-section.md, byte for byte. */
import { readFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(__dirname, "..");

test("the README's verify section equals tools/verify/README-section.md", () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const section = readFileSync(join(ROOT, "tools/verify/README-section.md"), "utf8");
  const heading = section.split("\n")[0] as string;
  expect(heading).toBe("## Verify a deployment (`npm run verify`)");
  const start = readme.indexOf(`${heading}\n`);
  expect(start).toBeGreaterThan(0);
  const next = readme.indexOf("\n## ", start + heading.length);
  expect(next).toBeGreaterThan(start);
  // The README has a blank line before the next heading; the file ends with its last line.
  expect(`${readme.slice(start, next).trimEnd()}\n`).toBe(section);
});
