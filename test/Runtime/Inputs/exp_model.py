"""Writes a model of one Exp layer plus an input sweeping f32's whole range
of exp (underflow to zero, normal results, overflow to inf) and the special
values, and checks a run's output against numpy.

  exp_model.py write DIR     -> DIR/exp.xml, exp.bin, input.npy
  exp_model.py check DIR OUT -> compares OUT/y.npy with float64 exp
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "utils"))
from gen_sample_model import Model  # noqa: E402

SPECIALS = [np.inf, -np.inf, np.nan, 0.0, -0.0, 88.72283, 88.72284, 89.0, -87.33654, -103.0, -200.0]


def inputs():
    sweep = np.linspace(-110.0, 90.0, 4000, dtype=np.float32)
    small = np.linspace(-1e-3, 1e-3, 101, dtype=np.float32)
    return np.concatenate([sweep, small, np.array(SPECIALS, np.float32)])


def write(out):
    os.makedirs(out, exist_ok=True)
    data = inputs()
    shape = [1, data.size]
    m = Model(1)
    x = m.layer("x", "Parameter", [], [("FP32", shape)],
                {"shape": ",".join(map(str, shape)), "element_type": "f32"}, names=["x"])
    y = m.layer("y", "Exp", [(x, 0, shape)], [("FP32", shape)], names=["y"])
    m.layer("r", "Result", [(y, 1, shape)], [])
    open(os.path.join(out, "exp.xml"), "w").write(m.xml("exp"))
    open(os.path.join(out, "exp.bin"), "wb").write(m.blob)
    np.save(os.path.join(out, "input.npy"), data.reshape(shape))


def check(folder, out):
    x = np.load(os.path.join(folder, "input.npy")).ravel()
    got = np.load(os.path.join(out, "y.npy")).ravel().astype(np.float64)
    want = np.exp(x.astype(np.float64))
    tiny = np.finfo(np.float32).tiny
    ok = True
    # Special values and overflow: exact.
    special = np.isnan(x) | np.isinf(x) | (want > np.finfo(np.float32).max)
    same = np.array_equal(got[special], want[special].astype(np.float32).astype(np.float64),
                          equal_nan=True)
    print(f"special: {'ok' if same else 'MISMATCH'}")
    ok = ok and same
    # Normal results: within 5 ulp (about 1 ulp up to e^88, 4 just below
    # the overflow threshold).
    normal = ~special & (want >= tiny)
    ulp = np.spacing(want[normal].astype(np.float32)).astype(np.float64)
    worst = np.max(np.abs(got[normal] - want[normal]) / ulp)
    print(f"normal: {'ok' if worst <= 5 else 'MISMATCH'} (max {worst:.2f} ulp)")
    ok = ok and worst <= 5
    # Results below the smallest normal may flush to zero.
    sub = ~special & (want < tiny)
    flush = bool(np.all((got[sub] >= 0) & (got[sub] <= tiny)))
    print(f"underflow: {'ok' if flush else 'MISMATCH'}")
    return 0 if ok and flush else 1


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write(sys.argv[2])
    else:
        sys.exit(check(sys.argv[2], sys.argv[3]))
