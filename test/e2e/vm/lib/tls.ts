/**
 * The TLS front's certificates and the checks that need a TLS client: a throw-away PKI made by openssl (root CA →
 * intermediate CA → server certificate for the public URL's host, subjectAltName DNS:<host> and IP:127.0.0.1),
 * handed to the plan as the real vmTlsCertificate (the chain: server certificate, then the intermediate) and
 * vmTlsPrivateKey. Only the root goes to `--ca-file`, so a client trusts the server only when nginx sends the
 * whole chain.
 */
import { X509Certificate } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as net from "node:net";
import { networkInterfaces } from "node:os";
import { join } from "node:path";
import * as tls from "node:tls";
import { run } from "./proc";

export interface TlsFront {
  /** The public URL's host name: the server certificate's DNS name (and nginx's server_name). */
  host: string;
  /** The public URL's port, where nginx listens. */
  port: number;
  /** The root CA's certificate (PEM file), for `--ca-file`. */
  caFile: string;
  caPem: string;
  /** vmTlsCertificate: the server certificate, then the intermediate CA's. */
  chainPem: string;
  /** vmTlsPrivateKey: the server certificate's key (PKCS#8 PEM, EC P-256). */
  keyPem: string;
  /** SHA-256 fingerprint of the server certificate, as Node prints it (AA:BB:...). */
  leafFingerprint: string;
}

const openssl = (args: string[]) => run("openssl", args, { timeoutMs: 60_000 });

/** Root CA, intermediate CA and server certificate (2 days) for `host` and 127.0.0.1, under `dir`. */
export async function makeTlsFront(dir: string, host: string, port: number): Promise<TlsFront> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const f = (name: string) => join(dir, name);
  await openssl([
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    f("root.key"),
    "-out",
    f("root.crt"),
    "-days",
    "2",
    "-subj",
    "/CN=om-vm-e2e TLS front root CA",
    "-addext",
    "basicConstraints=critical,CA:TRUE",
    "-addext",
    "keyUsage=critical,keyCertSign,cRLSign",
  ]);
  writeFileSync(
    f("intermediate.ext"),
    "basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n" +
      "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n",
  );
  await openssl([
    "req",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    f("intermediate.key"),
    "-out",
    f("intermediate.csr"),
    "-subj",
    "/CN=om-vm-e2e TLS front intermediate CA",
  ]);
  await openssl([
    "x509",
    "-req",
    "-in",
    f("intermediate.csr"),
    "-CA",
    f("root.crt"),
    "-CAkey",
    f("root.key"),
    "-CAcreateserial",
    "-out",
    f("intermediate.crt"),
    "-days",
    "2",
    "-extfile",
    f("intermediate.ext"),
  ]);
  writeFileSync(
    f("server.ext"),
    `subjectAltName=DNS:${host},IP:127.0.0.1\nextendedKeyUsage=serverAuth\n` +
      "keyUsage=critical,digitalSignature\nbasicConstraints=critical,CA:FALSE\n" +
      "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n",
  );
  await openssl([
    "req",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:prime256v1",
    "-nodes",
    "-keyout",
    f("server.key"),
    "-out",
    f("server.csr"),
    "-subj",
    `/CN=${host}`,
  ]);
  await openssl([
    "x509",
    "-req",
    "-in",
    f("server.csr"),
    "-CA",
    f("intermediate.crt"),
    "-CAkey",
    f("intermediate.key"),
    "-CAcreateserial",
    "-out",
    f("server.crt"),
    "-days",
    "2",
    "-extfile",
    f("server.ext"),
  ]);
  const leaf = readFileSync(f("server.crt"), "utf8");
  const chainPem = `${leaf.trimEnd()}\n${readFileSync(f("intermediate.crt"), "utf8").trimEnd()}\n`;
  writeFileSync(f("fullchain.pem"), chainPem);
  return {
    host,
    port,
    caFile: f("root.crt"),
    caPem: readFileSync(f("root.crt"), "utf8"),
    chainPem,
    keyPem: readFileSync(f("server.key"), "utf8"),
    leafFingerprint: new X509Certificate(leaf).fingerprint256,
  };
}

export interface Handshake {
  ok: boolean;
  /** Fingerprints (SHA-256) of the certificates the server sent, its own first. */
  chain: string[];
  /** Why the handshake or the verification failed. */
  error?: string;
}

/** A TLS handshake with `address:port` (SNI `servername`), verified against `caPem` only. */
export function handshake(
  address: string,
  port: number,
  servername: string,
  caPem: string,
  timeoutMs = 5000,
): Promise<Handshake> {
  return new Promise((resolve) => {
    const socket = tls.connect({ host: address, port, servername, ca: [caPem], timeout: timeoutMs });
    const done = (result: Handshake) => {
      socket.destroy();
      resolve(result);
    };
    socket.once("secureConnect", () => {
      const chain: string[] = [];
      const seen = new Set<string>();
      for (let c = socket.getPeerCertificate(true); c?.fingerprint256 && !seen.has(c.fingerprint256);) {
        seen.add(c.fingerprint256);
        chain.push(c.fingerprint256);
        c = c.issuerCertificate;
      }
      done({ ok: socket.authorized, chain, error: socket.authorizationError?.message });
    });
    socket.once("timeout", () =>
      done({ ok: false, chain: [], error: `no handshake within ${timeoutMs} ms` }),
    );
    socket.once("error", (e: NodeJS.ErrnoException) =>
      done({ ok: false, chain: [], error: e.code ?? e.message }),
    );
  });
}

/** Whether a TCP connection to `address:port` is accepted: "open", or the error code (ECONNREFUSED, ...). */
export function tcpConnect(address: string, port: number, timeoutMs = 3000): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: address, port, timeout: timeoutMs });
    const done = (result: string) => {
      socket.destroy();
      resolve(result);
    };
    socket.once("connect", () => done("open"));
    socket.once("timeout", () => done("ETIMEDOUT"));
    socket.once("error", (e: NodeJS.ErrnoException) => done(e.code ?? e.message));
  });
}

/**
 * The host's addresses that are not loopback or link-local (one IPv4, one IPv6 at most). The stand-in VM shares
 * the host's network namespace, so these are the VM's own non-loopback addresses.
 */
export function nonLoopbackAddresses(): string[] {
  const all = Object.values(networkInterfaces()).flatMap((list) => list ?? []);
  const usable = all.filter(
    (a) => !a.internal && !/^fe80:/i.test(a.address) && !a.address.startsWith("169.254."),
  );
  return [
    usable.find((a) => a.family === "IPv4")?.address,
    usable.find((a) => a.family === "IPv6")?.address,
  ].filter((a): a is string => a !== undefined);
}
