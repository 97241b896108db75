/**
 * Pulumi.yaml's `config:` block and the README's config reference against the owners' declarations. Each check
 * reads the files themselves and compares them with the registry (core keys, then each target's, in
 * `targets/registry.ts` order) and with the owners' default constants, never with the generator's output, so a
 * stale file, a generator bug or a restated default fails here.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { DOCKER_DEFAULTS } from "../components/docker/args";
import { ENTRA_APP_DEFAULTS } from "../components/entra/validate";
import { KUBERNETES_DEFAULTS } from "../components/kubernetes/args";
import {
  DEFAULT_SEARCH_PORT,
  OPENMETADATA_DATABASE,
  OPENMETADATA_DB_USER,
} from "../components/openmetadata/data-services";
import { DEFAULT_OPENMETADATA_VERSION } from "../components/openmetadata/releases";
import { DEFAULT_SSO_CONFIG_SOURCE } from "../components/openmetadata/security-config";
import { SSO_DEFAULTS } from "../components/openmetadata/sso/model";
import { VM_DEFAULTS } from "../components/vm/args";
import { CONFIG_KEYS } from "../config";
import { CORE_KEYS, type ConfigKeyDeclaration } from "../config/keys";
import { TARGETS } from "../targets/registry";

const ROOT = join(__dirname, "..");
// `yaml` refuses a mapping with a repeated key, so a key declared twice in Pulumi.yaml fails right here.
const PROJECT = parse(readFileSync(join(ROOT, "Pulumi.yaml"), "utf8"));
const PULUMI_CONFIG = PROJECT.config as Record<string, Record<string, unknown>>;
const README = readFileSync(join(ROOT, "README.md"), "utf8");

/** Every key, owner by owner: the core keys, then each target's keys in the registry's order. */
const OWNED: [owner: string, keys: Readonly<Record<string, ConfigKeyDeclaration>>][] = [
  ["core", CORE_KEYS],
  ...Object.entries(TARGETS).map(
    ([kind, module]): [string, Readonly<Record<string, ConfigKeyDeclaration>>] => [kind, module.keys],
  ),
];
const REGISTRY_KEYS = OWNED.flatMap(([, keys]) => Object.keys(keys));
const DECLARATION = (key: string): ConfigKeyDeclaration =>
  OWNED.map(([, keys]) => keys[key]).find((d) => d !== undefined) as ConfigKeyDeclaration;

/** The prefix each target's keys carry (and core keys never do). */
const PREFIX: Record<string, string> = { docker: "docker", vm: "vm", kubernetes: "k8s" };

/**
 * The default of every key that has one, from its owner: the component's, the SSO model's or the release data's
 * constants; the few the config owns itself are literal and say so.
 */
const OWNER_DEFAULTS: Record<string, unknown> = {
  target: "none", // the config's: a stack deploys nothing until it names a target
  production: false, // the config's
  allowDataReplacement: false, // the config's: data is protected unless a stack says otherwise
  openmetadataVersion: DEFAULT_OPENMETADATA_VERSION,
  ssoConfigSource: DEFAULT_SSO_CONFIG_SOURCE,
  entraSignInAudience: ENTRA_APP_DEFAULTS.signInAudience,
  entraClientType: ENTRA_APP_DEFAULTS.clientType,
  entraOwners: [], // the Entra component's @default []
  entraAssignmentRequired: ENTRA_APP_DEFAULTS.assignmentRequired,
  entraAssignmentsManagedElsewhere: false, // the Entra component's @default false
  entraAssignedGroups: [], // the Entra component's @default []
  entraRoleGroups: {}, // the Entra component's @default {}
  entraAllowCustomRoles: false, // the config's: role names are the release's unless a stack says otherwise
  entraExtraRedirectUris: [], // the Entra component's @default []
  entraSecretRotationDays: ENTRA_APP_DEFAULTS.secretRotationDays,
  enforcePrincipalDomain: SSO_DEFAULTS.enforcePrincipalDomain,
  jwtPrincipalClaims: SSO_DEFAULTS.jwtPrincipalClaims,
  jwtPrincipalClaimsMapping: SSO_DEFAULTS.jwtPrincipalClaimsMapping,
  enableSelfSignup: SSO_DEFAULTS.enableSelfSignup,
  dockerHost: "unix:///var/run/docker.sock", // the config's: the local Docker daemon
  dockerSshOpts: [], // the config's
  dockerNamePrefix: DOCKER_DEFAULTS.namePrefix,
  dockerDatabaseMode: DOCKER_DEFAULTS.databaseMode,
  dockerDatabaseEngine: DOCKER_DEFAULTS.databaseEngine,
  dockerSearchMode: DOCKER_DEFAULTS.searchMode,
  dockerSearchEngine: DOCKER_DEFAULTS.searchEngine,
  dockerSearchHeapMb: DOCKER_DEFAULTS.searchHeapMb,
  dockerIngestion: DOCKER_DEFAULTS.ingestion,
  dockerUiPort: DOCKER_DEFAULTS.uiPort,
  dockerUiBindAddress: DOCKER_DEFAULTS.uiBindAddress,
  dockerServerWaitTimeout: DOCKER_DEFAULTS.serverWaitTimeoutSeconds,
  vmPort: VM_DEFAULTS.sshPort,
  vmUser: VM_DEFAULTS.sshUser,
  vmInsecureSkipHostKeyCheck: false, // the VM component's @default false
  vmBastionPort: VM_DEFAULTS.sshPort,
  vmInstallDir: VM_DEFAULTS.installDir,
  vmServiceUser: VM_DEFAULTS.serviceUser,
  vmJavaPackage: VM_DEFAULTS.javaPackage,
  vmServerBindAddress: VM_DEFAULTS.serverBindAddress,
  vmHealthCheckSeconds: VM_DEFAULTS.retries * VM_DEFAULTS.intervalSeconds,
  vmDatabaseType: VM_DEFAULTS.databaseEngine,
  vmDatabaseHost: VM_DEFAULTS.databaseHost,
  vmDatabaseName: OPENMETADATA_DATABASE,
  vmDatabaseUser: OPENMETADATA_DB_USER,
  vmSearchType: VM_DEFAULTS.searchEngine,
  vmSearchHost: VM_DEFAULTS.searchHost,
  vmSearchPort: DEFAULT_SEARCH_PORT,
  k8sNamespace: KUBERNETES_DEFAULTS.namespace,
  k8sCreateNamespace: KUBERNETES_DEFAULTS.createNamespace,
  k8sDependencies: KUBERNETES_DEFAULTS.dependencies,
  k8sDatabaseEngine: KUBERNETES_DEFAULTS.externalDatabaseEngine,
  k8sDatabaseName: OPENMETADATA_DATABASE,
  k8sDatabaseUser: OPENMETADATA_DB_USER,
  k8sSearchType: KUBERNETES_DEFAULTS.externalSearchEngine,
  k8sSearchPort: KUBERNETES_DEFAULTS.externalSearchPort,
  k8sSearchScheme: KUBERNETES_DEFAULTS.externalSearchScheme,
  k8sPipelineUsername: KUBERNETES_DEFAULTS.pipelineUsername,
  k8sIngressClassName: KUBERNETES_DEFAULTS.ingressClassName,
  k8sCpuRequest: KUBERNETES_DEFAULTS.resources.requests.cpu,
  k8sMemoryRequest: KUBERNETES_DEFAULTS.resources.requests.memory,
  k8sCpuLimit: KUBERNETES_DEFAULTS.resources.limits.cpu,
  k8sMemoryLimit: KUBERNETES_DEFAULTS.resources.limits.memory,
  k8sHelmTimeoutSeconds: KUBERNETES_DEFAULTS.helmTimeoutSeconds,
};

/** The rows of the README's generated table: key, type, default cell and meaning, in file order. */
function readmeRows(): { key: string; type: string; default: string; meaning: string }[] {
  const begin = README.indexOf("<!-- config-reference:begin");
  const end = README.indexOf("<!-- config-reference:end -->");
  expect([begin >= 0, end > begin]).toEqual([true, true]);
  const lines = README.slice(begin, end)
    .split("\n")
    .slice(1)
    .filter((l) => l.startsWith("|"));
  expect(lines.slice(0, 2)).toEqual(["| key | type | default | meaning |", "| --- | --- | --- | --- |"]);
  return lines.slice(2).map((line) => {
    const m = /^\| `([^`]+)` \| (\S+) \| (`[^`]*`|secret|—) \| (.*) \|$/.exec(line);
    if (!m) throw new Error(`README config reference: unreadable row ${line}`);
    return { key: m[1], type: m[2], default: m[3], meaning: m[4] };
  });
}

describe("one declaration of every config key", () => {
  it("no key is declared by two owners, and each target's keys carry its prefix", () => {
    expect(new Set(REGISTRY_KEYS).size).toBe(REGISTRY_KEYS.length);
    expect(Object.keys(CONFIG_KEYS)).toEqual(REGISTRY_KEYS);
    for (const [owner, keys] of OWNED)
      for (const key of Object.keys(keys)) {
        const prefixed = Object.entries(PREFIX).find(([, p]) => new RegExp(`^${p}[A-Z]`).test(key))?.[0];
        expect([key, prefixed ?? "core"]).toEqual([key, owner]);
      }
  });

  it("Pulumi.yaml declares every key exactly once, in the registry's order, as its owner declares it", () => {
    expect(Object.keys(PULUMI_CONFIG)).toEqual(REGISTRY_KEYS);
    for (const key of REGISTRY_KEYS) {
      const d = DECLARATION(key);
      const { default: _default, ...declared } = PULUMI_CONFIG[key];
      expect([key, declared]).toEqual([
        key,
        {
          // Pulumi.yaml types only string, integer, boolean and array keys; an object key is declared untyped.
          ...(d.type === "object" ? {} : { type: d.type }),
          description: d.description,
          ...(d.type === "array" ? { items: { type: "string" } } : {}),
          ...(d.secret ? { secret: true } : {}),
        },
      ]);
    }
  });

  it("Pulumi.yaml's defaults are the owners' defaults, and no other key has one", () => {
    const defaults = Object.fromEntries(
      Object.entries(PULUMI_CONFIG)
        .filter(([, decl]) => decl.default !== undefined)
        .map(([key, decl]) => [key, decl.default]),
    );
    expect(defaults).toEqual(OWNER_DEFAULTS);
    // Both owners of the client type (the Entra component and the SSO model) agree on its default.
    expect(ENTRA_APP_DEFAULTS.clientType).toBe(SSO_DEFAULTS.clientType);
    expect(Object.keys(TARGETS)).toContain(OWNER_DEFAULTS.target);
    // A secret never has a default: it would be committed in plain text.
    for (const key of REGISTRY_KEYS)
      if (DECLARATION(key).secret) expect([key, PULUMI_CONFIG[key].default]).toEqual([key, undefined]);
  });

  it("the README table lists every key exactly once, in the registry's order, with Pulumi.yaml's type, default and description", () => {
    const rows = readmeRows();
    expect(rows.map((r) => r.key)).toEqual(REGISTRY_KEYS);
    for (const row of rows) {
      const decl = PULUMI_CONFIG[row.key];
      const def =
        decl.default === undefined ? (decl.secret ? "secret" : "—") : `\`${JSON.stringify(decl.default)}\``;
      expect(row).toEqual({
        key: row.key,
        type: decl.type ?? DECLARATION(row.key).type,
        default: def,
        meaning: String(decl.description).replace(/\|/g, "\\|"),
      });
    }
  });

  it("Pulumi.yaml runs the precompiled program from stacks/", () => {
    expect([PROJECT.name, PROJECT.main, PROJECT.stackConfigDir, PROJECT.runtime.options.typescript]).toEqual([
      "openmetadata-entra",
      "bin/index.js",
      "stacks",
      false,
    ]);
  });
});
