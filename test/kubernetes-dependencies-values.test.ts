import { dependenciesValues } from "../components/kubernetes";
import type { AirflowHelmValues, ApacheAirflowValues } from "../components/kubernetes/dependencies-values";
import { resolveRelease } from "../components/openmetadata/releases";

/** The dependencies chart's published passwords and keys (its values.yaml at 1.8.12 and 1.13.1). */
const PUBLISHED =
  /openmetadata_password|airflow_pass'|"password":"admin"|"rootPassword":"|7T512UXSSmBOkpWimFHIVb8jK6lfmSAvx4mO6Arehnc=|THIS IS UNSAFE|a5f8c3e2d1b9a7f6e4c3b2a1f9e8d7c6b5a4f3e2d1c9b8a7f6e5d4c3b2a1f0e9|spiderman/;

describe.each(["1.8.12", "1.13.1"])("dependenciesValues %s: MySQL", (version) => {
  const values = dependenciesValues(resolveRelease(version));

  it("removes the chart's SQL scripts with their published passwords and adds one reading the Secrets", () => {
    expect(Object.keys(values.mysql.initdbScripts)).toEqual([
      "init_openmetadata_db_scripts.sql",
      "init_airflow_db_scripts.sql",
      "init_openmetadata_databases.sh",
    ]);
    expect(values.mysql.initdbScripts["init_openmetadata_db_scripts.sql"]).toBeNull();
    expect(values.mysql.initdbScripts["init_airflow_db_scripts.sql"]).toBeNull();
    const script = values.mysql.initdbScripts["init_openmetadata_databases.sh"];
    expect(script).toContain(
      "CREATE USER IF NOT EXISTS 'openmetadata_user'@'%' IDENTIFIED BY '${OPENMETADATA_DB_PASSWORD}';",
    );
    expect(script).toContain(
      "CREATE USER IF NOT EXISTS 'airflow_user'@'%' IDENTIFIED BY '${AIRFLOW_DB_PASSWORD}';",
    );
    expect(script).toContain("GRANT ALL PRIVILEGES ON airflow_db.* TO 'airflow_user'@'%' WITH GRANT OPTION;");
    expect(values.mysql.primary.extraEnvVars).toEqual([
      {
        name: "OPENMETADATA_DB_PASSWORD",
        valueFrom: { secretKeyRef: { name: "mysql-secrets", key: "openmetadata-mysql-password" } },
      },
      {
        name: "AIRFLOW_DB_PASSWORD",
        valueFrom: { secretKeyRef: { name: "airflow-mysql-secrets", key: "airflow-mysql-password" } },
      },
    ]);
    expect(values.mysql.auth).toEqual({
      rootPassword: null,
      existingSecret: "openmetadata-mysql-root",
      usePasswordFiles: false,
    });
  });

  it("carries none of the chart's default passwords", () => {
    expect(JSON.stringify(values)).not.toMatch(PUBLISHED);
  });
});

describe("dependenciesValues 1.8.12: airflow-helm 8.9.0", () => {
  const values = dependenciesValues(resolveRelease("1.8.12"));
  const airflow = (values.airflow as AirflowHelmValues).airflow;

  it("pulls MySQL from bitnamilegacy on 1.8 (the chart's Bitnami default image is gone)", () => {
    expect(values.mysql.image).toEqual({
      registry: "docker.io",
      repository: "bitnamilegacy/mysql",
      tag: "8.0.37-debian-12-r2",
    });
    expect(dependenciesValues(resolveRelease("1.9.4")).mysql.image).toBeUndefined();
  });

  it("gives the bundled Airflow generated Fernet and webserver keys from a Secret, not the chart's published ones", () => {
    expect([airflow.fernetKey, airflow.webserverSecretKey]).toEqual(["", ""]);
    expect(airflow.extraEnv.map((e) => [e.name, e.valueFrom.secretKeyRef])).toEqual([
      ["AIRFLOW__CORE__FERNET_KEY", { name: "openmetadata-airflow-keys", key: "fernet-key" }],
      ["AIRFLOW__WEBSERVER__SECRET_KEY", { name: "openmetadata-airflow-keys", key: "webserver-secret-key" }],
    ]);
  });

  it("takes Airflow's admin password from airflow-secrets", () => {
    expect(airflow.users).toEqual([
      {
        username: "admin",
        role: "Admin",
        email: "admin@openmetadata.local",
        firstName: "OpenMetadata",
        lastName: "Admin",
        password: "${ADMIN_PASSWORD}",
      },
    ]);
    expect(airflow.usersTemplates).toEqual({
      ADMIN_PASSWORD: { kind: "secret", name: "airflow-secrets", key: "openmetadata-airflow-password" },
    });
  });

  it("is the layout up to 1.11.2", () => {
    expect(Object.keys(dependenciesValues(resolveRelease("1.11.2")).airflow)).toEqual(["airflow"]);
  });
});

describe("dependenciesValues 1.13.1: the official apache-airflow chart 1.18.0 (Airflow 3)", () => {
  const values = dependenciesValues(resolveRelease("1.13.1"));
  const airflow = values.airflow as ApacheAirflowValues;

  it("keeps the MySQL image the chart pins", () => {
    expect(values.mysql.image).toBeUndefined();
  });

  it("reads every Airflow key from the generated Secret and drops the published webserver key", () => {
    expect({
      webserverSecretKey: airflow.webserverSecretKey,
      fernetKeySecretName: airflow.fernetKeySecretName,
      webserverSecretKeySecretName: airflow.webserverSecretKeySecretName,
      apiSecretKeySecretName: airflow.apiSecretKeySecretName,
      jwtSecretName: airflow.jwtSecretName,
    }).toEqual({
      webserverSecretKey: null,
      fernetKeySecretName: "openmetadata-airflow-keys",
      webserverSecretKeySecretName: "openmetadata-airflow-keys",
      apiSecretKeySecretName: "openmetadata-airflow-keys",
      jwtSecretName: "openmetadata-airflow-keys",
    });
  });

  it("reads the metadata database from a Secret and empties the published password", () => {
    expect(airflow.data).toEqual({
      metadataSecretName: "openmetadata-airflow-metadata",
      metadataConnection: { pass: "" },
    });
  });

  it("creates the admin with the password of airflow-secrets, expanded by the kubelet in the job's args", () => {
    expect(airflow.webserver.defaultUser).toEqual({
      enabled: true,
      username: "admin",
      role: "Admin",
      email: "admin@openmetadata.local",
      firstName: "OpenMetadata",
      lastName: "Admin",
      password: "$(OPENMETADATA_AIRFLOW_ADMIN_PASSWORD)",
    });
    expect(airflow.createUserJob.env).toEqual([
      {
        name: "OPENMETADATA_AIRFLOW_ADMIN_PASSWORD",
        valueFrom: { secretKeyRef: { name: "airflow-secrets", key: "openmetadata-airflow-password" } },
      },
    ]);
  });

  it("is the layout from 1.11.3", () => {
    expect(Object.keys(dependenciesValues(resolveRelease("1.11.3")).airflow)).toContain("jwtSecretName");
  });
});
