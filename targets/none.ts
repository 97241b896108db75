import { DEFAULT_INTERNAL_URL } from "../components/openmetadata/sso";
import type { DeployTarget } from "./context";

/** No deployment: only the Entra app and the SSO settings, for an OpenMetadata installed by other means. */
export const deployNone: DeployTarget = (context) => ({
  sso: context.ssoModel(DEFAULT_INTERNAL_URL),
  outputs: {},
});
