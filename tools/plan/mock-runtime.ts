/**
 * Runs a Pulumi program on Pulumi's official mock runtime and records what it registers: every resource with
 * its inputs (secrets kept as Pulumi's secret envelopes), its options as the engine would receive them, and the
 * resources it waits for. Used by the offline plan and by the tests, so both see the same fake IDs.
 */
import * as pulumi from "@pulumi/pulumi";
import { FAKE_INVOKES, FAKE_OUTPUTS } from "./fakes";

// Internal SDK modules (pinned @pulumi/pulumi): the monitor that mocks install, and the RPC secret signature.
const settings = require("@pulumi/pulumi/runtime/settings") as {
  getMonitor(): MonitorLike;
  /** Resolves when every outstanding resource registration has been answered. */
  waitForRPCs(): Promise<void>;
};
const rpc = require("@pulumi/pulumi/runtime/rpc") as { specialSigKey: string; specialSecretSig: string };

export const STACK_TYPE = "pulumi:pulumi:Stack";

export interface RecordedResource {
  urn: string;
  type: string;
  name: string;
  custom: boolean;
  parentUrn?: string;
  /** Inputs as sent to the engine; secret values are `{[sig]: secretSig, value}` envelopes. */
  inputs: Record<string, unknown>;
  protect: boolean;
  retainOnDelete: boolean;
  deleteBeforeReplace: boolean;
  ignoreChanges: string[];
  /** URNs named in the `dependsOn` option. */
  dependsOn: string[];
  /** URNs this resource waits for: `dependsOn` plus every resource whose outputs its inputs use. */
  waitsFor: string[];
  /** Names (or URNs) this resource was known by before, from its `aliases` option. */
  aliases: string[];
}

export interface OfflineRun {
  resources: RecordedResource[];
  /** Stack outputs as the engine receives them (secrets enveloped). */
  outputs: Record<string, unknown>;
}

export interface OfflineRunOptions {
  project: string;
  stack: string;
  /** Full keys (`project:key`) to string values, as the CLI passes them. */
  config: Record<string, string>;
  secretKeys: string[];
  /** Receives every registration as it happens, also when the program then fails (tests count them). */
  recorded?: RecordedResource[];
  /** The program: returns the stack outputs. Called after the mocks are installed. */
  program: () => Record<string, unknown> | Promise<Record<string, unknown>>;
}

interface RequestLike {
  getType(): string;
  getName(): string;
  getCustom(): boolean;
  getParent(): string;
  getProtect(): boolean;
  getRetainondelete(): boolean;
  getDeletebeforereplace(): boolean;
  getIgnorechangesList(): string[];
  getDependenciesList(): string[];
  getPropertydependenciesMap(): { forEach(cb: (deps: { getUrnsList(): string[] }) => void): void };
  getAdditionalsecretoutputsList(): string[];
  getAliasesList(): { getSpec(): { getName(): string } | undefined; getUrn(): string }[];
  getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
}
interface MonitorLike {
  registerResource(req: RequestLike, cb: (err: unknown, resp?: { getUrn(): string }) => void): void;
}

interface ResourceInternals {
  __pulumiType: string;
  __name: string;
}

/** The value of an output whose value is known (always true under mocks outside preview). */
function resolved<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((v) => resolve(v)));
}

const envelope = (value: unknown) => ({ [rpc.specialSigKey]: rpc.specialSecretSig, value });

/** Runs `program` under mocks and returns what it registered. Call once per process or jest module registry. */
export async function runOffline(options: OfflineRunOptions): Promise<OfflineRun> {
  const secretOutputs = new Map<string, string[]>();
  const key = (type: string, name: string) => `${type}::${name}`;

  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const fakes = FAKE_OUTPUTS[args.type]?.(args.name, args.inputs) ?? {};
        const state: Record<string, unknown> = { ...args.inputs, ...fakes };
        // The engine makes a provider's additionalSecretOutputs secret; mocks do not, so do it here.
        for (const field of secretOutputs.get(key(args.type, args.name)) ?? []) {
          if (field in state) state[field] = envelope(state[field]);
        }
        const id = typeof fakes.id === "string" ? fakes.id : `${args.name}-id`;
        return { id: args.custom === false ? undefined : id, state };
      },
      call(args) {
        return FAKE_INVOKES[args.token]?.(args.inputs) ?? args.inputs;
      },
    },
    options.project,
    options.stack,
    false,
  );
  pulumi.runtime.setAllConfig(options.config, options.secretKeys);

  const resources: RecordedResource[] = options.recorded ?? [];
  let programOutputs: Record<string, unknown> = {};
  let programError: unknown;
  const monitor = settings.getMonitor();
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, cb) => {
    secretOutputs.set(key(req.getType(), req.getName()), req.getAdditionalsecretoutputsList());
    register(req, (err, resp) => {
      if (!err && resp) {
        const waitsFor = new Set(req.getDependenciesList());
        req
          .getPropertydependenciesMap()
          .forEach((deps) => deps.getUrnsList().forEach((u) => waitsFor.add(u)));
        resources.push({
          urn: resp.getUrn(),
          type: req.getType(),
          name: req.getName(),
          custom: req.getCustom(),
          parentUrn: req.getParent() || undefined,
          inputs: req.getObject()?.toJavaScript() ?? {},
          protect: req.getProtect(),
          retainOnDelete: req.getRetainondelete(),
          deleteBeforeReplace: req.getDeletebeforereplace(),
          ignoreChanges: req.getIgnorechangesList(),
          dependsOn: req.getDependenciesList(),
          waitsFor: [...waitsFor],
          aliases: req.getAliasesList().map((a) => a.getSpec()?.getName() || a.getUrn()),
        });
      }
      cb(err, resp);
    });
  };

  // dependsOn is merged into the request's dependency list, so the explicit option is read where the SDK
  // still has it: a (legacy) stack transformation sees every resource's options.
  const explicit = new Map<
    string,
    pulumi.Input<pulumi.Input<pulumi.Resource>[]> | pulumi.Input<pulumi.Resource>
  >();
  await pulumi.runtime.runInPulumiStack(async () => {
    pulumi.runtime.registerStackTransformation(({ type, name, opts }) => {
      if (opts.dependsOn !== undefined) explicit.set(key(type, name), opts.dependsOn);
      return undefined;
    });
    try {
      programOutputs = await options.program();
    } catch (err) {
      // A throw inside the stack's init would surface as an unhandled rejection; report it to the caller.
      programError = err;
    }
    return programOutputs;
  });
  // Registrations that wait on other outputs may still be in flight; the CLI waits for them, so do we.
  await settings.waitForRPCs();
  if (programError !== undefined) throw programError;
  // Serialized the way the engine receives stack outputs: secrets stay enveloped, per value.
  const outputs = await pulumi.runtime.serializeProperties("outputs", programOutputs);
  const urnOf = new Map(resources.map((r) => [key(r.type, r.name), r.urn]));
  for (const r of resources) {
    const dependsOn = explicit.get(key(r.type, r.name));
    if (dependsOn === undefined) {
      r.dependsOn = [];
      continue;
    }
    const list = await resolved(pulumi.output(dependsOn as pulumi.Input<pulumi.Resource[]>));
    r.dependsOn = (Array.isArray(list) ? list : [list]).map(
      (d) =>
        urnOf.get(
          key((d as unknown as ResourceInternals).__pulumiType, (d as unknown as ResourceInternals).__name),
        ) ?? "",
    );
  }
  return { resources: resources.filter((r) => r.type !== STACK_TYPE), outputs };
}
