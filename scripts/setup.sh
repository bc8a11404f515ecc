#!/usr/bin/env bash
# Sets up everything Hexikit needs on a fresh Debian/Ubuntu machine (run as root or with sudo):
# system packages for Qt, sound, PDF checks and QR decoding, then a virtualenv in .venv.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  # Qt's xcb platform and a virtual X display
  xvfb xauth libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-xinerama0
  libxcb-xkb1 libxkbcommon-x11-0 libxcb-cursor0 libxcb-shape0 libxcb-randr0 libegl1 libgl1
  libfontconfig1 libdbus-1-3 libglib2.0-0
  # QtMultimedia (bells)
  libpulse0
  # PDF rasterising and QR decoding in tests, screenshots
  poppler-utils zbar-tools imagemagick fonts-dejavu-core
  # PyInstaller (the venue-laptop bundle, issue 9) needs objdump and objcopy, and a shared
  # libpython when the venv's Python is the system one
  binutils libpython3-dev
  # PowerPoint import renders slides with LibreOffice (issue 8; ~34 s, ~40 MB download, ~300 MB)
  libreoffice-impress
  # bench/coldstart.py times pdfpc beside Hexikit on the same deck (issue 16); Debian's name
  pdf-presenter-console
  # The room web app's real-browser test (issue 18): Chromium headless through chromedriver
  chromium chromium-driver
  # The sync suite also runs on a real PostgreSQL the tests start in a temporary folder (issue 15)
  postgresql
  # The half hour end to end (issue 13): Xorg's dummy driver split into two monitors (laptop and
  # projector), a window manager, keys and window facts from outside the app
  xserver-xorg-core xserver-xorg-video-dummy x11-xserver-utils x11-utils openbox xdotool
  # Printing through a real print system (issue 13): cupsd started by the test, a cups-pdf queue
  cups cups-client printer-driver-cups-pdf
)

SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
# Exactly the versions in the lock (runtime, test and bundle packages and the build backend),
# each checked against its hash, then Hexikit itself on top, built by that locked setuptools,
# without resolving anything again. After changing a dependency in pyproject.toml, regenerate
# the lock with `bash scripts/lock.sh`.
.venv/bin/python -m pip install -q --require-hashes -r requirements/lock.txt
.venv/bin/python -m pip install -q --no-deps --no-build-isolation -e .
# Bytecode for Hexikit's own modules, as a regular install writes it: an editable install
# writes none, and where PYTHONDONTWRITEBYTECODE is set each start would compile every module
# again (~70 ms before the first slide). Python checks each file's time stamp, so an edited
# module is compiled afresh.
.venv/bin/python -m compileall -q -j 0 hexikit ui sync > /dev/null
