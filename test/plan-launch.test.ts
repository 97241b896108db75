import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const { compiledCli } = require("../tools/plan/launch.js") as {
  compiledCli(root: string): string | undefined;
};

function tree(): { root: string; touch(path: string, secondsAgo: number): void } {
  const root = mkdtempSync(join(tmpdir(), "launch-"));
  const touch = (path: string, secondsAgo: number) => {
    const file = join(root, path);
    mkdirSync(join(file, ".."), { recursive: true });
    writeFileSync(file, "");
    const when = Date.now() / 1000 - secondsAgo;
    utimesSync(file, when, when);
  };
  return { root, touch };
}

describe("which plan the launcher runs", () => {
  it("runs TypeScript when nothing is built", () => {
    const { root, touch } = tree();
    touch("index.ts", 100);
    expect(compiledCli(root)).toBeUndefined();
  });

  it("runs the compiled plan when bin/ is newer than every source", () => {
    const { root, touch } = tree();
    touch("index.ts", 100);
    touch("components/entra/application.ts", 90);
    touch("bin/tools/plan/cli.js", 10);
    expect(compiledCli(root)).toBe(join(root, "bin", "tools", "plan", "cli.js"));
  });

  it("runs TypeScript when any source changed after the build", () => {
    const { root, touch } = tree();
    touch("bin/tools/plan/cli.js", 10);
    touch("targets/docker.ts", 5);
    expect(compiledCli(root)).toBeUndefined();
  });

  it("ignores files that are not TypeScript sources", () => {
    const { root, touch } = tree();
    touch("bin/tools/plan/cli.js", 10);
    touch("tools/plan/README.md", 1);
    touch("stacks/Pulumi.dev.yaml", 1);
    expect(compiledCli(root)).toBe(join(root, "bin", "tools", "plan", "cli.js"));
  });
});
