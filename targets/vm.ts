import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_INTERNAL_URL } from "../components/openmetadata/sso";
import { OpenMetadataVm } from "../components/vm";
import type { DeployTarget } from "./context";

/** OpenMetadata from the release tarball on a Linux VM (SSH + systemd), and cloud-init for a fresh VM. */
export const deployVm: DeployTarget = (context) => {
  const { config } = context;
  if (config.target.kind !== "vm") throw new Error(`deployVm called for target ${config.target.kind}`);
  const c = config.target.config;
  // The server reaches its own JWKS on the VM itself.
  const sso = context.ssoModel(DEFAULT_INTERNAL_URL);
  const vm = new OpenMetadataVm(
    "openmetadata",
    {
      connection: {
        host: c.vmHost,
        port: c.vmPort,
        user: c.vmUser,
        privateKey: pulumi.secret(c.vmSshPrivateKey),
        hostKey: c.vmHostKey,
        bastion:
          c.vmBastionHost === undefined
            ? undefined
            : { host: c.vmBastionHost, port: c.vmBastionPort, user: c.vmBastionUser ?? c.vmUser },
      },
      sso,
      oidcClientSecret:
        config.entra.clientType === "confidential" ? context.identity.clientSecret : undefined,
      jwtKeys: context.jwtKeys,
      database: {
        type: c.vmDatabaseType,
        host: c.vmDatabaseHost,
        port: c.vmDatabasePort,
        name: c.vmDatabaseName,
        user: c.vmDatabaseUser,
        password: pulumi.secret(c.vmDatabasePassword),
      },
      search: {
        type: c.vmSearchType,
        host: c.vmSearchHost,
        port: c.vmSearchPort,
        scheme: c.vmSearchScheme,
        user: c.vmSearchUser,
        password: c.vmSearchPassword === undefined ? undefined : pulumi.secret(c.vmSearchPassword),
      },
      installDir: c.vmInstallDir,
      serviceUser: c.vmServiceUser,
      release: {
        version: config.openmetadataVersion,
        sha256: c.vmReleaseSha256,
        javaPackage: c.vmJavaPackage,
      },
    },
    { protect: false },
  );
  return {
    sso,
    outputs: { userData: vm.userData, vmEnvFilePath: vm.envFilePath, vmHost: c.vmHost },
  };
};
