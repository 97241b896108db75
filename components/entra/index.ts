export { EntraOpenMetadataApp } from "./application";
export * from "./existing";
export * from "./endpoints";
export { GRAPH_DELEGATED, MICROSOFT_GRAPH_APP_ID, DEFAULT_ACCESS_APP_ROLE_ID } from "./graph";
export * from "./validate";
