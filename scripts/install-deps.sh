#!/usr/bin/env bash
# Installs DistOMP's build and test dependencies from Debian's archive.
# Idempotent: packages already present are left alone and nothing is fetched
# when everything is installed. Nothing comes from outside Debian.
set -euo pipefail

PACKAGES=(
  # Toolchain: the pass builds against LLVM 19; clang-19 and libomp are what
  # distomp-cc drives; llvm-19-tools brings FileCheck, not and lit's helpers.
  llvm-19-dev clang-19 llvm-19-tools libomp-19-dev
  # Runtime and coordinator: transport and wire format.
  libzmq3-dev cppzmq-dev libflatbuffers-dev flatbuffers-compiler
  # Race reports: the writing source line, from the program's DWARF.
  libdw-dev
  # Tests and benchmarks.
  libgtest-dev libgmock-dev libbenchmark-dev python3
  # Build.
  cmake ninja-build
  # Emulated cluster (network namespaces, veth, tc netem).
  iproute2
  # The benchmark table's plot (bench/plot.gnuplot).
  gnuplot-nox
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  SUDO=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "install-deps: done"
