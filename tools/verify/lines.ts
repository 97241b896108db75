/** Which release line's behaviour verify judges the server by. */
import { RELEASE_LINES, type ReleaseLine } from "../../components/openmetadata/releases";

/** The release line of `x.y.z` (any patch, also one newer than the release data knows), or undefined. */
export function releaseLineOf(version: string): ReleaseLine | undefined {
  const match = /^(\d+)\.(\d+)\.\d+/.exec(version);
  if (match === null) return undefined;
  return RELEASE_LINES.find((line) => line.line === `${Number(match[1])}.${Number(match[2])}`);
}

/**
 * The line whose behaviour applies: the one the server runs (it decides whether the server reads its environment
 * or its stored settings), else the stack's (`expectedVersion` is validated to be of a supported line).
 */
export function judgedLine(servedVersion: string | undefined, expectedVersion: string): ReleaseLine {
  const served = servedVersion === undefined ? undefined : releaseLineOf(servedVersion);
  const line = served ?? releaseLineOf(expectedVersion);
  if (line === undefined) throw new Error(`not a supported release: ${JSON.stringify(expectedVersion)}`);
  return line;
}
