#!/usr/bin/env python3
"""Compiles models of shared/models for the host (or --target=ISA) and checks
them.

Usage: run_models.py MODELS_DIR OUT_DIR [--target=ISA] MODEL [MODEL ...]

For each model: `ovc MODEL.xml -o EXE [--target=ISA]`, then compare_model.py on the
reference inputs, then the real-image checks of REFERENCE.md (mnist's two
digits, squeezenet's guinea pig). Prints PASS/FAIL lines and a closing
"N passed, N failed".
"""
import os
import subprocess
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))

# (image stem, check, expected): "order" = full descending class order.
IMAGE_CHECKS = {
    "mnist-fp32-v10": [("mnist2", "order", [2, 0, 1, 7, 8, 6, 3, 4, 5, 9]),
                       ("mnist7", "top1", 7)],
    "squeezenet1.1-fp16-v10": [("guinea-pig", "top1", 338)],
}


def image_check(model_dir, exe, stem, check, expected):
    inputs = np.load(os.path.join(model_dir, "ref", f"image_{stem}_inputs.npz"))
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [exe]
        for name in inputs.files:
            path = os.path.join(tmp, "in.npy")
            np.save(path, inputs[name].astype(np.float32))
            cmd += ["-i", f"{name}={path}"]
        cmd += ["-o", tmp + "/out"]
        run = subprocess.run(cmd, capture_output=True, text=True)
        if run.returncode:
            return False, run.stderr.strip()
        out = np.load(os.path.join(tmp, "out", sorted(os.listdir(tmp + "/out"))[0]))
    scores = out.ravel()
    order = [int(i) for i in np.argsort(-scores, kind="stable")]
    got = order if check == "order" else order[0]
    want = expected
    return got == want, f"{check} {got}" + ("" if got == want else f", expected {want}")


def main():
    models_dir, out_dir, models = sys.argv[1], sys.argv[2], sys.argv[3:]
    target = []
    if models and models[0].startswith("--target="):
        target, models = [models[0]], models[1:]
    os.makedirs(out_dir, exist_ok=True)
    passed = failed = 0

    def report(ok, label):
        nonlocal passed, failed
        print(("PASS" if ok else "FAIL") + f": {label}", flush=True)
        passed, failed = passed + bool(ok), failed + (not ok)

    for model in models:
        model_dir = os.path.join(models_dir, model)
        xml = sorted(f for f in os.listdir(model_dir) if f.endswith(".xml"))[0]
        exe = os.path.join(out_dir, model)
        build = subprocess.run(["ovc", os.path.join(model_dir, xml), "-o", exe]
                               + target,
                               capture_output=True, text=True)
        if build.returncode:
            report(False, f"compile {model}: {build.stderr.strip()}")
            continue
        compare = subprocess.run([sys.executable, os.path.join(HERE, "compare_model.py"),
                                  model_dir, exe], capture_output=True, text=True)
        lines = compare.stdout.strip().splitlines()
        for line in lines[:-1]:
            report(line.startswith("PASS"), line.split(": ", 1)[1] if ": " in line else line)
        if compare.returncode and len(lines) <= 1:
            report(False, f"{model}: {compare.stdout.strip()} {compare.stderr.strip()}")
        for stem, check, expected in IMAGE_CHECKS.get(model, []):
            ok, detail = image_check(model_dir, exe, stem, check, expected)
            report(ok, f"{model}: image {stem}: {detail}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
