#!/usr/bin/env python3
"""Checks that fft summaries (--summary files) written by runs on different rank counts and
decompositions describe the same spectrum: same grid and seed, every self-check passed, and the
checksums agree to rounding.

Tolerances: sum |X| and sum |X|^2 are sums of N terms reduced in a rank-count dependent order,
so they differ by a few ulps of the total: 1e-12 relative. A single mode X(k) differs by the
rounding of the FFT path (slab: 2D + 1D transforms, pencil: three 1D), of order eps*log2(N)
times the spectrum's rms magnitude: 1e-12 * log2(N) relative to that rms.

usage: compare_spectra.py SUMMARY.json SUMMARY.json...
"""
import json
import math
import sys


def main(paths: list[str]) -> int:
    if len(paths) < 2:
        print("usage: compare_spectra.py SUMMARY.json SUMMARY.json...")
        return 2
    runs = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            runs.append((path, json.load(f)))
    failures = []
    ref_path, ref = runs[0]
    points = math.prod(ref["params"]["shape"])
    rms = math.sqrt(ref["figures"]["spectrum"]["sum_sq"] / points)
    mode_tol = 1e-12 * math.log2(points) * rms
    for path, run in runs:
        if not run["ok"]:
            failures.append(f"{path}: self-checks failed: {run['checks']}")
        for key in ("shape", "seed"):
            if run["params"][key] != ref["params"][key]:
                failures.append(f"{path}: params.{key} {run['params'][key]} != {ref['params'][key]}")
        spec, ref_spec = run["figures"]["spectrum"], ref["figures"]["spectrum"]
        for key in ("sum_abs", "sum_sq"):
            rel = abs(spec[key] - ref_spec[key]) / abs(ref_spec[key])
            if rel > 1e-12:
                failures.append(f"{path}: {key} differs from {ref_path} by {rel:.3g} relative")
        for mode, ref_mode in zip(spec["modes"], ref_spec["modes"], strict=True):
            if mode["k"] != ref_mode["k"]:
                failures.append(f"{path}: mode {mode['k']} != {ref_mode['k']}")
                continue
            diff = math.hypot(mode["re"] - ref_mode["re"], mode["im"] - ref_mode["im"])
            if diff > mode_tol:
                failures.append(f"{path}: X{mode['k']} differs by {diff:.3g} > {mode_tol:.3g}")
        print(f"{path}: ranks={run['params']['ranks']} decomp={run['params']['decomp']} "
              f"grid={run['params']['process_grid']} exchange={run['params']['exchange']} "
              f"sum_abs={spec['sum_abs']!r}")
    for failure in failures:
        print("FAIL:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
