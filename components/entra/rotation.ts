/**
 * Client secret rotation without a clock provider: time is cut into windows of `rotationDays`. The window's
 * start is the rotation key, so the secret is replaced (created before the old one is deleted) once per
 * window, and each secret stays valid for two windows so a slow roll-out never meets an expired one.
 */
const DAY_MS = 24 * 60 * 60 * 1000;

export interface RotationWindow {
  /** Start of the current window, RFC 3339 (UTC midnight). */
  start: string;
  /** Expiry of a secret created in this window: two windows after its start. */
  endDate: string;
}

export function rotationWindow(rotationDays: number, now: Date): RotationWindow {
  const period = rotationDays * DAY_MS;
  const startMs = Math.floor(now.getTime() / period) * period;
  const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
  return { start: iso(startMs), endDate: iso(startMs + 2 * period) };
}
