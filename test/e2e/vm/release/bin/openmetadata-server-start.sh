#!/usr/bin/env bash
# om-vm-e2e stand-in for OpenMetadata's bin/openmetadata-server-start.sh: `openmetadata-server-start.sh <conf>`
# runs the stand-in server (standin/server.py) in the foreground with that configuration file.
set -euo pipefail
HOME_DIR=$(cd "$(dirname "$0")/.." && pwd)
CONF=${1:?usage: openmetadata-server-start.sh <path to openmetadata.yaml>}
exec python3 "$HOME_DIR/standin/server.py" serve "$CONF"
