/**
 * Loopback servers of the harness: a tiny fake Microsoft Entra ID (OpenID discovery and key sets, for
 * `npm run verify --entra-base-url`) and an HTTPS server for the release tarball, with a test CA made by openssl
 * that the stand-in VM trusts.
 */
import { generateKeyPairSync } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import * as http from "node:http";
import * as https from "node:https";
import { join } from "node:path";
import { run } from "./proc";

export interface Served {
  url: string;
  port: number;
  close(): Promise<void>;
}

function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : port);
    });
  });
}

const closer = (server: http.Server) => () =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

function json(res: http.ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(data) });
  res.end(data);
}

/**
 * Entra's public endpoints for any tenant: `/<tenant>/v2.0/.well-known/openid-configuration` and the key sets
 * (`/common/discovery/keys`, `/<tenant>/discovery/v2.0/keys`, `/<tenant>/discovery/keys`).
 */
export async function fakeEntra(): Promise<Served & { requests: string[] }> {
  const { publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = {
    ...(publicKey.export({ format: "jwk" }) as Record<string, string>),
    kid: "om-vm-e2e-entra",
    use: "sig",
  };
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    requests.push(path);
    const discovery = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(path);
    if (discovery) {
      const tenant = discovery[1];
      const base = `https://login.microsoftonline.com/${tenant}`;
      return json(res, 200, {
        issuer: `${base}/v2.0`,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        token_endpoint: `${base}/oauth2/v2.0/token`,
        jwks_uri: `${base}/discovery/v2.0/keys`,
        response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
        subject_types_supported: ["pairwise"],
        id_token_signing_alg_values_supported: ["RS256"],
      });
    }
    if (/^\/[^/]+\/discovery(\/v2\.0)?\/keys$/.test(path)) return json(res, 200, { keys: [jwk] });
    json(res, 404, { error: "not_found", path });
  });
  const port = await listen(server, 0);
  return { url: `http://127.0.0.1:${port}`, port, requests, close: closer(server) };
}

export interface TestCa {
  certPem: string;
  keyFile: string;
  certFile: string;
}

/** A throw-away CA (2 days) for the loopback HTTPS server. */
export async function makeCa(dir: string): Promise<TestCa> {
  const keyFile = join(dir, "ca.key");
  const certFile = join(dir, "ca.crt");
  await run("openssl", [
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    keyFile,
    "-out",
    certFile,
    "-days",
    "2",
    "-subj",
    "/CN=om-vm-e2e test CA",
    "-addext",
    "basicConstraints=critical,CA:TRUE",
    "-addext",
    "keyUsage=critical,keyCertSign,cRLSign",
  ]);
  return { certPem: readFileSync(certFile, "utf8"), keyFile, certFile };
}

/** A server certificate for these names (and 127.0.0.1), signed by the CA. */
async function serverCert(ca: TestCa, dir: string, names: string[]): Promise<{ key: string; cert: string }> {
  const key = join(dir, "server.key");
  const csr = join(dir, "server.csr");
  const crt = join(dir, "server.crt");
  const ext = join(dir, "server.ext");
  const san = [...new Set(names)].map((n) => (/^\d+\.\d+\.\d+\.\d+$/.test(n) ? `IP:${n}` : `DNS:${n}`));
  writeFileSync(ext, `subjectAltName=${[...san, "IP:127.0.0.1"].join(",")}\nextendedKeyUsage=serverAuth\n`);
  await run("openssl", [
    "req",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    key,
    "-out",
    csr,
    "-subj",
    `/CN=${names[0]}`,
  ]);
  await run("openssl", [
    "x509",
    "-req",
    "-in",
    csr,
    "-CA",
    ca.certFile,
    "-CAkey",
    ca.keyFile,
    "-CAcreateserial",
    "-out",
    crt,
    "-days",
    "2",
    "-extfile",
    ext,
  ]);
  return { key: readFileSync(key, "utf8"), cert: readFileSync(crt, "utf8") };
}

/**
 * Serves files over HTTPS on 127.0.0.1:port (0: any free port), with a certificate for `hostName`: each URL path
 * its file; `downloads(path)` counts the requests for one path, `downloads()` for all.
 */
export async function serveFilesHttps(
  ca: TestCa,
  dir: string,
  hostName: string,
  port: number,
  files: Record<string, string>,
): Promise<Served & { downloads: (path?: string) => number; urlOf: (path: string) => string }> {
  const { key, cert } = await serverCert(ca, dir, [hostName]);
  const counts = new Map<string, number>();
  const bodies = new Map(Object.entries(files).map(([path, file]) => [path, readFileSync(file)]));
  const server = https.createServer({ key, cert }, (req, res) => {
    const path = (req.url ?? "").split("?")[0];
    const body = bodies.get(path);
    if (!body) {
      res.writeHead(404).end("not found\n");
      return;
    }
    counts.set(path, (counts.get(path) ?? 0) + 1);
    res.writeHead(200, { "Content-Type": "application/gzip", "Content-Length": body.length });
    res.end(body);
  });
  const bound = await listen(server, port);
  const origin = `https://${hostName}${bound === 443 ? "" : `:${bound}`}`;
  return {
    url: origin,
    port: bound,
    urlOf: (path) => `${origin}${path}`,
    downloads: (path) =>
      path === undefined ? [...counts.values()].reduce((a, b) => a + b, 0) : (counts.get(path) ?? 0),
    close: closer(server),
  };
}

/** Serves one file at `path` over HTTPS on 127.0.0.1:port, with a certificate for `hostName`. */
export async function serveFileHttps(
  ca: TestCa,
  dir: string,
  hostName: string,
  port: number,
  path: string,
  file: string,
): Promise<Served & { downloads: () => number }> {
  const served = await serveFilesHttps(ca, dir, hostName, port, { [path]: file });
  return { ...served, url: served.urlOf(path), downloads: () => served.downloads(path) };
}
