/** The VM component's rules over its plain args, each problem naming the arg path. */
import { createPrivateKey, X509Certificate } from "node:crypto";
import { isIP } from "node:net";
import {
  BIND_ADDRESS,
  checkForm,
  checkOneOf,
  HOST,
  LINUX_USER,
  PEM_CERTIFICATE,
  PEM_PRIVATE_KEY,
  PORT,
  SERVICE_DIRECTORY,
  SHA256,
  urlForm,
  wholeNumber,
  type Form,
} from "../forms";
import {
  DATABASE_ENGINES,
  DATABASE_NAME,
  defaultDatabaseParams,
  defaultSearchScheme,
  JDBC_PARAMS,
  productionTransportProblems,
  SEARCH_ENGINES,
  secretValueProblems,
  SEARCH_SCHEMES,
  SERVICE_USER,
} from "../openmetadata/data-services";
import { DEFAULT_OPENMETADATA_VERSION, releaseProblems } from "../openmetadata/releases";
import { ssoConfigSourceProblems } from "../openmetadata/security-config";
import { required, type Problem } from "../problems";
import { DEFAULT_JWT_KEY_DIR } from "../openmetadata/sso/model";
import { VM_DEFAULTS, type OpenMetadataVmArgs, type VmSshEndpoint } from "./args";
import { ENV_FILE_DIR, STATE_DIR } from "./unit";

/** An OpenSSH public key line, as `ssh-keyscan` prints it (without the host name). */
export const SSH_PUBLIC_KEY: Form = {
  form: "an OpenSSH public key such as 'ssh-ed25519 AAAA...'",
  test: (v) =>
    typeof v === "string" &&
    /^(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp(256|384|521)|sk-[a-z0-9@.-]+) [A-Za-z0-9+/]+={0,3}( [^\n]*)?$/.test(
      v,
    ),
};
/** A Debian package name. */
export const PACKAGE_NAME: Form = {
  form: "a package name such as openjdk-21-jre-headless",
  test: (v) => typeof v === "string" && /^[a-z0-9][a-z0-9.+-]+$/.test(v),
};
const RELEASE_URL = urlForm(["https", "http"], "https://mirror.example.com/openmetadata-1.8.12.tar.gz");
const HEALTH_URL = urlForm(["http", "https"], VM_DEFAULTS.healthUrl);
const TRIES = wholeNumber(1, 3600, "tries");
const SECONDS = wholeNumber(1, 3600, "seconds");

const optional = (path: string, value: unknown, form: Form): Problem[] =>
  value === undefined ? [] : checkForm(path, value, form);

function endpointProblems(
  path: string,
  e: VmSshEndpoint & { privateKey?: unknown },
  skipHostKey: boolean,
): Problem[] {
  const hostKey = skipHostKey
    ? e.hostKey === undefined
      ? []
      : [
          {
            path: `${path}.hostKey`,
            message: "is not checked with connection.insecureSkipHostKeyCheck; set one or the other",
          },
        ]
    : e.hostKey === undefined
      ? [
          required(
            `${path}.hostKey`,
            "the SSH host key, so no man in the middle receives the secrets; e.g. from ssh-keyscan -t ed25519 <host>",
          ),
        ]
      : [];
  return [
    ...hostKey,
    ...checkForm(`${path}.host`, e.host, HOST),
    ...optional(`${path}.port`, e.port, PORT),
    ...optional(`${path}.user`, e.user, LINUX_USER),
    ...optional(`${path}.hostKey`, e.hostKey, SSH_PUBLIC_KEY),
    ...(typeof e.privateKey === "string"
      ? checkForm(`${path}.privateKey`, e.privateKey, PEM_PRIVATE_KEY, { secret: true })
      : []),
  ];
}

/** Problems of the TLS front for `publicUrl`. */
function tlsProblems(tls: OpenMetadataVmArgs["tls"], publicUrl: string): Problem[] {
  const https = publicUrl.startsWith("https:");
  const mode: unknown = tls?.mode;
  if (mode === undefined)
    return https
      ? [
          required(
            "tls.mode",
            "for an https public URL: nginx (TLS on the VM) or external (a proxy in front of it)",
          ),
        ]
      : [];
  const problems = checkOneOf("tls.mode", mode, ["nginx", "external", "none"]);
  if (https && mode === "none")
    problems.push({
      path: "tls.mode",
      message: "must be nginx or external for an https public URL (nothing else terminates TLS)",
    });
  if (!https && mode !== "none")
    problems.push({
      path: "tls.mode",
      message: `must be none for an http public URL; got ${JSON.stringify(mode)}`,
    });
  if (tls?.mode !== "nginx") return problems;
  if (new URL(publicUrl).pathname.replace(/\/+$/, "") !== "")
    problems.push({
      path: "tls.mode",
      message:
        "must be external for a public URL with a base path (serve OpenMetadata under a sub-path with your own proxy)",
    });
  const { certificatePem: cert, privateKeyPem: key } = tls;
  if (cert === undefined || cert === "") problems.push(required("tls.certificatePem", PEM_CERTIFICATE.form));
  else if (typeof cert === "string")
    problems.push(...checkForm("tls.certificatePem", cert, PEM_CERTIFICATE, { secret: true }));
  if (key === undefined || key === "") problems.push(required("tls.privateKeyPem", PEM_PRIVATE_KEY.form));
  else if (typeof key === "string")
    problems.push(...checkForm("tls.privateKeyPem", key, PEM_PRIVATE_KEY, { secret: true }));
  if (
    typeof cert === "string" &&
    typeof key === "string" &&
    PEM_CERTIFICATE.test(cert) &&
    PEM_PRIVATE_KEY.test(key)
  ) {
    // nginx -t would refuse a pair that does not match, mid-deployment: refuse it here.
    let matches: boolean;
    try {
      matches = new X509Certificate(cert).checkPrivateKey(createPrivateKey(key));
    } catch {
      matches = false;
    }
    if (!matches)
      problems.push({
        path: "tls.privateKeyPem",
        message: "must be the private key of tls.certificatePem's certificate (they do not match)",
      });
  }
  // For the https URL nginx serves (an http one is refused above).
  if (https && typeof cert === "string" && PEM_CERTIFICATE.test(cert))
    problems.push(...certificateProblems(cert, new URL(publicUrl).hostname));
  return problems;
}

/** The first certificate of a PEM chain (the server's own). */
const leafOf = (chainPem: string): string =>
  /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(chainPem)?.[0] ?? chainPem;

const utc = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, "Z");

/**
 * The server certificate (the chain's first) must be one a browser accepts for the public URL, or nginx serves a
 * certificate every client refuses: it names the URL's host in its subjectAltName (a DNS name, a wildcard for one
 * label, or the IP address; browsers ignore the subject CN, so `subject: "never"`), and it is valid now (neither
 * expired nor not yet valid). What the certificate names and its dates are public (every TLS client sees them).
 */
export function certificateProblems(chainPem: string, publicHost: string, now = new Date()): Problem[] {
  let leaf: X509Certificate;
  try {
    leaf = new X509Certificate(leafOf(chainPem));
  } catch {
    return [
      { path: "tls.certificatePem", message: "must be a readable X.509 certificate (the chain's first)" },
    ];
  }
  const problems: Problem[] = [];
  // The public URL's form allows DNS names and IPv4 addresses; brackets and a final dot are dropped all the same.
  const host = publicHost.replace(/^\[(.*)\]$/, "$1").replace(/\.$/, "");
  const ip = isIP(host) !== 0;
  const named = ip
    ? leaf.checkIP(host) !== undefined
    : leaf.checkHost(host, { subject: "never", wildcards: true, partialWildcards: false }) !== undefined;
  if (!named)
    problems.push({
      path: "tls.certificatePem",
      message:
        `must name the public URL's host ${host} in its subjectAltName${ip ? " (as an IP address)" : ""}; ` +
        `it names ${leaf.subjectAltName ?? "nothing there (only a subject CN, which browsers ignore)"}`,
    });
  const from = new Date(leaf.validFrom);
  const to = new Date(leaf.validTo);
  if (now.getTime() > to.getTime())
    problems.push({
      path: "tls.certificatePem",
      message: `has expired: it was valid until ${utc(to)} (renew it and set the new one)`,
    });
  else if (now.getTime() < from.getTime())
    problems.push({
      path: "tls.certificatePem",
      message: `is not valid yet: it is valid from ${utc(from)} (check the clock that made it, or wait)`,
    });
  return problems;
}

const inside = (path: string, dir: string): boolean => path === dir || path.startsWith(`${dir}/`);
const overlaps = (a: string, b: string): boolean => inside(a, b) || inside(b, a);

/**
 * The release directory is replaced as a whole by an upgrade (scripts.ts swapReleaseLines), so nothing that must
 * survive one may live in it: the env file's directory (with the TLS files), the JWT keys and the state directory.
 */
function releaseDirProblems(installDir: unknown, jwtKeyDir: unknown): Problem[] {
  const dir = installDir ?? VM_DEFAULTS.installDir;
  const keys = jwtKeyDir ?? DEFAULT_JWT_KEY_DIR;
  if (!SERVICE_DIRECTORY.test(dir) || !SERVICE_DIRECTORY.test(keys)) return [];
  const problems: Problem[] = [];
  for (const kept of [ENV_FILE_DIR, STATE_DIR])
    if (overlaps(dir as string, kept))
      problems.push({
        path: "installDir",
        message: `must not hold or be inside ${kept}: an upgrade replaces the release directory, and ${kept} must stay; got ${JSON.stringify(dir)}`,
      });
  if (overlaps(dir as string, keys as string) && !inside(keys as string, ENV_FILE_DIR))
    problems.push({
      path: "jwtKeyDir",
      message: `must be outside installDir (${dir as string}): an upgrade replaces the release directory, and the keys must stay; got ${JSON.stringify(keys)}`,
    });
  return problems;
}

/** Every problem with the plain arguments, each naming the argument and the accepted form. */
export function vmArgsProblems(args: Omit<OpenMetadataVmArgs, "sso">, publicUrl: string): Problem[] {
  const c = args.connection;
  const skip = c.insecureSkipHostKeyCheck === true;
  const problems = endpointProblems("connection", c, skip);
  if (c.privateKey === undefined || c.privateKey === "")
    problems.push(required("connection.privateKey", PEM_PRIVATE_KEY.form));
  if (c.bastion) problems.push(...endpointProblems("connection.bastion", c.bastion, skip));
  problems.push(...optional("installDir", args.installDir, SERVICE_DIRECTORY));
  problems.push(...optional("jwtKeyDir", args.jwtKeyDir, SERVICE_DIRECTORY));
  problems.push(...releaseDirProblems(args.installDir, args.jwtKeyDir));
  const user = args.serviceUser ?? VM_DEFAULTS.serviceUser;
  if (!LINUX_USER.test(user) || user === "root")
    problems.push({
      path: "serviceUser",
      message: `must be ${LINUX_USER.form}, not root; got ${JSON.stringify(user)}`,
    });
  const r = args.release;
  if (r.version !== undefined) problems.push(...releaseProblems(r.version, "release.version"));
  if (args.ssoConfigSource !== undefined)
    problems.push(
      ...ssoConfigSourceProblems(args.ssoConfigSource, r.version ?? DEFAULT_OPENMETADATA_VERSION),
    );
  problems.push(...checkForm("release.sha256", r.sha256, SHA256));
  problems.push(...optional("release.url", r.url, RELEASE_URL));
  problems.push(...optional("release.javaPackage", r.javaPackage, PACKAGE_NAME));
  const db = args.database;
  if (db.engine !== undefined) problems.push(...checkOneOf("database.engine", db.engine, DATABASE_ENGINES));
  problems.push(
    ...optional("database.host", db.host, HOST),
    ...optional("database.port", db.port, PORT),
    ...optional("database.name", db.name, DATABASE_NAME),
    ...optional("database.user", db.user, SERVICE_USER),
    ...optional("database.params", db.params, JDBC_PARAMS),
    ...secretValueProblems("database.password", db.password),
  );
  if (db.password === undefined || db.password === "")
    problems.push(required("database.password", "the database user's password"));
  const s = args.search ?? {};
  if (s.engine !== undefined) problems.push(...checkOneOf("search.engine", s.engine, SEARCH_ENGINES));
  if (s.scheme !== undefined) problems.push(...checkOneOf("search.scheme", s.scheme, SEARCH_SCHEMES));
  problems.push(
    ...optional("search.host", s.host, HOST),
    ...optional("search.port", s.port, PORT),
    ...optional("search.user", s.user, SERVICE_USER),
    ...secretValueProblems("search.password", s.password),
  );
  if (s.user !== undefined && s.password === undefined)
    problems.push(required("search.password", "with a search user: basic authentication"));
  if (s.user === undefined && s.password !== undefined)
    problems.push({ path: "search.password", message: "is only used together with a search user" });
  if (args.production) {
    if (skip)
      problems.push({
        path: "connection.insecureSkipHostKeyCheck",
        message: "must be false in production (the SSH host keys are always checked)",
      });
    const engine = db.engine ?? VM_DEFAULTS.databaseEngine;
    const dbHost = db.host ?? VM_DEFAULTS.databaseHost;
    const searchHost = s.host ?? VM_DEFAULTS.searchHost;
    problems.push(
      ...productionTransportProblems(
        {
          path: "database",
          engine,
          host: dbHost,
          params: db.params ?? defaultDatabaseParams(engine, dbHost),
        },
        { path: "search", host: searchHost, scheme: s.scheme ?? defaultSearchScheme(searchHost) },
      ),
    );
  }
  problems.push(...optional("serverBindAddress", args.serverBindAddress, BIND_ADDRESS));
  problems.push(...tlsProblems(args.tls, publicUrl));
  const h = args.healthCheck ?? {};
  problems.push(
    ...optional("healthCheck.url", h.url, HEALTH_URL),
    ...optional("healthCheck.retries", h.retries, TRIES),
    ...optional("healthCheck.intervalSeconds", h.intervalSeconds, SECONDS),
  );
  return problems;
}
