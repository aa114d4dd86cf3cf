#!/usr/bin/env bash
# The main job on a fresh Debian 12 machine: install dependencies, build ovc,
# generate the sample model with the project's own script, compile it for
# this machine into a standalone executable, run it on the sample input and
# benchmark it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/utils/setup-deps.sh"
"$root/utils/build.sh" ovc ovc_runtime ovc_runtime_main
build="${OVC_BUILD_DIR:-$root/build}"
sample="$build/sample"
python3 "$root/utils/gen_sample_model.py" "$sample"
"$build/bin/ovc" "$sample/sample.xml" -o "$sample/sample"
echo "--- compiled $sample/sample (dependencies: $(ldd "$sample/sample" | awk '{print $1}' | tr '\n' ' '))"
"$sample/sample" --info
"$sample/sample" -i data="$sample/sample_input.npy" -o "$sample/out"
echo "--- outputs written to $sample/out: $(ls "$sample/out")"
"$sample/sample" --benchmark -niter 200
