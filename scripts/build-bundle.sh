#!/usr/bin/env bash
# Builds the venue-laptop bundle dist/hexikit/ (add --onefile for dist/hexikit-onefile too),
# then runs its self-test offscreen. Prints the build time and the bundle size.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ "${1:-}" = "--onefile" ]; then export HEXIKIT_ONEFILE=1; fi
started=$(date +%s)
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN build.spec
elapsed=$(( $(date +%s) - started ))
echo "bundle built in ${elapsed} s; size: $(du -sh dist/hexikit | cut -f1) (dist/hexikit/)"
if [ -f dist/hexikit-onefile ]; then
  echo "one-file executable: $(du -sh dist/hexikit-onefile | cut -f1)"
fi
QT_QPA_PLATFORM=offscreen dist/hexikit/hexikit --version
QT_QPA_PLATFORM=offscreen dist/hexikit/hexikit selftest
