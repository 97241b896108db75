/**
 * The OpenMetadata server's ports, as its openmetadata.yaml defaults them (`SERVER_PORT`, `SERVER_ADMIN_PORT`) and
 * every upstream deployment uses them: the API and UI, and the admin port with `/healthcheck` (unauthenticated).
 */
export const SERVER_PORT = 8585;
export const ADMIN_PORT = 8586;
