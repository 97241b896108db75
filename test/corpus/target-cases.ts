import { FAKE_KUBECONFIG, FAKE_RSA_PRIVATE_KEY_PEM } from "../../tools/plan/fakes";
import { VALID_CORE } from "./base";
import type { CorpusCase } from "./core-cases";
import { UNMATCHED_CERTIFICATE_PEM } from "./other-certificate";

/** Valid configs per target; secrets are given separately (stack files never hold them in plain text). */
export const DOCKER_BASE = { ...VALID_CORE, target: "docker" };
export const K8S_BASE = {
  ...VALID_CORE,
  target: "kubernetes",
  k8sContext: "aks-dev",
  k8sTlsSecretName: "om-tls",
};
export const VM_BASE = {
  ...VALID_CORE,
  target: "vm",
  vmHost: "vm.example.com",
  vmReleaseSha256: "a".repeat(64),
};
export const VM_SECRETS = {
  vmSshPrivateKey: FAKE_RSA_PRIVATE_KEY_PEM,
  vmDatabasePassword: "generated-elsewhere-0123456789",
};

const docker = (changes: Record<string, unknown>) => ({ ...DOCKER_BASE, ...changes });
const k8s = (changes: Record<string, unknown>) => ({ ...K8S_BASE, ...changes });
const vm = (changes: Record<string, unknown>) => ({ ...VM_BASE, ...changes });

/** Valid but for what a case changes: an external database (whose password the plan stands in). */
const dockerExternalDb = (changes: Record<string, unknown>) =>
  docker({
    dockerDatabaseMode: "external",
    dockerDatabaseHost: "db.example.com",
    dockerIngestion: false,
    ...changes,
  });
const dockerExternalSearch = (changes: Record<string, unknown>) =>
  docker({ dockerSearchMode: "external", dockerSearchHost: "search.example.com", ...changes });
/** Valid but for what a case changes: external dependencies (passwords stood in by the plan). */
const k8sExternal = (changes: Record<string, unknown>) =>
  k8s({
    k8sDependencies: "external",
    k8sDatabaseHost: "db.example.com",
    k8sSearchHost: "search.example.com",
    ...changes,
  });
const PRODUCTION = {
  production: true,
  entraOwners: ["00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-000000000002"],
  entraAssignmentRequired: true,
  entraAssignedGroups: ["00000000-0000-0000-0000-00000000c001"],
};
/** An OpenSSH host key line of the right form (it belongs to no host). */
const HOST_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHRlc3QtaG9zdC1rZXktZm9yLXRoZS1jb3JwdXMtY2FzZXM";
const DOLLAR_BRACE = "pass${HOME}word";
const NEWLINE = "pass\nword";

export const TARGET_CASES: CorpusCase[] = [
  ["docker: unknown database engine", docker({ dockerDatabaseEngine: "oracle" }), ["dockerDatabaseEngine"]],
  ["docker: unknown search engine", docker({ dockerSearchEngine: "solr" }), ["dockerSearchEngine"]],
  ["docker: search heap below 512 MB", docker({ dockerSearchHeapMb: 256 }), ["dockerSearchHeapMb"]],
  [
    "docker: a bundled search heap with an external search engine",
    docker({
      dockerSearchMode: "external",
      dockerSearchHost: "search.example.com",
      dockerSearchHeapMb: 2048,
    }),
    ["dockerSearchHeapMb"],
  ],
  [
    "kubernetes: an external database name with bundled dependencies",
    k8s({ k8sDatabaseName: "catalog" }),
    ["k8sDatabaseName"],
  ],
  [
    "docker: UI and Airflow on the same port",
    docker({ dockerUiPort: 8080, dockerAirflowPort: 8080 }),
    ["dockerAirflowPort"],
  ],
  ["docker: UI port out of range", docker({ dockerUiPort: 70000 }), ["dockerUiPort"]],
  [
    "docker: external database without a host",
    docker({ dockerDatabaseMode: "external" }),
    // Also: the bundled Airflow cannot use an external database. (Its password, a secret, is stood in offline.)
    ["dockerDatabaseHost", "dockerIngestion"],
  ],
  ["docker: unknown database mode", docker({ dockerDatabaseMode: "managed" }), ["dockerDatabaseMode"]],
  [
    "docker: host with an unknown scheme",
    docker({ dockerHost: "http://docker.example.com" }),
    ["dockerHost"],
  ],
  [
    "docker: server wait timeout not a number",
    docker({ dockerServerWaitTimeout: "soon" }),
    ["dockerServerWaitTimeout"],
  ],
  ["kubernetes key on a docker stack", docker({ k8sNamespace: "openmetadata" }), ["k8sNamespace"]],
  ["kubernetes: unknown dependency mode", k8s({ k8sDependencies: "operator" }), ["k8sDependencies"]],
  ["kubernetes: namespace not a DNS label", k8s({ k8sNamespace: "Open_Metadata" }), ["k8sNamespace"]],
  ["kubernetes: https without TLS", k8s({ k8sTlsSecretName: undefined }), ["k8sTlsSecretName"]],
  ["kubernetes: helm timeout out of range", k8s({ k8sHelmTimeoutSeconds: 0 }), ["k8sHelmTimeoutSeconds"]],
  [
    "kubernetes: external search without a host",
    k8s({ k8sDependencies: "external", k8sDatabaseHost: "db.example.com" }),
    ["k8sSearchHost"],
  ],
  ["vm: missing host", vm({ vmHost: undefined }), ["vmHost"]],
  ["vm: relative install dir", vm({ vmInstallDir: "opt/openmetadata" }), ["vmInstallDir"]],
  ["vm: SSH port out of range", vm({ vmPort: 0 }), ["vmPort"]],
  ["vm: checksum not sha256", vm({ vmReleaseSha256: "abc" }), ["vmReleaseSha256"]],
  ["vm: unknown database type", vm({ vmDatabaseType: "sqlite" }), ["vmDatabaseType"]],
  ["docker key on a vm stack", vm({ dockerIngestion: false }), ["dockerIngestion"]],

  // Docker: the provider and the public URL.
  [
    "docker: ssh options without an ssh host",
    docker({ dockerSshOpts: ["-o", "StrictHostKeyChecking=yes"] }),
    ["dockerSshOpts"],
  ],
  [
    "docker: TLS files without a tcp host",
    docker({}),
    ["dockerTlsCa", "dockerTlsCert", "dockerTlsKey"],
    { dockerTlsCa: "ca", dockerTlsCert: "cert", dockerTlsKey: "key" },
  ],
  [
    "docker: TLS files not all three",
    docker({ dockerHost: "tcp://docker.example.com:2376" }),
    ["dockerTlsKey"],
    { dockerTlsCa: "ca", dockerTlsCert: "cert" },
  ],
  [
    "docker: UI port other than a localhost publicUrl's port",
    docker({ publicUrl: "http://localhost:8585", dockerUiPort: 8080 }),
    ["dockerUiPort"],
  ],
  // Docker: the component's forms and rules.
  [
    "docker: image registry in upper case",
    docker({ dockerImageRegistry: "Registry.example.com/mirror" }),
    ["dockerImageRegistry"],
  ],
  ["docker: name prefix with an underscore", docker({ dockerNamePrefix: "om_dev" }), ["dockerNamePrefix"]],
  [
    "docker: bundled database with a host",
    docker({ dockerDatabaseHost: "db.example.com" }),
    ["dockerDatabaseHost"],
  ],
  [
    "docker: database password with the bundled database",
    docker({}),
    ["dockerDatabasePassword"],
    { dockerDatabasePassword: "generated-elsewhere-0123456789" },
  ],
  [
    "docker: database host not a host",
    dockerExternalDb({ dockerDatabaseHost: "db host" }),
    ["dockerDatabaseHost"],
  ],
  ["docker: database port out of range", dockerExternalDb({ dockerDatabasePort: 0 }), ["dockerDatabasePort"]],
  ["docker: database name with $", dockerExternalDb({ dockerDatabaseName: "om$db" }), ["dockerDatabaseName"]],
  [
    "docker: database user with a space",
    dockerExternalDb({ dockerDatabaseUser: "open metadata" }),
    ["dockerDatabaseUser"],
  ],
  [
    "docker: database params with a space",
    dockerExternalDb({ dockerDatabaseParams: "sslMode=REQUIRED &x=1" }),
    ["dockerDatabaseParams"],
  ],
  ["docker: unknown search mode", docker({ dockerSearchMode: "managed" }), ["dockerSearchMode"]],
  [
    "docker: search host not a host",
    dockerExternalSearch({ dockerSearchHost: "search_1.example.com" }),
    ["dockerSearchHost"],
  ],
  [
    "docker: search port out of range",
    dockerExternalSearch({ dockerSearchPort: 65536 }),
    ["dockerSearchPort"],
  ],
  [
    "docker: unknown search scheme",
    dockerExternalSearch({ dockerSearchScheme: "ftp" }),
    ["dockerSearchScheme"],
  ],
  [
    "docker: search user with a space",
    dockerExternalSearch({ dockerSearchUser: "elastic user" }),
    ["dockerSearchUser"],
  ],
  [
    "docker: search password without a user",
    dockerExternalSearch({}),
    ["dockerSearchPassword"],
    { dockerSearchPassword: "generated-elsewhere-0123456789" },
  ],
  ["docker: Airflow port out of range", docker({ dockerAirflowPort: 70000 }), ["dockerAirflowPort"]],
  [
    "docker: Airflow port without ingestion",
    docker({ dockerIngestion: false, dockerAirflowPort: 8080 }),
    ["dockerAirflowPort"],
  ],
  [
    "docker: server wait timeout below the minimum",
    docker({ dockerServerWaitTimeout: 59 }),
    ["dockerServerWaitTimeout"],
  ],

  // Kubernetes.
  ["kubernetes: namespace with a dot", k8s({ k8sNamespace: "om.prod" }), ["k8sNamespace"]],
  [
    "kubernetes: kubeconfig a file path",
    k8s({}),
    ["k8sKubeconfig"],
    { k8sKubeconfig: "/home/deployer/.kube/config" },
  ],
  [
    "kubernetes: context not in the kubeconfig",
    k8s({ k8sContext: "aks-dev" }),
    ["k8sContext"],
    { k8sKubeconfig: FAKE_KUBECONFIG },
  ],
  ["kubernetes: ingress class in upper case", k8s({ k8sIngressClassName: "Nginx" }), ["k8sIngressClassName"]],
  [
    "kubernetes: TLS secret name with an underscore",
    k8s({ k8sTlsSecretName: "om_tls" }),
    ["k8sTlsSecretName"],
  ],
  [
    "kubernetes: cert-manager issuer with a space",
    k8s({ k8sCertManagerIssuer: "lets encrypt" }),
    ["k8sCertManagerIssuer"],
  ],
  ["kubernetes: publicUrl on an IPv4 address", k8s({ publicUrl: "https://10.0.0.4" }), ["publicUrl"]],
  ["kubernetes: publicUrl on a single-label host", k8s({ publicUrl: "https://openmetadata" }), ["publicUrl"]],
  ["kubernetes: CPU request not a quantity", k8s({ k8sCpuRequest: "lots" }), ["k8sCpuRequest"]],
  ["kubernetes: memory request not a quantity", k8s({ k8sMemoryRequest: "1 gig" }), ["k8sMemoryRequest"]],
  ["kubernetes: CPU limit not a quantity", k8s({ k8sCpuLimit: "two cores" }), ["k8sCpuLimit"]],
  ["kubernetes: memory limit not a quantity", k8s({ k8sMemoryLimit: "4 GB" }), ["k8sMemoryLimit"]],
  [
    "kubernetes: create-namespace flag not a boolean",
    k8s({ k8sCreateNamespace: "maybe" }),
    ["k8sCreateNamespace"],
  ],
  // k8sProtectData is gone (data is protected unless allowDataReplacement): it is an unknown key now.
  ["kubernetes: the removed protect-data key", k8s({ k8sProtectData: true }), ["k8sProtectData"]],
  ["kubernetes: bundled dependencies in production", k8s({ ...PRODUCTION }), ["k8sDependencies"]],
  [
    "kubernetes: bundled dependencies with a database host",
    k8s({ k8sDatabaseHost: "db.example.com" }),
    ["k8sDatabaseHost"],
  ],
  [
    "kubernetes: database password with bundled dependencies",
    k8s({}),
    ["k8sDatabasePassword"],
    { k8sDatabasePassword: "generated-elsewhere-0123456789" },
  ],
  [
    "kubernetes: unknown database engine",
    k8sExternal({ k8sDatabaseEngine: "oracle" }),
    ["k8sDatabaseEngine"],
  ],
  ["kubernetes: database host not a host", k8sExternal({ k8sDatabaseHost: "db host" }), ["k8sDatabaseHost"]],
  ["kubernetes: database port out of range", k8sExternal({ k8sDatabasePort: 70000 }), ["k8sDatabasePort"]],
  ["kubernetes: database name with $", k8sExternal({ k8sDatabaseName: "om$db" }), ["k8sDatabaseName"]],
  [
    "kubernetes: database user with a space",
    k8sExternal({ k8sDatabaseUser: "open metadata" }),
    ["k8sDatabaseUser"],
  ],
  [
    "kubernetes: database params with a quote",
    k8sExternal({ k8sDatabaseParams: "sslmode='require'" }),
    ["k8sDatabaseParams"],
  ],
  ["kubernetes: unknown search type", k8sExternal({ k8sSearchType: "solr" }), ["k8sSearchType"]],
  ["kubernetes: search port out of range", k8sExternal({ k8sSearchPort: 0 }), ["k8sSearchPort"]],
  ["kubernetes: unknown search scheme", k8sExternal({ k8sSearchScheme: "ftp" }), ["k8sSearchScheme"]],
  [
    "kubernetes: search user with a space",
    k8sExternal({ k8sSearchUsername: "elastic user" }),
    ["k8sSearchUsername"],
  ],
  [
    "kubernetes: search password without a user",
    k8sExternal({}),
    ["k8sSearchPassword"],
    { k8sSearchPassword: "generated-elsewhere-0123456789" },
  ],
  [
    "kubernetes: pipeline endpoint not a URL",
    k8sExternal({ k8sPipelineApiEndpoint: "airflow.example.com" }),
    ["k8sPipelineApiEndpoint"],
  ],
  [
    "kubernetes: pipeline user with a space",
    k8sExternal({ k8sPipelineApiEndpoint: "https://airflow.example.com", k8sPipelineUsername: "air flow" }),
    ["k8sPipelineUsername"],
  ],
  [
    "kubernetes: pipeline password without an endpoint",
    k8sExternal({}),
    ["k8sPipelinePassword"],
    { k8sPipelinePassword: "generated-elsewhere-0123456789" },
  ],

  // VM.
  ["vm: host not a host", vm({ vmHost: "vm_1.example.com" }), ["vmHost"]],
  ["vm: login user in upper case", vm({ vmUser: "AzureUser" }), ["vmUser"]],
  ["vm: host key not an OpenSSH key", vm({ vmHostKey: "AAAAC3NzaC1lZDI1NTE5" }), ["vmHostKey"]],
  ["vm: SSH key not a PEM key", vm({}), ["vmSshPrivateKey"], { vmSshPrivateKey: "~/.ssh/id_ed25519" }],
  // vmHostKey is required on every stack; the offline plan stands it in, so its absence is no corpus case.
  ["vm: bastion not a host", vm({ vmBastionHost: "jump host" }), ["vmBastionHost"]],
  [
    "vm: bastion port out of range",
    vm({ vmBastionHost: "jump.example.com", vmBastionPort: 65536 }),
    ["vmBastionPort"],
  ],
  [
    "vm: bastion user with a space",
    vm({ vmBastionHost: "jump.example.com", vmBastionUser: "jump user" }),
    ["vmBastionUser"],
  ],
  ["vm: service user root", vm({ vmServiceUser: "root" }), ["vmServiceUser"]],
  ["vm: service user in upper case", vm({ vmServiceUser: "OpenMetadata" }), ["vmServiceUser"]],
  ["vm: Java package with a space", vm({ vmJavaPackage: "openjdk 21" }), ["vmJavaPackage"]],
  ["vm: database host not a host", vm({ vmDatabaseHost: "db host" }), ["vmDatabaseHost"]],
  ["vm: database port out of range", vm({ vmDatabasePort: 0 }), ["vmDatabasePort"]],
  ["vm: database password empty", vm({}), ["vmDatabasePassword"], { vmDatabasePassword: "" }],
  ["vm: database name with $", vm({ vmDatabaseName: "om$db" }), ["vmDatabaseName"]],
  ["vm: database user with a space", vm({ vmDatabaseUser: "open metadata" }), ["vmDatabaseUser"]],
  ["vm: unknown search type", vm({ vmSearchType: "solr" }), ["vmSearchType"]],
  ["vm: unknown search scheme", vm({ vmSearchScheme: "ftp" }), ["vmSearchScheme"]],
  ["vm: search host not a host", vm({ vmSearchHost: "search host" }), ["vmSearchHost"]],
  ["vm: search port out of range", vm({ vmSearchPort: 70000 }), ["vmSearchPort"]],
  ["vm: search user with a space", vm({ vmSearchUser: "elastic user" }), ["vmSearchUser"]],
  [
    "vm: search password without a user",
    vm({}),
    ["vmSearchPassword"],
    { vmSearchPassword: "generated-elsewhere-0123456789" },
  ],
  ["vm: version of an unsupported line", vm({ openmetadataVersion: "1.7.0" }), ["openmetadataVersion"]],
  ["kubernetes key on a vm stack", vm({ k8sCpuRequest: "1" }), ["k8sCpuRequest"]],

  // Issue 14 hardening. SSH trust.
  [
    "vm: host key check skipped in production",
    vm({ ...PRODUCTION, vmInsecureSkipHostKeyCheck: true }),
    ["vmInsecureSkipHostKeyCheck"],
  ],
  [
    "vm: host key given with the check skipped",
    vm({ vmHostKey: HOST_KEY, vmInsecureSkipHostKeyCheck: true }),
    ["vmHostKey"],
  ],
  [
    "vm: skip flag not a boolean",
    vm({ vmInsecureSkipHostKeyCheck: "sometimes" }),
    ["vmInsecureSkipHostKeyCheck"],
  ],
  ["vm: bastion host key without a bastion", vm({ vmBastionHostKey: HOST_KEY }), ["vmBastionHostKey"]],
  [
    "vm: bastion host key not an OpenSSH key",
    vm({ vmBastionHost: "jump.example.com", vmBastionHostKey: "AAAAC3NzaC1lZDI1NTE5" }),
    ["vmBastionHostKey"],
  ],
  // Service directories: no shell text, no system directory.
  ["vm: install dir with shell text", vm({ vmInstallDir: "/opt/om;id>>/tmp/x;:" }), ["vmInstallDir"]],
  ["vm: install dir /", vm({ vmInstallDir: "/" }), ["vmInstallDir"]],
  ["vm: install dir /etc", vm({ vmInstallDir: "/etc" }), ["vmInstallDir"]],
  ["vm: install dir /opt", vm({ vmInstallDir: "/opt" }), ["vmInstallDir"]],
  ["vm: install dir /usr/local", vm({ vmInstallDir: "/usr/local" }), ["vmInstallDir"]],
  // Secrets the server pastes into its configuration.
  ["vm: database password with ${", vm({}), ["vmDatabasePassword"], { vmDatabasePassword: DOLLAR_BRACE }],
  ["vm: database password with a newline", vm({}), ["vmDatabasePassword"], { vmDatabasePassword: NEWLINE }],
  [
    "kubernetes: database password with ${",
    k8sExternal({}),
    ["k8sDatabasePassword"],
    { k8sDatabasePassword: DOLLAR_BRACE },
  ],
  [
    "kubernetes: database password with a newline",
    k8sExternal({}),
    ["k8sDatabasePassword"],
    { k8sDatabasePassword: NEWLINE },
  ],
  [
    "docker: database password with ${",
    dockerExternalDb({}),
    ["dockerDatabasePassword"],
    { dockerDatabasePassword: DOLLAR_BRACE },
  ],
  [
    "docker: database password with a newline",
    dockerExternalDb({}),
    ["dockerDatabasePassword"],
    { dockerDatabasePassword: NEWLINE },
  ],
  // Production refuses cleartext off the machine.
  [
    "kubernetes: production database without TLS",
    k8sExternal({ ...PRODUCTION, k8sDatabaseParams: "useSSL=false" }),
    ["k8sDatabaseParams"],
  ],
  [
    "kubernetes: production search over http",
    k8sExternal({ ...PRODUCTION, k8sSearchScheme: "http" }),
    ["k8sSearchScheme"],
  ],
  [
    "kubernetes: production pipeline endpoint over http",
    k8sExternal({ ...PRODUCTION, k8sPipelineApiEndpoint: "http://airflow.example.com" }),
    ["k8sPipelineApiEndpoint"],
  ],
  [
    "docker: production external database with sslMode=DISABLED",
    dockerExternalDb({ ...PRODUCTION, dockerDatabaseParams: "sslMode=DISABLED" }),
    ["dockerDatabaseParams"],
  ],
  [
    "docker: production external search over http",
    dockerExternalSearch({ ...PRODUCTION, dockerSearchScheme: "http" }),
    ["dockerSearchScheme"],
  ],
  [
    "vm: production search over http to a remote host",
    vm({ ...PRODUCTION, vmSearchHost: "search.example.com", vmSearchScheme: "http" }),
    ["vmSearchScheme"],
  ],
  [
    "vm: production remote database without TLS",
    vm({ ...PRODUCTION, vmDatabaseHost: "db.example.com", vmDatabaseParams: "useSSL=false" }),
    ["vmDatabaseParams"],
  ],
  [
    "kubernetes: production pipeline endpoint over HTTP in upper case",
    k8sExternal({ ...PRODUCTION, k8sPipelineApiEndpoint: "HTTP://airflow.example.com" }),
    ["k8sPipelineApiEndpoint"],
  ],
  // Malformed JDBC parameters are one mistake: the form names it; production's TLS rule must not add a second.
  [
    "kubernetes: production database params malformed",
    k8sExternal({ ...PRODUCTION, k8sDatabaseParams: "sslMode=REQUIRED;x" }),
    ["k8sDatabaseParams"],
  ],
  [
    "docker: production database params malformed",
    dockerExternalDb({ ...PRODUCTION, dockerDatabaseParams: "sslMode=REQUIRED;x" }),
    ["dockerDatabaseParams"],
  ],
  [
    "vm: production database params malformed",
    vm({ ...PRODUCTION, vmDatabaseHost: "db.example.com", vmDatabaseParams: "sslMode=REQUIRED;x" }),
    ["vmDatabaseParams"],
  ],
  // URLs with credentials.
  ["vm: release URL with credentials", vm({ vmReleaseUrl: "https://u:p@host/x.tgz" }), ["vmReleaseUrl"]],
  [
    "kubernetes: pipeline endpoint with credentials",
    k8sExternal({ k8sPipelineApiEndpoint: "https://u:p@airflow.example.com" }),
    ["k8sPipelineApiEndpoint"],
  ],
  ["docker: host URL with a password", docker({ dockerHost: "tcp://u:p@host:2376" }), ["dockerHost"]],
  // Network.
  [
    "docker: UI bind address not an address",
    docker({ dockerUiBindAddress: "everywhere" }),
    ["dockerUiBindAddress"],
  ],
  ["vm: server bind address not an address", vm({ vmServerBindAddress: "any" }), ["vmServerBindAddress"]],
  // The VM's TLS front.
  ["vm: no TLS front for an https publicUrl", vm({ vmTls: "none" }), ["vmTls"]],
  [
    "vm: nginx TLS with a base-path publicUrl",
    vm({ publicUrl: "https://example.com/om", vmTls: "nginx" }),
    ["vmTls"],
  ],
  ["vm: unknown TLS mode", vm({ vmTls: "stunnel" }), ["vmTls"]],
  [
    "vm: TLS certificate that does not match the private key",
    vm({}),
    ["vmTlsPrivateKey"],
    { vmTlsCertificate: UNMATCHED_CERTIFICATE_PEM },
  ],
  [
    "vm: TLS certificate with an external TLS front",
    vm({ vmTls: "external" }),
    ["vmTlsCertificate"],
    { vmTlsCertificate: UNMATCHED_CERTIFICATE_PEM },
  ],
];

/**
 * The secrets of a case: its target's base secrets and the case's own (set with --secret; the corpus test writes
 * them as `secure:` values of the stack file and hands the plan their decrypted values).
 */
export function secretsFor(
  config: Record<string, unknown>,
  caseSecrets: Record<string, string> = {},
): Record<string, string> {
  return { ...(config.target === "vm" ? VM_SECRETS : {}), ...caseSecrets };
}
