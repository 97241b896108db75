import {
  atLeast,
  DEFAULT_OPENMETADATA_VERSION,
  RELEASE_LINES,
  releaseProblems,
  resolveRelease,
} from "../components/openmetadata/releases";

describe("release lines", () => {
  it("supports exactly 1.8 to 1.13, each with a pinned default patch it lists", () => {
    expect(RELEASE_LINES.map((l) => [l.line, l.defaultPatch])).toEqual([
      ["1.8", "1.8.12"],
      ["1.9", "1.9.17"],
      ["1.10", "1.10.14"],
      ["1.11", "1.11.13"],
      ["1.12", "1.12.12"],
      ["1.13", "1.13.1"],
    ]);
    for (const l of RELEASE_LINES) expect(l.patches).toContain(Number(l.defaultPatch.split(".")[2]));
    expect(DEFAULT_OPENMETADATA_VERSION).toBe("1.13.1");
  });

  // One row per line: the facts every target reads.
  it.each([
    ["1.8.12", "8.11.4", "2.19.1", false, "common", "8.0.0", "12.0"],
    ["1.9.17", "8.11.4", "2.19.3", false, "common", "8.0.0", "12.0"],
    ["1.10.14", "8.11.4", "2.19.3", true, "tenant-v2", "8.0.0", "12.0"],
    ["1.11.13", "8.11.4", "2.19.3", true, "tenant-v2", "8.0.0", "12.0"],
    ["1.12.12", "9.3.0", "3.3.2", true, "tenant-v2", "8.0.42", "15"],
    ["1.13.1", "9.3.0", "3.3.2", true, "tenant-v2", "8.0.42", "15"],
  ])(
    "%s: ES %s / OpenSearch %s, stored security config %s, Entra keys %s",
    (v, es, os, stored, keys, mysql, pg) => {
      const r = resolveRelease(v);
      expect(r).toMatchObject({
        version: v,
        bundledSearch: { elasticsearch: es, opensearch: os },
        securityConfigInDatabase: stored,
        entraKeysUrl: keys,
        databaseMinimum: { mysql, postgresql: pg },
        javaMajor: 21,
        verified: true,
        images: {
          server: `docker.getcollate.io/openmetadata/server:${v}`,
          ingestion: `docker.getcollate.io/openmetadata/ingestion:${v}`,
          mysql: `docker.getcollate.io/openmetadata/db:${v}`,
          postgresql: `docker.getcollate.io/openmetadata/postgresql:${v}`,
        },
        charts: { openmetadata: v, dependencies: v },
      });
    },
  );

  // The chart changes, at the first tag that has each (helm-charts repository).
  it.each([
    ["1.8.12", "flat", "airflow-helm", true, false],
    ["1.9.3", "flat", "airflow-helm", true, false],
    ["1.9.4", "flat", "airflow-helm", false, false],
    ["1.10.9", "flat", "airflow-helm", false, false],
    ["1.11.2", "flat", "airflow-helm", false, false],
    ["1.11.3", "flat", "apache-airflow", false, false],
    ["1.11.11", "flat", "apache-airflow", false, false],
    ["1.11.12", "nested", "apache-airflow", false, false],
    ["1.12.1", "nested", "apache-airflow", false, false],
    ["1.12.3", "nested", "apache-airflow", false, true],
    ["1.13.1", "nested", "apache-airflow", false, true],
  ])(
    "chart %s: pipeline config %s, %s, MySQL image override %s, delivers a disabled pipeline %s",
    (v, pipeline, airflow, mysql, disabled) => {
      const { chart } = resolveRelease(v);
      expect(chart.pipelineConfig).toBe(pipeline);
      expect(chart.airflowChart).toBe(airflow);
      expect(chart.mysqlImage !== undefined).toBe(mysql);
      expect(chart.deliversPipelineDisabled).toBe(disabled);
    },
  );

  it("accepts a patch newer than the newest known one as unverified, with the newest one's facts", () => {
    expect(releaseProblems("1.13.6")).toEqual([]);
    const newer = resolveRelease("1.13.6");
    expect(newer.verified).toBe(false);
    expect(newer.images.server).toBe("docker.getcollate.io/openmetadata/server:1.13.6");
    expect(newer.chart).toEqual(resolveRelease("1.13.1").chart);
  });

  it.each([
    ["latest", 'must be a release version x.y.z such as 1.13.1; got "latest"'],
    ["1.8", 'must be a release version x.y.z such as 1.13.1; got "1.8"'],
    [
      "2.0.0",
      'must be a release of a supported line (1.8.x, 1.9.x, 1.10.x, 1.11.x, 1.12.x, 1.13.x); got "2.0.0"',
    ],
    [
      "1.7.4",
      'must be a release of a supported line (1.8.x, 1.9.x, 1.10.x, 1.11.x, 1.12.x, 1.13.x); got "1.7.4"',
    ],
    [
      "1.8.5",
      'must be a published 1.8 patch (1.8.0, 1.8.1, 1.8.2, 1.8.3, 1.8.4, 1.8.6, 1.8.7, 1.8.8, 1.8.9, 1.8.10, 1.8.12, or a newer one); got "1.8.5"',
    ],
    [
      "1.11.1",
      'must be a published 1.11 patch (1.11.2, 1.11.3, 1.11.4, 1.11.5, 1.11.6, 1.11.7, 1.11.8, 1.11.9, 1.11.10, 1.11.11, 1.11.12, 1.11.13, or a newer one); got "1.11.1"',
    ],
    ["01.8.12", 'must be a release version x.y.z such as 1.13.1; got "01.8.12"'],
    [1.8, "must be a release version x.y.z such as 1.13.1; got 1.8"],
  ])("refuses %s", (v, message) => {
    expect(releaseProblems(v)).toEqual([{ path: "version", message }]);
    expect(() => resolveRelease(v as string)).toThrow(message);
  });

  it("compares versions numerically", () => {
    expect(atLeast("1.10.0", "1.9.17")).toBe(true);
    expect(atLeast("1.9.17", "1.10.0")).toBe(false);
    expect(atLeast("1.11.12", "1.11.12")).toBe(true);
  });
});
