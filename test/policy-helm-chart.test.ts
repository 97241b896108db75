import { chartName } from "../policy/helm-chart";

describe("chartName", () => {
  it.each([
    ["openmetadata", "openmetadata"],
    ["open-metadata/openmetadata", "openmetadata"],
    ["oci://registry.example.com/charts/openmetadata-dependencies/", "openmetadata-dependencies"],
    ["./charts/openmetadata-1.8.12.tgz", "openmetadata"],
    ["https://example.com/openmetadata-dependencies-1.8.12.tgz", "openmetadata-dependencies"],
  ])("%s → %s", (chart, name) => expect(chartName(chart)).toBe(name));
});
