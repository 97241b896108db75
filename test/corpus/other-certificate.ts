/**
 * A certificate for the corpus's public host whose private key is thrown away once it is made: it names the right
 * host and is valid, but matches no key the plan stands in, so exactly the key mismatch is what a case shows.
 */
import { generateKeyPairSync } from "node:crypto";
import { standInCertificatePem } from "../../tools/vm/x509";
import { VALID_CORE } from "./base";

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });

export const UNMATCHED_CERTIFICATE_PEM = standInCertificatePem(
  privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  new URL(String(VALID_CORE.publicUrl)).hostname,
);
