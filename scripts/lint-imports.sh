#!/usr/bin/env bash
# import-linter's contracts (pyproject.toml, [tool.importlinter]) over the package as it is
# installed: pyproject.toml maps ui/ to hexikit.ui and sync/ to hexikit.sync, which the editable
# install resolves at import time but import-linter, reading folders, cannot see. So, like
# scripts/typecheck.sh, we check a tree of links laid out as the installed package.
set -euo pipefail
cd "$(dirname "$0")/.."
stage=build/lint-imports
rm -rf "$stage" && mkdir -p "$stage/hexikit"
for entry in hexikit/*; do ln -s "$PWD/$entry" "$stage/hexikit/"; done
ln -s "$PWD/ui" "$stage/hexikit/ui"
ln -s "$PWD/sync" "$stage/hexikit/sync"
cd "$stage"
# The stage comes first on sys.path (import-linter adds the working folder), ahead of the
# editable install's finder.
exec ../../.venv/bin/lint-imports --no-logo --no-cache ../../pyproject.toml "$@"
