import { fernetKeyProtected } from "../policy/fernet-key";
import { violationsOf } from "./policy-harness";

const BYTES = "random:index/randomBytes:RandomBytes";
/** The Fernet keys as the program registers them: Docker and VM, Kubernetes and its bundled Airflow. */
const NAMES = ["openmetadata-fernet-key", "openmetadata-airflow-fernet-key", "om-fernet-key"];
const message = (name: string) =>
  `RandomBytes "${name}" is not protected; set the resource option protect: true on it (the program does unless allowDataReplacement is set): a replaced Fernet key cannot decrypt the secrets stored with the old one. Set allowDataReplacement: true in this policy's config only for an update meant to replace it.`;
const run = (name: string, protect: boolean, config: object = {}) =>
  violationsOf(fernetKeyProtected, BYTES, { length: 32 }, { name, opts: { protect }, config });

describe("fernet-key-protected", () => {
  it.each(NAMES)("accepts %s with protect: true (as the program registers it)", (name) => {
    expect(run(name, true)).toEqual([]);
  });

  it.each(NAMES)("rejects %s without protect, on every stack", (name) => {
    expect(run(name, false)).toEqual([message(name)]);
    expect(run(name, false, { allowDataReplacement: false })).toEqual([message(name)]);
  });

  it("accepts an unprotected Fernet key when the config allows data replacement", () => {
    expect(run("openmetadata-fernet-key", false, { allowDataReplacement: true })).toEqual([]);
  });

  it("ignores other RandomBytes and other resource types named like a Fernet key", () => {
    expect(run("openmetadata-session-key", false)).toEqual([]);
    expect(run("openmetadata-fernet-key-backup", false)).toEqual([]);
    const opts = { name: "openmetadata-fernet-key", opts: { protect: false } };
    expect(violationsOf(fernetKeyProtected, "random:index/randomPassword:RandomPassword", {}, opts)).toEqual(
      [],
    );
    expect(violationsOf(fernetKeyProtected, "kubernetes:core/v1:Secret", {}, opts)).toEqual([]);
  });

  it("declares allowDataReplacement with default false", () => {
    expect(fernetKeyProtected.configSchema?.properties.allowDataReplacement).toMatchObject({
      type: "boolean",
      default: false,
    });
  });
});
