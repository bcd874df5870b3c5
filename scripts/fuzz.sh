#!/usr/bin/env bash
# A long fuzzing campaign for the coordinator and the home (test/unit/
# FuzzTest.cpp): forged and mutated messages built from the schema. CI runs
# 20,000 of each with the unit tests; this runs N (default 1,000,000).
#
#   scripts/fuzz.sh [N]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-1000000}
"$root/scripts/build.sh" >/dev/null
DISTOMP_FUZZ_MESSAGES=$n "$root/build/test/unit/DistOMPUnitTests" --gtest_filter='Fuzz*' \
  2> >(grep -v '^distomp' >&2)
