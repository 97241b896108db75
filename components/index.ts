/** Public API: reuse these components from other Pulumi programs. */
export * from "./entra";
export * from "./openmetadata/urls";
export * from "./vm";
