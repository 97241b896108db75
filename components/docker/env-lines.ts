import * as pulumi from "@pulumi/pulumi";
import { renderServerEnv, type SsoModel } from "../openmetadata/sso";
import type { EnvVar } from "./settings";

/** `NAME=value`; a secret variable becomes its own secret element, so its neighbours stay readable. */
export function envLine(v: EnvVar): pulumi.Input<string> {
  if (v.secret) return pulumi.secret(pulumi.interpolate`${v.name}=${v.value}`);
  return typeof v.value === "string" ? `${v.name}=${v.value}` : pulumi.interpolate`${v.name}=${v.value}`;
}

/** Stands in for the client secret while the non-secret entries are rendered; never reaches a container. */
const SECRET_STAND_IN = "client-secret-stand-in";

/**
 * The server's env: exactly the SSO model's env rendering, then `extras`. The model is an Output, so the list is
 * built in one apply; its elements stay separate Inputs (the SDK serialises nested Outputs one by one), so only
 * the client secret and the extras' secrets are masked. The client secret's line is rendered by renderServerEnv
 * itself with the real value, inside a secret Output.
 */
export function serverEnvLines(
  sso: pulumi.Input<SsoModel>,
  oidcClientSecret: pulumi.Input<string> | undefined,
  extras: readonly EnvVar[],
): pulumi.Output<pulumi.Input<string>[]> {
  return pulumi.output(sso).apply((model) => {
    const standIn = oidcClientSecret === undefined ? undefined : { oidcClientSecret: SECRET_STAND_IN };
    return [
      ...renderServerEnv(model, standIn).map((entry): pulumi.Input<string> => {
        if (!entry.secret) return `${entry.name}=${entry.value}`;
        return pulumi.secret(
          pulumi.output(oidcClientSecret as pulumi.Input<string>).apply((clientSecret) => {
            const real = renderServerEnv(model, { oidcClientSecret: clientSecret }).find((e) => e.secret);
            return `${entry.name}=${real?.value ?? ""}`;
          }),
        );
      }),
      ...extras.map(envLine),
    ];
  });
}
