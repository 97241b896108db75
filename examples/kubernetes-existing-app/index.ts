/**
 * Another Pulumi program built from openmetadata-entra's components, imported by the package's name: the Entra app
 * registration exists already (no Entra resources are created), and OpenMetadata goes into a namespace the
 * platform team created, behind their Traefik ingress, with bundled dependencies.
 */
import * as pulumi from "@pulumi/pulumi";
import { OpenMetadataJwtKeys, openMetadataSso, publicHost } from "openmetadata-entra";
import { existingEntraApp } from "openmetadata-entra/entra";
import { OpenMetadataKubernetes } from "openmetadata-entra/kubernetes";

const config = new pulumi.Config();
const publicUrl = config.require("publicUrl");

const app = existingEntraApp({
  clientId: config.require("clientId"),
  tenantId: config.require("tenantId"),
  publicUrl,
});
const jwtKeys = new OpenMetadataJwtKeys("catalog-jwt", { issuer: publicHost(publicUrl) });
const sso = openMetadataSso({
  settings: {
    publicUrl,
    adminPrincipals: config.requireObject<string[]>("admins"),
    principalDomain: config.require("domain"),
  },
  clientId: app.clientId,
  tenantId: app.tenantId,
  jwtKeys,
});

const catalog = new OpenMetadataKubernetes("catalog", {
  cluster: { context: config.require("kubeContext") },
  namespace: config.require("namespace"),
  createNamespace: false,
  sso,
  ingress: { className: "traefik", certManagerIssuer: "letsencrypt" },
});

export const redirectUris = app.redirectUris;
export const namespace = catalog.namespace;
export const ssoSettings = catalog.sso;
