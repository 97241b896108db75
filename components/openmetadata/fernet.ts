/**
 * A Fernet key (what OpenMetadata's FERNET_KEY and Airflow's fernet key are): 32 random bytes as URL-safe base64.
 * Every target generates its own; the key openmetadata.yaml and the charts publish as a default is never used.
 */
export function toFernetKey(base64: string): string {
  return base64.replace(/\+/g, "-").replace(/\//g, "_");
}
