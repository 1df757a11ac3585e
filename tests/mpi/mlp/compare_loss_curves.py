#!/usr/bin/env python3
"""Checks that mlp summaries (--summary files) from runs on different rank counts, bucket sizes
and overlap modes trace the same loss curve as the first one: same model, batch and seed, every
self-check passed, and each logged loss within 1e-6 relative.

Why 1e-6: with a fixed global batch the reduced gradient is the same sum of per-sample terms, only
associated differently (per-rank partial sums, then the allreduce), so runs differ by a few ulps
per step; training amplifies that only mildly over the short runs tested (measured ~1e-15).

usage: compare_loss_curves.py SUMMARY.json SUMMARY.json...
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../tools"))
from compare_runs import compare_runs  # noqa: E402  (tests/tools, found by path)

TOLERANCE = 1e-6


def compare_loss_curve(run, ref, ref_path):
    curve, ref_curve = run["figures"]["loss_curve"], ref["figures"]["loss_curve"]
    params = run["params"]
    line = (f"ranks={params['ranks']} overlap={params['overlap']} "
            f"buckets={len(params['bucket_bytes'])} points={len(curve)}")
    if [s for s, _ in curve] != [s for s, _ in ref_curve]:
        return [f"logged steps differ from {ref_path}"], line
    worst = max(abs(l - r) / abs(r) for (_, l), (_, r) in zip(curve, ref_curve))
    failures = []
    if worst > TOLERANCE:
        failures.append(f"loss differs from {ref_path} by {worst:.3g} > {TOLERANCE}")
    return failures, f"{line} max_rel_diff={worst:.3g} final_loss={curve[-1][1]!r}"


if __name__ == "__main__":
    sys.exit(compare_runs(sys.argv[1:], "compare_loss_curves.py SUMMARY.json SUMMARY.json...",
                          ("widths", "global_batch", "steps", "seed", "lr", "momentum"),
                          compare_loss_curve))
