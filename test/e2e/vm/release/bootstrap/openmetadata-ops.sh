#!/usr/bin/env bash
# om-vm-e2e stand-in for OpenMetadata's bootstrap/openmetadata-ops.sh: `migrate` records one line per run in
# logs/standin-migrations.log (so a test can count migrations); conf/standin-fail-migration makes it fail.
set -euo pipefail
HOME_DIR=$(cd "$(dirname "$0")/.." && pwd)
exec python3 "$HOME_DIR/standin/server.py" ops "$@"
