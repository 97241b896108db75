import { planMatrix, withVersion } from "../tools/plan/matrix";

describe("plan matrix", () => {
  it("sets only openmetadataVersion, keeping comments and every other key", () => {
    const text = "# dev\nconfig:\n  openmetadata-entra:publicUrl: http://localhost:8585 # the UI\n";
    expect(withVersion(text, "1.10.14")).toBe(
      "# dev\nconfig:\n  openmetadata-entra:publicUrl: http://localhost:8585 # the UI\n  openmetadata-entra:openmetadataVersion: 1.10.14\n",
    );
    expect(withVersion(withVersion(text, "1.10.14"), "1.8.12")).toBe(
      "# dev\nconfig:\n  openmetadata-entra:publicUrl: http://localhost:8585 # the UI\n  openmetadata-entra:openmetadataVersion: 1.8.12\n",
    );
  });

  it("plans a shipped stack at each version it is given, and reports a version it cannot plan", async () => {
    const rows = await planMatrix(["dev"], ["1.8.12", "1.13.1", "1.12.2"]);
    expect(rows.map(({ resources: _r, ...row }) => row)).toEqual([
      { stack: "dev", target: "docker", version: "1.8.12" },
      { stack: "dev", target: "docker", version: "1.13.1" },
      {
        stack: "dev",
        target: "?",
        version: "1.12.2",
        error:
          'Invalid stack config (1 problem): openmetadata-entra:openmetadataVersion: must be a published 1.12 patch (1.12.1, 1.12.3, 1.12.4, 1.12.5, 1.12.6, 1.12.7, 1.12.8, 1.12.9, 1.12.10, 1.12.11, 1.12.12, or a newer one); got "1.12.2"',
      },
    ]);
    expect(rows[0].resources).toBeGreaterThan(10);
  });
});
