#!/usr/bin/env bash
# Everything CI does, on a fresh Debian 12 machine: install dependencies,
# configure, build, run every test (lit/FileCheck, GoogleTest, end-to-end on
# ../shared/models when present, and a bounded fuzzing run of the importer).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/utils/setup-deps.sh"
"$root/utils/build.sh"
build="${OVC_BUILD_DIR:-$root/build}"
cd "$build"
ctest --output-on-failure --timeout 1800
