#!/usr/bin/env bash
# The main job: builds DistOMP, compiles the demo (examples/demo.c, ordinary
# OpenMP) with distomp-cc and runs it. Arguments go to the demo.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${DISTOMP_BUILD_DIR:-$root/build}

"$root/scripts/build.sh" >/dev/null
mkdir -p "$build/examples"
echo "+ distomp-cc -O2 -fopenmp examples/demo.c -o build/examples/demo -lm"
"$build/bin/distomp-cc" -O2 -fopenmp -Rpass=distomp "$root/examples/demo.c" \
  -o "$build/examples/demo" -lm
echo "+ build/examples/demo $*"
exec "$build/examples/demo" "$@"
