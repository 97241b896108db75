#!/usr/bin/env bash
# om-vm-e2e stand-in for OpenMetadata's bootstrap/openmetadata-ops.sh: `migrate` records one line per run in
# logs/standin-migrations.log (so a test can count migrations); conf/standin-fail-migration makes it fail.
# `get-security-config -o FILE` and `remove-security-config --force` read and remove the stored security
# configuration (standin/server.py); every call is recorded in logs/standin-ops.log.
set -euo pipefail
HOME_DIR=$(cd "$(dirname "$0")/.." && pwd)
exec python3 "$HOME_DIR/standin/server.py" ops "$@"
