import { parse } from "yaml";
import { formatEnvList } from "../components/openmetadata/sso";

describe("formatEnvList", () => {
  it.each<[string[], string]>([
    [[], "[]"],
    [["admin"], "[admin]"],
    [["email", "preferred_username", "sub"], "[email, preferred_username, sub]"],
    [
      [
        "https://login.microsoftonline.com/common/discovery/keys",
        "http://localhost:8585/api/v1/system/config/jwks",
      ],
      "[https://login.microsoftonline.com/common/discovery/keys, http://localhost:8585/api/v1/system/config/jwks]",
    ],
    [["username:preferred_username", "email:email"], "[username:preferred_username, email:email]"],
    // YAML 1.1 (OpenMetadata's parser) would read these as boolean, null or number, so they are quoted.
    [
      ["yes", "on", "null", "1_000", "0x1f", "12e3", "1:20"],
      '["yes", "on", "null", "1_000", "0x1f", "12e3", "1:20"]',
    ],
    [["a b", "c,d", "e]", "f:", "a\nb"], '["a b", "c,d", "e]", "f:", "a\\nb"]'],
  ])("%j → %s, read back by a YAML 1.1 parser", (items, expected) => {
    const text = formatEnvList(items);
    expect(text).toBe(expected);
    expect(parse(text, { version: "1.1" })).toEqual(items);
  });
});
