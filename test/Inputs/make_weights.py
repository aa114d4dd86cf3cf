#!/usr/bin/env python3
"""Writes a test weights file: 4096 bytes counting 0..255 repeatedly, so a
constant at offset k of type u8/i8 holds k, k+1, ... (mod 256)."""
import sys

with open(sys.argv[1], "wb") as f:
    f.write(bytes(range(256)) * 16)
