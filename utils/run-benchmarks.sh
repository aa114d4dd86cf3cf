#!/bin/bash
# ovc's benchmark suite (not a pass/fail test): ovc against ONNX Runtime 1.30
# on every model of ../shared/models with an ONNX twin, at 1 and 2 threads;
# FMA peak; per-layer GFLOP/s; time to first result. Results in
# build/bench/results.{json,svg}. Extra arguments go to utils/bench/bench.py
# (e.g. --only mnist-fp32-v10 --rounds 3).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/utils/build.sh"
out="$root/build/bench"
mkdir -p "$out/ort"
if [ ! -d "$out/ort/node_modules/onnxruntime-node" ]; then
  command -v npm >/dev/null || { sudo=$( [ "$(id -u)" = 0 ] || echo sudo ); $sudo apt-get install -y nodejs npm; }
  (cd "$out/ort" && npm install --ignore-scripts --no-audit --no-fund onnxruntime-node@1.30.0)
fi
cc -O2 -pthread "$root/utils/bench/fma_peak.c" -o "$out/fma_peak"
# (c) oneDNN on the same convolution shapes as ovc's kernels.
if [ ! -f /usr/include/oneapi/dnnl/dnnl.hpp ]; then
  sudo=$( [ "$(id -u)" = 0 ] || echo sudo )
  $sudo apt-get install -y libdnnl-dev
fi
c++ -O2 -std=c++17 -fopenmp "$root/utils/bench/layer_bench.cpp" -I"$root" \
  -I"$root/runtime-stub/include" -I"$root/runtime-stub/src" \
  "$root/build/lib/libovc_runtime.a" -ldnnl -pthread -o "$out/layer_bench"
/usr/bin/python3 "$root/utils/bench/bench.py" --ort "$out/ort" --peak "$out/fma_peak" \
  --layer-bench "$out/layer_bench" --out "$out" "$@"
