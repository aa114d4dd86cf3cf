"""Writes a TopK test model (two TopK layers over one input, with ties and a
NaN) plus its input, and checks a run's outputs against numpy.

  topk_model.py write DIR     -> DIR/topk.xml, topk.bin, input.npy
  topk_model.py check DIR OUT -> compares OUT/*.npy with the expected values
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "utils"))
from gen_sample_model import Model  # noqa: E402

SHAPE = [2, 9, 5]


def write(out):
    os.makedirs(out, exist_ok=True)
    m = Model(1)
    x = m.layer("x", "Parameter", [], [("FP32", SHAPE)],
                {"shape": ",".join(map(str, SHAPE)), "element_type": "f32"}, names=["x"])
    k3 = m.const("k3", "i64", [], [3])
    top_max = m.layer("top_max", "TopK", [(x, 0, SHAPE), (k3, 0, [])],
                      [("FP32", [2, 3, 5]), ("I32", [2, 3, 5])],
                      {"axis": "1", "mode": "max", "sort": "value", "index_element_type": "i32"},
                      opset="opset3", names=["max_values", "max_indices"])
    k2 = m.const("k2", "i64", [], [2])
    top_min = m.layer("top_min", "TopK", [(x, 0, SHAPE), (k2, 0, [])],
                      [("FP32", [2, 9, 2]), ("I64", [2, 9, 2])],
                      {"axis": "-1", "mode": "min", "sort": "index", "index_element_type": "i64",
                       "stable": "true"},
                      opset="opset11", names=["min_values", "min_indices"])
    for name, (src, port, dims) in {"r0": (top_max, 2, [2, 3, 5]), "r1": (top_max, 3, [2, 3, 5]),
                                    "r2": (top_min, 2, [2, 9, 2]), "r3": (top_min, 3, [2, 9, 2])}.items():
        m.layer(name, "Result", [(src, port, dims)], [])
    open(os.path.join(out, "topk.xml"), "w").write(m.xml("topk"))
    open(os.path.join(out, "topk.bin"), "wb").write(m.blob)
    rng = np.random.default_rng(3)
    data = rng.integers(0, 6, SHAPE).astype(np.float32)  # many ties
    data[0, 4, 1] = np.nan
    np.save(os.path.join(out, "input.npy"), data)


def expected(data, axis, k, largest, by_index):
    """Stable selection: ties keep the lower index; NaN ranks last."""
    moved = np.moveaxis(data, axis, -1)
    values = np.empty(moved.shape[:-1] + (k,), np.float32)
    indices = np.empty(moved.shape[:-1] + (k,), np.int64)
    for pos in np.ndindex(moved.shape[:-1]):
        row = moved[pos]
        order = sorted(range(len(row)), key=lambda j: (
            np.isnan(row[j]), -row[j] if largest else row[j], j))[:k]
        if by_index:
            order.sort()
        values[pos] = row[order]
        indices[pos] = order
    return np.moveaxis(values, -1, axis), np.moveaxis(indices, -1, axis)


def check(folder, out):
    data = np.load(os.path.join(folder, "input.npy"))
    ok = True
    for prefix, axis, k, largest, by_index, idx_type in (
            ("max", 1, 3, True, False, np.int32), ("min", -1, 2, False, True, np.int64)):
        want_v, want_i = expected(data, axis, k, largest, by_index)
        got_v = np.load(os.path.join(out, prefix + "_values.npy"))
        got_i = np.load(os.path.join(out, prefix + "_indices.npy"))
        same = (np.array_equal(got_v, want_v, equal_nan=True) and got_i.dtype == idx_type
                and np.array_equal(got_i, want_i))
        print(f"{prefix}: {'ok' if same else 'MISMATCH'}")
        ok = ok and same
    return 0 if ok else 1


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write(sys.argv[2])
    else:
        sys.exit(check(sys.argv[2], sys.argv[3]))
