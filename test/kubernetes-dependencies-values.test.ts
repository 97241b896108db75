import { dependenciesValues } from "../components/kubernetes";
import { resolveRelease } from "../components/openmetadata/releases";

describe("dependenciesValues", () => {
  const values = dependenciesValues(resolveRelease("1.8.12"));

  it("pulls MySQL from bitnamilegacy on 1.8 (the chart's Bitnami default image is gone)", () => {
    expect(values.mysql.image).toEqual({
      registry: "docker.io",
      repository: "bitnamilegacy/mysql",
      tag: "8.0.37-debian-12-r2",
    });
  });

  it("gives the bundled Airflow generated Fernet and webserver keys from a Secret, not the chart's published ones", () => {
    expect([values.airflow.airflow.fernetKey, values.airflow.airflow.webserverSecretKey]).toEqual(["", ""]);
    expect(values.airflow.airflow.extraEnv.map((e) => [e.name, e.valueFrom.secretKeyRef])).toEqual([
      ["AIRFLOW__CORE__FERNET_KEY", { name: "openmetadata-airflow-keys", key: "fernet-key" }],
      ["AIRFLOW__WEBSERVER__SECRET_KEY", { name: "openmetadata-airflow-keys", key: "webserver-secret-key" }],
    ]);
  });

  it("removes the chart's SQL scripts with their published passwords and adds one reading the Secrets", () => {
    expect(Object.keys(values.mysql.initdbScripts)).toEqual([
      "init_openmetadata_db_scripts.sql",
      "init_airflow_db_scripts.sql",
      "init_openmetadata_databases.sh",
    ]);
    expect(values.mysql.initdbScripts["init_openmetadata_db_scripts.sql"]).toBeNull();
    expect(values.mysql.initdbScripts["init_airflow_db_scripts.sql"]).toBeNull();
    const script = values.mysql.initdbScripts["init_openmetadata_databases.sh"];
    expect(script).toContain("IDENTIFIED BY '${OPENMETADATA_DB_PASSWORD}'");
    expect(script).toContain("IDENTIFIED BY '${AIRFLOW_DB_PASSWORD}'");
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
    expect(values.mysql.auth).toEqual({ existingSecret: "openmetadata-mysql-root", usePasswordFiles: false });
  });

  it("takes Airflow's admin password from airflow-secrets", () => {
    expect(values.airflow.airflow.users[0].password).toBe("${ADMIN_PASSWORD}");
    expect(values.airflow.airflow.usersTemplates).toEqual({
      ADMIN_PASSWORD: { kind: "secret", name: "airflow-secrets", key: "openmetadata-airflow-password" },
    });
  });

  it("carries none of the chart's default passwords", () => {
    expect(JSON.stringify(values)).not.toMatch(
      /openmetadata_password|airflow_pass'|"admin"[^,]*"password":"admin"|rootPassword|7T512UXSSmBOkpWimFHIVb8jK6lfmSAvx4mO6Arehnc=|THIS IS UNSAFE/,
    );
  });
});
