import * as pulumi from "@pulumi/pulumi";
import type { DatabaseEngine } from "../openmetadata/data-services";
import { AIRFLOW_DB_USER, OPENMETADATA_DB_USER } from "./settings";

/**
 * OpenMetadata's database images create `openmetadata_user` and `airflow_user` with well-known passwords in their
 * init scripts. This script runs after them (init scripts run in name order, on the first start of an empty data
 * volume only) and sets the generated passwords. Passwords are alphanumeric, so no quoting is needed.
 */
export const PASSWORD_INIT_FILE = "/docker-entrypoint-initdb.d/zz-openmetadata-entra-passwords.sql";

export function passwordInitScript(
  engine: DatabaseEngine,
  openmetadataPassword: pulumi.Input<string>,
  airflowPassword: pulumi.Input<string>,
): pulumi.Output<string> {
  return pulumi.secret(
    pulumi
      .all([openmetadataPassword, airflowPassword])
      .apply(([om, airflow]) =>
        engine === "mysql"
          ? [
              `ALTER USER '${OPENMETADATA_DB_USER}'@'%' IDENTIFIED BY '${om}';`,
              `ALTER USER '${AIRFLOW_DB_USER}'@'%' IDENTIFIED BY '${airflow}';`,
              "FLUSH PRIVILEGES;",
              "",
            ].join("\n")
          : [
              `ALTER USER ${OPENMETADATA_DB_USER} WITH PASSWORD '${om}';`,
              `ALTER USER ${AIRFLOW_DB_USER} WITH PASSWORD '${airflow}';`,
              "",
            ].join("\n"),
      ),
  );
}
