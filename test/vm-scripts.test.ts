import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import {
  atomicWriteLines,
  deleteResetScript,
  restartScript,
  writeKeysScript,
  writeResetScript,
  type RemoteFile,
} from "../components/vm/scripts";

/** Runs the lines for real with sh, as the current user (no sudo), stdin given. */
function runLines(lines: string[], stdin = ""): number | null {
  return spawnSync("sh", ["-c", ["set -eu", "S=", ...lines].join("\n")], { input: stdin }).status;
}

const owner = userInfo().username;

describe("atomicWriteLines (run with sh)", () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "vm-scripts-"));
    path = join(dir, "openmetadata.env");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const envFile = (): RemoteFile => ({
    path,
    mode: "0600",
    owner,
    source: { text: "A=1\nB=two\n" },
    backup: true,
    appendStdin: true,
  });

  it("writes inline text plus stdin with mode 0600 and keeps the previous file as .bak", () => {
    writeFileSync(path, "OLD=1\n");
    expect(runLines(atomicWriteLines(envFile()), "SECRET=s3\n")).toBe(0);
    expect(readFileSync(path, "utf8")).toBe("A=1\nB=two\nSECRET=s3\n");
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(`${path}.bak`, "utf8")).toBe("OLD=1\n");
    expect(readdirSync(dir).sort()).toEqual(["openmetadata.env", "openmetadata.env.bak"]);
  });

  it("decodes base64 from stdin and leaves the old file untouched when decoding fails", () => {
    const file: RemoteFile = { path, mode: "0600", owner, source: "stdin-base64" };
    expect(runLines(atomicWriteLines(file), Buffer.from("der-bytes").toString("base64"))).toBe(0);
    expect(readFileSync(path, "utf8")).toBe("der-bytes");
    expect(runLines(atomicWriteLines(file), "!!! not base64 !!!")).not.toBe(0);
    expect(readFileSync(path, "utf8")).toBe("der-bytes");
  });

  it("decodes inline base64 through a heredoc", () => {
    const file: RemoteFile = {
      path,
      mode: "0644",
      owner,
      source: { base64: Buffer.from("pub").toString("base64") },
    };
    expect(runLines(atomicWriteLines(file))).toBe(0);
    expect(readFileSync(path, "utf8")).toBe("pub");
    expect(statSync(path).mode & 0o777).toBe(0o644);
  });

  it("writes text from stdin (the TLS private key) with its mode from the start", () => {
    const file: RemoteFile = { path, mode: "0600", owner, source: "stdin-text" };
    expect(runLines(atomicWriteLines(file), "-----BEGIN PRIVATE KEY-----\nabc\n")).toBe(0);
    expect(readFileSync(path, "utf8")).toBe("-----BEGIN PRIVATE KEY-----\nabc\n");
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(["openmetadata.env"]);
  });

  it("refuses content that contains the heredoc delimiter", () => {
    expect(() => atomicWriteLines({ ...envFile(), source: { text: "X=1\nOPENMETADATA_FILE\n" } })).toThrow(
      "file content contains the heredoc delimiter OPENMETADATA_FILE",
    );
    expect(existsSync(path)).toBe(false);
  });
});

describe("writeKeysScript (run with sh)", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "vm-keys-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  /** The script as the current user, without sudo (whoever runs the tests). */
  const script = () =>
    writeKeysScript({
      privateKeyPath: join(dir, "private_key.der"),
      publicKeyPath: join(dir, "public_key.der"),
      publicKeyDerBase64: Buffer.from("public der").toString("base64"),
      serviceUser: owner,
    }).replace('S=; [ "$(id -u)" -eq 0 ] || S="sudo -n"\n', "S=\n");

  it("writes the private key from stdin (0600) and the public key inline (0644)", () => {
    const r = spawnSync("sh", ["-c", script()], { input: Buffer.from("private der").toString("base64") });
    expect(r.status).toBe(0);
    expect(
      ["private_key.der", "public_key.der"].map((f) => [
        readFileSync(join(dir, f), "utf8"),
        statSync(join(dir, f)).mode & 0o777,
      ]),
    ).toEqual([
      ["private der", 0o600],
      ["public der", 0o644],
    ]);
    expect(readdirSync(dir).sort()).toEqual(["private_key.der", "public_key.der"]);
  });

  it("stops at a bad private key, and its exit trap removes the temporary file", () => {
    const r = spawnSync("sh", ["-c", script()], { input: "!!! not base64 !!!" });
    expect(r.status).not.toBe(0);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe("the reset script's writer and remover", () => {
  const PREAMBLE = 'set -eu\nS=; [ "$(id -u)" -eq 0 ] || S="sudo -n"\n';

  it("writes it 0640 root:<service user> (read by /bin/sh as the service user, changed by root only)", () => {
    expect(writeResetScript("set -u\necho reset\n", "om-svc")).toBe(
      PREAMBLE +
        "cleanup() { $S rm -f '/etc/openmetadata/reset-security-config.sh.new'; }; trap cleanup EXIT\n" +
        "$S rm -f '/etc/openmetadata/reset-security-config.sh.new'\n" +
        "$S install -m '0640' -o 'root' -g 'om-svc' /dev/null '/etc/openmetadata/reset-security-config.sh.new'\n" +
        "$S tee '/etc/openmetadata/reset-security-config.sh.new' >/dev/null <<'OPENMETADATA_FILE'\n" +
        "set -u\necho reset\nOPENMETADATA_FILE\n" +
        "$S mv -f '/etc/openmetadata/reset-security-config.sh.new' '/etc/openmetadata/reset-security-config.sh'\n",
    );
  });

  it("removes the script and the recorded digest, and keeps the backups", () => {
    expect(deleteResetScript()).toBe(
      PREAMBLE +
        "$S rm -f '/etc/openmetadata/reset-security-config.sh' '/etc/openmetadata/reset-security-config.sh.new' '/var/lib/openmetadata-entra/applied-sso-digest'\n",
    );
  });

  const asRoot = process.getuid?.() === 0 ? it : it.skip;
  asRoot("gives the file the group it names (run with sh as root)", () => {
    const dir = mkdtempSync(join(tmpdir(), "vm-reset-writer-"));
    try {
      const script = writeResetScript("echo reset\n", "nogroup")
        .replace(PREAMBLE, "set -eu\nS=\n")
        .split("/etc/openmetadata/")
        .join(`${dir}/`);
      expect(spawnSync("sh", ["-c", script]).status).toBe(0);
      const st = statSync(join(dir, "reset-security-config.sh"));
      const nogroup = spawnSync("getent", ["group", "nogroup"], { encoding: "utf8" }).stdout.split(":")[2];
      expect([st.mode & 0o777, st.uid, st.gid]).toEqual([0o640, 0, Number(nogroup)]);
      expect(readdirSync(dir)).toEqual(["reset-security-config.sh"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("restartScript", () => {
  it("is valid sh", () => {
    const script = restartScript({
      url: "http://127.0.0.1:8586/healthcheck",
      retries: 2,
      intervalSeconds: 1,
    });
    expect(spawnSync("sh", ["-n"], { input: script }).status).toBe(0);
  });
});
