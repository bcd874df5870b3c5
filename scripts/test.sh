#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: the lit suite (IR,
# driver and end-to-end tests) and the GoogleTest units. Ends with one line
# "tests: N passed, N failed". Extra arguments go to lit (e.g. --filter e2e).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${DISTOMP_BUILD_DIR:-$root/build}

"$root/scripts/build.sh"
lit=/usr/lib/llvm-19/build/utils/lit/lit.py
results=$(mktemp)
trap 'rm -f "$results"' EXIT
status=0
python3 "$lit" -sv --output "$results" "$@" "$build/test" "$build/test/unit" || status=$?
python3 - "$results" <<'PY'
import json, sys
tests = json.load(open(sys.argv[1]))["tests"]
count = lambda *codes: sum(t["code"] in codes for t in tests)
print(f"tests: {count('PASS', 'XFAIL')} passed, "
      f"{count('FAIL', 'XPASS', 'UNRESOLVED', 'TIMEOUT')} failed, "
      f"{count('UNSUPPORTED', 'SKIPPED')} skipped")
PY
exit $status
