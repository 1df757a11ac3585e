"""Compares app summaries (--summary files) from runs on different rank counts or modes with the
first one: every run's self-checks passed, the listed params are equal, and the app's own figures
agree (checked by a function the app's comparer passes in). Exit status as `main` returns it:
0 all agree, 1 a difference (each printed as FAIL), 2 bad input (usage, unreadable file).
"""
import sys

from jsonfile import load


def compare_runs(paths, usage, same_params, compare_figures):
    """compare_figures(run, ref, ref_path) -> (failures, line): the app's figure checks for one
    run against the first (`ref`, read from `ref_path`), and a one-line description of the run."""
    if len(paths) < 2:
        print(f"usage: {usage}", file=sys.stderr)
        return 2
    runs = [(path, load(path)) for path in paths]
    ref_path, ref = runs[0]
    failures = []
    for path, run in runs:
        if not run["ok"]:
            failures.append(f"{path}: self-checks failed: {run['checks']}")
        for key in same_params:
            got, want = run["params"][key], ref["params"][key]
            if got != want:
                failures.append(f"{path}: params.{key} {got} != {want}")
        figure_failures, line = compare_figures(run, ref, ref_path)
        failures += [f"{path}: {failure}" for failure in figure_failures]
        print(f"{path}: {line}")
    for failure in failures:
        print("FAIL:", failure)
    return 1 if failures else 0
