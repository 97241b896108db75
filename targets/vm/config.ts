/**
 * The VM target's config: the shape of its keys, the mapping to OpenMetadataVm's args, and the rules, which are
 * the component's own checks reported under the keys plus the production rule on SSH host keys.
 */
import { z } from "zod";
import {
  DATABASE_ENGINES,
  SEARCH_ENGINES,
  SEARCH_SCHEMES,
} from "../../components/openmetadata/data-services";
import type { Problem } from "../../components/problems";
import { VM_DEFAULTS, type OpenMetadataVmArgs } from "../../components/vm/args";
import { vmArgsProblems } from "../../components/vm/validate";
import { toKeyPaths, type KeyMap } from "../../config/key-paths";
import { oneOf } from "../../config/shape";
import type { CoreSettings, TargetConfigModule, WrapSecret } from "../context";
import { VM_KEYS } from "./keys";

const shape = z.object({
  vmHost: z.string(),
  vmPort: z.number(),
  vmUser: z.string(),
  vmSshPrivateKey: z.string(),
  vmHostKey: z.string().optional(),
  vmInsecureSkipHostKeyCheck: z.boolean(),
  vmBastionHost: z.string().optional(),
  vmBastionHostKey: z.string().optional(),
  vmBastionPort: z.number(),
  vmBastionUser: z.string().optional(),
  vmInstallDir: z.string(),
  vmServiceUser: z.string(),
  vmReleaseSha256: z.string(),
  vmJavaPackage: z.string(),
  vmHealthCheckSeconds: z.number(),
  vmReleaseUrl: z.string().optional(),
  vmServerBindAddress: z.string(),
  vmTls: oneOf(["nginx", "external", "none"]).optional(),
  vmTlsCertificate: z.string().optional(),
  vmTlsPrivateKey: z.string().optional(),
  vmDatabaseType: oneOf(DATABASE_ENGINES),
  vmDatabaseHost: z.string(),
  vmDatabasePort: z.number().optional(),
  vmDatabaseName: z.string(),
  vmDatabaseUser: z.string(),
  vmDatabasePassword: z.string(),
  vmDatabaseParams: z.string().optional(),
  vmSearchType: oneOf(SEARCH_ENGINES),
  vmSearchHost: z.string(),
  vmSearchPort: z.number(),
  vmSearchScheme: oneOf(SEARCH_SCHEMES).optional(),
  vmSearchUser: z.string().optional(),
  vmSearchPassword: z.string().optional(),
});
export type VmTargetConfig = z.output<typeof shape>;

/** The TLS front: nginx by default for an https public URL, nothing for http://localhost. */
function tlsOf(c: VmTargetConfig, core: CoreSettings, secret: WrapSecret): OpenMetadataVmArgs["tls"] {
  const mode = c.vmTls ?? (core.publicUrl.startsWith("https:") ? "nginx" : "none");
  if (mode !== "nginx") return { mode };
  return {
    mode,
    certificatePem: c.vmTlsCertificate === undefined ? "" : secret(c.vmTlsCertificate),
    privateKeyPem: c.vmTlsPrivateKey === undefined ? "" : secret(c.vmTlsPrivateKey),
  };
}

/** OpenMetadataVm's args (all but the SSO source) for this config; the one mapping config and deploy share. */
export function vmArgs(
  c: VmTargetConfig,
  core: CoreSettings,
  secret: WrapSecret,
): Omit<OpenMetadataVmArgs, "sso"> {
  return {
    connection: {
      host: c.vmHost,
      port: c.vmPort,
      user: c.vmUser,
      privateKey: secret(c.vmSshPrivateKey),
      hostKey: c.vmHostKey,
      insecureSkipHostKeyCheck: c.vmInsecureSkipHostKeyCheck,
      bastion:
        c.vmBastionHost === undefined
          ? undefined
          : {
              host: c.vmBastionHost,
              port: c.vmBastionPort,
              user: c.vmBastionUser ?? c.vmUser,
              hostKey: c.vmBastionHostKey,
            },
    },
    database: {
      engine: c.vmDatabaseType,
      host: c.vmDatabaseHost,
      port: c.vmDatabasePort,
      name: c.vmDatabaseName,
      user: c.vmDatabaseUser,
      password: secret(c.vmDatabasePassword),
      params: c.vmDatabaseParams,
    },
    search: {
      engine: c.vmSearchType,
      host: c.vmSearchHost,
      port: c.vmSearchPort,
      scheme: c.vmSearchScheme,
      user: c.vmSearchUser,
      password: c.vmSearchPassword === undefined ? undefined : secret(c.vmSearchPassword),
    },
    ssoConfigSource: core.ssoConfigSource,
    installDir: c.vmInstallDir,
    serviceUser: c.vmServiceUser,
    release: {
      version: core.openmetadataVersion,
      sha256: c.vmReleaseSha256,
      url: c.vmReleaseUrl,
      javaPackage: c.vmJavaPackage,
    },
    serverBindAddress: c.vmServerBindAddress,
    tls: tlsOf(c, core, secret),
    protect: core.protectData,
    healthCheck: {
      retries: Math.ceil(c.vmHealthCheckSeconds / VM_DEFAULTS.intervalSeconds),
      intervalSeconds: VM_DEFAULTS.intervalSeconds,
    },
    production: core.production,
  };
}

/** Which key sets each argument of OpenMetadataVm. */
export const VM_ARG_KEYS: KeyMap = {
  "connection.host": "vmHost",
  "connection.port": "vmPort",
  "connection.user": "vmUser",
  "connection.privateKey": "vmSshPrivateKey",
  "connection.hostKey": "vmHostKey",
  "connection.insecureSkipHostKeyCheck": "vmInsecureSkipHostKeyCheck",
  "connection.bastion.hostKey": "vmBastionHostKey",
  "connection.bastion.host": "vmBastionHost",
  "connection.bastion.port": "vmBastionPort",
  "connection.bastion.user": "vmBastionUser",
  "database.engine": "vmDatabaseType",
  "database.host": "vmDatabaseHost",
  "database.port": "vmDatabasePort",
  "database.name": "vmDatabaseName",
  "database.user": "vmDatabaseUser",
  "database.password": "vmDatabasePassword",
  "database.params": "vmDatabaseParams",
  "search.engine": "vmSearchType",
  "search.host": "vmSearchHost",
  "search.port": "vmSearchPort",
  "search.scheme": "vmSearchScheme",
  "search.user": "vmSearchUser",
  "search.password": "vmSearchPassword",
  installDir: "vmInstallDir",
  serviceUser: "vmServiceUser",
  "release.version": "openmetadataVersion",
  ssoConfigSource: "ssoConfigSource",
  "release.sha256": "vmReleaseSha256",
  "release.javaPackage": "vmJavaPackage",
  "release.url": "vmReleaseUrl",
  "healthCheck.retries": "vmHealthCheckSeconds",
  serverBindAddress: "vmServerBindAddress",
  "tls.mode": "vmTls",
  "tls.certificatePem": "vmTlsCertificate",
  "tls.privateKeyPem": "vmTlsPrivateKey",
};

function configRules(c: VmTargetConfig): Problem[] {
  const problems: Problem[] = [];
  if (
    !Number.isInteger(c.vmHealthCheckSeconds) ||
    c.vmHealthCheckSeconds < 10 ||
    c.vmHealthCheckSeconds > 3600
  )
    problems.push({
      path: "vmHealthCheckSeconds",
      message: `must be a whole number of seconds from 10 to 3600; got ${c.vmHealthCheckSeconds}`,
    });
  if (c.vmTls !== undefined && c.vmTls !== "nginx")
    for (const key of ["vmTlsCertificate", "vmTlsPrivateKey"] as const)
      if (c[key] !== undefined) problems.push({ path: key, message: "is only used with vmTls nginx" });
  if (c.vmBastionHost === undefined && c.vmBastionHostKey !== undefined)
    problems.push({ path: "vmBastionHostKey", message: "is only used with vmBastionHost" });
  return problems;
}

export const vmTarget: TargetConfigModule<VmTargetConfig> = {
  keys: VM_KEYS,
  shape,
  problems: (c, core) => [
    ...configRules(c),
    ...toKeyPaths(
      vmArgsProblems(
        vmArgs(c, core, (v) => v),
        core.publicUrl,
      ),
      VM_ARG_KEYS,
      "target",
    ),
  ],
};
