/**
 * Deployment targets' config: each target declares its own keys (prefixed with its name) and a zod schema for
 * them. Only the selected target's keys are validated; setting another target's keys is an error, so a stack
 * file cannot carry settings that silently do nothing.
 *
 * To add a target: write `config/targets/<target>.ts` exporting a TargetConfigModule, register it in
 * TARGET_CONFIG below and add its typed config to TargetConfigs.
 */
import type { z } from "zod";
import type { ConfigKeyDeclaration } from "../keys";
import type { CoreConfig } from "../schema";
import { kubernetesTargetConfig, type KubernetesTargetConfig } from "./kubernetes";
import { dockerTargetConfig, type DockerTargetConfig } from "./docker";
import { vmTargetConfig, type VmTargetConfig } from "./vm";

export const TARGETS = ["none", "docker", "vm", "kubernetes"] as const;
export type TargetKind = (typeof TARGETS)[number];

export interface TargetConfigModule<T> {
  keys: Record<string, ConfigKeyDeclaration>;
  /** Validates the target's keys (field names equal key names); may use the validated core config. */
  schema(core: CoreConfig): z.ZodType<T>;
}

/** The typed config of each target, by kind. */
export interface TargetConfigs {
  none: Record<string, never>;
  kubernetes: KubernetesTargetConfig;
  docker: DockerTargetConfig;
  vm: VmTargetConfig;
}

/** The selected target and its validated config. */
export type TargetSelection = {
  [K in keyof TargetConfigs]: { kind: K; config: TargetConfigs[K] };
}[keyof TargetConfigs];

/** Registered target config modules. */
export const TARGET_CONFIG: {
  [K in TargetKind]?: TargetConfigModule<K extends keyof TargetConfigs ? TargetConfigs[K] : never>;
} = {
  kubernetes: kubernetesTargetConfig,
  docker: dockerTargetConfig,
  vm: vmTargetConfig,
};
