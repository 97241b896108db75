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
import type { OpenMetadataVmArgs } from "../../components/vm/args";
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
  vmBastionHost: z.string().optional(),
  vmBastionPort: z.number(),
  vmBastionUser: z.string().optional(),
  vmInstallDir: z.string(),
  vmServiceUser: z.string(),
  vmReleaseSha256: z.string(),
  vmJavaPackage: z.string(),
  vmDatabaseType: oneOf(DATABASE_ENGINES),
  vmDatabaseHost: z.string(),
  vmDatabasePort: z.number().optional(),
  vmDatabaseName: z.string(),
  vmDatabaseUser: z.string(),
  vmDatabasePassword: z.string(),
  vmSearchType: oneOf(SEARCH_ENGINES),
  vmSearchHost: z.string(),
  vmSearchPort: z.number(),
  vmSearchScheme: oneOf(SEARCH_SCHEMES),
  vmSearchUser: z.string().optional(),
  vmSearchPassword: z.string().optional(),
});
export type VmTargetConfig = z.output<typeof shape>;

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
      bastion:
        c.vmBastionHost === undefined
          ? undefined
          : { host: c.vmBastionHost, port: c.vmBastionPort, user: c.vmBastionUser ?? c.vmUser },
    },
    database: {
      engine: c.vmDatabaseType,
      host: c.vmDatabaseHost,
      port: c.vmDatabasePort,
      name: c.vmDatabaseName,
      user: c.vmDatabaseUser,
      password: secret(c.vmDatabasePassword),
    },
    search: {
      engine: c.vmSearchType,
      host: c.vmSearchHost,
      port: c.vmSearchPort,
      scheme: c.vmSearchScheme,
      user: c.vmSearchUser,
      password: c.vmSearchPassword === undefined ? undefined : secret(c.vmSearchPassword),
    },
    installDir: c.vmInstallDir,
    serviceUser: c.vmServiceUser,
    release: { version: core.openmetadataVersion, sha256: c.vmReleaseSha256, javaPackage: c.vmJavaPackage },
  };
}

/** Which key sets each argument of OpenMetadataVm. */
export const VM_ARG_KEYS: KeyMap = {
  "connection.host": "vmHost",
  "connection.port": "vmPort",
  "connection.user": "vmUser",
  "connection.privateKey": "vmSshPrivateKey",
  "connection.hostKey": "vmHostKey",
  "connection.bastion.host": "vmBastionHost",
  "connection.bastion.port": "vmBastionPort",
  "connection.bastion.user": "vmBastionUser",
  "database.engine": "vmDatabaseType",
  "database.host": "vmDatabaseHost",
  "database.port": "vmDatabasePort",
  "database.name": "vmDatabaseName",
  "database.user": "vmDatabaseUser",
  "database.password": "vmDatabasePassword",
  "search.engine": "vmSearchType",
  "search.host": "vmSearchHost",
  "search.port": "vmSearchPort",
  "search.scheme": "vmSearchScheme",
  "search.user": "vmSearchUser",
  "search.password": "vmSearchPassword",
  installDir: "vmInstallDir",
  serviceUser: "vmServiceUser",
  "release.version": "openmetadataVersion",
  "release.sha256": "vmReleaseSha256",
  "release.javaPackage": "vmJavaPackage",
};

function configRules(c: VmTargetConfig, core: CoreSettings): Problem[] {
  if (core.production && c.vmHostKey === undefined)
    return [
      {
        path: "vmHostKey",
        message:
          "is required in production (the VM's SSH host key, e.g. from ssh-keyscan -t ed25519 <host>), so a man in the middle cannot receive the secrets",
      },
    ];
  return [];
}

export const vmTarget: TargetConfigModule<VmTargetConfig> = {
  keys: VM_KEYS,
  shape,
  problems: (c, core) => [
    ...configRules(c, core),
    ...toKeyPaths(vmArgsProblems(vmArgs(c, core, (v) => v)), VM_ARG_KEYS, "target"),
  ],
};
