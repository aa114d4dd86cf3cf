#!/usr/bin/env python3
"""End-to-end import check over every model in shared/models.

For each model folder: `ovc MODEL.xml --emit=mlir` must succeed and its
output must verify again in `ovc-opt`; each XML in _xml_only (whose .bin is
absent) must fail with the missing-weights error and exit status 1.
Prints one line per model and a closing "N passed, N failed" line.
"""
import glob
import os
import subprocess
import sys
import tempfile


def run(cmd):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=600)


def main():
    models_dir = sys.argv[1]
    passed, failed = 0, 0
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "model.mlir")
        for folder in sorted(glob.glob(os.path.join(models_dir, "*"))):
            if not os.path.isdir(folder) or os.path.basename(folder).startswith("_"):
                continue
            xmls = sorted(glob.glob(os.path.join(folder, "*.xml")))
            if not xmls:
                continue
            name = os.path.basename(folder)
            imported = run(["ovc", xmls[0], "--emit=mlir", "-o", out])
            ok = imported.returncode == 0 and not imported.stderr
            detail = imported.stderr.strip()
            if ok:
                verified = run(["ovc-opt", out, "-o", os.devnull])
                ok = verified.returncode == 0
                detail = verified.stderr.strip()
            print(("PASS" if ok else "FAIL") + f": import {name}" + ("" if ok else f"\n  {detail}"))
            passed, failed = passed + ok, failed + (not ok)
        for xml in sorted(glob.glob(os.path.join(models_dir, "_xml_only", "*", "*.xml"))):
            name = os.path.basename(os.path.dirname(xml))
            result = run(["ovc", xml, "--emit=mlir", "-o", out])
            ok = (result.returncode == 1 and result.stderr.startswith("error: ")
                  and "cannot open the weights file" in result.stderr
                  and result.stderr.count("\n") == 1)
            print(("PASS" if ok else "FAIL") + f": missing weights reported for {name}"
                  + ("" if ok else f"\n  rc={result.returncode} {result.stderr.strip()}"))
            passed, failed = passed + ok, failed + (not ok)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
