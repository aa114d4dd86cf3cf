#!/usr/bin/env python3
"""ovc's benchmark suite: ovc-compiled executables against ONNX Runtime on
every model of ../shared/models that has an ONNX twin.

Measures (a) this machine's FMA peak, (b) latency of ovc and ORT at 1 and 2
threads, interleaved round by round, (c) ovc's per-layer GFLOP/s on the
Convolution/MatMul layers of at least --min-mflop MFLOP, against the peak,
and (d) time to first result (ovc: process start to exit after writing the
outputs; ORT: library load + session creation + first run, inside an
already started Node.js). Prints a table and writes results.json and
results.svg into --out. Not a test: it never fails on slowness.
"""
import argparse
import glob
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)


def models_with_twins(models_dir, only):
    for folder in sorted(glob.glob(os.path.join(models_dir, "*"))):
        twins = glob.glob(os.path.join(folder, "onnx", "*.onnx"))
        xmls = glob.glob(os.path.join(folder, "*.xml"))
        name = os.path.basename(folder)
        if twins and xmls and (not only or name in only):
            yield name, folder, xmls[0], twins[0]


def layer_flops(xml_path):
    """MFLOP of each Convolution / GroupConvolution / MatMul layer (batch 1)."""
    # Some IR files start with a blank line before the XML declaration.
    with open(xml_path, "rb") as f:
        root = ET.fromstring(f.read().lstrip())
    flops = {}

    def dims(port):
        return [max(int(d.text), 1) for d in port.findall("dim")]

    for layer in root.find("layers"):
        kind = layer.get("type")
        if kind not in ("Convolution", "GroupConvolution", "MatMul"):
            continue
        ins = layer.find("input").findall("port")
        out = dims(layer.find("output").find("port"))
        w = dims(ins[1])
        if kind == "Convolution":  # out [N,F,OH,OW], w [F,C,KH,KW]
            macs = np.prod(out) * np.prod(w[1:])
        elif kind == "GroupConvolution":  # w [G,F/G,C/G,KH,KW]
            macs = np.prod(out) * np.prod(w[2:])
        else:  # MatMul: out [...,M,N], K from the first input's last dim
            a = dims(ins[0])
            k = a[-2] if layer.find("data") is not None and \
                layer.find("data").get("transpose_a") == "true" else a[-1]
            macs = np.prod(out) * k
        flops[layer.get("name")] = (kind, 2.0 * macs / 1e6)
    return flops


def ovc_counters(app, inputs_args, threads):
    """Per-layer ms from the executable's -pc rows."""
    out = run([app] + inputs_args + ["-nthreads", str(threads), "-pc"]).stdout
    rows = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 6 and parts[1] == "EXECUTED":
            rows[parts[0]] = float(parts[-2])
    return rows


def svg_chart(results, path):
    """Bar chart of ORT/ovc latency ratios per model, 1 and 2 threads."""
    names = [r["model"] for r in results]
    width, row, left = 900, 26, 330
    height = 60 + row * len(names)
    ratios = [r.get(f"ratio_t{t}") or 0 for r in results for t in (1, 2)]
    top = max(ratios + [1.6])
    scale = (width - left - 60) / top
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             'font-family="sans-serif" font-size="12">',
             f'<text x="10" y="20" font-size="14">ORT latency / ovc latency (higher is better for ovc)</text>']
    x1 = left + scale
    parts.append(f'<line x1="{x1}" y1="30" x2="{x1}" y2="{height - 10}" stroke="#c00" stroke-dasharray="4"/>')
    parts.append(f'<text x="{x1 + 3}" y="{height - 12}" fill="#c00">1.0</text>')
    for i, r in enumerate(results):
        y = 36 + i * row
        parts.append(f'<text x="{left - 6}" y="{y + 14}" text-anchor="end">{r["model"]}</text>')
        for j, (t, color) in enumerate(((1, "#4a7"), (2, "#47a"))):
            v = r.get(f"ratio_t{t}") or 0
            parts.append(f'<rect x="{left}" y="{y + j * 10}" width="{v * scale:.1f}" height="9" fill="{color}"/>')
            parts.append(f'<text x="{left + v * scale + 4:.1f}" y="{y + j * 10 + 8}" font-size="9">{v:.2f} ({t}t)</text>')
    parts.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(parts))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--models", default=os.path.join(HERE, "..", "..", "..", "shared", "models"))
    p.add_argument("--ovc", default=os.path.join(HERE, "..", "..", "build", "bin", "ovc"))
    p.add_argument("--ort", required=True, help="folder holding node_modules/onnxruntime-node")
    p.add_argument("--peak", required=True, help="the fma_peak probe")
    p.add_argument("--out", required=True)
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--niter", type=int, default=20)
    p.add_argument("--min-mflop", type=float, default=100.0)
    p.add_argument("--only", nargs="*")
    args = p.parse_args()
    os.makedirs(args.out, exist_ok=True)

    peak = {t: json.loads(run([args.peak, str(t)]).stdout)["gflops"] for t in (1, 2)}
    print(f"FMA peak (AVX2, f32): {peak[1]:.1f} GFLOP/s at 1 thread, {peak[2]:.1f} at 2")

    env = dict(os.environ, NODE_PATH=os.path.join(args.ort, "node_modules"))
    results = []
    for name, folder, xml, onnx in models_with_twins(args.models, args.only):
        work = os.path.join(args.out, name)
        os.makedirs(work, exist_ok=True)
        app = os.path.join(work, "app")
        run([args.ovc, xml, "-o", app])
        inputs = np.load(os.path.join(folder, "ref", "inputs.npz"))
        npy_args, ort_inputs = [], []
        for key in inputs.files:
            safe = "".join(c if c.isalnum() else "_" for c in key)
            data = inputs[key].astype(np.float32)
            np.save(os.path.join(work, safe + ".npy"), data)
            data.tofile(os.path.join(work, safe + ".f32"))
            npy_args += ["-i", f"{key}={os.path.join(work, safe + '.npy')}"]
            ort_inputs.append({"name": key, "shape": list(data.shape),
                               "file": os.path.join(work, safe + ".f32")})
        with open(os.path.join(work, "inputs.json"), "w") as f:
            json.dump(ort_inputs, f)

        record = {"model": name, "twin_cut": bool(glob.glob(os.path.join(folder, "onnx", "report.json")))}
        for threads in (1, 2):
            ovc_ms, ort_ms = [], []
            for _ in range(args.rounds):  # interleaved: ovc, ORT, ovc, ORT...
                out = run([app] + npy_args + ["--benchmark", "-niter", str(args.niter),
                                              "-nthreads", str(threads), "--json"]).stdout
                ovc_ms.append(json.loads(out.strip().splitlines()[-1])["median_ms"])
                out = run(["node", os.path.join(HERE, "ort_bench.js"), onnx,
                           os.path.join(work, "inputs.json"), str(threads), str(args.niter)],
                          env=env).stdout
                ort_ms.append(statistics.median(json.loads(out)["runs_ms"]))
            record[f"ovc_ms_t{threads}"] = statistics.median(ovc_ms)
            record[f"ort_ms_t{threads}"] = statistics.median(ort_ms)
            record[f"ratio_t{threads}"] = record[f"ort_ms_t{threads}"] / record[f"ovc_ms_t{threads}"]

        # (d) first result: median of 5 cold-ish process runs each.
        firsts, ort_firsts = [], []
        for _ in range(5):
            with tempfile.TemporaryDirectory() as tmp:
                t0 = time.perf_counter()
                run([app] + npy_args + ["-o", tmp])
                firsts.append((time.perf_counter() - t0) * 1e3)
            out = json.loads(run(["node", os.path.join(HERE, "ort_bench.js"), onnx,
                                  os.path.join(work, "inputs.json"), "1", "0"], env=env).stdout)
            ort_firsts.append(out["load_ms"] + out["session_ms"] + out["first_run_ms"])
        record["ovc_first_ms"] = statistics.median(firsts)
        record["ort_first_ms"] = statistics.median(ort_firsts)

        # (c) big layers at 1 thread: GFLOP/s and % of the FMA peak.
        counters = ovc_counters(app, npy_args, 1)
        layers = []
        for layer, (kind, mflop) in layer_flops(xml).items():
            if mflop >= args.min_mflop and counters.get(layer):
                gflops = mflop / counters[layer]  # MFLOP per ms = GFLOP/s
                layers.append({"layer": layer, "type": kind, "mflop": round(mflop, 1),
                               "ovc_ms": counters[layer], "gflops": round(gflops, 2),
                               "peak_pct": round(100 * gflops / peak[1], 1)})
        record["layers"] = layers
        results.append(record)
        print(f"{name:58s} ovc {record['ovc_ms_t1']:9.3f} ms  ORT {record['ort_ms_t1']:8.3f} ms  "
              f"ORT/ovc {record['ratio_t1']:6.3f} (1t) {record['ratio_t2']:6.3f} (2t)  "
              f"first {record['ovc_first_ms']:.1f} vs {record['ort_first_ms']:.1f} ms", flush=True)

    print()
    print(f"{'model':58s} {'ovc 1t':>9s} {'ORT 1t':>9s} {'ratio':>6s} {'ovc 2t':>9s} {'ORT 2t':>9s} "
          f"{'ratio':>6s} {'first ovc':>9s} {'first ORT':>9s}")
    for r in results:
        print(f"{r['model']:58s} {r['ovc_ms_t1']:9.3f} {r['ort_ms_t1']:9.3f} {r['ratio_t1']:6.2f} "
              f"{r['ovc_ms_t2']:9.3f} {r['ort_ms_t2']:9.3f} {r['ratio_t2']:6.2f} "
              f"{r['ovc_first_ms']:9.1f} {r['ort_first_ms']:9.1f}")
    print()
    print(f"{'layer (>= %g MFLOP, 1 thread)' % args.min_mflop:70s} {'MFLOP':>8s} {'ms':>9s} {'GFLOP/s':>8s} {'% peak':>7s}")
    for r in results:
        for l in r["layers"]:
            print(f"{r['model'][:30] + ':' + l['layer']:70.70s} {l['mflop']:8.1f} {l['ovc_ms']:9.3f} "
                  f"{l['gflops']:8.2f} {l['peak_pct']:7.1f}")
    with open(os.path.join(args.out, "results.json"), "w") as f:
        json.dump({"fma_peak_gflops": peak, "rounds": args.rounds, "niter": args.niter,
                   "models": results}, f, indent=1)
    svg_chart(results, os.path.join(args.out, "results.svg"))
    print(f"\nwrote {args.out}/results.json and results.svg")


if __name__ == "__main__":
    sys.exit(main())
