#!/usr/bin/env bash
# Regenerates requirements/lock.txt: exact pins with hashes of every package Hexikit installs
# (the runtime dependencies and the test and bundle extras of pyproject.toml), resolved for the
# machines we run on and build the bundle on: Linux x86_64, Python 3.11.
#
#   bash scripts/lock.sh                        # after changing a dependency in pyproject.toml
#   bash scripts/lock.sh --upgrade              # move every pin to the newest allowed release
#   bash scripts/lock.sh --upgrade-package NAME # move one
#
# Without --upgrade the pins already in the lock are kept where pyproject.toml still allows
# them. Then `bash scripts/setup.sh` installs exactly what the lock says.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/uv ]; then bash scripts/setup.sh; fi
mkdir -p requirements
# Hexikit itself is built with the venv's setuptools (setup.sh: --no-build-isolation), so the
# build backend is locked too: its requirement is copied here from pyproject.toml.
{
  echo "# Written by scripts/lock.sh from pyproject.toml's [build-system] requires: do not edit."
  .venv/bin/python -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"], sep="\n")'
} > requirements/build-system.in
# --python-platform: the build machines' Debian 12 (glibc 2.36), whatever machine runs this.
exec .venv/bin/uv pip compile pyproject.toml requirements/build-system.in \
  --extra test --extra bundle --extra server \
  --generate-hashes \
  --python-version 3.11 --python-platform x86_64-manylinux_2_36 \
  --custom-compile-command "bash scripts/lock.sh" \
  --output-file requirements/lock.txt \
  --quiet "$@"
