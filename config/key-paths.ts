/**
 * Translates an owner's problem (`{ path: "database.host" }`) into a problem of the config key the path came
 * from (`{ path: "dockerDatabaseHost" }`), keeping list indexes (`owners[1]` → `entraOwners[1]`).
 */
import type { Problem } from "../components/problems";

/** Argument path (dotted, without indexes) → the config key it is set by. Longest prefix wins. */
export type KeyMap = Readonly<Record<string, string>>;

/** Each problem under its config key; a path no entry covers is reported under `fallback`, naming the path. */
export function toKeyPaths(problems: readonly Problem[], map: KeyMap, fallback: string): Problem[] {
  return problems.map((problem) => {
    const segments = problem.path.split(".");
    for (let n = segments.length; n > 0; n--) {
      const base = segments
        .slice(0, n)
        .map((s) => s.replace(/\[\d+\]/g, ""))
        .join(".");
      const key = map[base];
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
