/**
 * The bare chart name of a Helm Release's `chart` input, whatever form it takes:
 * `openmetadata`, `open-metadata/openmetadata`, `oci://host/charts/openmetadata`,
 * `./charts/openmetadata-1.8.12.tgz` → `openmetadata`.
 */
export function chartName(chart: string): string {
  const last = chart.replace(/\/+$/, "").split("/").pop() ?? "";
  return last.replace(/\.tgz$/, "").replace(/-v?\d+\.\d+\.\d+.*$/, "");
}
