#!/usr/bin/python3
"""Checks that ping-pong latency does not decrease with message size beyond the eager limit.

usage: check_latency_growth.py KERNELS_JSON [--from BYTES] [--tolerance FRACTION]

Above the eager limit (Open MPI's shared-memory BTL and MPICH's both switch to rendezvous by
16 KiB) every doubling of the size copies twice the data, so the median one-way latency of a size
must not fall below (1 - tolerance) times that of the previous size. The median (p50 over
iterations) is used because a shared, loaded machine adds rare multi-millisecond preemptions that
move the mean but not the median. The largest size must also be clearly slower than the first
(at least 2x), so a flat or broken series cannot pass. Exit 0 when it holds, 1 otherwise.
"""
import argparse
import json
import sys


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("json")
    parser.add_argument("--from", dest="start", type=int, default=16384)
    parser.add_argument("--tolerance", type=float, default=0.25)
    args = parser.parse_args(argv)
    with open(args.json, encoding="utf-8") as f:
        doc = json.load(f)
    rows = [(r["size"], r["time_us"]["p50"]) for r in doc["results"] if r["size"] >= args.start]
    if len(rows) < 3:
        print(f"need at least 3 sizes >= {args.start}, got {len(rows)}", file=sys.stderr)
        return 1
    ok = True
    for (s0, t0), (s1, t1) in zip(rows, rows[1:]):
        verdict = "ok" if t1 >= t0 * (1 - args.tolerance) else "DECREASES"
        ok = ok and verdict == "ok"
        print(f"{s0:>9} B {t0:10.2f} us -> {s1:>9} B {t1:10.2f} us  {verdict}")
    if rows[-1][1] < 2 * rows[0][1]:
        print(f"latency at {rows[-1][0]} B is not 2x that at {rows[0][0]} B", file=sys.stderr)
        ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
