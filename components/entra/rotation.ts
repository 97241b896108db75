/**
 * Client secret rotation without a clock provider: time is cut into windows of `rotationDays`. The window's
 * start is the rotation key, so the secret is replaced (created before the old one is deleted) at the first run
 * in each window. A secret created at any moment of a window stays valid for three windows from that window's
 * start, so at least two full periods after its creation: a deployment may skip a whole period and the running
 * server still holds a valid secret.
 */
const DAY_MS = 24 * 60 * 60 * 1000;

/** Windows a secret stays valid for, counted from the start of the window it was created in. */
export const VALIDITY_WINDOWS = 3;

export interface RotationWindow {
  /** Start of the current window, RFC 3339 (UTC midnight). */
  start: string;
  /** Expiry of a secret created in this window: three windows after its start (≥ two periods after creation). */
  endDate: string;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

export function rotationWindow(rotationDays: number, now: Date): RotationWindow {
  const period = rotationDays * DAY_MS;
  const startMs = Math.floor(now.getTime() / period) * period;
  return { start: iso(startMs), endDate: iso(startMs + VALIDITY_WINDOWS * period) };
}

/**
 * A warning when the secret in use expires within one rotation period of `now` (a stack that has not been
 * deployed for two periods, or a secret from elsewhere), else undefined.
 */
export function expiryWarning(endDate: string, rotationDays: number, now: Date): string | undefined {
  const left = Date.parse(endDate) - now.getTime();
  if (Number.isNaN(left) || left >= rotationDays * DAY_MS) return undefined;
  const days = Math.max(0, Math.floor(left / DAY_MS));
  return left <= 0
    ? `the Entra client secret expired on ${endDate}: sign-in through the server fails until this update completes`
    : `the Entra client secret expires on ${endDate} (in ${days} days, less than one rotation period): run pulumi up at least once every ${rotationDays} days so it rotates in time`;
}
