/**
 * OpenMetadata reads its environment through openmetadata.yaml: Dropwizard pastes a variable's text into the file
 * before parsing it, with a YAML 1.1 parser (SnakeYAML). So `[a, b]` is a flow sequence (the v1.8 docs write
 * `AUTHENTICATION_PUBLIC_KEYS=[https://…/keys, https://…/jwks]`), and a value such as `yes` or `1_000` would turn
 * into a boolean or a number. The SSO env is rendered through the shared quoting helpers, so every value arrives as
 * the model holds it.
 */
import { yamlFlowListEnvValue, yamlScalarEnvValue } from "../../quoting";

/** `["a", "b"]` → `[a, b]` (items quoted where YAML would misread them). */
export const formatEnvList = yamlFlowListEnvValue;

/** A string as OpenMetadata reads it back (quoted where YAML would misread it); a boolean as `true`/`false`. */
export function envScalar(value: string | boolean): string {
  return typeof value === "boolean" ? String(value) : yamlScalarEnvValue(value);
}
