/**
 * Resource inputs in the exact shapes the program registers them (`npm run plan -- --stack <s> --json
 * --show-secrets`), reduced to what the policies read, for hand-varied policy tests.
 */

/** The VM env file's lines for the staging stack (`KEY="value"`, systemd double-quoted), in the program's order. */
export const STAGING_ENV_LINES: readonly string[] = [
  'AUTHENTICATION_PROVIDER="azure"',
  'AUTHENTICATION_CALLBACK_URL="https://openmetadata.staging.example.com/callback"',
  'AUTHENTICATION_PUBLIC_KEYS="[https://login.microsoftonline.com/common/discovery/keys, http://localhost:8585/api/v1/system/config/jwks]"',
  'DB_DRIVER_CLASS="com.mysql.cj.jdbc.Driver"',
  'DB_SCHEME="mysql"',
  'DB_HOST="localhost"',
  'DB_PORT="3306"',
  'DB_PARAMS="allowPublicKeyRetrieval=true&useSSL=false&serverTimezone=UTC"',
  'OM_DATABASE="openmetadata_db"',
  'DB_USER="openmetadata_user"',
  'SEARCH_TYPE="elasticsearch"',
  'ELASTICSEARCH_HOST="localhost"',
  'ELASTICSEARCH_PORT="9200"',
  'ELASTICSEARCH_SCHEME="http"',
  'SERVER_HOST="127.0.0.1"',
  'PIPELINE_SERVICE_CLIENT_ENABLED="false"',
];

/** The secret lines the VM component sends on the env command's stdin. */
export const STAGING_ENV_STDIN =
  'DB_USER_PASSWORD="fake-secret-vmDatabasePassword"\nFERNET_KEY="MTEzOWJmZTE5MDk0MWU5MzNiZmQ2Nzk5MjdhZjJhMzI="\n';

/** `openmetadata-env`'s `create`: the env file's public lines in a heredoc, the secret ones appended from stdin. */
export function envFileScript(lines: readonly string[]): string {
  return [
    "set -eu",
    'S=; [ "$(id -u)" -eq 0 ] || S="sudo -n"',
    "cleanup() { $S rm -f '/etc/openmetadata/openmetadata.env.new'; }; trap cleanup EXIT",
    "$S rm -f '/etc/openmetadata/openmetadata.env.new'",
    "$S install -m '0600' -o 'openmetadata' -g 'openmetadata' /dev/null '/etc/openmetadata/openmetadata.env.new'",
    "$S tee '/etc/openmetadata/openmetadata.env.new' >/dev/null <<'OPENMETADATA_FILE'",
    ...lines,
    "OPENMETADATA_FILE",
    "$S tee -a '/etc/openmetadata/openmetadata.env.new' >/dev/null",
    "if [ -f '/etc/openmetadata/openmetadata.env' ]; then $S cp -p '/etc/openmetadata/openmetadata.env' '/etc/openmetadata/openmetadata.env.bak'; fi",
    "$S mv -f '/etc/openmetadata/openmetadata.env.new' '/etc/openmetadata/openmetadata.env'",
    "",
  ].join("\n");
}

/** The inputs of `openmetadata-env` (a command:remote:Command), with these env lines. */
export function envCommand(lines: readonly string[] = STAGING_ENV_LINES, stdin: string = STAGING_ENV_STDIN) {
  return {
    addPreviousOutputInEnv: false,
    connection: { host: "openmetadata-vm.staging.example.com", port: 22, user: "azureuser" },
    create: envFileScript(lines),
    delete:
      'set -eu\nS=; [ "$(id -u)" -eq 0 ] || S="sudo -n"\n' +
      "$S rm -f '/etc/openmetadata/openmetadata.env' '/etc/openmetadata/openmetadata.env.bak' '/etc/openmetadata/openmetadata.env.new'\n",
    stdin,
  };
}

/** Staging's env lines with `KEY="value"` lines replaced (or appended) and keys in `remove` left out. */
export function withEnvLines(set: Record<string, string>, remove: string[] = []): string[] {
  const lines = STAGING_ENV_LINES.filter((line) => {
    const key = line.slice(0, line.indexOf("="));
    return !remove.includes(key) && !(key in set);
  });
  return [...lines, ...Object.entries(set).map(([key, value]) => `${key}=${value}`)];
}

/** `openmetadata-unit`'s `create`: names the env file (EnvironmentFile=) but does not write it. */
export const UNIT_COMMAND = {
  create: [
    "set -eu",
    'S=; [ "$(id -u)" -eq 0 ] || S="sudo -n"',
    "cleanup() { $S rm -f '/etc/systemd/system/openmetadata.service.new'; }; trap cleanup EXIT",
    "$S rm -f '/etc/systemd/system/openmetadata.service.new'",
    "$S install -m '0644' -o 'root' -g 'root' /dev/null '/etc/systemd/system/openmetadata.service.new'",
    "$S tee '/etc/systemd/system/openmetadata.service.new' >/dev/null <<'OPENMETADATA_FILE'",
    "[Unit]",
    "Description=OpenMetadata server",
    "[Service]",
    "Type=simple",
    "User=openmetadata",
    "EnvironmentFile=/etc/openmetadata/openmetadata.env",
    "ExecStart=/opt/openmetadata/bin/openmetadata-server-start.sh /opt/openmetadata/conf/openmetadata.yaml",
    "OPENMETADATA_FILE",
    "$S mv -f '/etc/systemd/system/openmetadata.service.new' '/etc/systemd/system/openmetadata.service'",
    "$S systemctl daemon-reload",
    "",
  ].join("\n"),
};

/** `openmetadata-server`'s envs (Docker, dev stack: bundled MySQL and Elasticsearch on the container network). */
export const DEV_SERVER_ENVS: readonly string[] = [
  "AUTHENTICATION_PROVIDER=azure",
  "DB_DRIVER_CLASS=com.mysql.cj.jdbc.Driver",
  "DB_SCHEME=mysql",
  "DB_HOST=openmetadata-mysql",
  "DB_PORT=3306",
  "DB_PARAMS=allowPublicKeyRetrieval=true&useSSL=false&serverTimezone=UTC",
  "OM_DATABASE=openmetadata_db",
  "DB_USER=openmetadata_user",
  "DB_USER_PASSWORD=fake-password-openmetadata-db-password-aac03492d4b3",
  "SEARCH_TYPE=elasticsearch",
  "ELASTICSEARCH_HOST=openmetadata-elasticsearch",
  "ELASTICSEARCH_PORT=9200",
  "ELASTICSEARCH_SCHEME=http",
  "PIPELINE_SERVICE_CLIENT_ENABLED=true",
  "PIPELINE_SERVICE_CLIENT_ENDPOINT=http://openmetadata-ingestion:8080",
  "FERNET_KEY=MTEzOWJmZTE5MDk0MWU5MzNiZmQ2Nzk5MjdhZjJhMzI=",
];

/** `openmetadata-ingestion`'s envs (Airflow: DB_HOST too, but DB_PROPERTIES rather than OpenMetadata's DB_PARAMS). */
export const DEV_INGESTION_ENVS: readonly string[] = [
  "AIRFLOW__CORE__EXECUTOR=LocalExecutor",
  "DB_HOST=openmetadata-mysql",
  "DB_PORT=3306",
  "AIRFLOW_DB=airflow_db",
  "DB_SCHEME=mysql+pymysql",
  "DB_USER=airflow_user",
  "DB_PASSWORD=fake-password-openmetadata-airflow-db-password-8f782a27ee2d",
  "DB_PROPERTIES=",
];

/** Docker envs with `NAME=value` entries replaced (or appended) and names in `remove` left out. */
export function withEnvs(
  base: readonly string[],
  set: Record<string, string>,
  remove: string[] = [],
): string[] {
  const kept = base.filter((entry) => {
    const name = entry.slice(0, entry.indexOf("="));
    return !remove.includes(name) && !(name in set);
  });
  return [...kept, ...Object.entries(set).map(([name, value]) => `${name}=${value}`)];
}

/** `openmetadata-openmetadata`'s values (chart openmetadata, prod stack: external MySQL and OpenSearch, TLS). */
export function prodReleaseValues() {
  return {
    extraEnvs: [{ name: "PIPELINE_SERVICE_CLIENT_ENABLED", value: "false" }],
    openmetadata: {
      config: {
        database: {
          auth: {
            password: { secretKey: "openmetadata-mysql-password", secretRef: "mysql-secrets" },
            username: "openmetadata_user",
          },
          databaseName: "openmetadata_db",
          dbParams: "allowPublicKeyRetrieval=true&sslMode=REQUIRED&serverTimezone=UTC",
          dbScheme: "mysql",
          driverClass: "com.mysql.cj.jdbc.Driver",
          enabled: true,
          host: "openmetadata-db.mysql.database.azure.com",
          port: 3306,
        },
        elasticsearch: {
          auth: {
            enabled: true,
            password: {
              secretKey: "openmetadata-elasticsearch-password",
              secretRef: "elasticsearch-secrets",
            },
            username: "openmetadata",
          },
          enabled: true,
          host: "search.example.com",
          port: 443,
          scheme: "https" as string,
          searchType: "opensearch",
        },
        fernetkey: { secretKey: "fernet-key", secretRef: "openmetadata-fernet-key", value: "" },
        pipelineServiceClientConfig: { enabled: false } as Record<string, unknown>,
      },
    },
    resources: { limits: { cpu: "1", memory: "2Gi" }, requests: { cpu: "500m", memory: "1Gi" } },
  };
}
