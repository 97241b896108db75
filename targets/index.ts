/**
 * Loads only the selected target's module, so a Docker stack never loads @pulumi/kubernetes (start-up time is
 * mostly SDK loading).
 */
import type { TargetKind } from "../config";
import type { DeployTarget } from "./context";

export function loadTarget(kind: TargetKind): DeployTarget {
  switch (kind) {
    case "none":
      return (require("./none") as typeof import("./none")).deployNone;
    case "kubernetes":
      return (require("./kubernetes") as typeof import("./kubernetes")).deployKubernetes;
    case "docker":
      return (require("./docker") as typeof import("./docker")).deployDocker;
    case "vm":
      return (require("./vm") as typeof import("./vm")).deployVm;
    default:
      throw new Error(`target ${kind} is not available in this version`);
  }
}
