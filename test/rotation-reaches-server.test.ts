/**
 * A rotated Entra client secret reaches the running server on every target before the old one is deleted
 * (Pulumi creates the new ApplicationPassword first and deletes the old one at the end of the update): Docker
 * replaces the server container (its env holds the secret), Kubernetes rolls the pods (a digest of the Secrets
 * in the pod template), the VM restarts the unit (a hash of the env file in the restart's triggers).
 */
import * as pulumi from "@pulumi/pulumi";
import { OpenMetadataDocker } from "../components/docker";
import { OpenMetadataKubernetes } from "../components/kubernetes";
import { OpenMetadataVm } from "../components/vm";
import { FAKE_RSA_PRIVATE_KEY_PEM } from "../tools/plan/fakes";
import { clearInputs, runComponents } from "./helpers/offline";
import { ssoSource } from "./helpers/sso-source";
import type { OfflineRun } from "../tools/plan/mock-runtime";

const byName = (run: OfflineRun, name: string) => {
  const r = run.resources.find((x) => x.name === name);
  if (!r) throw new Error(`no ${name}`);
  return clearInputs(r);
};
const confidential = (secret: string, publicUrl = "http://localhost:8585") =>
  ssoSource({ settings: { publicUrl, clientType: "confidential" }, clientSecret: pulumi.secret(secret) });

const KUBECONFIG =
  "apiVersion: v1\nkind: Config\nclusters:\n  - name: c\n    cluster: { server: https://k8s.invalid }\n" +
  "contexts:\n  - name: c\n    context: { cluster: c, user: u }\nusers:\n  - name: u\n    user: { token: t }\n";

const targets: [string, (secret: string) => void, (run: OfflineRun) => unknown][] = [
  [
    "docker: the server container's env (a change replaces the container)",
    (secret) => new OpenMetadataDocker("om", { sso: confidential(secret) }),
    (run) => byName(run, "om-server").envs,
  ],
  [
    "kubernetes: the pod template's secrets digest (a change rolls the pods)",
    (secret) =>
      new OpenMetadataKubernetes("om", {
        cluster: { kubeconfig: KUBECONFIG },
        namespace: "om",
        sso: confidential(secret, "https://om.example.com"),
        ingress: { certManagerIssuer: "letsencrypt" },
      }),
    (run) =>
      (byName(run, "om-openmetadata").values as { podAnnotations: Record<string, string> }).podAnnotations,
  ],
  [
    "vm: the restart's triggers (a change restarts the unit)",
    (secret) =>
      new OpenMetadataVm("om", {
        connection: {
          host: "vm.example.com",
          privateKey: FAKE_RSA_PRIVATE_KEY_PEM,
          hostKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE",
        },
        sso: confidential(secret, "https://om.example.com"),
        tls: { mode: "external" },
        database: { password: "db-password" },
        release: { sha256: "a".repeat(64) },
      }),
    (run) => byName(run, "om-restart").triggers,
  ],
];

describe.each(targets)("%s", (_, build, watched) => {
  it("changes when the client secret rotates and only then", async () => {
    const a = watched(await runComponents(() => build("secret-of-window-1")));
    const b = watched(await runComponents(() => build("secret-of-window-1")));
    const c = watched(await runComponents(() => build("secret-of-window-2")));
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });
});
