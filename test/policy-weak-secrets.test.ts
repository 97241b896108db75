import { noWeakLiteralSecrets } from "../policy/weak-secrets";
import { runPolicy, UNKNOWN_STRING, violationsOf } from "./policy-harness";

const CONTAINER = "docker:index/container:Container";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const FIX = "generate it (e.g. random.RandomPassword, 16+ characters) and pass it as a Pulumi secret";

describe("no-weak-literal-secrets", () => {
  it("rejects a container env set to a weak default or a short literal, without printing the value", () => {
    const props = { envs: ["MYSQL_ROOT_PASSWORD=password", "AIRFLOW_PASSWORD=hunter2", "DB_HOST=mysql"] };
    expect(violationsOf(noWeakLiteralSecrets, CONTAINER, props, { name: "om-db" })).toEqual([
      `Container "om-db" sets env MYSQL_ROOT_PASSWORD to a known default value; ${FIX}.`,
      `Container "om-db" sets env AIRFLOW_PASSWORD to a literal shorter than 16 characters; ${FIX}.`,
    ]);
  });

  it("accepts a container whose secret env is generated (unknown in preview, long at update)", () => {
    const preview = { envs: ["DB_HOST=mysql", UNKNOWN_STRING] };
    expect(runPolicy(noWeakLiteralSecrets, CONTAINER, preview)).toEqual({
      violations: [],
      notApplicable: [`Policy only applies to resources of type '${RELEASE}'`],
      unknown: [],
    });
    const update = { envs: ["DB_USER_PASSWORD=Qm7c9Lx2Vb8Nz4Kd6Hs1"] };
    expect(violationsOf(noWeakLiteralSecrets, CONTAINER, update)).toEqual([]);
  });

  it("accepts a container whose whole env list is unknown during preview", () => {
    expect(
      violationsOf(noWeakLiteralSecrets, CONTAINER, { envs: "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2" }),
    ).toEqual([]);
  });

  it("rejects weak literals in Helm release values, naming the values path", () => {
    const props = {
      chart: "openmetadata-dependencies",
      values: { mysql: { auth: { rootPassword: "password" } } },
    };
    expect(violationsOf(noWeakLiteralSecrets, RELEASE, props, { name: "deps" })).toEqual([
      `Release "deps" sets values.mysql.auth.rootPassword to a known default value; ${FIX}, or reference a Kubernetes Secret.`,
    ]);
  });

  it("accepts Helm values that reference Kubernetes Secrets or carry generated secrets", () => {
    const props = {
      chart: "openmetadata",
      values: {
        openmetadata: {
          config: {
            database: {
              auth: { password: { secretRef: "mysql-secrets", secretKey: "openmetadata-mysql-password" } },
            },
          },
        },
        mysql: { auth: { rootPassword: UNKNOWN_STRING } },
      },
    };
    expect(violationsOf(noWeakLiteralSecrets, RELEASE, props)).toEqual([]);
  });
});
