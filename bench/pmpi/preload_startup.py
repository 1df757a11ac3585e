#!/usr/bin/env python3
"""Start-up cost of a process with libhpcpat-pmpi.so preloaded, against a bare start (issue 11, 12).

The interposer is preloaded into every process a launcher starts, MPI or not (a Python launcher
shim, /bin/sh, ...), so what it costs before main must stay within 10 ms of a bare start. For
each command (/bin/true, python3 -c pass) it runs bare and preloaded, interleaved in rounds with
the order alternating, so that a change of the machine's load hits both alike. Clock:
time.perf_counter_ns (CLOCK_MONOTONIC) around subprocess.run, fork+exec+exit+wait included —
the same overhead in both arms. Prints per command the medians, the difference and the ratio.

usage: preload_startup.py --pmpi LIB [--pmpi LIB2 ...] [--rounds 41] [--json OUT]
exit: 0 measured, 1 a run failed, 2 bad arguments
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

COMMANDS = {"/bin/true": ["/bin/true"], "python3 -c pass": [sys.executable, "-c", "pass"]}


def once(argv, env):
    t0 = time.perf_counter_ns()
    p = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    dt = time.perf_counter_ns() - t0
    if p.returncode != 0:
        raise RuntimeError(f"{argv} exited {p.returncode}: {p.stderr.decode(errors='replace')}")
    return dt / 1e6


def measure(lib, rounds):
    bare_env = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD"}
    pre_env = dict(bare_env, LD_PRELOAD=os.path.abspath(lib))
    out = {}
    for name, argv in COMMANDS.items():
        bare, pre = [], []
        once(argv, pre_env)  # warm the page cache for both arms
        for r in range(rounds):
            arms = [(bare, bare_env), (pre, pre_env)]
            for samples, env in (arms if r % 2 == 0 else arms[::-1]):
                samples.append(once(argv, env))
        mb, mp = statistics.median(bare), statistics.median(pre)
        out[name] = {"bare_ms": mb, "preloaded_ms": mp, "added_ms": mp - mb, "ratio": mp / mb,
                     "rounds": rounds}
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--pmpi", action="append", required=True, help="libhpcpat-pmpi.so to preload")
    ap.add_argument("--rounds", type=int, default=41)
    ap.add_argument("--json", help="write the figures here")
    a = ap.parse_args()
    if a.rounds < 3 or any(not os.path.isfile(l) for l in a.pmpi):
        print("preload_startup.py: --rounds must be >= 3 and every --pmpi an existing file",
              file=sys.stderr)
        return 2
    results = {}
    try:
        for lib in a.pmpi:
            results[lib] = measure(lib, a.rounds)
    except RuntimeError as e:
        print(f"preload_startup.py: {e}", file=sys.stderr)
        return 1
    print("clock: time.perf_counter_ns (CLOCK_MONOTONIC), fork+exec+wait; medians of interleaved runs")
    for lib, figures in results.items():
        print(lib)
        for name, f in figures.items():
            print(f"  {name:16s} bare {f['bare_ms']:7.2f} ms  preloaded {f['preloaded_ms']:7.2f} ms"
                  f"  added {f['added_ms']:+6.2f} ms  ratio {f['ratio']:.2f}  ({f['rounds']} rounds)")
    if a.json:
        with open(a.json, "w") as fh:
            json.dump({"clock": "time.perf_counter_ns", "results": results}, fh, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
