/** The SDKs a stack needs at run time (test/lazy-targets.test.ts checks the program loads exactly these). */
export const COMMON_SDKS = ["@pulumi/pulumi", "@pulumi/azuread", "@pulumi/tls"];

export const TARGET_SDKS: Record<string, string[]> = {
  none: [],
  // @pulumi/command: every deployment's downgrade guard (components/openmetadata/version-guard.ts).
  docker: ["@pulumi/command", "@pulumi/docker", "@pulumi/random"],
  vm: ["@pulumi/command", "@pulumi/random"],
  kubernetes: ["@pulumi/command", "@pulumi/kubernetes", "@pulumi/random"],
};
