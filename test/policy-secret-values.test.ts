import { unknownCheckingProxy } from "@pulumi/policy";
import {
  isSecretName,
  weakSecretProblem,
  weakSecretsInEnvs,
  weakSecretsInValues,
} from "../policy/secret-values";
import { UNKNOWN_STRING } from "./policy-harness";

const DEFAULT = "a known default value";
const SHORT = "a literal shorter than 16 characters";

describe("isSecretName", () => {
  it.each([
    "DB_USER_PASSWORD",
    "MYSQL_ROOT_PASSWORD",
    "OIDC_CLIENT_SECRET",
    "FERNET_KEY",
    "rootPassword",
    "fernetkey",
    "API_TOKEN",
  ])("treats %s as a secret", (name) => expect(isSecretName(name)).toBe(true));

  it.each([
    "SECRET_MANAGER",
    "OIDC_OM_REFRESH_TOKEN_VALIDITY",
    "AUTHENTICATION_TOKEN_VALIDATION_ALGORITHM",
    "AIRFLOW__OPENMETADATA_SECRETS_MANAGER__AWS_ACCESS_KEY_ID",
    "AIRFLOW__OPENMETADATA_SECRETS_MANAGER__AWS_REGION",
    "secretRef",
    "existingSecret",
    "passwordSecretKey",
    "JWT_KEY_ID",
    "AUTHENTICATION_PUBLIC_KEYS",
    "DB_HOST",
  ])("does not treat %s as a secret", (name) => expect(isSecretName(name)).toBe(false));
});

describe("weakSecretProblem", () => {
  it("flags known defaults case-insensitively, short literals, and nothing else", () => {
    expect(weakSecretProblem("openmetadata_password")).toBe(DEFAULT);
    expect(weakSecretProblem("Admin")).toBe(DEFAULT);
    expect(weakSecretProblem("jJ/9sz0g0OHxsfxOoSfdFdmk3ysNmPRnH3TUAbz3IHA=")).toBe(DEFAULT);
    expect(weakSecretProblem("s3cr3t-but-15ch")).toBe(SHORT);
    expect(weakSecretProblem("x".repeat(16))).toBeUndefined();
    expect(weakSecretProblem("")).toBeUndefined();
  });
});

describe("weakSecretsInEnvs", () => {
  it("reports weak secret entries by name and skips the rest", () => {
    const envs = [
      "DB_USER_PASSWORD=openmetadata_password",
      "AIRFLOW_PASSWORD=short",
      "FERNET_KEY=Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5MTI=",
      "ELASTICSEARCH_PASSWORD=",
      "DB_HOST=mysql",
      "OIDC_OM_REFRESH_TOKEN_VALIDITY=3600",
      "NO_EQUALS_SIGN",
    ];
    expect(weakSecretsInEnvs(envs)).toEqual([
      { where: "DB_USER_PASSWORD", problem: DEFAULT },
      { where: "AIRFLOW_PASSWORD", problem: SHORT },
    ]);
  });

  it("skips entries unknown during preview (generated secrets) and still checks the others", () => {
    const envs = unknownCheckingProxy(["MYSQL_ROOT_PASSWORD=password", UNKNOWN_STRING]) as string[];
    expect(weakSecretsInEnvs(envs)).toEqual([{ where: "MYSQL_ROOT_PASSWORD", problem: DEFAULT }]);
  });
});

describe("weakSecretsInValues", () => {
  it("finds literals under secret keys, fernetkey.value and {name,value} env pairs, skipping secret references", () => {
    const values = {
      mysql: { auth: { rootPassword: "password" } },
      openmetadata: {
        config: {
          database: {
            auth: { password: { secretRef: "mysql-secrets", secretKey: "openmetadata-mysql-password" } },
          },
          fernetkey: { value: "jJ/9sz0g0OHxsfxOoSfdFdmk3ysNmPRnH3TUAbz3IHA=", secretRef: "", secretKey: "" },
          authentication: { oidcConfiguration: { tokenValidity: "3600" } },
          secretsManager: { provider: "db", parameters: { secretAccessKey: "tooshort" } },
        },
      },
      airflow: { externalDatabase: { passwordSecret: "airflow-mysql-secrets", passwordSecretKey: "x" } },
      extraEnvs: [
        { name: "AIRFLOW_PASSWORD", value: "admin" },
        { name: "LOG_LEVEL", value: "INFO" },
      ],
    };
    expect(weakSecretsInValues(values)).toEqual([
      { where: "values.mysql.auth.rootPassword", problem: DEFAULT },
      { where: "values.openmetadata.config.fernetkey.value", problem: DEFAULT },
      { where: "values.openmetadata.config.secretsManager.parameters.secretAccessKey", problem: SHORT },
      { where: "values.extraEnvs[0].value", problem: DEFAULT },
    ]);
  });

  it("passes generated secrets: unknown during preview, long and random during update", () => {
    const preview = unknownCheckingProxy({ auth: { rootPassword: UNKNOWN_STRING, password: "admin" } });
    expect(weakSecretsInValues(preview)).toEqual([{ where: "values.auth.password", problem: DEFAULT }]);
    expect(weakSecretsInValues({ auth: { rootPassword: "q8V#r2Lw!9zT4mXc0pNs" } })).toEqual([]);
  });

  it("accepts missing values", () => {
    expect(weakSecretsInValues(undefined)).toEqual([]);
  });

  it("skips the Kubernetes references of the bundled Airflow's values (valueFrom, usersTemplates)", () => {
    // openmetadata-dependencies in a Kubernetes stack with bundled dependencies (`npm run plan -- --json`).
    const values = {
      airflow: {
        airflow: {
          extraEnv: [
            {
              name: "AIRFLOW__CORE__FERNET_KEY",
              valueFrom: { secretKeyRef: { key: "fernet-key", name: "openmetadata-airflow-keys" } },
            },
            {
              name: "AIRFLOW__WEBSERVER__SECRET_KEY",
              valueFrom: { secretKeyRef: { key: "webserver-secret-key", name: "openmetadata-airflow-keys" } },
            },
          ],
          fernetKey: "",
          users: [{ username: "admin", password: "${ADMIN_PASSWORD}", role: "Admin" }],
          usersTemplates: {
            ADMIN_PASSWORD: { key: "openmetadata-airflow-password", kind: "secret", name: "airflow-secrets" },
          },
          webserverSecretKey: "",
        },
      },
      mysql: {
        auth: { existingSecret: "openmetadata-mysql-root", usePasswordFiles: false },
        primary: {
          extraEnvVars: [
            {
              name: "AIRFLOW_DB_PASSWORD",
              valueFrom: { secretKeyRef: { key: "airflow-mysql-password", name: "airflow-mysql-secrets" } },
            },
          ],
        },
      },
    };
    expect(weakSecretsInValues(values)).toEqual([]);
  });

  it("still checks a {kind, name, key} object that is not a Secret or ConfigMap reference, and a literal value", () => {
    // `name` is a descriptive key (…NAME) either way.
    const values = {
      usersTemplates: { ADMIN_PASSWORD: { kind: "literal", name: "x", key: "admin" } },
      extraEnv: [
        { name: "AIRFLOW__CORE__FERNET_KEY", value: "short", valueFrom: { secretKeyRef: { key: "k" } } },
      ],
    };
    expect(weakSecretsInValues(values)).toEqual([
      { where: "values.usersTemplates.ADMIN_PASSWORD.kind", problem: SHORT },
      { where: "values.usersTemplates.ADMIN_PASSWORD.key", problem: DEFAULT },
      { where: "values.extraEnv[0].value", problem: SHORT },
    ]);
  });
});
