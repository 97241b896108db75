/**
 * Runs a remote.Command's script the way @pulumi/command 1.2.1 does, with the OpenSSH client instead of Go's
 * x/crypto/ssh (see README.md, "remote.Command semantics"): one `exec` request with the script as the command
 * (the login shell runs it with -c), no pty, the `stdin` input piped only when non-empty (else EOF at once), the
 * connection's host, port and user, its private key only, and the host key checked against `hostKey` alone
 * (StrictHostKeyChecking=yes with a known_hosts file holding exactly that key) or not at all when it is unset.
 */
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { run, runSync, sleep, type RunResult } from "./proc";

export interface Connection {
  host: string;
  port?: number;
  user?: string;
  privateKey?: string;
  privateKeyPassword?: string;
  password?: string;
  hostKey?: string;
  dialErrorLimit?: number;
  perDialTimeout?: number;
  proxy?: Connection;
}

/** Transport failures that the provider's dial loop retries (up to dialErrorLimit). */
const DIAL_ERROR =
  /Connection refused|Connection timed out|Operation timed out|No route to host|Connection reset|kex_exchange_identification|Connection closed by/;

export class SshRunner {
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  /** Files for one endpoint: the private key and a known_hosts with only the expected host key. */
  private endpointArgs(
    c: Connection,
    label: string,
  ): { args: string[]; destination: string; notes: string[] } {
    const notes: string[] = [];
    const port = c.port ?? 22;
    const user = c.user ?? "root";
    if (c.password !== undefined || c.privateKeyPassword !== undefined)
      throw new Error(`${label}: password and encrypted keys are not supported by the harness`);
    if (c.privateKey === undefined || c.privateKey === "[secret]")
      throw new Error(`${label}: no private key in the plan (run it with --show-secrets)`);
    const id = createHash("sha256").update(JSON.stringify(c)).digest("hex").slice(0, 12);
    const keyFile = join(this.dir, `${label}-${id}.key`);
    writeFileSync(keyFile, c.privateKey.endsWith("\n") ? c.privateKey : `${c.privateKey}\n`, { mode: 0o600 });
    const args = [
      "-F",
      "/dev/null",
      "-i",
      keyFile,
      "-o",
      "IdentitiesOnly=yes",
      "-o",
      "IdentityAgent=none",
      "-o",
      "BatchMode=yes",
      "-o",
      "PasswordAuthentication=no",
      "-o",
      "KbdInteractiveAuthentication=no",
      "-o",
      "LogLevel=ERROR",
      "-o",
      `ConnectTimeout=${c.perDialTimeout ?? 15}`,
      "-p",
      String(port),
      "-l",
      user,
    ];
    if (c.hostKey !== undefined) {
      const [type, key] = c.hostKey.trim().split(/\s+/);
      const knownHosts = join(this.dir, `${label}-${id}.known_hosts`);
      const name = port === 22 ? c.host : `[${c.host}]:${port}`;
      writeFileSync(knownHosts, `${name} ${type} ${key}\n`);
      args.push(
        "-o",
        "StrictHostKeyChecking=yes",
        "-o",
        `UserKnownHostsFile=${knownHosts}`,
        "-o",
        "GlobalKnownHostsFile=/dev/null",
        "-o",
        `HostKeyAlgorithms=${type}`,
        "-o",
        "CheckHostIP=no",
      );
    } else {
      notes.push(`${label}: no hostKey in the plan, so the host key is not checked (as the provider does)`);
      args.push(
        "-o",
        "StrictHostKeyChecking=no",
        "-o",
        "UserKnownHostsFile=/dev/null",
        "-o",
        "GlobalKnownHostsFile=/dev/null",
      );
    }
    return { args, destination: c.host, notes };
  }

  /** Runs `script` over the connection; resolves with the result (never throws on a non-zero status). */
  async run(
    connection: Connection,
    script: string,
    stdin: string | undefined,
    environment: Record<string, string> | undefined,
  ): Promise<RunResult & { notes: string[] }> {
    const target = this.endpointArgs(connection, "target");
    const args = [...target.args];
    const notes = [...target.notes];
    if (connection.proxy) {
      const proxy = this.endpointArgs(connection.proxy, "proxy");
      notes.push(...proxy.notes);
      const inner = ["ssh", ...proxy.args, "-W", "%h:%p", proxy.destination]
        .map((a) => (a === "%h:%p" ? a : `'${a.replace(/'/g, `'\\''`)}'`))
        .join(" ");
      args.push("-o", `ProxyCommand=${inner}`);
    }
    for (const [k, v] of Object.entries(environment ?? {})) args.push("-o", `SetEnv=${k}=${v}`);
    if (environment && Object.keys(environment).length > 0)
      notes.push(
        "environment: sent with SetEnv; the provider fails when sshd refuses a variable, OpenSSH does not",
      );
    args.push("-T", target.destination, "--", script);
    const limit = connection.dialErrorLimit ?? 10;
    for (let attempt = 1; ; attempt++) {
      const r = await run("ssh", args, { input: stdin && stdin.length > 0 ? stdin : "", check: false });
      const dialFailed = r.code === 255 && DIAL_ERROR.test(r.stderr);
      if (!dialFailed || (limit !== -1 && attempt >= limit)) return { ...r, notes };
      await sleep(1000);
    }
  }
}

/** The OpenSSH public key of a private key (PEM or OpenSSH), or undefined when ssh-keygen cannot read it. */
export function publicKeyOf(privateKeyPem: string, dir: string): string | undefined {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(
    dir,
    `probe-${createHash("sha256").update(privateKeyPem).digest("hex").slice(0, 12)}.key`,
  );
  writeFileSync(file, privateKeyPem.endsWith("\n") ? privateKeyPem : `${privateKeyPem}\n`, { mode: 0o600 });
  const r = runSync("ssh-keygen", ["-y", "-f", file]);
  return r.code === 0 ? r.stdout.trim() : undefined;
}

/** A new ed25519 key pair for the harness's own login. */
export function generateKey(dir: string, name: string): { privateKeyFile: string; publicKey: string } {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, name);
  runSync("rm", ["-f", file, `${file}.pub`]);
  const r = runSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "om-vm-e2e", "-f", file]);
  if (r.code !== 0) throw new Error(`ssh-keygen failed: ${r.stderr}`);
  return { privateKeyFile: file, publicKey: runSync("cat", [`${file}.pub`]).stdout.trim() };
}
