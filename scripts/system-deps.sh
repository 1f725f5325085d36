#!/usr/bin/env bash
# Debian packages ScamNet needs to build its Python dependencies:
# PyICU (for followthemoney) compiles against libicu-dev via pkg-config.
set -euo pipefail
need=()
for pkg in libicu-dev pkg-config; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "missing Debian packages: ${need[*]} (run as root or: sudo apt-get install ${need[*]})" >&2
    exit 1
  fi
  apt-get update
  apt-get install -y --no-install-recommends "${need[@]}"
fi
