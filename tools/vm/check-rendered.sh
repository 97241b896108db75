#!/bin/sh
# Checks the rendered user-data, systemd unit and SSH scripts of every VM stack with the real tools.
# Needs the Debian packages cloud-init and systemd (apt-get install -y cloud-init systemd). Exit 3 if missing.
set -eu
cd "$(dirname "$0")/../.."
exec node -r sucrase/register/ts tools/vm/render-check.ts "$@"
