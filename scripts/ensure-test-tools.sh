#!/usr/bin/env bash
# Installs what the test suite needs beyond npm packages: Debian's Chromium for
# the browser tests and PostgreSQL's server binaries for the server-engine
# integration tests. Safe to run again: it does nothing when both are present.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  missing+=(postgresql)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Test tools missing: ${missing[*]}. Installing them with apt-get..."
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Cannot install ${missing[*]}: run as root on Debian, or install them yourself" >&2
  echo "(sudo apt-get install ${missing[*]}), then run npm test again." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "Installed ${missing[*]}."
