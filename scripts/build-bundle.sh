#!/usr/bin/env bash
# Builds the venue-laptop bundle dist/hexikit/ (add --onefile for dist/hexikit-onefile too),
# then runs its self-test offscreen. Prints the build time and the bundle size.
#
# On a fresh machine it first runs scripts/setup.sh; set HEXIKIT_SKIP_SETUP=1 when setup has
# just run (CI does), and only the locked packages and the package metadata are checked.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${HEXIKIT_SKIP_SETUP:-0}" = "1" ]; then
  # The bundle carries what the venv holds: make that exactly the lock (a no-op when it is), so
  # the same commit always gives the same bundle.
  .venv/bin/python -m pip install -q --require-hashes -r requirements/lock.txt
  # The bundle reads its version and command list from the installed metadata.
  .venv/bin/python -m pip install -q --no-deps --no-build-isolation -e .
else
  bash scripts/setup.sh
fi
if [ "${1:-}" = "--onefile" ]; then export HEXIKIT_ONEFILE=1; fi
rm -f dist/hexikit-onefile
started=$(date +%s)
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN build.spec
elapsed=$(( $(date +%s) - started ))
echo "bundle built in ${elapsed} s; size: $(du -sh dist/hexikit | cut -f1) (dist/hexikit/)"
if [ -f dist/hexikit-onefile ]; then
  echo "one-file executable: $(du -sh dist/hexikit-onefile | cut -f1) (dist/hexikit-onefile)"
fi
# Nothing for development or tests may ride along.
leaked=$(find dist/hexikit/_internal -maxdepth 1 \
  \( -name 'pytest*' -o -name '_pytest' -o -name 'hypothesis*' -o -name 'mypy*' \
     -o -name 'ruff*' -o -name 'pytestqt' -o -name 'trustme*' -o -name 'importlinter*' \
     -o -name 'grimp*' -o -name 'pre_commit*' -o -name 'uv' -o -name 'uv-*' \) -print)
if [ -n "$leaked" ] || .venv/bin/pyi-archive_viewer -r -b dist/hexikit/hexikit 2>/dev/null \
    | grep -Eq '^ *(pytest|_pytest|pytestqt|hypothesis|mypy|ruff|trustme|importlinter|grimp|pre_commit|uv)(\.|$)'; then
  echo "build-bundle: test or development packages are inside the bundle: ${leaked}" >&2
  exit 1
fi
QT_QPA_PLATFORM=offscreen dist/hexikit/hexikit --version
QT_QPA_PLATFORM=offscreen dist/hexikit/hexikit selftest
if [ -f dist/hexikit-onefile ]; then
  QT_QPA_PLATFORM=offscreen dist/hexikit-onefile --version
fi
