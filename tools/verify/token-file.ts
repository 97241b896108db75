/**
 * `--token-file <path>`: an OpenMetadata admin's JWT or personal access token, for the admin-only
 * `GET /api/v1/system/security/config` (authorizer.ts). A token is never taken on the command line (it would
 * show in `ps` and in shell history) and never printed: messages name the file, not its content.
 */
import { readFile, stat } from "node:fs/promises";
import { ConfigError } from "./expected";

/** More than any JWT OpenMetadata issues; a bigger file is not a token file. */
export const MAX_TOKEN_FILE_BYTES = 16 * 1024;

/**
 * RFC 7235 `token68`, the form a Bearer credential takes (a JWT: three base64url parts joined by dots). Anything
 * else (blanks, a second line, a `Bearer ` prefix, quotes) is refused before it reaches a header.
 */
const TOKEN68 = /^[A-Za-z0-9\-._~+/]+=*$/;

/** Permission bits of a file mode, as `ls -l` would print them in octal (e.g. `0644`). */
const octal = (mode: number) => `0${(mode & 0o777).toString(8).padStart(3, "0")}`;

/**
 * Reads the token. A file other users can read is refused (it holds an admin's credential: `chmod 600`); one the
 * group can read is used, with a warning through `warn`. Permissions are not checked on Windows, whose modes say
 * nothing about other users. Throws ConfigError (exit 2).
 */
export async function readTokenFile(file: string, warn: (message: string) => void): Promise<string> {
  let mode: number;
  let size: number;
  let isDirectory: boolean;
  try {
    const info = await stat(file);
    ({ mode, size } = info);
    isDirectory = info.isDirectory();
  } catch (error) {
    throw new ConfigError(`cannot read --token-file ${file}: ${(error as Error).message}`);
  }
  if (isDirectory) throw new ConfigError(`--token-file ${file} is a directory`);
  if (process.platform !== "win32") {
    if ((mode & 0o004) !== 0) {
      throw new ConfigError(
        `--token-file ${file} is readable by every user of this machine (mode ${octal(mode)}) and holds an ` +
          `admin token: restrict it (chmod 600 ${file}) and run verify again`,
      );
    }
    if ((mode & 0o040) !== 0) {
      warn(
        `--token-file ${file} is readable by its group (mode ${octal(mode)}); an admin token belongs in a file ` +
          `only you can read (chmod 600 ${file})`,
      );
    }
  }
  if (size > MAX_TOKEN_FILE_BYTES) {
    throw new ConfigError(
      `--token-file ${file} is larger than ${MAX_TOKEN_FILE_BYTES} bytes: not a token file`,
    );
  }
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new ConfigError(`cannot read --token-file ${file}: ${(error as Error).message}`);
  }
  const token = text.trim();
  if (token === "") throw new ConfigError(`--token-file ${file} is empty`);
  if (token.length > MAX_TOKEN_FILE_BYTES || !TOKEN68.test(token)) {
    throw new ConfigError(
      `--token-file ${file} does not hold one token: it must hold only an OpenMetadata JWT or personal access ` +
        "token, on one line (no `Bearer ` prefix, no quotes)",
    );
  }
  return token;
}
