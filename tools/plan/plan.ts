/**
 * The offline plan: validates a stack's config, then runs the real program (`index.ts`) on Pulumi's mock
 * runtime with that config. Secrets the plan cannot decrypt, and required secrets a stack file only documents,
 * are replaced by obviously fake values and listed in `standIns`.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { CONFIG_KEYS, ConfigError, offlineValue, parseStackConfig } from "../../config";
import { fullKey } from "../../config/keys";
import { standInCertificatePem } from "../vm/x509";
import { FAKE_RSA_PRIVATE_KEY_PEM, FAKE_TLS_CERTIFICATE_PEM, fakeSecretConfig } from "./fakes";
import { runOffline } from "./mock-runtime";
import { buildPlan, PlanDocument } from "./report";
import { readProjectFile, readStackFile, stackFilePath } from "./stack-file";

/** The project's root (Pulumi.yaml, stacks/), found upwards so the compiled copy in bin/ finds it too. */
export const REPO_ROOT = projectRoot(__dirname);
/** The program: index.ts beside tools/, or bin/index.js when this file runs compiled from bin/. */
const PROGRAM = join(__dirname, "..", "..", "index");

function projectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "Pulumi.yaml"))) return dir;
    if (dirname(dir) === dir) throw new Error(`no Pulumi.yaml above ${from}`);
  }
}

export interface PlanOptions {
  stack: string;
  showSecrets?: boolean;
  /** Plan this stack file instead of `stacks/Pulumi.<stack>.yaml`. */
  stackFile?: string;
  /**
   * Test-only, programmatic only (never a CLI flag): real values for secret config keys, by bare key name
   * (`vmTlsPrivateKey`), used instead of the plan's fakes by tests that know them (a throw-away certificate they
   * generated, say). Each key must be declared secret and must not be set in plain text in the stack file; the
   * stack file may hold it as a `secure:` value or not at all. A given key is not a stand-in (not in `standIns`),
   * and it stays a secret: masked in the plan unless `showSecrets`. The plan document's shape does not change.
   */
  secrets?: Record<string, string>;
}

export interface PlanResult {
  plan: PlanDocument;
  /** Keys that were set to fakes: secrets and values that exist only outside the repository. */
  standIns: string[];
}

/** Full config (with fakes for secrets) for a stack; throws ConfigError when the stack file is invalid. */
export function offlineConfig(options: PlanOptions): {
  project: string;
  config: Record<string, string>;
  secretKeys: string[];
  /** Keys given fake values because their real value cannot be had offline. */
  standIns: string[];
} {
  const project = readProjectFile(REPO_ROOT);
  const file = readStackFile(
    options.stackFile ?? stackFilePath(REPO_ROOT, project, options.stack),
    project.name,
  );
  const config = { ...file.config };
  const secretKeys = [...file.secureKeys];
  const given = givenSecrets(options.secrets, file);
  // The fixed fake certificate names no real host: in its place, one for the public URL's host (valid now, the
  // stand-in private key's), as the VM target checks the certificate against the host.
  const fake = (key: string): string => {
    const value = fakeSecretConfig(key);
    const url = config[fullKey("publicUrl")];
    if (value !== FAKE_TLS_CERTIFICATE_PEM || url === undefined || !URL.canParse(url)) return value;
    const host = new URL(url).hostname.replace(/^\[(.*)\]$/, "$1").replace(/\.$/, "");
    return standInCertificatePem(FAKE_RSA_PRIVATE_KEY_PEM, host);
  };
  const standIns = file.secureKeys.filter((key) => !(key in given));
  for (const key of standIns) config[key] = fake(key.slice(key.indexOf(":") + 1));
  for (const [key, value] of Object.entries(given)) {
    config[key] = value;
    if (!secretKeys.includes(key)) secretKeys.push(key);
  }
  const source = (c: Record<string, string>) => ({
    get: (k: string) => c[k],
    isSecret: (k: string) => secretKeys.includes(k),
    keys: () => Object.keys(c),
  });
  // Stand in for missing secrets and outside values until the config is complete: a key may only turn out to be
  // required once the keys it depends on are there (an external database's password, say).
  for (;;) {
    try {
      parseStackConfig(source(config), options.stack);
      break;
    } catch (err) {
      const missing =
        err instanceof ConfigError ? err.missingStandInKeys.filter((k) => !(fullKey(k) in config)) : [];
      if (missing.length === 0) throw err;
      for (const key of missing) {
        config[fullKey(key)] = offlineValue(key, fake);
        if (CONFIG_KEYS[key]?.secret) secretKeys.push(fullKey(key));
        standIns.push(fullKey(key));
      }
    }
  }
  return { project: project.name, config, secretKeys: secretKeys.sort(), standIns: standIns.sort() };
}

/** `PlanOptions.secrets` under full keys, checked: declared secret keys with string values, not plain in the file. */
function givenSecrets(
  secrets: Record<string, string> | undefined,
  file: { config: Record<string, string>; secureKeys: string[] },
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(secrets ?? {})) {
    const full = fullKey(key);
    if (CONFIG_KEYS[key]?.secret !== true)
      throw new Error(`plan option secrets: ${key} is not a secret config key (give bare key names)`);
    if (typeof value !== "string") throw new Error(`plan option secrets: ${key} must be a string`);
    if (full in file.config && !file.secureKeys.includes(full))
      throw new Error(`plan option secrets: the stack file sets ${full} in plain text`);
    out[full] = value;
  }
  return out;
}

export async function plan(options: PlanOptions): Promise<PlanResult> {
  const { project, config, secretKeys, standIns } = offlineConfig(options);
  const run = await runOffline({
    project,
    stack: options.stack,
    config,
    secretKeys,
    program: () => {
      // Loaded only now, after the mocks are installed, like the CLI loads it after connecting to the engine.
      const program = require(PROGRAM) as () => Record<string, unknown>;
      return program();
    },
  });
  return {
    plan: buildPlan(run, options.stack, project, options.showSecrets === true),
    standIns,
  };
}
