/** Phases (timed), checks (pass/fail) and findings (observed behaviour worth a human look), printed as they happen. */
import { writeFileSync } from "node:fs";

export interface PhaseRecord {
  name: string;
  seconds: number;
  status: "ok" | "failed" | "skipped";
  note?: string;
}

export interface CheckRecord {
  phase: string;
  name: string;
  ok: boolean;
  detail?: string;
}

export interface Finding {
  phase: string;
  title: string;
  evidence: string;
}

/** Thrown to end the run with a SKIP (exit 0): only when this machine cannot run containers. */
export class Skip extends Error {}

export class Report {
  readonly phases: PhaseRecord[] = [];
  readonly checks: CheckRecord[] = [];
  readonly findings: Finding[] = [];
  readonly pending: string[] = [];
  private current = "(start)";
  private readonly started = Date.now();

  /** Runs one phase; its time is recorded whether it passes or throws. */
  async phase<T>(name: string, body: () => Promise<T>): Promise<T> {
    const previous = this.current;
    this.current = name;
    const started = Date.now();
    log(`\n=== ${name}`);
    try {
      const value = await body();
      this.finish(name, started, "ok");
      return value;
    } catch (error) {
      this.finish(name, started, error instanceof Skip ? "skipped" : "failed", (error as Error).message);
      throw error;
    } finally {
      this.current = previous;
    }
  }

  /** A phase that is not run, with the reason. */
  skipped(name: string, reason: string): void {
    log(`\n=== ${name}: skipped (${reason})`);
    this.phases.push({ name, seconds: 0, status: "skipped", note: reason });
  }

  private finish(name: string, started: number, status: PhaseRecord["status"], note?: string): void {
    const seconds = (Date.now() - started) / 1000;
    this.phases.push({ name, seconds, status, ...(note ? { note: note.split("\n")[0] } : {}) });
    log(`--- ${name}: ${status} in ${seconds.toFixed(1)} s`);
  }

  /** Records a check; returns whether it passed. */
  check(name: string, ok: boolean, detail?: string): boolean {
    this.checks.push({ phase: this.current, name, ok, ...(detail === undefined ? {} : { detail }) });
    log(
      `  ${ok ? "PASS" : "FAIL"} ${name}${detail !== undefined && !ok ? `\n       ${indent(detail)}` : ""}`,
    );
    return ok;
  }

  /** A check on equality, showing both sides when they differ. */
  equal(name: string, actual: unknown, expected: unknown): boolean {
    const a = stable(actual);
    const e = stable(expected);
    return this.check(name, a === e, `expected ${e}\n       actual   ${a}`);
  }

  finding(title: string, evidence: string): void {
    this.findings.push({ phase: this.current, title, evidence });
    log(`  FINDING ${title}\n       ${indent(evidence)}`);
  }

  pendingOn(what: string): void {
    this.pending.push(what);
    log(`  PENDING ${what}`);
  }

  get failed(): number {
    return this.checks.filter((c) => !c.ok).length;
  }

  summary(): string {
    const lines = ["", "=== summary", "phase times:"];
    for (const p of this.phases)
      lines.push(
        `  ${p.seconds.toFixed(1).padStart(7)} s  ${p.status.padEnd(7)} ${p.name}${p.note ? `  (${p.note})` : ""}`,
      );
    lines.push(`  ${((Date.now() - this.started) / 1000).toFixed(1).padStart(7)} s  total`);
    const failed = this.checks.filter((c) => !c.ok);
    lines.push(`checks: ${this.checks.length - failed.length} passed, ${failed.length} failed`);
    for (const c of failed) lines.push(`  FAIL [${c.phase}] ${c.name}`);
    if (this.findings.length > 0) {
      lines.push(`findings (${this.findings.length}):`);
      for (const f of this.findings) lines.push(`  - [${f.phase}] ${f.title}`);
    }
    if (this.pending.length > 0) {
      lines.push("pending:");
      for (const p of this.pending) lines.push(`  - ${p}`);
    }
    return lines.join("\n");
  }

  writeJson(path: string): void {
    const doc = { phases: this.phases, checks: this.checks, findings: this.findings, pending: this.pending };
    writeFileSync(path, `${JSON.stringify(doc, null, 2)}\n`);
  }
}

export function log(text: string): void {
  process.stdout.write(`${text}\n`);
}

const indent = (text: string): string => text.replace(/\n/g, "\n       ");

/** JSON with sorted keys, so that equal objects print equally. */
export function stable(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}
