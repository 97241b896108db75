/**
 * How the repository's TypeScript tools run without a build step: Node with sucrase's require hook for .ts
 * files (pure JavaScript, fast to load; type-checking is `npm test`'s job). The npm scripts use the same flags.
 */
export const TS_NODE_ARGS = ["-r", "sucrase/register/ts"];
