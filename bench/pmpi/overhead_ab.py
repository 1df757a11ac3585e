#!/usr/bin/env python3
"""The interposer's added cost per call, before and after a change, or per timer, interleaved.

Runs two variants of bench/pmpi/pmpi_overhead in alternation, ROUNDS times each, first one then the
other and the reverse in the next round, so a change of the machine's state hits both alike:
either two builds (each linked with its own libhpcpat-pmpi.so), or with --timers one build under
HPCPAT_TIMER=clock_gettime and HPCPAT_TIMER=tsc (the machine must offer an invariant TSC). Prints
each variant's median and best added ns per wrapped call (count 0, PROC_NULL) and per 3-call
message to self, the timer each used, and the ratios of the medians (second over first).

usage: overhead_ab.py --baseline OLD --candidate NEW [--rounds 9] [--calls 200000] [--reps 11]
                      [--baseline-env K=V ...] [--candidate-env K=V ...]
                      -- LAUNCHER [FLAGS...] NUMPROC_FLAG
       overhead_ab.py --timers BUILD [...] -- LAUNCHER [FLAGS...] NUMPROC_FLAG
example: overhead_ab.py --baseline /old/build/bench/pmpi/pmpi_overhead
           --candidate build/release/bench/pmpi/pmpi_overhead -- mpirun --allow-run-as-root -n
The same build under two settings compares them, e.g. call sites off and on:
  overhead_ab.py --baseline B --candidate B --candidate-env HPCPAT_CALLSITES=1 -- mpirun -n
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
    parser.add_argument("--baseline", help="pmpi_overhead built before the change")
    parser.add_argument("--candidate", help="pmpi_overhead built after the change")
    parser.add_argument("--timers", help="one pmpi_overhead, run with each HPCPAT_TIMER")
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
    if bool(args.timers) == bool(args.baseline or args.candidate) or \
            (not args.timers and not (args.baseline and args.candidate)):
        parser.error("give --baseline and --candidate, or --timers alone")
    for name in ("baseline", "candidate", "timers"):
        path = getattr(args, name)
        if path is not None and not (os.path.isfile(path) and os.access(path, os.X_OK)):
            parser.error(f"--{name} '{path}': not an executable file; expected pmpi_overhead")
    if args.timers and (args.baseline_env or args.candidate_env):
        parser.error("--baseline-env and --candidate-env go with --baseline and --candidate")
    for name in ("baseline", "candidate"):
        for kv in getattr(args, f"{name}_env"):
            if "=" not in kv or kv.startswith("="):
                parser.error(f"--{name}-env '{kv}': expected KEY=VALUE")
    if args.rounds < 1 or args.calls < 1 or args.reps < 1:
        parser.error("--rounds, --calls and --reps must be at least 1")
    return args, launcher


def run_once(variant, launcher, args, workdir):
    exe, extra_env = variant
    env = dict(os.environ, HPCPAT_OUTPUT=os.path.join(workdir, "profile.json"), **extra_env)
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
    if args.timers:
        builds = {"clock_gettime": (args.timers, {"HPCPAT_TIMER": "clock_gettime"}),
                  "tsc": (args.timers, {"HPCPAT_TIMER": "tsc"})}
    else:
        builds = {name: (getattr(args, name),
                         dict(kv.split("=", 1) for kv in getattr(args, f"{name}_env")))
                  for name in ("baseline", "candidate")}
    runs = {name: [] for name in builds}
    timers = {name: set() for name in builds}
    with tempfile.TemporaryDirectory() as workdir:
        for r in range(args.rounds):
            order = list(builds) if r % 2 == 0 else list(reversed(builds))
            for name in order:
                timer, figures = run_once(builds[name], launcher, args, workdir)
                timers[name].add(timer)
                runs[name].append(figures)
    medians = {}
    for name in builds:
        added = [f["added_ns"] for f in runs[name]]
        message = [f["added_ns_self_message"] for f in runs[name]]
        reads = [f["two_reads_ns"] for f in runs[name]]
        medians[name] = (statistics.median(added), statistics.median(message))
        settings = "".join(f"{k}={v} " for k, v in builds[name][1].items())
        print(f"{name:13s} {settings}{'; '.join(sorted(timers[name]))}: added per call median "
              f"{medians[name][0]:.2f} ns (best {min(added):.2f}), per message to self median "
              f"{medians[name][1]:.2f} ns, two timer reads median {statistics.median(reads):.2f} ns"
              f", {args.rounds} runs")
    first, second = list(builds)
    if args.timers and not any(t.startswith("timer: tsc") for t in timers["tsc"]):
        sys.exit("overhead_ab: HPCPAT_TIMER=tsc fell back to clock_gettime: this machine offers "
                 "no invariant TSC, so there is one timer to measure")
    ratio_call = medians[second][0] / medians[first][0]
    ratio_message = medians[second][1] / medians[first][1]
    print(f"{second}/{first}: per call {ratio_call:.3f}, per message to self {ratio_message:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
