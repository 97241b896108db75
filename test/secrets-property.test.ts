/**
 * Secrets property: for every stack file, the offline plan's JSON holds no generated or configured secret value
 * in plain text, and every password/secret/key input is masked. The same plan with --show-secrets does contain
 * the fakes, so the check cannot pass by accident.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { FAKE_RSA_PRIVATE_KEY_PEM } from "../tools/plan/fakes";
import { plan } from "../tools/plan/plan";
import { SECRET_MASK } from "../tools/plan/report";

const STACKS = readdirSync(join(__dirname, "..", "stacks"))
  .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
  .filter((s): s is string => !!s);

/** Every value the mocks fake for a secret (see tools/plan/fakes.ts). */
const FAKE_SECRET_PATTERNS = [
  /fake-password-/,
  /fake-client-secret-/,
  /fake-secret-/,
  /PRIVATE KEY/,
  new RegExp(FAKE_RSA_PRIVATE_KEY_PEM.split("\n")[1].slice(0, 40).replace(/[+/]/g, "\\$&")),
];
const SECRET_NAME = /(password|secret|privatekey|fernet|passphrase|token)$/i;
const SECRET_ENV = /^[A-Z0-9_]*(PASSWORD|SECRET|FERNET_KEY|PRIVATE_KEY)=/;

/** Paths of string inputs that look secret by name but are not masked. */
function unmasked(value: unknown, path: string[] = []): string[] {
  if (typeof value === "string") {
    const last = path[path.length - 1] ?? "";
    const named = SECRET_NAME.test(last) && !/(Ref|Key|Path|File|Name|Id)$/.test(last);
    return (named || SECRET_ENV.test(value)) && value !== SECRET_MASK && value !== "" ? [path.join(".")] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => unmasked(v, [...path, String(i)]));
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => unmasked(v, [...path, k]));
  return [];
}

describe.each(STACKS)("stack %s", (stack) => {
  it("plans without any secret value in plain text", async () => {
    const { plan: doc } = await plan({ stack });
    const text = JSON.stringify(doc);
    for (const pattern of FAKE_SECRET_PATTERNS) expect([stack, pattern.test(text)]).toEqual([stack, false]);
    expect(doc.resources.flatMap((r) => unmasked(r.inputs, [r.name]))).toEqual([]);
    expect(unmasked(doc.outputs, ["outputs"])).toEqual([]);
  });

  it("holds secrets that --show-secrets reveals (so the check above can fail)", async () => {
    const { plan: masked } = await plan({ stack });
    const { plan: clear } = await plan({ stack, showSecrets: true });
    expect(JSON.stringify(masked)).toContain(SECRET_MASK);
    expect(FAKE_SECRET_PATTERNS.some((p) => p.test(JSON.stringify(clear)))).toBe(true);
  });
});
