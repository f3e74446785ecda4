#!/usr/bin/env bash
# The end-to-end tests drive the system's Chromium; browsers are never downloaded by the test tool.
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Chromium from the system's packages…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "Chromium is needed for the end-to-end tests: install it (sudo apt-get install chromium) or set CHROMIUM_PATH." >&2
exit 1
