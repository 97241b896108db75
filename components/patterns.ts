/** Shapes shared by config validation and the components, defined once. */

/** A GUID as Entra ID writes object, client and tenant IDs (either case). */
export const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
