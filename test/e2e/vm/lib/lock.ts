/**
 * One run at a time on this host. The stand-in VMs use the host's network (127.0.0.1:8585/8586, the TLS front's
 * port) and a second run would stop the first one's dockerd ("left by an earlier run") and delete its run
 * directory, so a run waits for the lock of a live run and takes over the lock of a dead one. The lock is a PID
 * file under /run/lock, host-wide whatever OM_VM_E2E_WORKDIR is.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { log } from "./report";
import { sleep } from "./proc";

export const LOCK_FILE = existsSync("/run/lock") ? "/run/lock/om-vm-e2e.pid" : "/tmp/om-vm-e2e.pid";

/** The lock file's content (a PID), or undefined when there is none. */
function readLock(): string | undefined {
  try {
    return readFileSync(LOCK_FILE, "utf8").trim();
  } catch {
    return undefined;
  }
}

/** The PID holding the lock when it is a live om-vm-e2e run (the PID's command line names run.ts). */
function holder(): number | undefined {
  const pid = Number(readLock());
  if (!(pid > 0) || pid === process.pid) return undefined;
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    return cmdline.includes("run.ts") || cmdline.includes("om-vm-e2e") ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes the lock, waiting up to `waitMs` for a live run to finish; returns the release function, or throws when
 * the other run is still going.
 */
export async function acquireLock(waitMs: number): Promise<() => void> {
  const deadline = Date.now() + waitMs;
  let told = false;
  for (;;) {
    try {
      writeFileSync(LOCK_FILE, `${process.pid}\n`, { flag: "wx", mode: 0o644 });
      return () => {
        if (readLock() === String(process.pid)) rmSync(LOCK_FILE, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const pid = holder();
    if (pid === undefined) {
      // A dead run's lock (or one being written this instant: the next attempt reads it again).
      const stale = readLock();
      await sleep(200);
      if (stale !== undefined && readLock() === stale && holder() === undefined) {
        log(`om-vm-e2e: taking over the lock ${LOCK_FILE} of a run that is gone (PID ${stale || "?"})`);
        rmSync(LOCK_FILE, { force: true });
      }
      continue;
    }
    if (Date.now() >= deadline)
      throw new Error(
        `another om-vm-e2e run (PID ${pid}) still holds ${LOCK_FILE} after ${Math.round(waitMs / 1000)} s; ` +
          "the stand-in VMs share the host's network, so runs cannot overlap",
      );
    if (!told) log(`om-vm-e2e: waiting for the run with PID ${pid} to finish (${LOCK_FILE})`);
    told = true;
    await sleep(2000);
  }
}
