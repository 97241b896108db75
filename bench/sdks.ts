/** The SDKs a stack needs at run time: always Entra, TLS and random; plus the selected target's. */
export const COMMON_SDKS = ["@pulumi/pulumi", "@pulumi/azuread", "@pulumi/tls", "@pulumi/random"];

export const TARGET_SDKS: Record<string, string[]> = {
  none: [],
  docker: ["@pulumi/docker"],
  vm: ["@pulumi/command"],
  kubernetes: ["@pulumi/kubernetes"],
};
