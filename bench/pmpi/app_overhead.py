#!/usr/bin/env python3
"""The interposer's whole-application overhead on Debian's LAMMPS, against a bare run, interleaved.

Runs LAMMPS's in.lj (workloads/wrapped/lammps/in.lj) under the launcher in rounds: bare, then with
libhpcpat-pmpi.so preloaded under each HPCPAT_TIMER asked for, the order rotating every round so
that a change of the machine's state hits every variant alike. Two clocks judge, both outside the
interposer: LAMMPS's own "Loop time" (its MPI_Wtime around the run) and the launcher's whole wall
time (time.monotonic around the command, MPI_Init and start-up included). Prints each variant's
medians, their ratios to the bare run, the timer each profile names and the profile's own MPI share
and interposer share, so a figure always names its timer.

usage: app_overhead.py --pmpi LIB [--flavour openmpi|mpich] [--ranks 2] [--rounds 7]
                       [--timers auto,clock_gettime] [--size 16] [--steps 400] [--lmp /usr/bin/lmp]
                       [--json OUT]
exit: 0 measured, 1 a run failed, 2 bad arguments
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
IN_LJ = ROOT / "workloads" / "wrapped" / "lammps" / "in.lj"
TIMERS = ("auto", "tsc", "clock_gettime")
LOOP_TIME = re.compile(r"^Loop time of (\S+) on (\d+) procs", re.MULTILINE)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pmpi", required=True, type=Path, help="libhpcpat-pmpi.so to preload")
    parser.add_argument("--flavour", choices=["openmpi", "mpich"], default="openmpi",
                        help="MPI flavour: its launcher and flags from harness/launch/mpi_flavours.json")
    parser.add_argument("--ranks", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=7, help="runs of each variant (default 7)")
    parser.add_argument("--timers", default="auto,clock_gettime",
                        help=f"HPCPAT_TIMER values to compare, comma-separated, from {TIMERS}")
    parser.add_argument("--size", type=int, default=16, help="in.lj x: 4*x^3 atoms (default 16)")
    parser.add_argument("--steps", type=int, default=400)
    parser.add_argument("--lmp", type=Path, default=Path("/usr/bin/lmp"))
    parser.add_argument("--json", type=Path, help="write every run's figures here")
    args = parser.parse_args()
    if not args.pmpi.is_file():
        parser.error(f"--pmpi '{args.pmpi}': no such file; expected libhpcpat-pmpi.so")
    if not (args.lmp.is_file() and os.access(args.lmp, os.X_OK)):
        parser.error(f"--lmp '{args.lmp}': not an executable file; expected Debian's LAMMPS (lmp)")
    args.timers = args.timers.split(",")
    if not args.timers or any(t not in TIMERS for t in args.timers):
        parser.error(f"--timers '{','.join(args.timers)}': expected values from {', '.join(TIMERS)}")
    if min(args.ranks, args.rounds, args.size, args.steps) < 1:
        parser.error("--ranks, --rounds, --size and --steps must be at least 1")
    return args


def launcher_argv(flavour, ranks, env):
    """The flavour's launcher with as-root and oversubscribe flags and `env` for every rank."""
    with open(ROOT / "harness" / "launch" / "mpi_flavours.json", encoding="utf-8") as f:
        table = json.load(f)[flavour]
    launcher = shutil.which(table["launcher"])
    if launcher is None:
        sys.exit(f"app_overhead: {table['launcher']} not found on PATH")
    argv = [launcher]
    if os.geteuid() == 0:
        argv += table["as_root"]
    argv += table["oversubscribe"]
    argv += [a.replace("{ranks}", str(ranks)) for a in table["ranks"]]
    for name, value in env.items():
        argv += [a.replace("{name}", name).replace("{value}", value) for a in table["rank_env"]]
    return argv


def run_once(args, variant, work):
    log = work / "log.lammps"
    profile = work / "profile.json"
    for stale in (log, profile):
        stale.unlink(missing_ok=True)
    env = {} if variant == "bare" else {"LD_PRELOAD": str(args.pmpi.resolve()),
                                         "HPCPAT_OUTPUT": str(profile), "HPCPAT_TIMER": variant}
    argv = launcher_argv(args.flavour, args.ranks, env) + [
        str(args.lmp), "-in", str(IN_LJ), "-var", "x", str(args.size), "-var", "steps",
        str(args.steps), "-log", str(log), "-screen", "none"]
    process_env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
    started = time.monotonic()
    done = subprocess.run(argv, capture_output=True, text=True, env=process_env, check=False)
    wall = time.monotonic() - started
    match = LOOP_TIME.search(log.read_text(encoding="utf-8")) if log.exists() else None
    if done.returncode != 0 or match is None:
        sys.exit(f"app_overhead: {variant} run failed (status {done.returncode}):\n{done.stderr}")
    figures = {"wall_s": wall, "loop_s": float(match.group(1))}
    if variant != "bare":
        p = json.loads(profile.read_text(encoding="utf-8"))
        mpi = sum(r["mpi_time_s"] for r in p["ranks"])
        figures.update(timer=p["run"]["timer"]["source"],
                       mpi_fraction=p["summary"]["mpi_fraction"]["mean"],
                       interposer_share=sum(r.get("interposer_time_s", 0) for r in p["ranks"]) /
                       mpi if mpi > 0 else 0.0)
    return figures


def main():
    args = parse_args()
    variants = ["bare"] + [f"{t}" for t in args.timers]
    runs = {v: [] for v in variants}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for r in range(args.rounds):
            shift = r % len(variants)
            for v in variants[shift:] + variants[:shift]:
                runs[v].append(run_once(args, v, work))
    bare_loop = statistics.median(f["loop_s"] for f in runs["bare"])
    bare_wall = statistics.median(f["wall_s"] for f in runs["bare"])
    print(f"LAMMPS in.lj x={args.size} ({4 * args.size ** 3} atoms), {args.steps} steps, "
          f"{args.ranks} ranks, {args.flavour}, {args.rounds} interleaved rounds; medians")
    print(f"  {'variant':44s} {'loop (s)':>9s} {'ratio':>6s} {'wall (s)':>9s} {'ratio':>6s}"
          f" {'MPI %':>6s} {'interposer % of MPI':>20s}")
    for v in variants:
        loop = statistics.median(f["loop_s"] for f in runs[v])
        wall = statistics.median(f["wall_s"] for f in runs[v])
        name = "bare (no interposer)"
        extra = ""
        if v != "bare":
            timers = sorted({f["timer"] for f in runs[v]})
            name = f"HPCPAT_TIMER={v} ({'/'.join(timers)})"
            extra = (f" {100 * statistics.median(f['mpi_fraction'] for f in runs[v]):6.2f}"
                     f" {100 * statistics.median(f['interposer_share'] for f in runs[v]):20.3f}")
        print(f"  {name:44s} {loop:9.4f} {loop / bare_loop:6.3f} {wall:9.3f} "
              f"{wall / bare_wall:6.3f}{extra}")
    if args.json:
        args.json.write_text(json.dumps({"args": {k: str(v) for k, v in vars(args).items()},
                                         "runs": runs}, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
