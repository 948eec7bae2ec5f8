#!/usr/bin/env bash
# Cross-checks the measurement engine against the reference implementation on
# generated cases, beyond the fixed cases in ../shared/fixtures/spc.
#
#   scripts/spc-crosscheck/run.sh QICHARTS2_CHECKOUT [SEED]
#
# Needs R (Debian: apt-get install r-base-core) and a checkout of the
# anhoej/qicharts2 repository; neither is part of Trellis, and nothing from the
# checkout is copied into it. Not part of `npm test`.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
checkout="${1:?give the path of a qicharts2 checkout}"
seed="${2:-12345}"
export WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/cases" "$WORK/qic"
cp "$checkout/R/helper.functions.R" "$WORK/qic/helper.R"
cp "$checkout/R/qic.R" "$WORK/qic/qic.R"
cd "$here/../.."
npx tsx "$here/generate.ts" "$seed"
Rscript "$here/reference.R" "$WORK"
npx tsx "$here/compare.ts"
