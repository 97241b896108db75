import { isIP } from "node:net";
import { publicUrlProblem } from "../openmetadata/urls";
import type { OpenMetadataKubernetesArgs } from "./args";

const DNS_NAME_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const VERSION_RE = /^\d+\.\d+\.\d+$/;

/** Every problem with the component's plain args, each naming the arg and the accepted form. */
export function kubernetesArgsProblems(args: OpenMetadataKubernetesArgs): string[] {
  const problems: string[] = [];
  if (args.cluster?.kubeconfig === undefined && !args.cluster?.context)
    problems.push(
      "cluster: needs kubeconfig (the contents of a kubeconfig, secret) or context (a context name); the ambient kubeconfig is never used silently",
    );
  if (!DNS_NAME_RE.test(args.namespace ?? "") || args.namespace.length > 63)
    problems.push(
      `namespace: must be a Kubernetes namespace name (lower-case letters, digits and '-', at most 63); got ${JSON.stringify(args.namespace)}`,
    );
  if (args.chartVersion !== undefined && !VERSION_RE.test(args.chartVersion))
    problems.push(
      `chartVersion: must be a chart version x.y.z such as 1.8.12; got ${JSON.stringify(args.chartVersion)}`,
    );
  if (!args.publicUrl) {
    problems.push("publicUrl: is required: the ingress host and every SSO URL derive from it");
  } else {
    const problem = publicUrlProblem(args.publicUrl);
    if (problem) problems.push(`publicUrl: ${problem}`);
    else {
      const url = new URL(args.publicUrl);
      if (args.production && url.protocol !== "https:")
        problems.push(`publicUrl: must be an https URL in production; got ${JSON.stringify(args.publicUrl)}`);
      if (
        args.ingress &&
        (isIP(url.hostname.replace(/^\[|\]$/g, "")) !== 0 || !url.hostname.includes(".")) &&
        url.hostname !== "localhost"
      )
        problems.push(
          `publicUrl: the ingress needs a DNS host name such as openmetadata.example.com; got ${JSON.stringify(url.hostname)}`,
        );
      if (
        args.ingress &&
        url.protocol === "https:" &&
        !args.ingress.tlsSecretName &&
        !args.ingress.certManagerIssuer
      )
        problems.push("ingress: an https publicUrl needs tlsSecretName or certManagerIssuer");
    }
  }
  const mode = (args.dependencies as { mode?: unknown } | undefined)?.mode;
  if (mode !== "bundled" && mode !== "external")
    problems.push(`dependencies.mode: must be bundled or external; got ${JSON.stringify(mode)}`);
  if (args.production && mode === "bundled")
    problems.push(
      "dependencies.mode: must be external in production (bundled dependencies are for dev and staging)",
    );
  if (args.clientType === "confidential" && args.oidcClientSecret === undefined)
    problems.push("oidcClientSecret: is required for clientType confidential (the Entra client secret)");
  if (args.clientType === "public" && args.oidcClientSecret !== undefined)
    problems.push("oidcClientSecret: must be omitted for clientType public (a SPA has no secret)");
  if (args.clientType !== "public" && args.clientType !== "confidential")
    problems.push(`clientType: must be public or confidential; got ${JSON.stringify(args.clientType)}`);
  if (args.ingress && !DNS_NAME_RE.test(args.ingress.className ?? ""))
    problems.push(
      `ingress.className: must be an IngressClass name such as nginx; got ${JSON.stringify(args.ingress.className)}`,
    );
  if (
    args.helmTimeoutSeconds !== undefined &&
    !(Number.isInteger(args.helmTimeoutSeconds) && args.helmTimeoutSeconds >= 60)
  )
    problems.push(
      `helmTimeoutSeconds: must be a whole number of seconds, at least 60; got ${args.helmTimeoutSeconds}`,
    );
  return problems;
}

/** Invalid component args; nothing has been registered when this is thrown. */
export class KubernetesArgsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid OpenMetadataKubernetes args:\n  ${problems.join("\n  ")}`);
    this.name = "KubernetesArgsError";
  }
}
