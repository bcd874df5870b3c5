#!/usr/bin/env bash
# Packs the benchmarks for a machine that has no compilers: the seed workloads
# built natively and with distomp-cc, the micro-benchmarks, the launcher and
# coordinator, the runtime, and every shared library they load except glibc's
# own (the target needs glibc 2.36 or newer). ip and tc go along for
# scripts/emulated-cluster.sh where this machine has them.
#
#   scripts/pack-bench.sh DIR
#
# then, on the target, in a checkout of the same commit:
#   PATH=DIR/bin:$PATH LD_LIBRARY_PATH=DIR/lib \
#     python3 bench/workloads.py --no-build --build DIR --procs 1,2,4,8,16 ...
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${DISTOMP_BUILD_DIR:-$root/build}
[[ $# -eq 1 ]] || { echo "usage: $0 DIR" >&2; exit 2; }
out=$1

"$root/scripts/build.sh" >/dev/null
python3 "$root/bench/workloads.py" --build "$build" --build-only

rm -rf "$out"
mkdir -p "$out/bin" "$out/lib" "$out/bench-workloads"
cp "$build"/bench-workloads/*-native "$build"/bench-workloads/*-distomp "$out/bench-workloads/"
cp "$build/bin/distomp-run" "$build/bin/distomp-coordinator" "$out/bin/"
cp "$build/bench/distomp-micro-bench" "$out/bin/"
cp -P "$build"/lib/libdistomp.so* "$out/lib/"
for tool in ip tc; do
  if path=$(command -v "$tool" || command -v "/sbin/$tool"); then cp "$path" "$out/bin/"; fi
done

# The libraries the programs load, glibc's excepted: the target has its own,
# and a copy from here would not match its loader.
glibc='^(libc|libm|libpthread|libdl|librt|libresolv|ld-linux-x86-64)\.so'
for f in "$out"/bin/* "$out"/bench-workloads/*; do
  { ldd "$f" 2>/dev/null || true; } | awk '$2 == "=>" && $3 ~ /^\// {print $3}'
done | sort -u | while read -r lib; do
  base=$(basename "$lib")
  [[ $base =~ $glibc || $base == libdistomp.so* ]] || cp -L "$lib" "$out/lib/"
done
echo "pack-bench: $(du -sh "$out" | cut -f1) in $out; on the target, in a checkout of $(git -C "$root" rev-parse --short HEAD):"
echo "  PATH=$out/bin:\$PATH LD_LIBRARY_PATH=$out/lib python3 bench/workloads.py --no-build --build $out ..."
