import { normalizePublicUrl } from "../openmetadata/urls";
import { KUBERNETES_DEFAULTS } from "./args";
import type { IngressSettings } from "./settings";

/** The TLS Secret cert-manager fills when only an issuer is given. */
export const DEFAULT_TLS_SECRET = "openmetadata-tls";
export const CERT_MANAGER_ISSUER_ANNOTATION = "cert-manager.io/cluster-issuer";

/** The chart's `ingress` values: host and path from publicUrl (never free text), TLS for https. */
export function ingressValues(publicUrl: string, ingress: IngressSettings) {
  const url = new URL(normalizePublicUrl(publicUrl));
  const https = url.protocol === "https:";
  const secretName = ingress.tlsSecretName ?? DEFAULT_TLS_SECRET;
  return {
    enabled: true,
    className: ingress.className ?? KUBERNETES_DEFAULTS.ingressClassName,
    annotations: ingress.certManagerIssuer
      ? { [CERT_MANAGER_ISSUER_ANNOTATION]: ingress.certManagerIssuer }
      : {},
    hosts: [{ host: url.hostname, paths: [{ path: url.pathname || "/", pathType: "Prefix" }] }],
    tls: https ? [{ secretName, hosts: [url.hostname] }] : [],
  };
}
