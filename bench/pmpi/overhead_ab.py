#!/usr/bin/env python3
"""The interposer's added cost per call, before and after a change, interleaved in one run.

Runs two builds of bench/pmpi/pmpi_overhead (each linked with its own libhpcpat-pmpi.so) in
alternation, ROUNDS times each, first one then the other and the reverse in the next round, so a
change of the machine's state hits both alike. Prints each build's median and best added ns per
wrapped call (count 0, PROC_NULL) and per 3-call message to self, the timer each used, and the
candidate/baseline ratios of the medians.

usage: overhead_ab.py --baseline OLD --candidate NEW [--rounds 9] [--calls 200000] [--reps 11]
                      [--baseline-env K=V ...] [--candidate-env K=V ...]
                      -- LAUNCHER [FLAGS...] NUMPROC_FLAG
The same build under two settings compares them, e.g. call sites off and on:
  overhead_ab.py --baseline B --candidate B --candidate-env HPCPAT_CALLSITES=1 -- mpirun -n
example: overhead_ab.py --baseline /old/build/bench/pmpi/pmpi_overhead
           --candidate build/release/bench/pmpi/pmpi_overhead -- mpirun --allow-run-as-root -n
exit: 0 measured, 1 a run failed, 2 bad arguments
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile


def parse_args():
    argv = sys.argv[1:]
    split = argv.index("--") if "--" in argv else len(argv)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", required=True, help="pmpi_overhead built before the change")
    parser.add_argument("--candidate", required=True, help="pmpi_overhead built after the change")
    parser.add_argument("--rounds", type=int, default=9, help="runs of each build (default 9)")
    parser.add_argument("--calls", type=int, default=200000, help="calls per repetition")
    parser.add_argument("--reps", type=int, default=11, help="repetitions per run (best taken)")
    for name in ("baseline", "candidate"):
        parser.add_argument(f"--{name}-env", action="append", default=[], metavar="K=V",
                            help=f"environment of the {name} runs (repeatable)")
    args = parser.parse_args(argv[:split])
    launcher = argv[split + 1:]
    if not launcher:
        parser.error("expected '-- LAUNCHER [FLAGS...] NUMPROC_FLAG' at the end")
    for name in ("baseline", "candidate"):
        path = getattr(args, name)
        if not (os.path.isfile(path) and os.access(path, os.X_OK)):
            parser.error(f"--{name} '{path}': not an executable file; expected pmpi_overhead")
    for name in ("baseline", "candidate"):
        for kv in getattr(args, f"{name}_env"):
            if "=" not in kv or kv.startswith("="):
                parser.error(f"--{name}-env '{kv}': expected KEY=VALUE")
    if args.rounds < 1 or args.calls < 1 or args.reps < 1:
        parser.error("--rounds, --calls and --reps must be at least 1")
    return args, launcher


def run_once(exe, launcher, args, workdir, extra_env):
    env = dict(os.environ, HPCPAT_OUTPUT=os.path.join(workdir, "profile.json"))
    env.update(kv.split("=", 1) for kv in extra_env)
    done = subprocess.run(launcher + ["1", exe, str(args.calls), str(args.reps)], env=env,
                          capture_output=True, text=True, check=False)
    lines = done.stdout.splitlines()
    figures = [l for l in lines if l.startswith("{")]
    timer = next((l.split(",")[0] for l in lines if l.startswith("timer:")), "timer: unknown")
    if done.returncode != 0 or not figures:
        sys.exit(f"overhead_ab: {exe} failed with status {done.returncode}:\n{done.stderr}")
    return timer, json.loads(figures[-1])


def main():
    args, launcher = parse_args()
    builds = {"baseline": args.baseline, "candidate": args.candidate}
    runs = {name: [] for name in builds}
    timers = {name: set() for name in builds}
    with tempfile.TemporaryDirectory() as workdir:
        for r in range(args.rounds):
            order = list(builds) if r % 2 == 0 else list(reversed(builds))
            for name in order:
                timer, figures = run_once(builds[name], launcher, args, workdir,
                                          getattr(args, f"{name}_env"))
                timers[name].add(timer)
                runs[name].append(figures)
    medians = {}
    for name in builds:
        added = [f["added_ns"] for f in runs[name]]
        message = [f["added_ns_self_message"] for f in runs[name]]
        reads = [f["two_reads_ns"] for f in runs[name]]
        medians[name] = (statistics.median(added), statistics.median(message))
        settings = " ".join(getattr(args, f"{name}_env"))
        print(f"{name:9s} {settings + ' ' if settings else ''}{'; '.join(sorted(timers[name]))}: added per call median "
              f"{medians[name][0]:.2f} ns (best {min(added):.2f}), per message to self median "
              f"{medians[name][1]:.2f} ns, two timer reads median {statistics.median(reads):.2f} ns"
              f", {args.rounds} runs")
    ratio_call = medians["candidate"][0] / medians["baseline"][0]
    ratio_message = medians["candidate"][1] / medians["baseline"][1]
    print(f"candidate/baseline: per call {ratio_call:.3f}, per message to self {ratio_message:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
