#!/usr/bin/env bash
# The main job on a fresh Debian 12 machine: install dependencies, build ovc,
# generate the sample model with the project's own script and compile it.
# (For now ovc stops after import: --emit=mlir.)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/utils/setup-deps.sh"
"$root/utils/build.sh" ovc ovc-opt
build="${OVC_BUILD_DIR:-$root/build}"
sample="$build/sample"
python3 "$root/utils/gen_sample_model.py" "$sample"
"$build/bin/ovc" "$sample/sample.xml" --emit=mlir -o "$sample/sample.mlir"
"$build/bin/ovc-opt" "$sample/sample.mlir" -ov-specialize-batch=batch=1 \
  -o "$sample/sample.batch1.mlir"
echo "imported $sample/sample.xml -> $sample/sample.mlir"
echo "specialized for batch 1     -> $sample/sample.batch1.mlir"
grep -E "func.func|ov\.(convolution|matmul|softmax)" "$sample/sample.batch1.mlir" \
  | sed -E 's/\{[^}]*\}//g' | cut -c1-160
