import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { HELM_CHART_VERSION, renderHelmOidcSecretData, renderHelmValues } from "../openmetadata/sso";
import { DEFAULT_RESOURCES, type OpenMetadataKubernetesArgs } from "./args";
import {
  CHART_SECRETS,
  DEPENDENCIES_CHART,
  DEPENDENCIES_RELEASE,
  HELM_REPOSITORY,
  OPENMETADATA_CHART,
  OPENMETADATA_RELEASE,
  OWN_SECRETS,
} from "./chart";
import { dependenciesValues } from "./dependencies-values";
import { JWT_PRIVATE_KEY_FILE, JWT_PUBLIC_KEY_FILE } from "../openmetadata/sso";
import { KubernetesArgsError, kubernetesArgsProblems } from "./validate-args";
import { openMetadataValues } from "./values";

export type { OpenMetadataKubernetesArgs } from "./args";

const DEFAULT_TIMEOUT_SECONDS = 900;

/** 32 random bytes, URL-safe base64: a Fernet key. */
function fernetKey(bytes: random.RandomBytes): pulumi.Output<string> {
  return pulumi.secret(bytes.base64.apply((b) => b.replace(/\+/g, "-").replace(/\//g, "_")));
}

/**
 * OpenMetadata on Kubernetes with Entra ID SSO, from the official Helm charts: an explicit provider, the
 * namespace, every Secret the charts expect (generated or from the given credentials, secret end to end), the
 * dependencies release (bundled mode only) and the `openmetadata` release whose auth values are exactly the SSO
 * model's Helm rendering. An SSO change only changes the `openmetadata` release's values.
 */
export class OpenMetadataKubernetes extends pulumi.ComponentResource {
  /** The namespace everything lives in. */
  public readonly namespace: pulumi.Output<string>;
  /** Status of the `openmetadata` Helm release. */
  public readonly releaseStatus: pulumi.Output<string>;
  /** The explicit provider; reuse it for further objects in the same cluster. */
  public readonly provider: k8s.Provider;

  constructor(name: string, args: OpenMetadataKubernetesArgs, opts?: pulumi.ComponentResourceOptions) {
    const problems = kubernetesArgsProblems(args);
    if (problems.length > 0) throw new KubernetesArgsError(problems);
    super("openmetadata-entra:kubernetes:OpenMetadataKubernetes", name, {}, opts);

    const protectData = args.protectData ?? args.production ?? false;
    // Credentials and the data they open must survive an SSO change and a mistaken `pulumi destroy`.
    const dataOpts = { protect: protectData, retainOnDelete: protectData };
    const version = args.chartVersion ?? HELM_CHART_VERSION;

    this.provider = new k8s.Provider(
      `${name}-cluster`,
      {
        ...(args.cluster.kubeconfig !== undefined
          ? { kubeconfig: pulumi.secret(args.cluster.kubeconfig) }
          : {}),
        ...(args.cluster.context ? { context: args.cluster.context } : {}),
      },
      { parent: this },
    );
    const k8sOpts = { parent: this, provider: this.provider };

    const namespace =
      args.createNamespace === false
        ? pulumi.output(args.namespace)
        : new k8s.core.v1.Namespace(
            `${name}-namespace`,
            { metadata: { name: args.namespace, labels: { "app.kubernetes.io/part-of": "openmetadata" } } },
            { ...k8sOpts, ...dataOpts },
          ).metadata.name;
    this.namespace = namespace;

    const secret = (
      id: string,
      secretName: string,
      stringData: Record<string, pulumi.Input<string>>,
      options: pulumi.CustomResourceOptions = {},
    ) =>
      new k8s.core.v1.Secret(
        `${name}-${id}`,
        {
          metadata: { name: secretName, namespace },
          type: "Opaque",
          stringData: Object.fromEntries(Object.entries(stringData).map(([k, v]) => [k, pulumi.secret(v)])),
        },
        { ...k8sOpts, ...options },
      );
    const password = (id: string) =>
      new random.RandomPassword(
        `${name}-${id}`,
        { length: 32, special: false },
        { parent: this, ...dataOpts },
      ).result;

    const secrets: k8s.core.v1.Secret[] = [];
    const deps = args.dependencies;
    let dependencyRelease: k8s.helm.v3.Release | undefined;
    if (deps.mode === "bundled") {
      const dbSecrets = [
        secret(
          "mysql-secret",
          CHART_SECRETS.mysql.name,
          { [CHART_SECRETS.mysql.key]: password("mysql-password") },
          dataOpts,
        ),
        secret(
          "airflow-mysql-secret",
          CHART_SECRETS.airflowMysql.name,
          { [CHART_SECRETS.airflowMysql.key]: password("airflow-mysql-password") },
          dataOpts,
        ),
        secret(
          "mysql-root-secret",
          OWN_SECRETS.mysqlRoot.name,
          { [OWN_SECRETS.mysqlRoot.key]: password("mysql-root-password") },
          dataOpts,
        ),
        secret(
          "airflow-secret",
          CHART_SECRETS.airflow.name,
          { [CHART_SECRETS.airflow.key]: password("airflow-password") },
          dataOpts,
        ),
      ];
      secrets.push(dbSecrets[0], dbSecrets[3]);
      // helm.v3.Release, not helm.v4.Chart: the dependencies chart (Airflow's migrations and user sync, MySQL's
      // init) relies on Helm hooks and release semantics (atomic rollback, upgrade), which only a real Helm
      // release runs; v4.Chart renders templates into plain objects and treats hooks as ordinary resources.
      dependencyRelease = new k8s.helm.v3.Release(
        `${name}-dependencies`,
        {
          name: DEPENDENCIES_RELEASE,
          chart: DEPENDENCIES_CHART,
          version,
          repositoryOpts: { repo: HELM_REPOSITORY },
          namespace,
          values: dependenciesValues(),
          allowNullValues: true,
          atomic: true,
          cleanupOnFail: true,
          timeout: args.helmTimeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
        },
        { ...k8sOpts, ...dataOpts, dependsOn: dbSecrets },
      );
    } else {
      secrets.push(
        secret(
          "mysql-secret",
          CHART_SECRETS.mysql.name,
          { [CHART_SECRETS.mysql.key]: deps.database.password },
          dataOpts,
        ),
      );
      if (deps.search.auth)
        secrets.push(
          secret("elasticsearch-secret", CHART_SECRETS.elasticsearch.name, {
            [CHART_SECRETS.elasticsearch.key]: deps.search.auth.password,
          }),
        );
      if (deps.pipelineClient)
        secrets.push(
          secret("airflow-secret", CHART_SECRETS.airflow.name, {
            [CHART_SECRETS.airflow.key]: deps.pipelineClient.password,
          }),
        );
    }

    const fernet = new random.RandomBytes(
      `${name}-fernet-key`,
      { length: 32 },
      { parent: this, ...dataOpts },
    );
    secrets.push(
      secret(
        "fernet-secret",
        OWN_SECRETS.fernet.name,
        { [OWN_SECRETS.fernet.key]: fernetKey(fernet) },
        dataOpts,
      ),
    );

    secrets.push(
      new k8s.core.v1.Secret(
        `${name}-jwt-keys-secret`,
        {
          metadata: { name: OWN_SECRETS.jwtKeys.name, namespace },
          type: "Opaque",
          // DER is binary: `data` takes it base64-encoded, as the key component gives it.
          data: {
            [JWT_PRIVATE_KEY_FILE]: pulumi.secret(args.jwtKeys.privateKeyDerBase64),
            [JWT_PUBLIC_KEY_FILE]: args.jwtKeys.publicKeyDerBase64,
          },
        },
        k8sOpts,
      ),
    );

    if (args.clientType === "confidential") {
      // Keys and client ID from the SSO rendering; the values object only names this Secret.
      const data = pulumi
        .all([args.sso, pulumi.secret(args.oidcClientSecret as pulumi.Input<string>)])
        .apply(([model, clientSecret]) => renderHelmOidcSecretData(model, clientSecret) ?? {});
      secrets.push(
        new k8s.core.v1.Secret(
          `${name}-oidc-secret`,
          { metadata: { name: "oidc-secrets", namespace }, type: "Opaque", stringData: pulumi.secret(data) },
          k8sOpts,
        ),
      );
    }

    const values = pulumi.output(args.sso).apply((model) =>
      openMetadataValues({
        sso: renderHelmValues(model),
        publicUrl: args.publicUrl,
        dependencies: deps,
        ingress: args.ingress,
        resources: args.resources ?? DEFAULT_RESOURCES,
      }),
    );
    const release = new k8s.helm.v3.Release(
      `${name}-openmetadata`,
      {
        name: OPENMETADATA_RELEASE,
        chart: OPENMETADATA_CHART,
        version,
        repositoryOpts: { repo: HELM_REPOSITORY },
        namespace,
        values,
        atomic: true,
        cleanupOnFail: true,
        timeout: args.helmTimeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
      },
      // The pod reads these Secrets at start, and its migrations need the database up.
      { ...k8sOpts, dependsOn: [...secrets, ...(dependencyRelease ? [dependencyRelease] : [])] },
    );
    this.releaseStatus = release.status.status;
    this.registerOutputs({ namespace: this.namespace, releaseStatus: this.releaseStatus });
  }
}
