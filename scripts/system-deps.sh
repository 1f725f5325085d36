#!/usr/bin/env bash
# Debian packages ScamNet needs to build its Python dependencies:
# PyICU (for followthemoney) compiles against libicu-dev via pkg-config, and
# ScamNet's own C scanner (src/scamnet/extract/_scan.c) needs gcc and the
# Python headers (python3-dev, when the Python is Debian's own).
set -euo pipefail
PYTHON="${PYTHON:-python3}"
need=()
for pkg in libicu-dev pkg-config; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
command -v gcc >/dev/null 2>&1 || need+=(gcc)
if ! "$PYTHON" -c 'import os, sysconfig, sys; sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))'; then
  need+=(python3-dev)
fi
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "missing Debian packages: ${need[*]} (run as root or: sudo apt-get install ${need[*]})" >&2
    exit 1
  fi
  apt-get update
  apt-get install -y --no-install-recommends "${need[@]}"
fi
