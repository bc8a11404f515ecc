#!/usr/bin/env bash
# mypy --strict (config in pyproject.toml) over the package as it is installed (hexikit,
# hexikit.ui, hexikit.sync) and the tests:
# the folders are mapped in pyproject.toml, so we check a tree of links laid out the same way.
set -euo pipefail
cd "$(dirname "$0")/.."
stage=build/typecheck
rm -rf "$stage" && mkdir -p "$stage/hexikit"
for entry in hexikit/*; do ln -s "$PWD/$entry" "$stage/hexikit/"; done
ln -s "$PWD/ui" "$stage/hexikit/ui"
ln -s "$PWD/sync" "$stage/hexikit/sync"
ln -s "$PWD/tests" "$stage/tests"
cd "$stage"
if [ "$#" -eq 0 ]; then set -- -p hexikit -p tests; fi
exec ../../.venv/bin/mypy --config-file ../../pyproject.toml "$@"
