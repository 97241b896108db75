import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderSystemdUnit, unitExecutables } from "../components/vm";
import { checkUnit, hasTool } from "../tools/vm/render-check";

const unit = renderSystemdUnit({ installDir: "/opt/openmetadata", serviceUser: "openmetadata" });
const lines = unit.split("\n");

describe("renderSystemdUnit", () => {
  it("runs the migration first, then the start script with conf/openmetadata.yaml, from the env file", () => {
    expect(lines.filter((l) => /^(Exec|EnvironmentFile|User|Group|WorkingDirectory)/.test(l))).toEqual([
      "User=openmetadata",
      "Group=openmetadata",
      "WorkingDirectory=/opt/openmetadata",
      "EnvironmentFile=/etc/openmetadata/openmetadata.env",
      "ExecStartPre=/opt/openmetadata/bootstrap/openmetadata-ops.sh migrate",
      "ExecStart=/opt/openmetadata/bin/openmetadata-server-start.sh /opt/openmetadata/conf/openmetadata.yaml",
    ]);
  });

  it("restarts on failure and hardens the service", () => {
    for (const l of [
      "Restart=on-failure",
      "NoNewPrivileges=true",
      "ProtectSystem=full",
      "PrivateTmp=true",
      "WantedBy=multi-user.target",
    ]) {
      expect(lines).toContain(l);
    }
  });

  it("with the stored-SSO reset: runs it after the migration, through /bin/sh, with its state directory", () => {
    const withReset = renderSystemdUnit({
      installDir: "/opt/openmetadata",
      serviceUser: "openmetadata",
      docs: "v1.13.x",
      resetsSecurityConfig: true,
    });
    // Only these lines differ from the unit without the reset (and the docs link).
    const extra = withReset.split("\n").filter((l) => !lines.includes(l));
    expect(extra).toEqual([
      "Documentation=https://docs.open-metadata.org/v1.13.x/deployment/bare-metal",
      "ExecStartPre=-/bin/sh /etc/openmetadata/reset-security-config.sh",
      "StateDirectory=openmetadata-entra",
      "StateDirectoryMode=0700",
    ]);
    const exec = withReset.split("\n").filter((l) => l.startsWith("Exec"));
    expect(exec).toEqual([
      "ExecStartPre=/opt/openmetadata/bootstrap/openmetadata-ops.sh migrate",
      "ExecStartPre=-/bin/sh /etc/openmetadata/reset-security-config.sh",
      "ExecStart=/opt/openmetadata/bin/openmetadata-server-start.sh /opt/openmetadata/conf/openmetadata.yaml",
    ]);
  });

  it("names the executables it runs", () => {
    expect(unitExecutables("/srv/om")).toEqual({
      migrate: "/srv/om/bootstrap/openmetadata-ops.sh",
      start: "/srv/om/bin/openmetadata-server-start.sh",
    });
  });
});

const verify = hasTool("systemd-analyze") ? describe : describe.skip;
if (!hasTool("systemd-analyze")) {
  console.warn("skipping systemd-analyze verify: not installed (apt-get install -y systemd)");
}

verify("systemd-analyze verify", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "vm-unit-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("accepts the rendered unit without a warning", () => {
    expect(checkUnit(unit, dir)).toEqual({ name: "systemd-analyze verify", ok: true, output: "" });
  });

  it("catches a misspelt key, which systemd only warns about", () => {
    const result = checkUnit(unit.replace("Restart=on-failure", "Restartt=on-failure"), dir);
    expect(result.ok).toBe(false);
    expect(result.output).toContain("Unknown key 'Restartt' in section [Service], ignoring.");
  });
});
