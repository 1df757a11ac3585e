#!/usr/bin/python3
"""Checks a point-to-point kernel's JSON written with --timing loop.

usage: check_loop_timing.py KERNELS_JSON WINDOW

Whole-loop timing reads the clock only around each chunk of timed iterations, so the JSON must
say method.timing = "loop" and carry no percentiles (there are no per-iteration times to rank).
Every planned iteration runs (no budget), each size has a positive time with min <= avg <= max
over the reporting ranks, and for the bandwidth kernels the figure is exactly the bytes of one
window over the mean time (bytes per microsecond = MB/s; mbw_mr sums its pairs, so it is checked
only for a bound). Exit 0 when all hold, 1 otherwise, 2 on unreadable input.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../tools"))
import jsonfile  # noqa: E402


def problems(doc, window):
    if doc["method"]["timing"] != "loop":
        yield f"method.timing is {doc['method']['timing']!r}, expected 'loop'"
    if not doc["results"]:
        yield "no results"
    for r in doc["results"]:
        t = r["time_us"]
        where = f"size {r['size']}"
        if any(p in t for p in ("p50", "p90", "p99")):
            yield f"{where}: percentiles present under loop timing: {sorted(t)}"
        if r["iterations"] != r["planned_iterations"]:
            yield f"{where}: {r['iterations']} of {r['planned_iterations']} iterations ran"
        if not 0 < t["min"] <= t["avg"] <= t["max"]:
            yield f"{where}: times not 0 < min <= avg <= max: {t}"
        if doc["kernel"] in ("bw", "bibw"):
            sent = r["size"] * window * (2 if doc["kernel"] == "bibw" else 1)
            expected = sent / t["avg"]
            if abs(r["bandwidth_mb_s"] - expected) > 1e-9 * expected:
                yield f"{where}: bandwidth {r['bandwidth_mb_s']} MB/s, expected {expected}"
        if doc["kernel"] == "mbw_mr":
            one_pair = r["size"] * window / t["max"]
            if r["bandwidth_mb_s"] < one_pair * (1 - 1e-9):
                yield f"{where}: aggregate {r['bandwidth_mb_s']} MB/s below one pair's {one_pair}"


def main(argv):
    doc = jsonfile.load(argv[1])
    found = list(problems(doc, int(argv[2])))
    for p in found:
        print(f"{argv[1]}: {p}", file=sys.stderr)
    if found:
        return 1
    print(f"{doc['kernel']}: {len(doc['results'])} sizes, whole-loop timed, figures consistent")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
