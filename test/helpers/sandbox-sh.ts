/**
 * Runs a rendered script for real with `sh`, in a temporary directory, with every command it calls replaced by
 * a stub that records its arguments (and, for commands that read it, its stdin). PATH holds only the stubs and
 * the few real tools named, so nothing outside the sandbox is touched: the calls show exactly which words each
 * command received, and canary files show whether anything was injected.
 */
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** One recorded call: the command name and its arguments, and its stdin for commands that read it. */
export interface Call {
  argv: string[];
  stdin?: string;
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
  calls: Call[];
}

export interface SandboxOptions {
  /** Stubs that only record their arguments and exit 0. */
  record?: string[];
  /** Stubs that also record their stdin (tee, sha256sum ...). */
  readStdin?: string[];
  /** Stubs with their own shell body, run after recording the call ($STUB_LOG is the log). */
  custom?: Record<string, string>;
  /** Real tools linked into PATH (sed, cat, base64 ...). */
  real?: string[];
}

const FIELD = "\x1f";
const STDIN = "\x1d";
const RECORD = "\x1e";

/** A temporary directory with a stub bin/; `remove()` deletes it. */
export class Sandbox {
  readonly dir: string;
  readonly bin: string;
  private readonly log: string;

  constructor(options: SandboxOptions) {
    this.dir = mkdtempSync(join(tmpdir(), "sandbox-sh-"));
    this.bin = join(this.dir, "bin");
    this.log = join(this.dir, "calls.log");
    mkdirSync(this.bin);
    const record = (name: string) => `{ printf '%s\\037' ${JSON.stringify(name)} "$@"; } >> "$STUB_LOG"`;
    const write = (name: string, body: string) => {
      const file = join(this.bin, name);
      writeFileSync(file, `#!/bin/sh\n${body}\n`);
      chmodSync(file, 0o755);
    };
    for (const name of options.record ?? []) write(name, `${record(name)}\nprintf '\\036' >> "$STUB_LOG"`);
    for (const name of options.readStdin ?? [])
      write(name, `${record(name)}\n{ printf '\\035'; /bin/cat; printf '\\036'; } >> "$STUB_LOG"`);
    for (const [name, body] of Object.entries(options.custom ?? {}))
      write(name, `${record(name)}\nprintf '\\036' >> "$STUB_LOG"\n${body}`);
    for (const tool of ["sh", ...(options.real ?? [])]) {
      const found = spawnSync("sh", ["-c", `command -v ${tool}`], { encoding: "utf8" }).stdout.trim();
      if (!found) throw new Error(`${tool} is not installed`);
      symlinkSync(found, join(this.bin, tool));
    }
  }

  /** Runs `script` with sh (PATH = the stubs only), stdin given; returns the exit status, output and calls. */
  run(script: string, stdin = "", env: Record<string, string> = {}): RunResult {
    writeFileSync(this.log, "");
    const r = spawnSync(join(this.bin, "sh"), ["-c", script], {
      input: stdin,
      encoding: "utf8",
      cwd: this.dir,
      env: { PATH: this.bin, STUB_LOG: this.log, HOME: this.dir, ...env },
    });
    const calls = readFileSync(this.log, "utf8")
      .split(RECORD)
      .slice(0, -1)
      .map((record): Call => {
        const [args, input] = record.split(STDIN);
        const argv = args.split(FIELD).slice(0, -1);
        return input === undefined ? { argv } : { argv, stdin: input };
      });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, calls };
  }

  path(...parts: string[]): string {
    return join(this.dir, ...parts);
  }

  exists(...parts: string[]): boolean {
    return existsSync(join(this.dir, ...parts));
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** `sh -n`: the script parses (nothing runs). */
export function shellSyntaxOk(script: string): { status: number | null; stderr: string } {
  const r = spawnSync("sh", ["-n"], { input: script, encoding: "utf8" });
  return { status: r.status, stderr: r.stderr };
}
