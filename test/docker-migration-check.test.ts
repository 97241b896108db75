import * as pulumi from "@pulumi/pulumi";
import { migrationFailure, migrationGate } from "../components/docker";

interface OutputInternals<T> {
  promise(): Promise<T>;
  isKnown: Promise<boolean>;
  isSecret: Promise<boolean>;
  allResources?: () => Promise<unknown>;
}

/** The Output's value or rejection; its other internal promises are settled too, so none rejects unhandled. */
async function settle<T>(o: pulumi.Output<T>): Promise<T> {
  const inner = o as unknown as OutputInternals<T>;
  const others = [inner.isKnown, inner.isSecret, inner.allResources?.()];
  const [value] = await Promise.allSettled([inner.promise(), ...others]);
  if (value.status === "rejected") throw value.reason;
  return value.value as T;
}

describe("migrationFailure", () => {
  it("is undefined for exit code 0", () => {
    expect(migrationFailure("om-migrate-1.8.12", 0, "done\n")).toBeUndefined();
  });

  it("names the container and code and shows the last 40 log lines", () => {
    const logs = Array.from({ length: 45 }, (_, i) => `line ${i + 1}`).join("\n") + "\n";
    const message = migrationFailure("om-migrate-1.8.12", 1, logs)!;
    expect(message.split("\n")[0]).toBe(
      "OpenMetadata migration (container om-migrate-1.8.12) finished with exit code 1; the server was not started. " +
        "Fix the cause, then re-run it with pulumi up --replace on the migration container. Last 40 log lines:",
    );
    expect(message.split("\n").slice(1)).toEqual(Array.from({ length: 40 }, (_, i) => `line ${i + 6}`));
  });

  it("treats a missing exit code as a failure", () => {
    expect(migrationFailure("m", undefined, undefined)).toBe(
      "OpenMetadata migration (container m) finished with no exit code; the server was not started. " +
        "Fix the cause, then re-run it with pulumi up --replace on the migration container. Last 1 log lines:\n",
    );
  });
});

describe("migrationGate", () => {
  it("passes the resource through after exit code 0", async () => {
    await expect(settle(migrationGate("server-dep", "m", 0, "ok"))).resolves.toBe("server-dep");
  });

  it("fails with the log tail after a non-zero exit", async () => {
    await expect(
      settle(migrationGate("server-dep", "m", 3, "Flyway failed\nCaused by: Access denied\n")),
    ).rejects.toThrow(
      "OpenMetadata migration (container m) finished with exit code 3; the server was not started. " +
        "Fix the cause, then re-run it with pulumi up --replace on the migration container. " +
        "Last 2 log lines:\nFlyway failed\nCaused by: Access denied",
    );
  });

  it("checks nothing while the exit code is unknown (preview)", async () => {
    const unknown = pulumi.output(pulumi.unknown as unknown as number);
    const gate = migrationGate("server-dep", "m", unknown, "");
    await expect((gate as unknown as { isKnown: Promise<boolean> }).isKnown).resolves.toBe(false);
  });
});
