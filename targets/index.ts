/**
 * Deploys the selected target, loading only its module, so a Docker stack never loads @pulumi/kubernetes
 * (start-up time is mostly SDK loading).
 */
import type { DeployContext, TargetDeployment } from "./context";
import type { TargetSelection } from "./registry";

export function deployTarget(
  selection: TargetSelection,
  context: Omit<DeployContext<unknown>, "config">,
): TargetDeployment {
  switch (selection.kind) {
    case "none":
      return (require("./none/deploy") as typeof import("./none/deploy")).deployNone({
        ...context,
        config: selection.config,
      });
    case "docker":
      return (require("./docker/deploy") as typeof import("./docker/deploy")).deployDocker({
        ...context,
        config: selection.config,
      });
    case "vm":
      return (require("./vm/deploy") as typeof import("./vm/deploy")).deployVm({
        ...context,
        config: selection.config,
      });
    case "kubernetes":
      return (require("./kubernetes/deploy") as typeof import("./kubernetes/deploy")).deployKubernetes({
        ...context,
        config: selection.config,
      });
  }
}
