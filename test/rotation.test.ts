import { expiryWarning, rotationWindow, VALIDITY_WINDOWS } from "../components/entra/rotation";

const DAY = 24 * 60 * 60 * 1000;

describe("rotationWindow", () => {
  it.each([
    // 2026-11-28 is day 20785 since the epoch; 90-day windows start on day 20700 = 2026-09-04.
    [90, "2026-11-28T12:00:00Z", "2026-09-04T00:00:00Z", "2027-06-01T00:00:00Z"],
    [90, "2026-09-04T00:00:00Z", "2026-09-04T00:00:00Z", "2027-06-01T00:00:00Z"],
    [90, "2026-09-03T23:59:59Z", "2026-06-06T00:00:00Z", "2027-03-03T00:00:00Z"],
    [30, "1970-01-31T00:00:00Z", "1970-01-31T00:00:00Z", "1970-05-01T00:00:00Z"],
  ])("%i days at %s starts %s and the secret ends %s", (days, now, start, endDate) => {
    expect(rotationWindow(days, new Date(now))).toEqual({ start, endDate });
  });

  it("keeps the same window, hence no replacement, for every day inside it", () => {
    const starts = new Set(
      Array.from({ length: 90 }, (_, d) => rotationWindow(90, new Date(Date.UTC(2026, 8, 4 + d, 13))).start),
    );
    expect([...starts]).toEqual(["2026-09-04T00:00:00Z"]);
  });

  it.each([30, 90, 180, 730])(
    "a secret created at any moment of a %i-day window is valid at least two periods after its creation",
    (days) => {
      for (let hour = 0; hour < days * 24; hour += 7) {
        const created = new Date(Date.UTC(2026, 0, 1) + hour * 3600 * 1000);
        const { endDate } = rotationWindow(days, created);
        expect(Date.parse(endDate) - created.getTime()).toBeGreaterThanOrEqual(2 * days * DAY);
      }
      expect(VALIDITY_WINDOWS).toBe(3);
    },
  );
});

describe("expiryWarning", () => {
  const now = new Date("2026-12-01T00:00:00Z");
  it("is silent while more than one period is left", () => {
    expect(expiryWarning("2027-03-02T00:00:00Z", 90, now)).toBeUndefined();
  });
  it("warns within one period of expiry", () => {
    expect(expiryWarning("2027-02-01T00:00:00Z", 90, now)).toBe(
      "the Entra client secret expires on 2027-02-01T00:00:00Z (in 62 days, less than one rotation period): run pulumi up at least once every 90 days so it rotates in time",
    );
  });
  it("says so when it has expired", () => {
    expect(expiryWarning("2026-11-30T00:00:00Z", 90, now)).toBe(
      "the Entra client secret expired on 2026-11-30T00:00:00Z: sign-in through the server fails until this update completes",
    );
  });
});
