/**
 * The VM's TLS front: nginx from the distribution terminates TLS for the public URL and proxies to OpenMetadata on
 * loopback, so neither of OpenMetadata's ports (8585, and 8586 with its unauthenticated admin API) is on the
 * network. Only the public URL's own host and port are served; plain http on port 80 redirects to it when the
 * public URL uses 443.
 */
import { SERVER_PORT } from "../openmetadata/server-ports";

export const PROXY_CONFIG_PATH = "/etc/nginx/conf.d/openmetadata.conf";
export const TLS_DIR = "/etc/openmetadata/tls";
export const TLS_CERTIFICATE_PATH = `${TLS_DIR}/fullchain.pem`;
export const TLS_PRIVATE_KEY_PATH = `${TLS_DIR}/privkey.pem`;

export interface ProxyOptions {
  /** The public URL (https, no base path): its host is the server_name, its port the listen port. */
  publicUrl: string;
  /** Where OpenMetadata listens (its SERVER_HOST); loopback behind the proxy. */
  upstreamHost: string;
}

/**
 * Where a local client reaches a server bound to `host` (nginx's upstream, the health check): a wildcard bind is
 * reached on loopback, an IPv6 address in brackets.
 */
export function upstream(host: string): string {
  const target = host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "::1" : host;
  return target.includes(":") ? `[${target}]` : target;
}

/** `/etc/nginx/conf.d/openmetadata.conf`. Every value comes from the strict forms (host name, port, address). */
export function renderNginxConfig(o: ProxyOptions): string {
  const url = new URL(o.publicUrl);
  const port = Number(url.port || 443);
  const host = url.hostname;
  const lines = [
    "# OpenMetadata behind TLS, rendered by openmetadata-entra; do not edit.",
    "server {",
    `    listen ${port} ssl;`,
    `    listen [::]:${port} ssl;`,
    `    server_name ${host};`,
    `    ssl_certificate ${TLS_CERTIFICATE_PATH};`,
    `    ssl_certificate_key ${TLS_PRIVATE_KEY_PATH};`,
    "    ssl_protocols TLSv1.2 TLSv1.3;",
    "    ssl_session_cache shared:openmetadata:10m;",
    '    add_header Strict-Transport-Security "max-age=31536000" always;',
    "    client_max_body_size 100m;",
    "    location / {",
    `        proxy_pass http://${upstream(o.upstreamHost)}:${SERVER_PORT};`,
    "        proxy_http_version 1.1;",
    "        proxy_set_header Host $host;",
    "        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
    "        proxy_set_header X-Forwarded-Proto https;",
    // OpenMetadata's activity feed uses a websocket (socket.io) under /api/v1/push/feed.
    "        proxy_set_header Upgrade $http_upgrade;",
    '        proxy_set_header Connection "upgrade";',
    "        proxy_read_timeout 300s;",
    "    }",
    "}",
  ];
  if (port === 443)
    lines.push(
      "server {",
      "    listen 80;",
      "    listen [::]:80;",
      `    server_name ${host};`,
      "    return 301 https://$host$request_uri;",
      "}",
    );
  return `${lines.join("\n")}\n`;
}
