#!/usr/bin/env python3
"""Checks that mlp summaries (--summary files) from runs on different rank counts, bucket sizes
and overlap modes trace the same loss curve as the first one: same model, batch and seed, every
self-check passed, and each logged loss within 1e-6 relative.

Why 1e-6: with a fixed global batch the reduced gradient is the same sum of per-sample terms, only
associated differently (per-rank partial sums, then the allreduce), so runs differ by a few ulps
per step; training amplifies that only mildly over the short runs tested (measured ~1e-15).

usage: compare_loss_curves.py SUMMARY.json SUMMARY.json...
"""
import json
import sys

TOLERANCE = 1e-6


def main(paths: list[str]) -> int:
    if len(paths) < 2:
        print("usage: compare_loss_curves.py SUMMARY.json SUMMARY.json...")
        return 2
    runs = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            runs.append((path, json.load(f)))
    failures = []
    ref_path, ref = runs[0]
    ref_curve = ref["figures"]["loss_curve"]
    for path, run in runs:
        if not run["ok"]:
            failures.append(f"{path}: self-checks failed: {run['checks']}")
        for key in ("widths", "global_batch", "steps", "seed", "lr", "momentum"):
            if run["params"][key] != ref["params"][key]:
                failures.append(f"{path}: params.{key} {run['params'][key]} != {ref['params'][key]}")
        curve = run["figures"]["loss_curve"]
        if [s for s, _ in curve] != [s for s, _ in ref_curve]:
            failures.append(f"{path}: logged steps differ from {ref_path}")
            continue
        worst = max(abs(l - r) / abs(r) for (_, l), (_, r) in zip(curve, ref_curve))
        if worst > TOLERANCE:
            failures.append(f"{path}: loss differs from {ref_path} by {worst:.3g} > {TOLERANCE}")
        print(f"{path}: ranks={run['params']['ranks']} overlap={run['params']['overlap']} "
              f"buckets={len(run['params']['bucket_bytes'])} points={len(curve)} "
              f"max_rel_diff={worst:.3g} final_loss={curve[-1][1]!r}")
    for failure in failures:
        print("FAIL:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
