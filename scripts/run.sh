#!/usr/bin/env bash
# Sets everything up, then starts the Hexikit app. Extra arguments go to `hexikit`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/hexikit "$@"
