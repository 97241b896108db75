/**
 * Translates an owner's problem (`{ path: "database.host" }`) into a problem of the config key the path came
 * from (`{ path: "dockerDatabaseHost" }`), keeping list indexes (`owners[1]` → `entraOwners[1]`).
 */
import type { Problem } from "../components/problems";

/**
 * Argument path (dotted, without indexes) → the config key it is set by. Longest prefix wins. A key written
 * `name.*` is a mapping key: the rest of the path stays (`roleGroups.Admin[0]` → `entraRoleGroups.Admin[0]`).
 */
export type KeyMap = Readonly<Record<string, string>>;

/**
 * A message with the argument paths it names replaced by their keys: an owner says "set
 * connection.insecureSkipHostKeyCheck", the stack config says "set vmInsecureSkipHostKeyCheck". Only paths that
 * cannot be plain words are replaced: dotted ones and camelCase identifiers.
 */
function translateMessage(message: string, map: KeyMap): string {
  let text = message;
  const names = Object.keys(map)
    .filter((path) => path.includes(".") || /[a-z][A-Z]/.test(path))
    .sort((a, b) => b.length - a.length);
  for (const path of names) {
    const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    text = text.replace(new RegExp(`(?<![\\w.])${escaped}(?![\\w])`, "g"), map[path].replace(/\.\*$/, ""));
  }
  return text;
}

/** Each problem under its config key; a path no entry covers is reported under `fallback`, naming the path. */
export function toKeyPaths(problems: readonly Problem[], map: KeyMap, fallback: string): Problem[] {
  return problems.map((unmapped) => {
    const problem = { ...unmapped, message: translateMessage(unmapped.message, map) };
    const segments = problem.path.split(".");
    for (let n = segments.length; n > 0; n--) {
      const base = segments
        .slice(0, n)
        .map((s) => s.replace(/\[\d+\]/g, ""))
        .join(".");
      const key = map[base];
      if (key !== undefined && key.endsWith(".*")) {
        const rest = segments.slice(n).join(".");
        return { ...problem, path: `${key.slice(0, -2)}${rest ? `.${rest}` : ""}` };
      }
      if (key !== undefined) {
        const indexes =
          segments
            .slice(0, n)
            .join("")
            .match(/\[\d+\]/g) ?? [];
        return { ...problem, path: `${key}${indexes.join("")}` };
      }
    }
    return { ...problem, path: fallback, message: `${problem.path}: ${problem.message}` };
  });
}
