#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (a browser download cannot work on closed networks). Installs it when
# missing, so the README's test command passes on a fresh machine too; CHROMIUM_PATH names another build.
set -euo pipefail
path="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$path" ] && exit 0
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "browser tests: installing Debian's chromium (apt-get) ..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  echo "browser tests: $(chromium --version)"
else
  echo "browser tests need Chromium at $path: on Debian, 'sudo apt-get install chromium'; elsewhere set CHROMIUM_PATH" >&2
  exit 1
fi
