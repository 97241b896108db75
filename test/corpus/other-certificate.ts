/**
 * A self-signed certificate (CN om.example.com) whose private key was thrown away once it was made with
 * `openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -days 36500`: it matches no key, so it never
 * fits the offline plan's stand-in private key. It protects nothing.
 */
export const UNMATCHED_CERTIFICATE_PEM = `-----BEGIN CERTIFICATE-----
MIIBiTCCAS+gAwIBAgIUXOtjI5znjqt587snVVVCVvjgPeswCgYIKoZIzj0EAwIw
GTEXMBUGA1UEAwwOb20uZXhhbXBsZS5jb20wIBcNMjYxMjAxMTMwMzUxWhgPMjEy
NjExMDcxMzAzNTFaMBkxFzAVBgNVBAMMDm9tLmV4YW1wbGUuY29tMFkwEwYHKoZI
zj0CAQYIKoZIzj0DAQcDQgAERff182w6bHknvsF/xl8OVwrLm5YqDiyCQiboYT37
avYeqsOZF8VL/LZRPAkDGwxU2FxzTZeX+MXKfmEvc2HJ+6NTMFEwHQYDVR0OBBYE
FHEaXowLc01p0hnQL6wAQN05i3SZMB8GA1UdIwQYMBaAFHEaXowLc01p0hnQL6wA
QN05i3SZMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSAAwRQIgD+YIwadf
zt2m6NGCrkiUfwxNEKCXpRLCRXsNZ6RkuhQCIQD+qoeL+d33N7gGYiOFfEujlfET
9fd54IbGpD7iUIFpdQ==
-----END CERTIFICATE-----
`;
