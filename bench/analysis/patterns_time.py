#!/usr/bin/python3
"""Times `hpcpat patterns` on a synthetic profile of many ranks (the acceptance: a 4,096-rank
profile in under 1 s), interleaved with `hpcpat show` of the same file as the baseline, so the
ratio says what classifying adds to reading and summarising the profile.

    patterns_time.py HPCPAT [--ranks 4096] [--pattern ring|halo3d|alltoall] [--cap N]
                     [--repeats 9]

The profile is written by tests/tools/make_profile.py (valid against profile.v1); --cap cuts its
matrix as HPCPAT_MATRIX_CAP does (the interposer's default, 4096, is what a dense pattern of 4096
ranks writes; without it, all 16.7 million rows: 395 MB, read with --max-size raised to fit).
Timer: the wall clock around each whole command (time.perf_counter, process start and exit
included), as a user waits for it. Prints each command's median and min, the ratio of medians, and
exits 1 when the median of `hpcpat patterns` is 1 s or more."""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def timed(cmd):
    t0 = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd)}: exit {p.returncode}: {p.stderr}")
    return elapsed


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("hpcpat")
    ap.add_argument("--ranks", type=int, default=4096)
    ap.add_argument("--pattern", default="ring", choices=["ring", "halo3d", "alltoall"])
    ap.add_argument("--cap", type=int, help="matrix rows kept (make_profile.py --cap)")
    ap.add_argument("--repeats", type=int, default=9)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        profile = os.path.join(tmp, f"{a.pattern}{a.ranks}.json")
        subprocess.run([sys.executable, os.path.join(ROOT, "tests", "tools", "make_profile.py"),
                        os.path.join(ROOT, "tests", "unit", "analysis", "data", "valid_2ranks.json"),
                        profile, "--ranks", str(a.ranks), "--pattern", a.pattern]
                       + (["--cap", str(a.cap)] if a.cap is not None else []), check=True)
        size = os.path.getsize(profile)
        limit = ["--max-size", str(size // (1 << 20) + 1)]
        show, patterns = [], []
        for _ in range(a.repeats):  # interleaved: the machine's load falls on both alike
            show.append(timed([a.hpcpat, "show", profile, "--json"] + limit))
            patterns.append(timed([a.hpcpat, "patterns", profile, "--json"] + limit))
    med_show, med_pat = statistics.median(show), statistics.median(patterns)
    cut = f", matrix cut to {a.cap} rows" if a.cap is not None else ""
    print(f"profile: {a.ranks} ranks, {a.pattern}{cut}, {size / 1e6:.1f} MB; {a.repeats} interleaved "
          f"repeats; timer: wall clock around each command (time.perf_counter)")
    print(f"hpcpat show --json      median {med_show:.3f} s  min {min(show):.3f} s  (baseline)")
    print(f"hpcpat patterns --json  median {med_pat:.3f} s  min {min(patterns):.3f} s")
    print(f"ratio patterns/show (medians): {med_pat / med_show:.2f}")
    ok = med_pat < 1.0
    print(f"verdict: {'PASS' if ok else 'FAIL'} (acceptance: under 1 s)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
