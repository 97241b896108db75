/**
 * Checks of the VM component's plain arguments (and the vm config keys, which share the accepted forms). Values
 * that arrive as Outputs are checked by the config module instead; the component checks what it can see.
 */
export const HOST_RE =
  /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$|^\d{1,3}(\.\d{1,3}){3}$|^[0-9A-Fa-f:]+:[0-9A-Fa-f:]*$/;
export const HOST_FORM = "a host name or IP address such as vm.example.com or 10.0.0.4";
export const PORT_FORM = "a whole number from 1 to 65535";
export const PEM_FORM =
  "a PEM private key (-----BEGIN OPENSSH PRIVATE KEY----- or -----BEGIN RSA/EC/PRIVATE KEY-----), unencrypted";
export const ABSOLUTE_PATH_FORM = "an absolute path such as /opt/openmetadata (starting with /, without ..)";
export const SERVICE_USER_RE = /^[a-z_][a-z0-9_-]{0,31}$/;
export const SERVICE_USER_FORM = "a Linux user name such as openmetadata (lower case, up to 32 characters)";
export const SHA256_RE = /^[0-9a-f]{64}$/;
export const SHA256_FORM =
  "64 lower-case hex digits, the sha256sum of openmetadata-<version>.tar.gz from the GitHub release page";

const PEM_RE =
  /^-----BEGIN ((OPENSSH|RSA|EC|DSA) )?PRIVATE KEY-----\r?\n[\s\S]+\r?\n-----END ((OPENSSH|RSA|EC|DSA) )?PRIVATE KEY-----\s*$/;

/** An unencrypted PEM private key as the SSH client reads it (PKCS#8 `ENCRYPTED` keys are refused). */
export function isPemPrivateKey(value: string): boolean {
  return PEM_RE.test(value.trim() + "\n") && !/ENCRYPTED/.test(value);
}

/** Whether a path is absolute and free of `..`, so a rendered unit or script cannot point elsewhere. */
export function isAbsolutePath(value: string): boolean {
  return value.startsWith("/") && !value.split("/").includes("..") && !/[\s'"\\$`]/.test(value);
}

export function isPort(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= 65535;
}
