#!/usr/bin/env python3
"""Runs an ovc-compiled model on reference inputs and compares its outputs.

Usage: compare_model.py MODEL_DIR EXE [--inputs NPZ --outputs NPZ]

Comparison modes follow MODEL_DIR/ref/meta.json (see shared/models/
REFERENCE.md):
  fp32 / fp16  max |a - b| <= rel_range * (max(ref) - min(ref)), plus the same
               top-1 for classifiers (a near-tie within top1_slack may flip)
  int8         cosine >= tolerance and the same top-1; the candidate must also
               be closer to the reference than to the FakeQuantize-free
               output (outputs_nofq.npz), so ignoring FakeQuantize fails
  detection    boxes compared as sets: greedy IoU >= 0.5 matching by label
  segmentation per-pixel argmax agreement >= seg_top1
Prints one line per output and "N passed, N failed"; exit status 1 on any
failure.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

import numpy as np


def sanitize(name):
    return re.sub(r"[^A-Za-z0-9._-]", "_", name)


def rel_range(a, b):
    span = float(b.max() - b.min()) if b.size else 0.0
    err = float(np.abs(a.astype(np.float64) - b.astype(np.float64)).max()) if b.size else 0.0
    return err / span if span > 0 else err


def cosine(a, b):
    a = a.astype(np.float64).ravel()
    b = b.astype(np.float64).ravel()
    na, nb = np.linalg.norm(a), np.linalg.norm(b)
    if na == 0 or nb == 0:
        return 1.0 if na == nb else 0.0
    return float(a.dot(b) / (na * nb))


def top1_ok(cand, ref, slack):
    c = cand.reshape(cand.shape[0], -1) if cand.ndim > 1 else cand[None]
    r = ref.reshape(ref.shape[0], -1) if ref.ndim > 1 else ref[None]
    for cr, rr in zip(c, r):
        ci = int(np.argmax(cr))
        # A near-tie in the reference may resolve either way.
        if ci != int(np.argmax(rr)) and rr.max() - rr[ci] > slack * max(1e-12, abs(rr.max())):
            return False
    return True


def detections(arr):
    rows = arr.reshape(-1, 7)
    out = []
    for row in rows:
        if row[0] == -1:
            break
        out.append(row)
    return np.array(out).reshape(-1, 7)


def iou(a, b):
    x1, y1 = max(a[3], b[3]), max(a[4], b[4])
    x2, y2 = min(a[5], b[5]), min(a[6], b[6])
    inter = max(0.0, x2 - x1) * max(0.0, y2 - y1)
    ua = (a[5] - a[3]) * (a[6] - a[4]) + (b[5] - b[3]) * (b[6] - b[4]) - inter
    return inter / ua if ua > 0 else 0.0


def compare_detections(cand, ref, tol):
    c, r = detections(cand), detections(ref)
    used = set()
    matched, coord, conf = 0, 0.0, 0.0
    for rr in r:
        best, best_iou = None, 0.5
        for i, cr in enumerate(c):
            if i in used or cr[1] != rr[1]:
                continue
            v = iou(cr, rr)
            if v >= best_iou:
                best, best_iou = i, v
        if best is not None:
            used.add(best)
            matched += 1
            coord = max(coord, float(np.abs(c[best][3:] - rr[3:]).max()))
            conf = max(conf, float(abs(c[best][2] - rr[2])))
    frac = matched / max(1, max(len(r), len(c)))
    ok = frac >= tol["det_match"]
    if tol.get("det_coord") is not None:
        ok = ok and coord <= tol["det_coord"]
    if tol.get("det_conf") is not None:
        ok = ok and conf <= tol["det_conf"]
    return ok, f"{len(c)}/{len(r)} boxes, matched {frac:.3f}, coord {coord:.2e}, conf {conf:.2e}"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("model_dir")
    p.add_argument("exe")
    p.add_argument("--inputs")
    p.add_argument("--outputs")
    args = p.parse_args()
    ref_dir = os.path.join(args.model_dir, "ref")
    meta = json.load(open(os.path.join(ref_dir, "meta.json")))
    inputs = np.load(args.inputs or os.path.join(ref_dir, "inputs.npz"))
    outputs = np.load(args.outputs or os.path.join(ref_dir, "outputs.npz"))
    nofq_path = os.path.join(ref_dir, "outputs_nofq.npz")
    nofq = np.load(nofq_path) if meta["mode"] == "int8" and os.path.exists(nofq_path) and not args.outputs else None
    tol = meta["tolerances"]
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [args.exe]
        for name in inputs.files:
            path = os.path.join(tmp, sanitize(name) + ".in.npy")
            np.save(path, inputs[name].astype(np.float32))
            cmd += ["-i", f"{name}={path}"]
        out_dir = os.path.join(tmp, "out")
        cmd += ["-o", out_dir]
        run = subprocess.run(cmd, capture_output=True, text=True)
        if run.returncode != 0:
            print(f"FAIL: {os.path.basename(args.model_dir)}: exit {run.returncode}: {run.stderr.strip()}")
            print("0 passed, 1 failed")
            return 1
        produced = set(os.listdir(out_dir))
        for out in meta["outputs"]:
            keys = out["keys"]
            file = next((sanitize(k) + ".npy" for k in keys if sanitize(k) + ".npy" in produced), None)
            label = f"{os.path.basename(args.model_dir)}:{keys[0]}"
            if file is None:
                print(f"FAIL: {label}: no output file for any of {keys}")
                failed += 1
                continue
            cand = np.load(os.path.join(out_dir, file))
            ref = outputs[keys[0]]
            if cand.shape != ref.shape:
                print(f"FAIL: {label}: shape {cand.shape} vs reference {ref.shape}")
                failed += 1
                continue
            kind, mode = out.get("kind"), meta["mode"]
            if kind == "detection":
                ok, detail = compare_detections(cand, ref, tol)
            elif mode == "int8":
                cs = cosine(cand, ref)
                ok = cs >= tol["cosine"]
                detail = f"cosine {cs:.6f}"
                if kind == "classifier":
                    ok = ok and top1_ok(cand, ref, tol["top1_slack"])
                if nofq is not None and keys[0] in nofq.files:
                    d_ref = float(np.abs(cand - ref).mean())
                    d_nofq = float(np.abs(cand - nofq[keys[0]]).mean())
                    if d_nofq > 0 and d_ref >= d_nofq:
                        ok = False
                        detail += f", closer to the FakeQuantize-free output ({d_nofq:.3e} <= {d_ref:.3e})"
            else:
                rr = rel_range(cand, ref)
                ok = rr <= tol["rel_range"]
                detail = f"rel_range {rr:.2e}"
                if kind == "classifier":
                    ok = ok and top1_ok(cand, ref, tol["top1_slack"])
                if kind == "segmentation":
                    agree = float((cand.argmax(1) == ref.argmax(1)).mean())
                    ok = ok and agree >= tol["seg_top1"]
                    detail += f", argmax agreement {agree:.5f}"
            print(("PASS" if ok else "FAIL") + f": {label}: {detail}")
            passed, failed = passed + ok, failed + (not ok)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
