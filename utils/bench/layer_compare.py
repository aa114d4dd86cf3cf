#!/usr/bin/env python3
"""Where one model's time goes in ovc and in ONNX Runtime, layer by layer.

Usage: layer_compare.py MODEL [--bench DIR] [--models DIR] [--threads N]
                        [--runs N] [--niter N]

Needs a suite run first (utils/run-benchmarks.sh): it reuses the suite's
folder for MODEL (BENCH/MODEL: the compiled `app`, its inputs as .npy and
inputs.json) and its ONNX Runtime (BENCH/ort). ovc's times are its -pc
counters (median over --runs processes); ONNX Runtime's come from its
profiler (each node's median kernel time over --niter runs). Convolutions
are paired by their geometry (input, filter and output shapes), in order
where two share one (an SSD's twin heads); the other nodes are listed by
type, as the two runtimes fuse them differently (ovc's DetectionOutput and
ORT's Reorder nodes have no counterpart).
"""
import argparse
import collections
import glob
import json
import os
import statistics
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import bench  # noqa: E402  (layer_flops, ovc_counters, run)


def ort_nodes(onnx, inputs_json, env, threads, niter):
    """Median kernel time (ms) of every node, with its op type and shapes, in
    the order of the graph's first run."""
    with tempfile.TemporaryDirectory() as tmp:
        prefix = os.path.join(tmp, "profile")
        bench.run(["node", os.path.join(HERE, "ort_bench.js"), onnx, inputs_json,
                   str(threads), str(niter), prefix], env=env)
        files = glob.glob(prefix + "*.json")
        if len(files) != 1:
            sys.exit(f"error: ONNX Runtime wrote no profile under {tmp}")
        with open(files[0]) as f:
            events = json.load(f)
    times, info = collections.OrderedDict(), {}
    for e in events:
        if e.get("cat") != "Node" or not e["name"].endswith("_kernel_time"):
            continue
        name = e["name"][: -len("_kernel_time")]
        times.setdefault(name, []).append(e["dur"] / 1000.0)
        shapes = [list(s.values())[0] for s in e["args"].get("input_type_shape", [])]
        outs = [list(s.values())[0] for s in e["args"].get("output_type_shape", [])]
        info[name] = (e["args"].get("op_name", "?"), shapes, outs)
    return [(name, info[name][0], info[name][1], info[name][2],
             statistics.median(ms)) for name, ms in times.items()]


def conv_key(c, h, w, oc, groups, kh, kw, oh, ow):
    return (c, h, w, oc, groups, kh, kw, oh, ow)


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("model")
    p.add_argument("--bench", default=os.path.join(HERE, "..", "..", "build", "bench"))
    p.add_argument("--models", default=os.path.join(HERE, "..", "..", "..", "shared", "models"))
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--niter", type=int, default=40)
    args = p.parse_args()

    twins = list(bench.models_with_twins(args.models, [args.model]))
    if not twins:
        sys.exit(f"error: {args.model} in {args.models} has no IR (.xml) or no "
                 "ONNX twin (onnx/*.onnx)")
    _, _, xml, onnx = twins[0]
    work = os.path.join(args.bench, args.model)
    app = os.path.join(work, "app")
    inputs_json = os.path.join(work, "inputs.json")
    for path, what in ((app, "the suite's compiled model"), (inputs_json, "the suite's inputs")):
        if not os.path.exists(path):
            sys.exit(f"error: {path} is missing ({what}): run utils/run-benchmarks.sh "
                     f"--only {args.model} first")

    npy_args = []
    with open(inputs_json) as f:
        for j in json.load(f):
            if "npy" not in j:
                sys.exit(f"error: {inputs_json} comes from an older suite: run "
                         f"utils/run-benchmarks.sh --only {args.model} again")
            npy_args += ["-i", f"{j['name']}={j['npy']}"]
    ovc_ms, _ = bench.ovc_counters(app, npy_args, args.threads, args.runs)
    env = dict(os.environ, NODE_PATH=os.path.join(args.bench, "ort", "node_modules"))
    nodes = ort_nodes(onnx, inputs_json, env, args.threads, args.niter)

    # ovc's convolutions by geometry, in the IR's order.
    by_key = collections.defaultdict(list)
    kinds = {}
    for name, (kind, _, g) in bench.layer_flops(xml).items():
        kinds[name] = kind
        if g and name in ovc_ms:
            n, c, h, w, oc, groups, kh, kw, sh, sw, dh, dw, pt, pl, pb, pr = g
            oh = (h + pt + pb - dh * (kh - 1) - 1) // sh + 1
            ow = (w + pl + pr - dw * (kw - 1) - 1) // sw + 1
            by_key[conv_key(c, h, w, oc, groups, kh, kw, oh, ow)].append(name)

    rows, matched, other_ort = [], set(), collections.Counter()
    for name, op, ins, outs, ms in nodes:
        layer = None
        if op in ("Conv", "FusedConv") and len(ins) >= 2 and len(ins[0]) == 4 \
                and len(ins[1]) == 4 and outs and len(outs[0]) == 4:
            c, h, w = ins[0][1:]
            oc, cg, kh, kw = ins[1]
            key = conv_key(c, h, w, oc, c // cg if cg else 1, kh, kw, outs[0][2], outs[0][3])
            candidates = [x for x in by_key.get(key, []) if x not in matched]
            layer = candidates[0] if candidates else None
        if layer:
            matched.add(layer)
            rows.append((layer, kinds[layer], ovc_ms[layer], ms))
        else:
            other_ort[op] += ms

    print(f"{args.model}, {args.threads} thread(s): ovc -pc medians of {args.runs} "
          f"processes, ONNX Runtime profiler medians of {args.niter} runs (ms)")
    print(f"{'layer':48s} {'type':17s} {'ovc':>8s} {'ORT':>8s} {'ovc-ORT':>8s}")
    for layer, kind, o, r in sorted(rows, key=lambda x: x[3] - x[2]):
        print(f"{layer[:48]:48s} {kind:17s} {o:8.3f} {r:8.3f} {o - r:+8.3f}")
    by_kind = collections.defaultdict(lambda: [0.0, 0.0])
    for _, kind, o, r in rows:
        by_kind[kind][0] += o
        by_kind[kind][1] += r
    print("\npaired layers by type:")
    for kind, (o, r) in sorted(by_kind.items()):
        print(f"  {kind:17s} ovc {o:8.3f}  ORT {r:8.3f}  ovc-ORT {o - r:+8.3f}")
    rest = sum(v for k, v in ovc_ms.items() if k not in matched)
    print(f"\novc's other layers: {rest:.3f} ms")
    for layer, ms in sorted(((k, v) for k, v in ovc_ms.items() if k not in matched),
                            key=lambda x: -x[1])[:8]:
        print(f"  {layer[:60]:60s} {ms:8.3f}")
    print(f"ONNX Runtime's other nodes: {sum(other_ort.values()):.3f} ms")
    for op, ms in other_ort.most_common(8):
        print(f"  {op:60s} {ms:8.3f}")
    print(f"\ntotal: ovc {sum(ovc_ms.values()):.3f} ms, ORT "
          f"{sum(ms for *_, ms in nodes):.3f} ms (sums of the layers' medians)")


if __name__ == "__main__":
    main()
