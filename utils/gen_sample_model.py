#!/usr/bin/env python3
"""Writes ovc's sample model: a small IR v11 image classifier.

    data [?,3,32,32] f32 (dynamic batch)
      -> Convolution 3x3 (16) + bias -> ReLU -> MaxPool 2x2
      -> GroupConvolution 3x3 depthwise + bias -> Clamp(0, 6)
      -> Convolution 1x1 (32) -> ReLU -> ReduceMean over H, W
      -> Reshape to [batch, 32] through a ShapeOf/Gather/Concat shape
         sub-graph -> MatMul (10) + bias -> SoftMax

Weights are stored as f16 and decompressed by Convert, as OpenVINO's
converter does for FP16-compressed models. Values come from a fixed seed, so
the files are the same on every machine. Standard library only.

Usage: gen_sample_model.py OUT_DIR
Writes OUT_DIR/sample.xml, sample.bin and sample_input.npy (one f32
[1,3,32,32] input with values in [0, 255), for running the compiled model).
"""
import argparse
import os
import random
import struct
import sys


class Model:
    def __init__(self, seed):
        self.layers = []
        self.edges = []
        self.blob = bytearray()
        self.next_id = 0
        self.rng = random.Random(seed)

    def layer(self, name, type_, inputs, outputs, data=None, opset="opset1",
              rt_info=None, names=None):
        """inputs: [(layer_id, port, dims)], outputs: [(precision, dims)]."""
        lid = self.next_id
        self.next_id += 1
        xml = [f'    <layer id="{lid}" name="{name}" type="{type_}" version="{opset}">']
        if data:
            attrs = " ".join(f'{k}="{v}"' for k, v in data.items())
            xml.append(f"      <data {attrs}/>")
        if rt_info:
            xml.append(f'      <rt_info><attribute name="{rt_info}" version="0"/></rt_info>')
        if inputs:
            xml.append("      <input>")
            for port, (src, src_port, dims) in enumerate(inputs):
                xml.append(f'        <port id="{port}" precision="FP32">{dims_xml(dims)}</port>')
                self.edges.append((src, src_port, lid, port))
            xml.append("      </input>")
        if outputs:
            xml.append("      <output>")
            for k, (precision, dims) in enumerate(outputs):
                port = len(inputs) + k
                label = f' names="{names[k]}"' if names else ""
                xml.append(f'        <port id="{port}" precision="{precision}"{label}>{dims_xml(dims)}</port>')
            xml.append("      </output>")
        xml.append("    </layer>")
        self.layers.append("\n".join(xml))
        return lid

    def const(self, name, element_type, dims, values):
        fmt = {"f16": "<e", "f32": "<f", "i64": "<q"}[element_type]
        offset = len(self.blob)
        for v in values:
            self.blob += struct.pack(fmt, v)
        precision = {"f16": "FP16", "f32": "FP32", "i64": "I64"}[element_type]
        shape = ", ".join(str(d) for d in dims)
        return self.layer(name, "Const", [], [(precision, dims)],
                          {"element_type": element_type, "shape": shape,
                           "offset": offset, "size": len(self.blob) - offset})

    def weights(self, name, dims, scale):
        """An f16 weight with its decompression Convert; returns (id, port)."""
        count = 1
        for d in dims:
            count *= d
        values = [self.rng.uniform(-scale, scale) for _ in range(count)]
        c = self.const(name, "f16", dims, values)
        cvt = self.layer(name + "/decompress", "Convert", [(c, 0, dims)],
                         [("FP32", dims)], {"destination_type": "f32"},
                         rt_info="decompression")
        return cvt, 1

    def xml(self, name):
        edges = "\n".join(
            f'    <edge from-layer="{a}" from-port="{ap}" to-layer="{b}" to-port="{bp}"/>'
            for a, ap, b, bp in self.edges)
        return (f'<?xml version="1.0"?>\n<net name="{name}" version="11">\n  <layers>\n'
                + "\n".join(self.layers) + "\n  </layers>\n  <edges>\n" + edges
                + "\n  </edges>\n</net>\n")


def dims_xml(dims):
    return "".join(f"<dim>{d}</dim>" for d in dims)


def build(seed):
    m = Model(seed)
    n = -1  # dynamic batch in port dims
    x = m.layer("data", "Parameter", [], [("FP32", [n, 3, 32, 32])],
                {"shape": "?,3,32,32", "element_type": "f32"}, names=["data"])

    w, wp = m.weights("conv1/weights", [16, 3, 3, 3], 0.3)
    conv = m.layer("conv1", "Convolution", [(x, 0, [n, 3, 32, 32]), (w, wp, [16, 3, 3, 3])],
                   [("FP32", [n, 16, 32, 32])],
                   {"strides": "1, 1", "dilations": "1, 1", "pads_begin": "1, 1",
                    "pads_end": "1, 1", "auto_pad": "explicit"})
    b = m.const("conv1/bias", "f32", [1, 16, 1, 1], [m.rng.uniform(-0.1, 0.1) for _ in range(16)])
    add = m.layer("conv1/add", "Add", [(conv, 2, [n, 16, 32, 32]), (b, 0, [1, 16, 1, 1])],
                  [("FP32", [n, 16, 32, 32])], {"auto_broadcast": "numpy"})
    relu = m.layer("relu1", "ReLU", [(add, 2, [n, 16, 32, 32])], [("FP32", [n, 16, 32, 32])])
    pool = m.layer("pool1", "MaxPool", [(relu, 1, [n, 16, 32, 32])],
                   [("FP32", [n, 16, 16, 16]), ("I64", [n, 16, 16, 16])],
                   {"strides": "2, 2", "dilations": "1, 1", "pads_begin": "0, 0",
                    "pads_end": "0, 0", "kernel": "2, 2", "rounding_type": "floor",
                    "auto_pad": "explicit", "index_element_type": "i64", "axis": "0"},
                   opset="opset8")

    dw, dwp = m.weights("dw/weights", [16, 1, 1, 3, 3], 0.5)
    gconv = m.layer("dw", "GroupConvolution", [(pool, 1, [n, 16, 16, 16]), (dw, dwp, [16, 1, 1, 3, 3])],
                    [("FP32", [n, 16, 16, 16])],
                    {"strides": "1, 1", "dilations": "1, 1", "pads_begin": "1, 1",
                     "pads_end": "1, 1", "auto_pad": "explicit"})
    db = m.const("dw/bias", "f32", [1, 16, 1, 1], [m.rng.uniform(-0.1, 0.1) for _ in range(16)])
    dadd = m.layer("dw/add", "Add", [(gconv, 2, [n, 16, 16, 16]), (db, 0, [1, 16, 1, 1])],
                   [("FP32", [n, 16, 16, 16])])
    clamp = m.layer("relu6", "Clamp", [(dadd, 2, [n, 16, 16, 16])], [("FP32", [n, 16, 16, 16])],
                    {"min": "0", "max": "6"})

    pw, pwp = m.weights("pw/weights", [32, 16, 1, 1], 0.25)
    pconv = m.layer("pw", "Convolution", [(clamp, 1, [n, 16, 16, 16]), (pw, pwp, [32, 16, 1, 1])],
                    [("FP32", [n, 32, 16, 16])],
                    {"strides": "1, 1", "dilations": "1, 1", "pads_begin": "0, 0",
                     "pads_end": "0, 0", "auto_pad": "explicit"})
    prelu = m.layer("relu2", "ReLU", [(pconv, 2, [n, 32, 16, 16])], [("FP32", [n, 32, 16, 16])])
    axes = m.const("gap/axes", "i64", [2], [2, 3])
    gap = m.layer("gap", "ReduceMean", [(prelu, 1, [n, 32, 16, 16]), (axes, 0, [2])],
                  [("FP32", [n, 32, 1, 1])], {"keep_dims": "true"})

    # Reshape target [batch, 32] from a shape sub-graph, as converters emit it.
    shape = m.layer("gap/shape", "ShapeOf", [(gap, 2, [n, 32, 1, 1])], [("I64", [4])],
                    {"output_type": "i64"}, opset="opset3")
    idx = m.const("gap/batch_index", "i64", [1], [0])
    axis0 = m.const("gap/axis0", "i64", [], [0])
    batch = m.layer("gap/batch", "Gather", [(shape, 1, [4]), (idx, 0, [1]), (axis0, 0, [])],
                    [("I64", [1])], {"batch_dims": "0"}, opset="opset8")
    feat = m.const("gap/features", "i64", [1], [32])
    target = m.layer("gap/target", "Concat", [(batch, 3, [1]), (feat, 0, [1])], [("I64", [2])],
                     {"axis": "0"})
    flat = m.layer("flatten", "Reshape", [(gap, 2, [n, 32, 1, 1]), (target, 2, [2])],
                   [("FP32", [n, 32])], {"special_zero": "false"})

    fw, fwp = m.weights("fc/weights", [10, 32], 0.3)
    fc = m.layer("fc", "MatMul", [(flat, 2, [n, 32]), (fw, fwp, [10, 32])], [("FP32", [n, 10])],
                 {"transpose_a": "false", "transpose_b": "true"})
    fb = m.const("fc/bias", "f32", [1, 10], [m.rng.uniform(-0.1, 0.1) for _ in range(10)])
    logits = m.layer("fc/add", "Add", [(fc, 2, [n, 10]), (fb, 0, [1, 10])], [("FP32", [n, 10])])
    prob = m.layer("prob", "SoftMax", [(logits, 2, [n, 10])], [("FP32", [n, 10])], {"axis": "1"},
                   opset="opset8", names=["prob"])
    m.layer("prob/sink_port_0", "Result", [(prob, 1, [n, 10])], [])
    return m


def write_npy(path, shape, values):
    """A little-endian f32 .npy file (format version 1.0)."""
    header = "{'descr': '<f4', 'fortran_order': False, 'shape': (%s), }" % (
        ", ".join(str(d) for d in shape) + ("," if len(shape) == 1 else ""))
    pad = 64 - (10 + len(header) + 1) % 64
    header = header + " " * pad + "\n"
    with open(path, "wb") as f:
        f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode())
        f.write(struct.pack("<%df" % len(values), *values))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", nargs="?", default=".")
    parser.add_argument("--seed", type=int, default=20261121,
                        help="seed of the weights (same seed, same model)")
    args = parser.parse_args()
    out_dir = args.out_dir
    os.makedirs(out_dir, exist_ok=True)
    m = build(args.seed)
    with open(os.path.join(out_dir, "sample.xml"), "w") as f:
        f.write(m.xml("sample"))
    with open(os.path.join(out_dir, "sample.bin"), "wb") as f:
        f.write(m.blob)
    rng = random.Random(7)
    write_npy(os.path.join(out_dir, "sample_input.npy"), [1, 3, 32, 32],
              [float(rng.randrange(0, 255)) for _ in range(3 * 32 * 32)])
    print(f"wrote {out_dir}/sample.xml, sample.bin ({len(m.blob)} bytes of weights) "
          f"and sample_input.npy")


if __name__ == "__main__":
    main()
