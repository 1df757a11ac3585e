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
import math
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../tools"))
from compare_runs import compare_runs  # noqa: E402  (tests/tools, found by path)


def compare_spectrum(run, ref, ref_path):
    failures = []
    spec, ref_spec = run["figures"]["spectrum"], ref["figures"]["spectrum"]
    points = math.prod(ref["params"]["shape"])
    rms = math.sqrt(ref_spec["sum_sq"] / points)
    mode_tol = 1e-12 * math.log2(points) * rms
    for key in ("sum_abs", "sum_sq"):
        rel = abs(spec[key] - ref_spec[key]) / abs(ref_spec[key])
        if rel > 1e-12:
            failures.append(f"{key} differs from {ref_path} by {rel:.3g} relative")
    for mode, ref_mode in zip(spec["modes"], ref_spec["modes"], strict=True):
        if mode["k"] != ref_mode["k"]:
            failures.append(f"mode {mode['k']} != {ref_mode['k']}")
            continue
        diff = math.hypot(mode["re"] - ref_mode["re"], mode["im"] - ref_mode["im"])
        if diff > mode_tol:
            failures.append(f"X{mode['k']} differs by {diff:.3g} > {mode_tol:.3g}")
    params = run["params"]
    return failures, (f"ranks={params['ranks']} decomp={params['decomp']} "
                      f"grid={params['process_grid']} exchange={params['exchange']} "
                      f"sum_abs={spec['sum_abs']!r}")


if __name__ == "__main__":
    sys.exit(compare_runs(sys.argv[1:], "compare_spectra.py SUMMARY.json SUMMARY.json...",
                          ("shape", "seed"), compare_spectrum))
