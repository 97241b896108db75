/** The `none` target: only the Entra app and the SSO settings, for an OpenMetadata installed by other means. */
import { z } from "zod";
import type { TargetConfigModule } from "../context";

const shape = z.object({});
export type NoneTargetConfig = z.output<typeof shape>;

export const noneTarget: TargetConfigModule<NoneTargetConfig> = { keys: {}, shape, problems: () => [] };
