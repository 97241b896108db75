import { createHash } from "node:crypto";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import {
  DEFAULT_JWT_KEY_DIR,
  renderHelmOidcSecretData,
  renderHelmValues,
  type SsoModel,
} from "../openmetadata/sso";
import { resolveRelease } from "../openmetadata/releases";
import {
  DEFAULT_SSO_CONFIG_SOURCE,
  reconcilesStoredSecurityConfig,
  securityConfigDigest,
} from "../openmetadata/security-config";
import { versionGuard } from "../openmetadata/version-guard";
import { toFernetKey } from "../openmetadata/fernet";
import { assertNoProblems } from "../problems";
import { yamlScalarEnvValue } from "../quoting";
import { KUBERNETES_DEFAULTS, type OpenMetadataKubernetesArgs } from "./args";
import {
  airflowMetadataConnection,
  CHART_SECRETS,
  DEPENDENCIES_CHART,
  DEPENDENCIES_RELEASE,
  HELM_REPOSITORY,
  OPENMETADATA_CHART,
  OPENMETADATA_RELEASE,
  OWN_SECRETS,
  openMetadataServiceUrl,
  SECRETS_DIGEST_ANNOTATION,
  SSO_DIGEST_ANNOTATION,
} from "./chart";
import { dependenciesValues } from "./dependencies-values";
import { JWT_PRIVATE_KEY_FILE, JWT_PUBLIC_KEY_FILE } from "../openmetadata/sso";
import { kubernetesArgsProblems } from "./validate";
import { openMetadataValues } from "./values";

export type { OpenMetadataKubernetesArgs } from "./args";

/** 32 random bytes, URL-safe base64: a Fernet key. */
function fernetKey(bytes: random.RandomBytes): pulumi.Output<string> {
  return pulumi.secret(bytes.base64.apply(toFernetKey));
}

/**
 * OpenMetadata on Kubernetes with Entra ID SSO, from the official Helm charts: an explicit provider, the
 * namespace, every Secret the charts expect (generated or from the given credentials, secret end to end), the
 * dependencies release (bundled mode only) and the `openmetadata` release whose auth values are exactly the SSO
 * model's Helm rendering. An SSO change only changes the `openmetadata` release's values (and rolls its pods through
 * the SSO digest annotation). On 1.10+ with `ssoConfigSource: stack` the migration init container also clears the
 * server's stored SSO settings, so every pod start seeds them from the stack. A downgrade is refused by the version
 * guard before either release is touched.
 */
export class OpenMetadataKubernetes extends pulumi.ComponentResource {
  /** The SSO settings the server is given (the model for the in-cluster Service URL). */
  public readonly sso: pulumi.Output<SsoModel>;
  /** The namespace everything lives in. */
  public readonly namespace: pulumi.Output<string>;
  /** Status of the `openmetadata` Helm release. */
  public readonly releaseStatus: pulumi.Output<string>;
  /** The explicit provider; reuse it for further objects in the same cluster. */
  public readonly provider: k8s.Provider;

  constructor(name: string, args: OpenMetadataKubernetesArgs, opts?: pulumi.ComponentResourceOptions) {
    assertNoProblems(`OpenMetadataKubernetes "${name}"`, kubernetesArgsProblems(args, args.sso.publicUrl));
    super("openmetadata-entra:kubernetes:OpenMetadataKubernetes", name, {}, opts);
    const namespaceName = args.namespace ?? KUBERNETES_DEFAULTS.namespace;
    const openmetadata = resolveRelease(args.version);
    const resetStoredSsoSettings = reconcilesStoredSecurityConfig(
      openmetadata,
      args.ssoConfigSource ?? DEFAULT_SSO_CONFIG_SOURCE,
    );
    const timeout = args.helmTimeoutSeconds ?? KUBERNETES_DEFAULTS.helmTimeoutSeconds;
    // The server validates bot tokens against its own JWKS through the in-cluster Service; the key Secret is
    // mounted where the model says the keys are.
    const jwtKeyDir = DEFAULT_JWT_KEY_DIR;
    this.sso = args.sso.model({
      internalUrl: openMetadataServiceUrl(namespaceName),
      jwtKeyDir,
      openmetadataVersion: openmetadata.version,
    });

    const protectData = args.protectData ?? true;
    // Credentials and the data they open must survive an SSO change and a mistaken `pulumi destroy`; when data
    // replacement is allowed for one update, they are still retained, never deleted.
    const dataOpts = { protect: protectData, retainOnDelete: true };

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
    // Both releases migrate (MySQL, Airflow, OpenMetadata): a downgrade must fail before either is touched.
    const guard = versionGuard(name, openmetadata.version, this);

    const namespace =
      args.createNamespace === false
        ? pulumi.output(namespaceName)
        : new k8s.core.v1.Namespace(
            `${name}-namespace`,
            { metadata: { name: namespaceName, labels: { "app.kubernetes.io/part-of": "openmetadata" } } },
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
    const deps = args.dependencies ?? { mode: "bundled" };
    let dependencyRelease: k8s.helm.v3.Release | undefined;
    if (deps.mode === "bundled") {
      const airflowDbPassword = password("airflow-mysql-password");
      // Airflow 3 (the apache-airflow chart) also needs an API secret key, a JWT secret shared by its components
      // and its metadata database as a URL; Airflow 2 (airflow-helm) has neither and reads the password itself.
      const airflow3 = openmetadata.chart.airflowChart === "apache-airflow";
      const airflow3Keys: Record<string, pulumi.Output<string>> = airflow3
        ? {
            [OWN_SECRETS.airflowKeys.apiSecretKey]: password("airflow-api-secret-key"),
            [OWN_SECRETS.airflowKeys.jwtSecret]: password("airflow-jwt-secret"),
          }
        : {};
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
          { [CHART_SECRETS.airflowMysql.key]: airflowDbPassword },
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
        secret(
          "airflow-keys-secret",
          OWN_SECRETS.airflowKeys.name,
          {
            [OWN_SECRETS.airflowKeys.fernetKey]: fernetKey(
              new random.RandomBytes(
                `${name}-airflow-fernet-key`,
                { length: 32 },
                { parent: this, ...dataOpts },
              ),
            ),
            [OWN_SECRETS.airflowKeys.webserverSecretKey]: password("airflow-webserver-secret-key"),
            ...airflow3Keys,
          },
          dataOpts,
        ),
        ...(airflow3
          ? [
              secret(
                "airflow-metadata-secret",
                OWN_SECRETS.airflowMetadata.name,
                { [OWN_SECRETS.airflowMetadata.key]: airflowDbPassword.apply(airflowMetadataConnection) },
                dataOpts,
              ),
            ]
          : []),
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
          version: openmetadata.charts.dependencies,
          repositoryOpts: { repo: HELM_REPOSITORY },
          namespace,
          values: dependenciesValues(openmetadata),
          allowNullValues: true,
          atomic: true,
          cleanupOnFail: true,
          timeout,
        },
        { ...k8sOpts, ...dataOpts, dependsOn: [guard, ...dbSecrets] },
      );
    } else {
      // Only the server reads these, as env that it pastes into its YAML: quoted where YAML would misread them.
      const asScalar = (v: pulumi.Input<string>) => pulumi.output(v).apply(yamlScalarEnvValue);
      secrets.push(
        secret(
          "mysql-secret",
          CHART_SECRETS.mysql.name,
          { [CHART_SECRETS.mysql.key]: asScalar(deps.database.password) },
          dataOpts,
        ),
      );
      if (deps.search.user && deps.search.password !== undefined)
        secrets.push(
          secret("elasticsearch-secret", CHART_SECRETS.elasticsearch.name, {
            [CHART_SECRETS.elasticsearch.key]: asScalar(deps.search.password),
          }),
        );
      if (deps.pipelineClient)
        secrets.push(
          secret("airflow-secret", CHART_SECRETS.airflow.name, {
            [CHART_SECRETS.airflow.key]: asScalar(deps.pipelineClient.password),
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
            [JWT_PRIVATE_KEY_FILE]: pulumi.secret(args.sso.jwtKeys.privateKeyDerBase64),
            [JWT_PUBLIC_KEY_FILE]: args.sso.jwtKeys.publicKeyDerBase64,
          },
        },
        k8sOpts,
      ),
    );

    const clientSecret = args.sso.clientSecret;
    if (clientSecret !== undefined) {
      // Keys and client ID from the SSO rendering; the values object only names this Secret.
      const data = pulumi
        .all([this.sso, clientSecret])
        .apply(([model, clientSecret]) => renderHelmOidcSecretData(model, clientSecret) ?? {});
      secrets.push(
        new k8s.core.v1.Secret(
          `${name}-oidc-secret`,
          { metadata: { name: "oidc-secrets", namespace }, type: "Opaque", stringData: pulumi.secret(data) },
          k8sOpts,
        ),
      );
    }

    // The pod reads these Secrets only at start, so a new value (a rotated client secret, above all) must roll the
    // pods: a digest of their contents goes into the pod template's annotations. Entra's old secret is deleted only
    // after this release has rolled out (create before delete), so the running pods never hold a revoked one.
    const secretsDigest = pulumi.unsecret(
      pulumi
        .all(secrets.map((s) => pulumi.all([s.metadata.name, s.data, s.stringData])))
        .apply((contents) => createHash("sha256").update(JSON.stringify(contents)).digest("hex")),
    );
    // What the server stores (1.10+) or reads at start (1.8/1.9): a change must roll the pods, because the chart
    // renders it into its own Secrets, which its pod template does not checksum. Not a secret (securityConfigDigest).
    const ssoDigest = pulumi.unsecret(
      pulumi
        .all([this.sso, clientSecret === undefined ? undefined : pulumi.output(clientSecret)])
        .apply(([model, secretValue]) => securityConfigDigest(model, secretValue)),
    );
    const values = pulumi.all([this.sso, secretsDigest, ssoDigest]).apply(([model, digest, sso]) =>
      openMetadataValues({
        release: openmetadata,
        resetStoredSsoSettings,
        sso: renderHelmValues(model),
        publicUrl: args.sso.publicUrl,
        dependencies: deps,
        ingress: args.ingress,
        resources: args.resources ?? KUBERNETES_DEFAULTS.resources,
        jwtKeyDir,
        podAnnotations: { [SECRETS_DIGEST_ANNOTATION]: digest, [SSO_DIGEST_ANNOTATION]: sso },
      }),
    );
    const release = new k8s.helm.v3.Release(
      `${name}-openmetadata`,
      {
        name: OPENMETADATA_RELEASE,
        chart: OPENMETADATA_CHART,
        version: openmetadata.charts.openmetadata,
        repositoryOpts: { repo: HELM_REPOSITORY },
        namespace,
        values,
        atomic: true,
        cleanupOnFail: true,
        timeout,
      },
      // The pod reads these Secrets at start, and its migrations need the database up.
      { ...k8sOpts, dependsOn: [guard, ...secrets, ...(dependencyRelease ? [dependencyRelease] : [])] },
    );
    this.releaseStatus = release.status.status;
    this.registerOutputs({ sso: this.sso, namespace: this.namespace, releaseStatus: this.releaseStatus });
  }
}
