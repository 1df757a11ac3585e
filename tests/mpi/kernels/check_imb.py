#!/usr/bin/python3
"""--method imb follows IMB's repetition rule, checked on the interposer's profile of the same run.

usage: check_imb.py KERNELS_JSON PROFILE_JSON ROUTINE

For each size of the kernels JSON (method.name "imb"): planned_iterations is IMB's
min(1000, max(1, 40 MiB / size)) (1000 for barrier); the measured repetitions are between 1 and
that; the untimed ones (`warmup`) are the calibration run of 1 plus, when the calibration allowed
more, one run of at most `planned` repetitions, plus at the first size only IMB's warm-up of
repetitions / 10 (at least 1 when repetitions > 1); t_min <= t_avg <= t_max. The profile's
histogram of ROUTINE (e.g. MPI_Allreduce) must hold, in each size's bin, exactly
ranks x (warmup + iterations) calls (plus, for MPI_Allreduce, the node count's and IMB's
calibration reductions of 8 bytes; for MPI_Barrier, everything is in bin 0 and is not checked per
size). Run it with sizes 8 B .. 256 B, whose bins no other traffic of the program falls into (the
4-byte broadcasts and reductions of ints, the final MPI_Allgather of ~700-byte rank records). Exit 0 when all holds, 1 otherwise (each difference printed), 2 when
a file cannot be read.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../tools"))
from jsonfile import load  # noqa: E402  (tests/tools, found by path)

MSGS, VOLUME = 1000, 40 * 1048576


def size_bin(size):
    return 0 if size == 0 else size.bit_length()


def bump(bins, b, n):
    bins[b] = bins.get(b, 0) + n


def main(argv):
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    kernels, profile, routine = load(argv[1]), load(argv[2]), argv[3]
    problems = []
    if kernels["method"].get("name") != "imb":
        problems.append(f"method.name is {kernels['method'].get('name')!r}, want 'imb'")
    ranks = profile["run"]["ranks"] if "run" in profile else len(profile["ranks"])
    rows = kernels["results"]
    expected_bins, calibrations = {}, []
    for i, r in enumerate(rows):
        size, n, untimed, planned = r["size"], r["iterations"], r["warmup"], r["planned_iterations"]
        rule = MSGS if size == 0 else min(MSGS, max(1, VOLUME // size))
        if planned != rule:
            problems.append(f"size {size}: planned {planned}, IMB's rule gives {rule}")
        if not 1 <= n <= planned:
            problems.append(f"size {size}: {n} repetitions, want 1..{planned}")
        warm = (n // 10 or (1 if n > 1 else 0)) if i == 0 else 0
        calibration = untimed - warm
        calibrations.append(calibration)
        if not (calibration == 1 or 3 <= calibration <= planned + 1):
            problems.append(f"size {size}: {untimed} untimed repetitions: calibration {calibration} "
                            f"+ warm-up {warm} does not fit IMB's 1 [+ 2..{planned}]")
        t = r["time_us"]
        if not t["min"] <= t["avg"] <= t["max"]:
            problems.append(f"size {size}: t_min {t['min']} <= t_avg {t['avg']} <= t_max {t['max']} fails")
        if routine != "MPI_Barrier":
            per_call = size * ranks if routine == "MPI_Alltoall" else size  # interposer's bytes
            bump(expected_bins, size_bin(per_call), ranks * (untimed + n))
    if routine != "MPI_Barrier":
        calls = {c["name"]: c for c in profile["calls"]}
        got_bins = {h["bin"]: h["count"] for h in calls.get(routine, {}).get("histogram", [])}
        if routine == "MPI_Allreduce":  # control traffic, besides the sizes' own calls:
            bump(expected_bins, size_bin(8), ranks)  # the node count (two ints)
            for calibration in calibrations:  # IMB's MAX of a double, of an int, of a double
                bump(expected_bins, size_bin(8), ranks * (2 if calibration > 1 else 1))
        for b in sorted(expected_bins):  # the sizes' bins; control traffic elsewhere is not ours
            if expected_bins.get(b, 0) != got_bins.get(b, 0):
                problems.append(f"{routine} histogram bin {b}: profile {got_bins.get(b, 0)}, "
                                f"IMB's rule {expected_bins.get(b, 0)}")
    for p in problems:
        print(p)
    if not problems:
        print(f"ok: {len(rows)} sizes follow IMB's repetition rule; {routine} counts exact")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
