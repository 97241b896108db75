/**
 * The contract between the stack config, the composition in index.ts and each deployment target. A target gets
 * the core settings, its own typed config and the SSO source (model factory, client secret, key material); never
 * the app registration, never Pulumi config.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import type { Problem } from "../components/problems";
import type { SsoConfigSource } from "../components/openmetadata/security-config";
import type { OpenMetadataSso } from "../components/openmetadata/server-sso";
import type { SsoModel } from "../components/openmetadata/sso";
import type { ConfigKeyDeclaration } from "../config/keys";

/** What every target is given from the core config (all validated). */
export interface CoreSettings {
  readonly stack: string;
  /** Normalised: no trailing slash, base path kept. */
  readonly publicUrl: string;
  readonly production: boolean;
  /** Data (volumes, namespace, credentials, Fernet keys) is protected unless this is set for one update. */
  readonly protectData: boolean;
  /** A patch release of a supported line. */
  readonly openmetadataVersion: string;
  /** Who owns a 1.10+ server's stored SSO settings (security-config.ts). */
  readonly ssoConfigSource: SsoConfigSource;
}

/** A target's config: its keys, their shape, and every rule on them, reported under the keys. */
export interface TargetConfigModule<C> {
  readonly keys: Readonly<Record<string, ConfigKeyDeclaration>>;
  /** Types, modes (discriminated unions) and which keys each mode requires; field names equal key names. */
  readonly shape: z.ZodType<C>;
  /**
   * Every problem of a shaped config: the config's own cross-key rules and the component's checks of the args
   * the config maps to, each with the config key as its path.
   */
  problems(config: C, core: CoreSettings): Problem[];
}

/** How a secret value reaches a component's args: as it is for the config's checks, `pulumi.secret` when deployed. */
export type WrapSecret = (value: string) => pulumi.Input<string>;

export interface DeployContext<C> {
  readonly core: CoreSettings;
  readonly config: C;
  readonly sso: OpenMetadataSso;
}

export interface TargetDeployment {
  /** The SSO settings OpenMetadata is given: the non-secret `sso` stack output. */
  readonly sso: pulumi.Output<SsoModel>;
  /** Target-specific stack outputs. */
  readonly outputs: Record<string, pulumi.Input<unknown>>;
}
