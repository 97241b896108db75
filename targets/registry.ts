/**
 * The registry of deployment targets: each target's config module (keys, shape, rules), all pure. Adding a target
 * is a folder `targets/<kind>/` (keys.ts, config.ts, deploy.ts) and one line here and in `targets/index.ts`.
 */
import type { z } from "zod";
import { dockerTarget } from "./docker/config";
import { kubernetesTarget } from "./kubernetes/config";
import { noneTarget } from "./none/config";
import { vmTarget } from "./vm/config";

export const TARGETS = {
  none: noneTarget,
  docker: dockerTarget,
  vm: vmTarget,
  kubernetes: kubernetesTarget,
} as const;

export type TargetKind = keyof typeof TARGETS;
export const TARGET_KINDS = Object.keys(TARGETS) as [TargetKind, ...TargetKind[]];

/** The typed config of a target. */
export type TargetConfigOf<K extends TargetKind> = z.output<(typeof TARGETS)[K]["shape"]>;

/** The selected target and its config. */
export type TargetSelection = { [K in TargetKind]: { kind: K; config: TargetConfigOf<K> } }[TargetKind];
