#!/usr/bin/env python3
"""Writes broken and mismatched .npy files into the folder given."""
import os
import struct
import sys


def npy(path, descr, shape, payload, fortran=False):
    header = "{'descr': '%s', 'fortran_order': %s, 'shape': (%s), }" % (
        descr, "True" if fortran else "False", ", ".join(map(str, shape)))
    header += " " * (64 - (10 + len(header) + 1) % 64) + "\n"
    with open(path, "wb") as f:
        f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode())
        f.write(payload)


out = sys.argv[1]
full = 3 * 32 * 32
npy(os.path.join(out, "shape.npy"), "<f4", [1, 3, 16, 16], b"\0" * 4 * 3 * 16 * 16)
npy(os.path.join(out, "dtype.npy"), "<f8", [1, 3, 32, 32], b"\0" * 8 * full)
npy(os.path.join(out, "truncated.npy"), "<f4", [1, 3, 32, 32], b"\0" * 100)
npy(os.path.join(out, "fortran.npy"), "<f4", [1, 3, 32, 32], b"\0" * 4 * full, fortran=True)
with open(os.path.join(out, "corrupt.npy"), "wb") as f:
    f.write(b"this is not numpy data")
