/**
 * Obviously fake, deterministic stand-ins for what the cloud would compute. Every fake GUID starts with
 * eight zeros so nobody mistakes it for a real ID; each is derived from a label, so runs are repeatable.
 */
import { createHash } from "node:crypto";

const sha = (label: string) => createHash("sha256").update(label).digest("hex");

/** `00000000-0000-4000-8000-xxxxxxxxxxxx`, the last group derived from the label. */
export function fakeGuid(label: string): string {
  return `00000000-0000-4000-8000-${sha(label).slice(0, 12)}`;
}

export const FAKE_TENANT_ID = fakeGuid("tenant");
export const FAKE_DEPLOYER_OBJECT_ID = fakeGuid("deployer");
export const FAKE_DEPLOYER_CLIENT_ID = fakeGuid("deployer-client");

import { FAKE_RSA_PRIVATE_KEY_PEM, FAKE_RSA_PUBLIC_KEY_PEM } from "./fixtures/fake-rsa";

import { FAKE_TLS_CERTIFICATE_PEM } from "./fixtures/fake-cert";
export { FAKE_RSA_PRIVATE_KEY_PEM, FAKE_RSA_PUBLIC_KEY_PEM, FAKE_TLS_CERTIFICATE_PEM };

/** A kubeconfig of the right shape that reaches no cluster (`.invalid` never resolves). */
export const FAKE_KUBECONFIG = `apiVersion: v1
kind: Config
clusters:
  - name: offline-plan
    cluster:
      server: https://offline-plan.invalid:6443
contexts:
  - name: offline-plan
    context:
      cluster: offline-plan
      user: offline-plan
current-context: offline-plan
users:
  - name: offline-plan
    user:
      token: fake-secret-kubeconfig-token
`;

/** A fake for a secret config key the offline plan cannot decrypt. */
export function fakeSecretConfig(key: string): string {
  if (/PrivateKey$/i.test(key)) return FAKE_RSA_PRIVATE_KEY_PEM;
  if (/Kubeconfig$/i.test(key)) return FAKE_KUBECONFIG;
  if (/Certificate$/i.test(key)) return FAKE_TLS_CERTIFICATE_PEM;
  return `fake-secret-${key}`;
}

type State = Record<string, unknown>;
type FakeOutputs = (name: string, inputs: State) => State;

/** Outputs a provider computes, per resource type; the rest of the state echoes the inputs. */
export const FAKE_OUTPUTS: Record<string, FakeOutputs> = {
  "azuread:index/application:Application": (name) => {
    const objectId = fakeGuid(`application:${name}`);
    return { clientId: fakeGuid(`client:${name}`), objectId, id: `/applications/${objectId}` };
  },
  "azuread:index/servicePrincipal:ServicePrincipal": (name) => ({
    objectId: fakeGuid(`service-principal:${name}`),
    applicationTenantId: FAKE_TENANT_ID,
  }),
  "azuread:index/applicationPassword:ApplicationPassword": (name) => ({
    keyId: fakeGuid(`password:${name}`),
    value: `fake-client-secret-${name}`,
  }),
  "random:index/randomPassword:RandomPassword": (name, inputs) => ({
    result: `fake-password-${name}-${sha(name).slice(0, Math.max(0, Number(inputs.length ?? 24) - 20))}`,
  }),
  "random:index/randomBytes:RandomBytes": (name, inputs) => {
    const bytes = Buffer.alloc(Number(inputs.length ?? 32), sha(name));
    return { base64: bytes.toString("base64"), hex: bytes.toString("hex") };
  },
  "random:index/randomUuid:RandomUuid": (name) => ({ result: fakeGuid(`uuid:${name}`) }),
  "tls:index/privateKey:PrivateKey": () => ({
    privateKeyPem: FAKE_RSA_PRIVATE_KEY_PEM,
    privateKeyPemPkcs8: FAKE_RSA_PRIVATE_KEY_PEM,
    publicKeyPem: FAKE_RSA_PUBLIC_KEY_PEM,
    publicKeyOpenssh: "ssh-rsa AAAA-fake-offline-plan-key",
  }),
  "docker:index/remoteImage:RemoteImage": (name, inputs) => ({
    imageId: `sha256:${sha(`image:${name}`)}`,
    repoDigest: `${String(inputs.name)}@sha256:${sha(`digest:${name}`)}`,
  }),
  // A one-shot container (attach) has exited successfully; a long-running one reports no exit code.
  "docker:index/container:Container": (_name, inputs) =>
    inputs.attach === true
      ? { exitCode: 0, containerLogs: inputs.logs === true ? "fake log: done\n" : "" }
      : {},
  "command:remote:Command": () => ({ stdout: "", stderr: "" }),
  "kubernetes:helm.sh/v3:Release": (name, inputs) => ({
    status: {
      name: inputs.name ?? name,
      namespace: inputs.namespace ?? "default",
      status: "deployed",
      version: inputs.version ?? "",
      revision: 1,
    },
  }),
};

/** Invoke results; an unknown invoke echoes its inputs. */
export const FAKE_INVOKES: Record<string, (inputs: State) => State> = {
  "azuread:index/getClientConfig:getClientConfig": () => ({
    clientId: FAKE_DEPLOYER_CLIENT_ID,
    objectId: FAKE_DEPLOYER_OBJECT_ID,
    tenantId: FAKE_TENANT_ID,
    id: `clientConfigs/${FAKE_DEPLOYER_CLIENT_ID}`,
  }),
};
