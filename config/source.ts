/** The Pulumi runtime as a raw config source: the only place that touches Pulumi's config store. */
import * as pulumi from "@pulumi/pulumi";
import type { RawSource } from "./raw";

// `isConfigSecret` is exported by the runtime but marked internal in its typings; it is how the SDK's own
// `Config.get` decides whether a value was set with `--secret`.
const runtimeConfig = require("@pulumi/pulumi/runtime/config") as { isConfigSecret(key: string): boolean };

export function pulumiConfigSource(): RawSource {
  const all = pulumi.runtime.allConfig();
  return {
    get: (key) => all[key],
    isSecret: (key) => runtimeConfig.isConfigSecret(key),
    keys: () => Object.keys(all),
  };
}
