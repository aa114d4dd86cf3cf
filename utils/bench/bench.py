#!/usr/bin/env python3
"""ovc's benchmark suite: ovc-compiled executables against ONNX Runtime on
every model of ../shared/models that has an ONNX twin.

Measures (a) this machine's FMA peak, (b) latency of ovc and ORT at 1 and 2
threads, interleaved round by round, (c) ovc's per-layer GFLOP/s on the
Convolution/MatMul layers of at least --min-mflop MFLOP (-pc, the median of
--rounds processes), against the peak, and the same convolutions timed alone with ovc's microkernel and with
oneDNN (--layer-bench, utils/bench/layer_bench.cpp), and (d) time to first
result (ovc: process start to exit after writing the
outputs; ORT: library load + session creation + first run, inside an
already started Node.js). Prints a table and writes results.json and
results.svg into --out. Not a test: it never fails on slowness.
"""
import argparse
import glob
import json
import os
import re
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


def conv_geometry(layer, x, w, y):
    """The layer_bench line fields of a Convolution / GroupConvolution:
    N C H W OC groups KH KW SH SW DH DW PT PL PB PR (bias and ReLU added
    by the caller)."""
    data = layer.find("data")
    attr = data.attrib if data is not None else {}
    ints = lambda key, default: [int(v) for v in attr.get(key, default).split(",")]
    if layer.get("type") == "GroupConvolution":  # w [G, OC/G, C/G, KH, KW]
        groups, kh, kw = w[0], w[3], w[4]
    else:  # w [OC, C, KH, KW]
        groups, kh, kw = 1, w[2], w[3]
    sh, sw = ints("strides", "1,1")
    dh, dw = ints("dilations", "1,1")
    pads = []
    for axis, (size, out, k, s_, d) in enumerate(((x[2], y[2], kh, sh, dh), (x[3], y[3], kw, sw, dw))):
        auto = attr.get("auto_pad", "explicit")
        if auto in ("same_upper", "same_lower"):
            total = max((out - 1) * s_ + d * (k - 1) + 1 - size, 0)
            begin = total // 2 if auto == "same_upper" else total - total // 2
            pads.append((begin, total - begin))
        elif auto == "valid":
            pads.append((0, 0))
        else:
            pads.append((ints("pads_begin", "0,0")[axis], ints("pads_end", "0,0")[axis]))
    return [x[0], x[1], x[2], x[3], y[1], groups, kh, kw, sh, sw, dh, dw,
            pads[0][0], pads[1][0], pads[0][1], pads[1][1]]


def layer_flops(xml_path):
    """MFLOP of each Convolution / GroupConvolution / MatMul layer (batch 1),
    with the geometry of convolutions (see conv_geometry)."""
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
        geometry = None
        if kind == "Convolution":  # out [N,F,OH,OW], w [F,C,KH,KW]
            macs = np.prod(out) * np.prod(w[1:])
        elif kind == "GroupConvolution":  # w [G,F/G,C/G,KH,KW]
            macs = np.prod(out) * np.prod(w[2:])
        else:  # MatMul: out [...,M,N], K from the first input's last dim
            a = dims(ins[0])
            k = a[-2] if layer.find("data") is not None and \
                layer.find("data").get("transpose_a") == "true" else a[-1]
            macs = np.prod(out) * k
        if kind != "MatMul" and len(out) == 4:
            geometry = conv_geometry(layer, dims(ins[0]), w, out)
        flops[layer.get("name")] = (kind, 2.0 * macs / 1e6, geometry)
    return flops


def cut_layers(folder):
    """The IR layers the model's ONNX twin leaves out (its report.json's
    cut_layers: DetectionOutput, whose inputs the twin outputs instead)."""
    path = os.path.join(folder, "onnx", "report.json")
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [c["layer"] for c in json.load(f).get("cut_layers", [])]


def ovc_counters(app, inputs_args, threads, runs):
    """Per-layer ms from the executable's -pc rows, each the median over
    `runs` processes of its mean over 10 warm inferences (one process's
    means moved by a third on this shared machine), and for each layer the
    (name, type) of the layers fused into it."""
    samples, fused = {}, {}
    for r in range(runs):
        out = run([app] + inputs_args + ["--benchmark", "-niter", "10",
                                         "-nthreads", str(threads), "-pc"]).stdout
        for line in out.splitlines():
            parts = line.split()
            if len(parts) >= 6 and parts[1] == "EXECUTED":
                samples.setdefault(parts[0], []).append(float(parts[-2]))
            elif (r == 0 and len(parts) >= 6 and parts[1] == "NOT_RUN"
                  and parts[3].startswith("fused_into_")):
                fused.setdefault(parts[3][len("fused_into_"):], []).append(
                    (parts[0], parts[2]))
    return {layer: statistics.median(ms) for layer, ms in samples.items()}, fused


def compile_model(ovc, xml, app, target):
    """Compiles `xml` into the executable `app` for `target` (None: the
    host); returns the microkernel family ovc chose for it."""
    out = run([ovc, xml, "-o", app, "--verbose"] + ([f"-target={target}"] if target else []))
    return re.search(r"kernel family (\w+)", out.stderr).group(1)


def family_peak(probe, family):
    """The FMA peak of the vectors `family` computes with: on a core whose
    AVX-512 units are full width (Zen 5) that is twice the AVX2 peak, so
    the AVX2 kernels of --target avx2 are measured against the AVX2 probe.
    SSE4.1 code has no fused multiply-add and half AVX2's lanes; its layers
    are shown against the AVX2 peak too, as an upper bound."""
    if family == "avx512" and probe["gflops_avx512"] > 0:
        return probe["gflops_avx512"]
    return probe["gflops_avx2"] or probe["gflops"]


def layer_bench(tool, lines, threads, family):
    """Times each layer_bench line alone with ovc's kernel of `family` and
    oneDNN."""
    if not tool or not lines:
        return {}
    out = run([tool, "--threads", str(threads), "--reps", "20", "--family", family],
              input="\n".join(lines) + "\n").stdout
    return {r["layer"]: r for r in map(json.loads, out.splitlines())}


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
    p.add_argument("--layer-bench", help="utils/bench/layer_bench built against oneDNN")
    p.add_argument("--only", nargs="*")
    p.add_argument("--target", help="ovc's -target (default: host); e.g. avx2 on an "
                   "AVX-512 machine, to time the AVX2 kernels")
    args = p.parse_args()
    os.makedirs(args.out, exist_ok=True)

    probes = {t: json.loads(run([args.peak, str(t)]).stdout) for t in (1, 2)}
    peak = {t: probe["gflops"] for t, probe in probes.items()}
    print(f"FMA peak ({probes[1]['isa'].upper()}, f32): {peak[1]:.1f} GFLOP/s at 1 thread, "
          f"{peak[2]:.1f} at 2 (AVX2 {probes[1]['gflops_avx2']:.1f}, "
          f"AVX-512 {probes[1]['gflops_avx512']:.1f} at 1 thread; 0 = not on this CPU)")
    print(f"ovc -target={args.target or 'host'}")

    env = dict(os.environ, NODE_PATH=os.path.join(args.ort, "node_modules"))
    results = []
    for name, folder, xml, onnx in models_with_twins(args.models, args.only):
        work = os.path.join(args.out, name)
        os.makedirs(work, exist_ok=True)
        app = os.path.join(work, "app")
        family = compile_model(args.ovc, xml, app, args.target)
        inputs = np.load(os.path.join(folder, "ref", "inputs.npz"))
        npy_args, ort_inputs = [], []
        for key in inputs.files:
            safe = "".join(c if c.isalnum() else "_" for c in key)
            data = inputs[key].astype(np.float32)
            np.save(os.path.join(work, safe + ".npy"), data)
            data.tofile(os.path.join(work, safe + ".f32"))
            npy_args += ["-i", f"{key}={os.path.join(work, safe + '.npy')}"]
            # "npy": the same input for ovc's executable (layer_compare.py).
            ort_inputs.append({"name": key, "shape": list(data.shape),
                               "file": os.path.join(work, safe + ".f32"),
                               "npy": os.path.join(work, safe + ".npy")})
        with open(os.path.join(work, "inputs.json"), "w") as f:
            json.dump(ort_inputs, f)

        # Where the twin stops before the IR's last layers, ORT computes
        # less than ovc's executable: the ratio over the same part takes
        # those layers' -pc time (median of --rounds processes) off ovc's.
        record = {"model": name, "cut_layers": cut_layers(folder)}
        # -pc medians per thread count: at 1 thread for the layer table,
        # at 2 too where layers are cut.
        counters_at = {}
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
            if threads == 1 or record["cut_layers"]:
                counters_at[threads] = ovc_counters(app, npy_args, threads, args.rounds)
            if record["cut_layers"]:
                cut_ms = sum(counters_at[threads][0].get(l, 0.0) for l in record["cut_layers"])
                record[f"ovc_cut_ms_t{threads}"] = cut_ms
                record[f"ratio_same_part_t{threads}"] = (
                    record[f"ort_ms_t{threads}"] / (record[f"ovc_ms_t{threads}"] - cut_ms))

        # (d) first result: median of 11 cold-ish process runs each (a
        # process start alone varies by several ms on a busy machine). Both
        # run with their default threads, as a user would start them: ovc's
        # executable on every CPU, ORT with intraOpNumThreads 0 (its own
        # default, the physical cores).
        firsts, ort_firsts = [], []
        for _ in range(11):
            with tempfile.TemporaryDirectory() as tmp:
                t0 = time.perf_counter()
                run([app] + npy_args + ["-o", tmp])
                firsts.append((time.perf_counter() - t0) * 1e3)
            out = json.loads(run(["node", os.path.join(HERE, "ort_bench.js"), onnx,
                                  os.path.join(work, "inputs.json"), "0", "0"], env=env).stdout)
            ort_firsts.append(out["load_ms"] + out["session_ms"] + out["first_run_ms"])
        record["ovc_first_ms"] = statistics.median(firsts)
        record["ort_first_ms"] = statistics.median(ort_firsts)

        # (c) big layers at 1 thread: GFLOP/s and % of the FMA peak.
        counters, fused = counters_at[1]
        layer_peak = family_peak(probes[1], family)
        layers, bench_lines = [], []
        flops = layer_flops(xml)
        for layer, (kind, mflop, geometry) in flops.items():
            if mflop >= args.min_mflop and counters.get(layer):
                # A depthwise layer computed inside this layer's kernel
                # (-ovc-cpu-fuse-depthwise-pointwise) counts here: its time
                # is in this row.
                inside = [name for name, _ in fused.get(layer, []) if name in flops]
                total = mflop + sum(flops[name][1] for name in inside)
                gflops = total / counters[layer]  # MFLOP per ms = GFLOP/s
                layers.append({"layer": layer, "type": kind, "mflop": round(total, 1),
                               "fused_layers": inside,
                               "ovc_ms": counters[layer], "gflops": round(gflops, 2),
                               "peak_gflops": layer_peak,
                               "peak_pct": round(100 * gflops / layer_peak, 1)})
                if geometry:  # oneDNN fuses what ovc fused: bias, ReLU
                    kinds = [kind for _, kind in fused.get(layer, [])]
                    bench_lines.append(" ".join(map(str, [layer.replace(" ", "_")] + geometry + [
                        int("Add" in kinds), int("ReLU" in kinds)])))
        alone = layer_bench(args.layer_bench, bench_lines, 1, family)
        for l in layers:
            r = alone.get(l["layer"].replace(" ", "_"))
            if r:
                l["onednn_ms"] = r["onednn_ms"]
                l["onednn_impl"] = r["onednn_impl"]
                if "ovc_ms" in r:
                    l["ovc_kernel_ms"] = r["ovc_ms"]
                    l["ovc_kernel_family"] = r.get("family")
        record["layers"] = layers
        results.append(record)
        print(f"{name:58s} ovc {record['ovc_ms_t1']:9.3f} ms  ORT {record['ort_ms_t1']:8.3f} ms  "
              f"ORT/ovc {record['ratio_t1']:6.3f} (1t) {record['ratio_t2']:6.3f} (2t)  "
              f"first {record['ovc_first_ms']:.1f} vs {record['ort_first_ms']:.1f} ms", flush=True)

    print()
    print(f"{'model':58s} {'ovc 1t':>9s} {'ORT 1t':>9s} {'ratio':>6s} {'ovc 2t':>9s} {'ORT 2t':>9s} "
          f"{'ratio':>6s} {'first ovc':>9s} {'first ORT':>9s} {'same part':>11s}")
    for r in results:
        same = (f"{r['ratio_same_part_t1']:5.2f} {r['ratio_same_part_t2']:5.2f}"
                if r["cut_layers"] else f"{'-':>11s}")
        print(f"{r['model']:58s} {r['ovc_ms_t1']:9.3f} {r['ort_ms_t1']:9.3f} {r['ratio_t1']:6.2f} "
              f"{r['ovc_ms_t2']:9.3f} {r['ort_ms_t2']:9.3f} {r['ratio_t2']:6.2f} "
              f"{r['ovc_first_ms']:9.1f} {r['ort_first_ms']:9.1f} {same}")
    print("(same part: ORT/ovc at 1 and 2 threads with the layers the ONNX twin leaves out "
          "(DetectionOutput) taken off ovc's time, by their -pc medians)")
    print()
    print(f"{'layer (>= %g MFLOP, 1 thread)' % args.min_mflop:70s} {'MFLOP':>8s} {'ms':>9s} {'GFLOP/s':>8s} "
          f"{'% peak':>7s} {'alone':>8s} {'oneDNN':>8s} {'oneDNN/ovc':>10s}")
    for r in results:
        for l in r["layers"]:
            alone = f"{l['ovc_kernel_ms']:8.3f}" if "ovc_kernel_ms" in l else f"{'-':>8s}"
            dnnl = f"{l['onednn_ms']:8.3f} {l['onednn_ms'] / l['ovc_ms']:10.2f}" if "onednn_ms" in l else ""
            name = r['model'][:30] + ':' + l['layer'] + (" *" if l.get("fused_layers") else "")
            print(f"{name:70.70s} {l['mflop']:8.1f} {l['ovc_ms']:9.3f} "
                  f"{l['gflops']:8.2f} {l['peak_pct']:7.1f} {alone} {dnnl}")
    print("(% peak: of the FMA probe's peak for the vectors of the kernels' ISA family, AVX2 or "
          "AVX-512, which differ where AVX-512 units are full width)")
    print("(ms: the layer inside the model, -pc; alone: ovc's kernel for the -target's ISA family "
          "on the same shape alone, with padding; oneDNN: its best primitive alone, blocked layouts, bias and ReLU fused; "
          "*: with the depthwise layer before it computed in its kernel: its MFLOP count here, "
          "while alone and oneDNN time the 1x1 layer without it)")
    with open(os.path.join(args.out, "results.json"), "w") as f:
        json.dump({"fma_peak_gflops": peak, "rounds": args.rounds, "niter": args.niter,
                   "target": args.target or "host", "models": results}, f, indent=1)
    svg_chart(results, os.path.join(args.out, "results.svg"))
    print(f"\nwrote {args.out}/results.json and results.svg")


if __name__ == "__main__":
    sys.exit(main())
