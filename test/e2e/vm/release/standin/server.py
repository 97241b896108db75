#!/usr/bin/env python3
"""om-vm-e2e stand-in for the OpenMetadata server and its ops tool (not OpenMetadata; only what a test needs).

  server.py serve <conf>   reads <conf> as OpenMetadata does (${VAR:-default} from the environment, then YAML 1.1),
                           checks Java 21 and the JWT key files, and serves on the configured ports:
                             admin  /healthcheck
                             app    /api/v1/system/version, /api/v1/system/config/auth,
                                    /api/v1/system/config/authorizer, /api/v1/system/config/jwks,
                                    /api/v1/standin/config (the whole resolved configuration, passwords masked)
                           Each start-up appends a line to logs/standin-starts.log.
  server.py ops migrate    appends a line to logs/standin-migrations.log.
  server.py ops get-security-config -o FILE
                           writes the stored security configuration (below) to FILE as YAML; exit 1 when none is
                           stored.
  server.py ops remove-security-config --force
                           removes the stored security configuration (exit 0 when there is none).
  Every ops call appends a line to logs/standin-ops.log (command, arguments, version, uid).

Stored security configuration, as OpenMetadata 1.10+ keeps it in its database: on a start of a 1.10+ release, the
authentication and authorizer sections are read from logs/standin-stored-security-config.json when it exists (the
"database"; the environment's values are then ignored) and seeded from the configuration when it does not. A 1.8 or
1.9 release reads them from the configuration on every start. The file lives in logs/, which an upgrade carries
over, so it outlives a release as a database would.

Failure switches, for tests (a file in the release's conf/ directory, or an environment variable):
  conf/standin-fail-health     or OM_STANDIN_FAIL_HEALTH=1     /healthcheck answers 503
  conf/standin-fail-migration  or OM_STANDIN_FAIL_MIGRATION=1  `migrate` exits 1
"""
import base64
import datetime
import http.server
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading

import yaml

HOME = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LOGS = os.path.join(HOME, "logs")
DEFAULT_CONF = os.path.join(HOME, "conf", "openmetadata.yaml")
RSA_OID = bytes.fromhex("2a864886f70d010101")


class HTTP6Server(http.server.ThreadingHTTPServer):
    address_family = socket.AF_INET6


def server_class(host):
    return HTTP6Server if ":" in host else http.server.ThreadingHTTPServer


def log(message):
    print(f"standin: {message}", file=sys.stderr, flush=True)


def switch(name):
    env = "OM_STANDIN_" + name.upper().replace("-", "_")
    return os.environ.get(env) == "1" or os.path.exists(os.path.join(HOME, "conf", f"standin-{name}"))


def version():
    with open(os.path.join(HOME, "standin", "VERSION"), encoding="utf-8") as f:
        return f.read().strip()


STORED = os.path.join(LOGS, "standin-stored-security-config.json")


def stores_security_config():
    """OpenMetadata keeps its security configuration in the database from 1.10."""
    major, minor = (int(x) for x in version().split(".")[:2])
    return (major, minor) >= (1, 10)


def record(file_name, fields):
    line = json.dumps({"time": datetime.datetime.now(datetime.timezone.utc).isoformat(), "pid": os.getpid(), **fields})
    with open(os.path.join(LOGS, file_name), "a", encoding="utf-8") as f:
        f.write(line + "\n")


# Dropwizard's EnvironmentVariableSubstitutor (non-strict, as OpenMetadata uses it): ${VAR} or ${VAR:-default};
# an unset variable without a default stays as written.
SUBSTITUTION = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")


def substitute(text):
    def one(match):
        name, default = match.group(1), match.group(2)
        if name in os.environ:
            return os.environ[name]
        return default if default is not None else match.group(0)

    return SUBSTITUTION.sub(one, text)


def load_config(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(substitute(f.read()))  # PyYAML, like SnakeYAML, reads YAML 1.1


# --- DER, just enough for RSA keys --------------------------------------------------------------------------------


def der_item(buf, i):
    tag = buf[i]
    length = buf[i + 1]
    i += 2
    if length & 0x80:
        n = length & 0x7F
        length = int.from_bytes(buf[i : i + n], "big")
        i += n
    if i + length > len(buf):
        raise ValueError("truncated DER")
    return tag, buf[i : i + length], i + length


def der_items(buf):
    items, i = [], 0
    while i < len(buf):
        tag, value, i = der_item(buf, i)
        items.append((tag, value))
    return items


def der_sequence(buf):
    tag, value, end = der_item(buf, 0)
    if tag != 0x30 or end != len(buf):
        raise ValueError("not one DER SEQUENCE")
    return der_items(value)


def public_key_numbers(der):
    """(n, e) of an X.509 SubjectPublicKeyInfo (what OpenMetadata reads from rsapublicKeyFilePath)."""
    algorithm, bits = der_sequence(der)
    if RSA_OID not in algorithm[1] or bits[0] != 0x03:
        raise ValueError("not an RSA SubjectPublicKeyInfo")
    n, e = der_sequence(bits[1][1:])
    return int.from_bytes(n[1], "big"), int.from_bytes(e[1], "big")


def private_key_modulus(der):
    """n of a PKCS#8 (or PKCS#1) RSA private key (what OpenMetadata reads from rsaprivateKeyFilePath)."""
    items = der_sequence(der)
    if len(items) >= 3 and items[1][0] == 0x30 and items[2][0] == 0x04:
        if RSA_OID not in items[1][1]:
            raise ValueError("not an RSA PKCS#8 key")
        items = der_sequence(items[2][1])
    return int.from_bytes(items[1][1], "big")


def b64url(number):
    raw = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def read_keys(jwt):
    with open(jwt["rsapublicKeyFilePath"], "rb") as f:
        n, e = public_key_numbers(f.read())
    with open(jwt["rsaprivateKeyFilePath"], "rb") as f:
        if private_key_modulus(f.read()) != n:
            raise ValueError("the private key does not belong to the public key")
    return {"kty": "RSA", "kid": jwt["keyId"], "use": "sig", "alg": "RS256", "n": b64url(n), "e": b64url(e)}


# --- serve ------------------------------------------------------------------------------------------------------------


def java_major():
    out = subprocess.run(["java", "-version"], capture_output=True, text=True, check=True)
    match = re.search(r'version "(\d+)', out.stderr + out.stdout)
    if not match:
        raise ValueError(f"cannot read the Java version from {out.stderr!r}")
    return int(match.group(1))


def masked(config):
    def walk(value, key=""):
        if isinstance(value, dict):
            return {k: walk(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v) for v in value]
        if key in ("password", "secret") and value not in ("", None):
            return "***"
        return value

    return walk(config)


def json_handler(routes):
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            route = routes.get(self.path.split("?")[0])
            status, body = route() if route else (404, {"code": 404, "message": "not found"})
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    return Handler


def serve(conf_path):
    log(f"OpenMetadata {version()} stand-in starting with {conf_path}")
    config = load_config(conf_path)
    major = java_major()
    if major < 21:
        log(f"Java 21 or newer is required; found Java {major}")
        sys.exit(1)
    try:
        jwk = read_keys(config["jwtTokenConfiguration"])
    except (OSError, ValueError, KeyError) as error:
        log(f"cannot load the JWT keys: {error}")
        sys.exit(1)
    security = "environment"
    if stores_security_config():
        if os.path.exists(STORED):
            with open(STORED, encoding="utf-8") as f:
                stored = json.load(f)
            config["authenticationConfiguration"] = stored["authenticationConfiguration"]
            config["authorizerConfiguration"] = stored["authorizerConfiguration"]
            security = "stored"
        else:
            seed = {k: config[k] for k in ("authenticationConfiguration", "authorizerConfiguration")}
            previous = os.umask(0o077)
            try:
                with open(STORED, "w", encoding="utf-8") as f:
                    json.dump(seed, f)
            finally:
                os.umask(previous)
            security = "seeded"
        log(f"security configuration: {security}")
    record("standin-starts.log", {"version": version(), "conf": conf_path, "security": security})
    auth = dict(config["authenticationConfiguration"])
    if isinstance(auth.get("oidcConfiguration"), dict):
        auth["oidcConfiguration"] = {k: v for k, v in auth["oidcConfiguration"].items() if k != "secret"}
    fail_health = switch("fail-health")
    if fail_health:
        log("failing the health check on purpose (conf/standin-fail-health or OM_STANDIN_FAIL_HEALTH=1)")
    app_routes = {
        "/api/v1/system/version": lambda: (200, {"version": version(), "revision": "om-vm-e2e-standin", "timestamp": 0}),
        "/api/v1/system/config/auth": lambda: (200, auth),
        "/api/v1/system/config/authorizer": lambda: (200, config["authorizerConfiguration"]),
        "/api/v1/system/config/jwks": lambda: (200, {"keys": [jwk]}),
        "/api/v1/standin/config": lambda: (200, masked(config)),
    }
    admin_routes = {
        "/healthcheck": lambda: (503, {"OpenMetadataServerHealthCheck": {"healthy": False, "message": "stand-in told to fail"}})
        if fail_health
        else (200, {"OpenMetadataServerHealthCheck": {"healthy": True, "duration": 0}}),
    }
    servers = []
    for section, routes in (("applicationConnectors", app_routes), ("adminConnectors", admin_routes)):
        connector = config["server"][section][0]
        # The address bindHost asks, as OpenMetadata (Jetty) binds it, so a test sees where the server really
        # listens. The stand-in VM shares the host's network namespace: a wildcard bind is on the host's network.
        address = (str(connector.get("bindHost") or "0.0.0.0"), int(connector["port"]))
        servers.append(server_class(address[0])(address, json_handler(routes)))
        log(f"{section} listening on {address[0]}:{address[1]} (bindHost asked: {connector.get('bindHost')})")
    # Like the JVM: SIGTERM ends the process with status 143 (the unit lists it in SuccessExitStatus).
    signal.signal(signal.SIGTERM, lambda *_: os._exit(143))
    for server in servers[1:]:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    log("started")
    servers[0].serve_forever()


def get_security_config(args):
    if len(args) != 2 or args[0] != "-o":
        log(f"get-security-config: usage: get-security-config -o FILE; got {args}")
        sys.exit(2)
    if not os.path.exists(STORED):
        log("get-security-config: no security configuration is stored")
        sys.exit(1)
    with open(STORED, encoding="utf-8") as f:
        stored = json.load(f)
    # Written with the caller's umask, as a JVM writes a file.
    with open(args[1], "w", encoding="utf-8") as f:
        yaml.safe_dump(stored, f, default_flow_style=False, sort_keys=True)
    log(f"get-security-config: wrote the stored security configuration to {args[1]}")


def remove_security_config(args):
    if args != ["--force"]:
        log(f"remove-security-config: needs --force; got {args}")
        sys.exit(2)
    if os.path.exists(STORED):
        os.remove(STORED)
        log("remove-security-config: removed the stored security configuration")
    else:
        log("remove-security-config: nothing stored")


def ops(args):
    command = args[0] if args else ""
    record("standin-ops.log", {"command": command, "args": args[1:], "version": version(), "uid": os.getuid()})
    if command == "get-security-config":
        return get_security_config(args[1:])
    if command == "remove-security-config":
        return remove_security_config(args[1:])
    if command != "migrate":
        log(f"openmetadata-ops.sh stand-in: migrate, get-security-config or remove-security-config; got {args}")
        sys.exit(2)
    config = load_config(DEFAULT_CONF)
    if switch("fail-migration"):
        log("migration failing on purpose (conf/standin-fail-migration or OM_STANDIN_FAIL_MIGRATION=1)")
        sys.exit(1)
    database = config["database"]
    record(
        "standin-migrations.log",
        {
            "version": version(),
            "url": database["url"],
            "user": database["user"],
            "passwordSet": database["password"] not in ("", None, "openmetadata_password"),
        },
    )
    log(f"migrated {database['url']} as {database['user']} with the {version()} release")


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "serve":
        serve(sys.argv[2])
    elif len(sys.argv) >= 2 and sys.argv[1] == "ops":
        ops(sys.argv[2:])
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
