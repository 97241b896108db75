import { DEFAULT_INTERNAL_URL } from "../../components/openmetadata/sso";
import type { DeployContext, TargetDeployment } from "../context";
import type { NoneTargetConfig } from "./config";

/** No deployment: the SSO settings for a server that reaches itself on localhost. */
export function deployNone({ core, sso }: DeployContext<NoneTargetConfig>): TargetDeployment {
  return {
    sso: sso.model({ internalUrl: DEFAULT_INTERNAL_URL, openmetadataVersion: core.openmetadataVersion }),
    outputs: {},
  };
}
