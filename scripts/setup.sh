#!/usr/bin/env bash
# One idempotent setup step for `make run`, `make test` and `make bench`:
#   1. Debian system libraries that Qt, zbar and the PDF tools need (installed only if missing);
#   2. a .venv with the project installed editable with its dev extras (only when pyproject.toml
#      changed since the last install).
set -euo pipefail
cd "$(dirname "$0")/.."

# Qt offscreen and real windows (xcb), QtMultimedia (libpulse0), zbar for the second QR decoder,
# poppler for pdftotext/pdftoppm in tests, Xvfb for screenshots of the real window;
# debootstrap and imagemagick (`import`) for the bundle's test on a minimal Debian root;
# icu-devtools (icupkg) and binutils to build the bundle's smaller ICU data (packaging/icu_data.py).
# The chip reader: libpcsclite1 at run time; swig, gcc, python3-dev and libpcsclite-dev build
# pyscard (no Linux wheel); pcscd, the virtual reader (vsmartcard-vpcd) and the card emulator (vsmartcard-vpicc,
# run by Debian's python3 with python3-pycryptodome) serve emulated cards to the tests.
SYSTEM_PACKAGES=(
  libglib2.0-0 libgl1 libegl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libxkbcommon0
  libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render-util0 libxcb-render0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-util1
  libxcb-xfixes0 libxcb-xkb1 libxkbcommon-x11-0 libpulse0
  libzbar0 poppler-utils xvfb xauth strace iproute2 debootstrap imagemagick
  icu-devtools binutils
  libpcsclite1 libpcsclite-dev swig gcc python3-dev
  pcscd vsmartcard-vpcd vsmartcard-vpicc python3-pycryptodome
)
PYTHON="${PYTHON:-python3}"
VENV=.venv
STAMP="$VENV/.installed"

missing_system_packages() {
  local pkg
  for pkg in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || echo "$pkg"
  done
  # Debian's own python3 needs python3-venv for `python3 -m venv`.
  "$PYTHON" -c "import ensurepip" 2>/dev/null || echo python3-venv
}

install_system_packages() {
  if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "setup: not a Debian system; install the equivalents of: ${SYSTEM_PACKAGES[*]}" >&2
    return 0
  fi
  local missing
  mapfile -t missing < <(missing_system_packages)
  [ "${#missing[@]}" -eq 0 ] && return 0
  local line="apt-get install -y --no-install-recommends ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: missing system packages. Run as root, then retry:" >&2
    echo "  apt-get update && $line" >&2
    exit 1
  fi
  echo "setup: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $line -qq >/dev/null
}

check_python() {
  "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
    echo "setup: Python 3.11 or newer is needed (found: $("$PYTHON" --version 2>&1))." >&2
    exit 1
  }
}

install_python_packages() {
  [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
  if [ -f "$STAMP" ] && [ "$STAMP" -nt pyproject.toml ]; then
    return 0
  fi
  echo "setup: installing Python packages into $VENV"
  "$VENV/bin/python" -m pip install -q --upgrade pip
  "$VENV/bin/python" -m pip install -q -e '.[dev]'
  touch "$STAMP"
}

install_system_packages
check_python
install_python_packages
"$VENV/bin/python" scripts/build_translations.py
