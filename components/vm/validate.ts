/** The VM component's rules over its plain args, each problem naming the arg path. */
import {
  ABSOLUTE_PATH,
  checkForm,
  checkOneOf,
  HOST,
  LINUX_USER,
  PEM_PRIVATE_KEY,
  PORT,
  SHA256,
  wholeNumber,
  type Form,
} from "../forms";
import {
  DATABASE_ENGINES,
  DATABASE_NAME,
  SEARCH_ENGINES,
  SEARCH_SCHEMES,
  SERVICE_USER,
} from "../openmetadata/data-services";
import { releaseProblems } from "../openmetadata/releases";
import { required, type Problem } from "../problems";
import { VM_DEFAULTS, type OpenMetadataVmArgs, type VmSshEndpoint } from "./args";

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
const HTTPS_URL: Form = {
  form: "an https URL without blanks or quotes",
  test: (v) => typeof v === "string" && /^https:\/\/[^\s'"`$\\]+$/.test(v),
};
const HEALTH_URL: Form = {
  form: `an http(s) URL such as ${VM_DEFAULTS.healthUrl}`,
  test: (v) => typeof v === "string" && /^https?:\/\/[^\s'"`$\\]+$/.test(v),
};
const TRIES = wholeNumber(1, 3600, "tries");
const SECONDS = wholeNumber(1, 3600, "seconds");

const optional = (path: string, value: unknown, form: Form): Problem[] =>
  value === undefined ? [] : checkForm(path, value, form);

function endpointProblems(path: string, e: VmSshEndpoint & { privateKey?: unknown }): Problem[] {
  return [
    ...checkForm(`${path}.host`, e.host, HOST),
    ...optional(`${path}.port`, e.port, PORT),
    ...optional(`${path}.user`, e.user, LINUX_USER),
    ...optional(`${path}.hostKey`, e.hostKey, SSH_PUBLIC_KEY),
    ...(typeof e.privateKey === "string"
      ? checkForm(`${path}.privateKey`, e.privateKey, PEM_PRIVATE_KEY, { secret: true })
      : []),
  ];
}

/** Every problem with the plain arguments, each naming the argument and the accepted form. */
export function vmArgsProblems(args: Omit<OpenMetadataVmArgs, "sso">): Problem[] {
  const c = args.connection;
  const problems = endpointProblems("connection", c);
  if (c.privateKey === undefined || c.privateKey === "")
    problems.push(required("connection.privateKey", PEM_PRIVATE_KEY.form));
  if (c.bastion) problems.push(...endpointProblems("connection.bastion", c.bastion));
  problems.push(...optional("installDir", args.installDir, ABSOLUTE_PATH));
  problems.push(...optional("jwtKeyDir", args.jwtKeyDir, ABSOLUTE_PATH));
  const user = args.serviceUser ?? VM_DEFAULTS.serviceUser;
  if (!LINUX_USER.test(user) || user === "root")
    problems.push({
      path: "serviceUser",
      message: `must be ${LINUX_USER.form}, not root; got ${JSON.stringify(user)}`,
    });
  const r = args.release;
  if (r.version !== undefined) problems.push(...releaseProblems(r.version, "release.version"));
  problems.push(...checkForm("release.sha256", r.sha256, SHA256));
  problems.push(...optional("release.url", r.url, HTTPS_URL));
  problems.push(...optional("release.javaPackage", r.javaPackage, PACKAGE_NAME));
  const db = args.database;
  if (db.engine !== undefined) problems.push(...checkOneOf("database.engine", db.engine, DATABASE_ENGINES));
  problems.push(
    ...optional("database.host", db.host, HOST),
    ...optional("database.port", db.port, PORT),
    ...optional("database.name", db.name, DATABASE_NAME),
    ...optional("database.user", db.user, SERVICE_USER),
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
  );
  if (s.user !== undefined && s.password === undefined)
    problems.push(required("search.password", "with a search user: basic authentication"));
  if (s.user === undefined && s.password !== undefined)
    problems.push({ path: "search.password", message: "is only used together with a search user" });
  const h = args.healthCheck ?? {};
  problems.push(
    ...optional("healthCheck.url", h.url, HEALTH_URL),
    ...optional("healthCheck.retries", h.retries, TRIES),
    ...optional("healthCheck.intervalSeconds", h.intervalSeconds, SECONDS),
  );
  return problems;
}
