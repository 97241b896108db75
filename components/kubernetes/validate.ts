/** The Kubernetes component's rules over its plain args, each problem naming the arg path. */
import { parse } from "yaml";
import {
  checkForm,
  checkOneOf,
  DNS_LABEL,
  DNS_NAME,
  DNS_SUBDOMAIN,
  QUANTITY,
  urlForm,
  wholeNumber,
} from "../forms";
import {
  DB_PARAMS,
  externalDatabaseProblems,
  externalSearchProblems,
  productionTransportProblems,
  secretValueProblems,
  SERVICE_USER,
} from "../openmetadata/data-services";
import { DEFAULT_OPENMETADATA_VERSION, releaseProblems } from "../openmetadata/releases";
import { ssoConfigSourceProblems } from "../openmetadata/security-config";
import { productionUrlProblem, publicUrlProblem } from "../openmetadata/urls";
import { got, required, type Problem } from "../problems";
import { KUBERNETES_DEFAULTS, type OpenMetadataKubernetesArgs } from "./args";

const KUBECONFIG_FORM =
  "the contents of a kubeconfig file (YAML with apiVersion v1, kind Config and non-empty clusters, contexts and users)";
const HELM_TIMEOUT = wholeNumber(60, 3600, "seconds");
const PIPELINE_URL = urlForm(["https", "http"], "https://airflow.example.com");

/** The context names of a kubeconfig, or a problem (never quoting the secret itself). */
export function kubeconfigContexts(text: string): { contexts: string[] } | { problem: string } {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch {
    return { problem: `must be ${KUBECONFIG_FORM}; it is not valid YAML` };
  }
  const obj = (doc ?? {}) as Record<string, unknown>;
  const list = (k: string) => (Array.isArray(obj[k]) ? (obj[k] as { name?: unknown }[]) : []);
  if (typeof doc !== "object" || obj.kind !== "Config" || obj.apiVersion !== "v1")
    return { problem: `must be ${KUBECONFIG_FORM}; a file path is not accepted` };
  if (list("clusters").length === 0 || list("contexts").length === 0 || list("users").length === 0)
    return { problem: `must be ${KUBECONFIG_FORM}` };
  return { contexts: list("contexts").map((c) => String(c.name)) };
}

function clusterProblems(args: OpenMetadataKubernetesArgs): Problem[] {
  const { kubeconfig, context } = args.cluster ?? {};
  if (kubeconfig === undefined && !context)
    return [
      required(
        "cluster.kubeconfig",
        "the contents of a kubeconfig, unless a context of the deployer's kubeconfig is named; the ambient kubeconfig is never used silently",
      ),
    ];
  if (typeof kubeconfig !== "string") return [];
  const parsed = kubeconfigContexts(kubeconfig);
  if ("problem" in parsed) return [{ path: "cluster.kubeconfig", message: parsed.problem }];
  if (context !== undefined && !parsed.contexts.includes(context))
    return [
      {
        path: "cluster.context",
        message: `must name a context of the kubeconfig (${parsed.contexts.join(", ")}); ${got(context)}`,
      },
    ];
  return [];
}

function ingressProblems(args: OpenMetadataKubernetesArgs, publicUrl: string): Problem[] {
  const ingress = args.ingress;
  if (!ingress) return [];
  const problems: Problem[] = [];
  for (const key of ["className", "tlsSecretName", "certManagerIssuer"] as const)
    if (ingress[key] !== undefined)
      problems.push(...checkForm(`ingress.${key}`, ingress[key], DNS_SUBDOMAIN));
  if (publicUrlProblem(publicUrl)) return problems;
  const url = new URL(publicUrl);
  // An Ingress rule's host is a DNS name (no IP address); a single label such as `localhost` only for local clusters.
  if (
    !DNS_NAME.test(url.hostname) ||
    /^[\d.]+$/.test(url.hostname) ||
    (!url.hostname.includes(".") && url.hostname !== "localhost")
  )
    problems.push({
      path: "publicUrl",
      message: `must have a DNS host name such as openmetadata.example.com for the ingress; ${got(url.hostname)}`,
    });
  if (url.protocol === "https:" && !ingress.tlsSecretName && !ingress.certManagerIssuer)
    problems.push({
      path: "ingress.tlsSecretName",
      message:
        "is required for an https public URL unless a cert-manager issuer is named (the ingress must terminate TLS)",
    });
  return problems;
}

/** Every problem with the component's plain args, each naming the arg and the accepted form. */
export function kubernetesArgsProblems(
  args: Omit<OpenMetadataKubernetesArgs, "sso">,
  publicUrl: string,
): Problem[] {
  const problems = clusterProblems(args as OpenMetadataKubernetesArgs);
  if (args.namespace !== undefined) problems.push(...checkForm("namespace", args.namespace, DNS_LABEL));
  if (args.version !== undefined) problems.push(...releaseProblems(args.version, "version"));
  if (args.ssoConfigSource !== undefined)
    problems.push(
      ...ssoConfigSourceProblems(args.ssoConfigSource, args.version ?? DEFAULT_OPENMETADATA_VERSION),
    );
  problems.push(...ingressProblems(args as OpenMetadataKubernetesArgs, publicUrl));
  const deps = args.dependencies ?? { mode: "bundled" };
  problems.push(...checkOneOf("dependencies.mode", deps.mode, ["bundled", "external"]));
  const urlProblem =
    args.production && !publicUrlProblem(publicUrl) ? productionUrlProblem(publicUrl) : undefined;
  if (urlProblem) problems.push({ path: "publicUrl", message: urlProblem });
  if (args.production && deps.mode === "bundled")
    problems.push({
      path: "dependencies.mode",
      message:
        "must be external in production (bundled MySQL, OpenSearch and Airflow are for dev and staging)",
    });
  if (deps.mode === "external" && args.production) {
    const engine = deps.database.engine ?? KUBERNETES_DEFAULTS.externalDatabaseEngine;
    problems.push(
      ...productionTransportProblems(
        {
          path: "dependencies.database",
          engine,
          host: deps.database.host,
          params: deps.database.params ?? DB_PARAMS.tls[engine],
        },
        {
          path: "dependencies.search",
          host: deps.search.host,
          scheme: deps.search.scheme ?? KUBERNETES_DEFAULTS.externalSearchScheme,
        },
      ),
    );
    const endpoint = deps.pipelineClient?.apiEndpoint;
    if (PIPELINE_URL.test(endpoint) && new URL(endpoint as string).protocol === "http:")
      problems.push({
        path: "dependencies.pipelineClient.apiEndpoint",
        message: "must be an https URL in production: OpenMetadata sends Airflow's password to it",
      });
  }
  if (deps.mode === "external") {
    problems.push(...externalDatabaseProblems("dependencies.database", deps.database));
    problems.push(...externalSearchProblems("dependencies.search", deps.search));
    const p = deps.pipelineClient;
    if (p) {
      problems.push(...checkForm("dependencies.pipelineClient.apiEndpoint", p.apiEndpoint, PIPELINE_URL));
      if (p.username !== undefined)
        problems.push(...checkForm("dependencies.pipelineClient.username", p.username, SERVICE_USER));
      if (p.password === undefined || p.password === "")
        problems.push(required("dependencies.pipelineClient.password", "the Airflow user's password"));
      problems.push(...secretValueProblems("dependencies.pipelineClient.password", p.password));
    }
  }
  const r = args.resources;
  if (r)
    for (const kind of ["requests", "limits"] as const)
      for (const what of ["cpu", "memory"] as const)
        problems.push(...checkForm(`resources.${kind}.${what}`, r[kind]?.[what], QUANTITY));
  if (args.helmTimeoutSeconds !== undefined)
    problems.push(...checkForm("helmTimeoutSeconds", args.helmTimeoutSeconds, HELM_TIMEOUT));
  return problems;
}
