/** A valid stack config per target; corpus cases change one or a few keys of it. */
export const P = "openmetadata-entra";

export const VALID_CORE: Record<string, unknown> = {
  publicUrl: "https://om.example.com",
  adminPrincipals: ["jane.doe"],
  principalDomain: "example.com",
};

/** Turns `{key: value}` into the stack file's `config:` map (`project:key`), leaving out undefined values. */
export function stackConfig(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [`${P}:${k}`, v]),
  );
}

/** The CLI's view of the same config: every value a string, structured values as JSON. */
export function cliConfig(values: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(stackConfig(values)).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
  );
}
