/** Deploys the VM target: OpenMetadataVm (SSH + systemd) with the config's args, and cloud-init for a new VM. */
import * as pulumi from "@pulumi/pulumi";
import { OpenMetadataVm } from "../../components/vm";
import type { DeployContext, TargetDeployment } from "../context";
import { vmArgs, type VmTargetConfig } from "./config";

export function deployVm({ core, config, sso }: DeployContext<VmTargetConfig>): TargetDeployment {
  const vm = new OpenMetadataVm(
    "openmetadata",
    { ...vmArgs(config, core, pulumi.secret), sso },
    { protect: false },
  );
  return {
    sso: vm.sso,
    outputs: { userData: vm.userData, vmEnvFilePath: vm.envFilePath, vmHost: config.vmHost },
  };
}
