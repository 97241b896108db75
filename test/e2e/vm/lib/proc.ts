/** Child processes: asynchronous with captured output, and synchronous for teardown (which must not wait on events). */
import { spawn, spawnSync, type SpawnOptions } from "node:child_process";

export interface RunOptions {
  /** Written to the child's stdin, which is then closed; without it stdin is closed at once (like /dev/null). */
  input?: string | Buffer;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Kill the child (SIGKILL) after this long. @default no limit */
  timeoutMs?: number;
  /** Throw when the exit status is not 0. @default true */
  check?: boolean;
  /** Also copy the child's output to ours, as it arrives (long steps). @default false */
  echo?: boolean;
}

export interface RunResult {
  command: string;
  code: number;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  timedOut: boolean;
}

export class CommandFailed extends Error {
  constructor(readonly result: RunResult) {
    super(
      `${result.command} ${result.timedOut ? "timed out" : `exited ${result.signal ?? result.code}`}` +
        (result.stderr.trim() ? `:\n${tail(result.stderr, 30)}` : ""),
    );
  }
}

/** The last `lines` lines of a text. */
export function tail(text: string, lines: number): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}

const show = (cmd: string, args: readonly string[]): string =>
  [cmd, ...args]
    .map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : JSON.stringify(a)))
    .join(" ")
    .slice(0, 300);

export function run(cmd: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const started = Date.now();
  const spawnOptions: SpawnOptions = {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ["pipe", "pipe", "pipe"],
  };
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, spawnOptions);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            child.kill("SIGKILL");
          }, options.timeoutMs);
    child.stdout?.on("data", (d: Buffer) => {
      out.push(d);
      if (options.echo) process.stdout.write(d);
    });
    child.stderr?.on("data", (d: Buffer) => {
      err.push(d);
      if (options.echo) process.stderr.write(d);
    });
    child.on("error", (e) => {
      if (timer) clearTimeout(timer);
      reject(new Error(`${show(cmd, args)}: ${e.message}`));
    });
    child.on("close", (code, signal) => {
      if (timer) clearTimeout(timer);
      const result: RunResult = {
        command: show(cmd, args),
        code: code ?? -1,
        signal,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
        ms: Date.now() - started,
        timedOut,
      };
      if ((options.check ?? true) && (result.code !== 0 || timedOut)) reject(new CommandFailed(result));
      else resolve(result);
    });
    child.stdin?.on("error", () => undefined); // a child that exits before reading all of stdin
    child.stdin?.end(options.input ?? "");
  });
}

/** Synchronous, never throws: for teardown and for exit handlers. */
export function runSync(
  cmd: string,
  args: readonly string[],
  options: { timeoutMs?: number; input?: string } = {},
): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, {
    encoding: "utf8",
    timeout: options.timeoutMs ?? 60_000,
    input: options.input ?? "",
  });
  return {
    code: r.status ?? -1,
    stdout: r.stdout ?? "",
    stderr: r.stderr ?? (r.error ? r.error.message : ""),
  };
}

/** Whether an executable is on PATH. */
export function onPath(name: string): boolean {
  return runSync("sh", ["-c", `command -v ${name}`]).code === 0;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
