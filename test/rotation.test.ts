import { rotationWindow } from "../components/entra/rotation";

describe("rotationWindow", () => {
  it.each([
    // 2026-11-28 is day 20785 since the epoch; 90-day windows start on day 20700 = 2026-09-04.
    [90, "2026-11-28T12:00:00Z", "2026-09-04T00:00:00Z", "2027-03-03T00:00:00Z"],
    [90, "2026-09-04T00:00:00Z", "2026-09-04T00:00:00Z", "2027-03-03T00:00:00Z"],
    [90, "2026-09-03T23:59:59Z", "2026-06-06T00:00:00Z", "2026-12-03T00:00:00Z"],
    [30, "1970-01-31T00:00:00Z", "1970-01-31T00:00:00Z", "1970-04-01T00:00:00Z"],
  ])("%i days at %s starts %s and the secret ends %s", (days, now, start, endDate) => {
    expect(rotationWindow(days, new Date(now))).toEqual({ start, endDate });
  });

  it("keeps the same window, hence no replacement, for every day inside it", () => {
    const starts = new Set(
      Array.from({ length: 90 }, (_, d) => rotationWindow(90, new Date(Date.UTC(2026, 8, 4 + d, 13))).start),
    );
    expect([...starts]).toEqual(["2026-09-04T00:00:00Z"]);
  });
});
