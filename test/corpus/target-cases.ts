import { FAKE_RSA_PRIVATE_KEY_PEM } from "../../tools/plan/fakes";
import { VALID_CORE } from "./base";
import type { CorpusCase } from "./core-cases";

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

export const TARGET_CASES: CorpusCase[] = [
  ["docker: unknown database engine", docker({ dockerDatabaseEngine: "oracle" }), ["dockerDatabaseEngine"]],
  ["docker: unknown search engine", docker({ dockerSearchEngine: "solr" }), ["dockerSearchEngine"]],
  ["docker: search heap below 512 MB", docker({ dockerSearchHeapMb: 256 }), ["dockerSearchHeapMb"]],
  [
    "docker: UI and Airflow on the same port",
    docker({ dockerUiPort: 8080, dockerAirflowPort: 8080 }),
    ["dockerAirflowPort"],
  ],
  ["docker: UI port out of range", docker({ dockerUiPort: 70000 }), ["dockerUiPort"]],
  [
    "docker: external database without a host",
    docker({ dockerDatabaseMode: "external" }),
    // Also: its password is required, and the bundled Airflow cannot use an external database.
    ["dockerDatabaseHost", "dockerDatabasePassword", "dockerIngestion"],
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
];

/** Secrets each target's base needs (the plan fakes them; a direct program run gets them as secrets). */
export function secretsFor(config: Record<string, unknown>): Record<string, string> {
  return config.target === "vm" ? VM_SECRETS : {};
}
