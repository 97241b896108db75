/** The SDK edge of the config: reads the current stack's config from the Pulumi runtime. */
import * as pulumi from "@pulumi/pulumi";
import { parseStackConfig, type StackConfig } from ".";
import { pulumiConfigSource } from "./source";

export function loadStackConfig(): StackConfig {
  return parseStackConfig(pulumiConfigSource(), pulumi.getStack());
}
