#!/usr/bin/env bash
# Runs ADL's LRS conformance test suite (xAPI 1.0.3) against Trellis's /xapi.
#
#   bash scripts/xapi-conformance.sh /path/to/lrs-conformance-test-suite [extra runner options, e.g. -g XAPI-00114]
#
# The suite is not part of Trellis: check it out yourself first, outside this
# repository (git clone https://github.com/adlnet/lrs-conformance-test-suite).
# This script installs its npm dependencies if needed, starts Trellis on a free
# loopback port with a fresh embedded database (a 100-student demo district and
# one integration credential), runs the suite with HTTP Basic auth, prints the
# summary, and stops the server and removes the database. See docs/xapi.md.
set -euo pipefail

suite="${1:?usage: $0 /path/to/lrs-conformance-test-suite [runner options]}"
shift
suite="$(cd "$suite" && pwd)"
[[ -f "$suite/bin/console_runner.js" ]] || { echo "$suite does not look like the LRS conformance test suite (no bin/console_runner.js)" >&2; exit 2; }
root="$(cd "$(dirname "$0")/.." && pwd)"

if [[ ! -d "$suite/node_modules" ]]; then
  echo "Installing the suite's dependencies..."
  (cd "$suite" && npm install --no-audit --no-fund >/dev/null)
fi

data="$(mktemp -d)"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$data"
}
trap cleanup EXIT

export TRELLIS_DATA="$data/db"
unset DATABASE_URL
trellis() { node "$root/bin/trellis.mjs" "$@"; }

echo "Preparing a fresh database in $TRELLIS_DATA..."
trellis demo --students 100 --json >/dev/null
credential="$(trellis integration create --name 'LRS conformance suite' --json)"
key="$(node -e 'process.stdout.write(JSON.parse(process.argv[1]).key)' "$credential")"
secret="$(node -e 'process.stdout.write(JSON.parse(process.argv[1]).secret)' "$credential")"

port="$(node -e 'const s = require("node:net").createServer(); s.listen(0, "127.0.0.1", () => { process.stdout.write(String(s.address().port)); s.close(); })')"
PORT="$port" HOST=127.0.0.1 LOG_LEVEL=warn node "$root/bin/trellis.mjs" serve --no-demo >"$data/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$port/xapi/about" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/xapi/about" >/dev/null || { echo "Trellis did not start:" >&2; cat "$data/server.log" >&2; exit 1; }

echo "Running the suite against http://127.0.0.1:$port/xapi ..."
status=0
(cd "$suite" && node bin/console_runner.js -e "http://127.0.0.1:$port/xapi" -a -u "$key" -p "$secret" -x 1.0.3 -z "$@") >"$data/suite.log" 2>&1 || status=$?
summary="$(grep -o '{"total":[0-9]*,"passed":[0-9]*,"failed":[0-9]*[^}]*}' "$data/suite.log" | tail -1 || true)"
log="$(grep -o 'Full run log written to .*' "$data/suite.log" | sed 's/Full run log written to //' || true)"
echo "Summary: ${summary:-none (see the runner output below)}"
[[ -n "$log" ]] && echo "Runner log (failures only): $log"
if [[ -z "$summary" ]]; then cat "$data/suite.log"; fi
# The runner's exit code is the number of failed tests.
exit "$status"
