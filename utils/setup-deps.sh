#!/usr/bin/env bash
# Installs every build and test dependency of ovc from Debian 12's packages.
# Idempotent: when everything is already present it installs nothing.
set -euo pipefail

PACKAGES=(
  cmake ninja-build g++ python3 git
  llvm-19-dev libmlir-19-dev mlir-19-tools llvm-19-tools
  clang-19 lld-19 libclang-rt-19-dev
  libpugixml-dev libgtest-dev
  python3-numpy
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed"; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-deps: all dependencies present"
  exit 0
fi

echo "setup-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
