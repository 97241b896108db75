// Entry point for `pulumi preview --policy-pack policy`. Constructing PolicyPack starts the analyzer's gRPC
// server, so nothing else lives here and tests import ./policies instead.
import { PolicyPack } from "@pulumi/policy";
import { allPolicies } from "./policies";

new PolicyPack("openmetadata-entra-policy", {
  description:
    "Guard rails for openmetadata-entra stacks: Entra SPA app, exposed ports, weak secrets, protection, " +
    "Fernet keys, TLS to data services in production, limits.",
  policies: [...allPolicies],
});
