#!/usr/bin/env python3
"""Fidelity of hpcpat-kernels against the OSU Micro-Benchmarks, same machine, same MPI, same session.

    bench/kernels/compare_osu.py --osu-dir DIR [--kernels BIN] [--repeats 9] [--realtime]
                                 [--only PAIR...] [--warmup N] [--iterations N] [--max-size BYTES]
                                 [--raw OUT.json]
    bench/kernels/compare_osu.py --from-raw RUNS.json        # judge saved runs again

DIR holds OSU's osu_latency, osu_bw and osu_allreduce (an install's libexec/osu-micro-benchmarks/mpi
or a build tree). Each pair (OSU program, our kernel) runs --repeats times on 2 ranks, OSU and ours
alternately (who goes first alternates too), so that a change of machine load hits both alike,
each with its own defaults: the same OSU methodology, 10000/1000 latency iterations, 100/20 windows
of 64 for bandwidth, 1000/100 allreduce iterations. Our kernels time point-to-point loops the way
the OSU version found does, read off its header: OMB up to 5.3 times the whole loop (osu_latency
reads MPI_Wtime before and after it: our --timing loop), OMB 5.9 on (the 6.0 release prints v5.9)
times each iteration and sums (our default, --timing iteration). For a version in between, say
which with --timing. Collectives are timed per iteration by every OMB version, and by us.

The verdict. On the development VM (2 vCPUs) a run of either tool is, at random, in a fast state
(8-byte one-way latency 0.12-0.16 us) or a slow one (0.38-0.44 us), so each figure is bimodal over
repeats and its median lands in one mode or the other with the luck of the draw. Interference only
ever slows a run, so the judged figure is each tool's fast quartile over repeats - the 25th
percentile of times, the 75th of bandwidths - and the verdict is their ratio ours/OSU, within 5 %
or not (issue 3's target). Also printed: the ratio of the medians, and the median of the paired
ratios (the two runs of one repeat, made one after the other). Our figures come from --json (full
precision); OSU prints FLOAT_PRECISION decimals (2 by default: +-3 % on a 0.16 us latency), so
build OSU with -DFLOAT_PRECISION=4 for this comparison (only the printing changes).

OSU's defaults warm up for 100 iterations, about 30 us for a small message, and time 100 windows
of a 1-byte message in about half a millisecond. `--warmup N` and `--iterations N` give both tools
the same longer runs (`-x N`, `-i N`; warm-up N/10 unless given), `--max-size BYTES` stops both
sweeps there (OSU's `-m BYTES`, our `-M BYTES`) so that long runs of the small sizes do not cost
minutes at the large ones. OSU 5.9+ and our kernels apply -i and -x to small and large sizes
alike; OMB 5.3 takes neither flag. `--raw` saves every run's figures for `--from-raw`.

--realtime runs every rank of both tools under `chrt -f 50` (SCHED_FIFO; needs root or
CAP_SYS_NICE), so that other work on a shared machine does not preempt a rank in the middle of a
timed loop; Linux's RT throttling still leaves 5 % of each second to other tasks.

Exit status: 0 when every judged size is within 5 %, 1 otherwise, 2 on bad usage.
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
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOLERANCE = 0.05
# name: (OSU program, our kernel, figure in our JSON, bigger is better, default judged sizes)
PAIRS = {
    "latency": ("osu_latency", "latency", "avg_us", False, [1, 8, 1024, 65536, 1048576]),
    "bw": ("osu_bw", "bw", "bandwidth_mb_s", True, [1, 8, 1024, 65536, 1048576]),
    "allreduce": ("osu_allreduce", "allreduce", "avg_us", False, [4, 8, 1024, 65536, 1048576]),
}


def fail_usage(message):
    print(f"compare_osu.py: {message}", file=sys.stderr)
    sys.exit(2)


def find_program(root, name):
    for path in sorted(Path(root).rglob(name)):
        if path.is_file() and os.access(path, os.X_OK):
            return path
    fail_usage(f"--osu-dir {root}: no executable {name} below it")


def default_kernels():
    for guess in [HERE / "../../build/release/bin/hpcpat-kernels",
                  *sorted((HERE / "../../build").glob("*/bin/hpcpat-kernels"))]:
        if guess.is_file() and os.access(guess, os.X_OK):
            return guess.resolve()
    return None


def osu_version(table):
    """OMB's header line ends in its version: '# OSU MPI Latency Test v5.9' -> [5, 9]."""
    match = re.search(r"^# OSU .* v(\d+)\.(\d+)", table, re.MULTILINE)
    return [int(match.group(1)), int(match.group(2))] if match else None


def osu_timing(version):
    """How that OMB version times its point-to-point loops, where we have read its source."""
    if version is None:
        return None
    if tuple(version) <= (5, 3):
        return "loop"  # OMB 5.3.2 osu_latency.c: t_start at i == skip, t_end after the loop
    if tuple(version) >= (5, 9):
        return "iteration"  # OMB 6.0 (prints v5.9): t_start/t_end around each timed iteration
    return None


def osu_rows(table):
    """{size: first figure} from OSU's table (data rows start with the size)."""
    rows = {}
    for line in table.splitlines():
        fields = line.split()
        if len(fields) >= 2 and fields[0].isdigit():
            rows[int(fields[0])] = float(fields[1])
    return rows


def our_rows(json_path, figure):
    doc = json.loads(Path(json_path).read_text())
    return {r["size"]: r["time_us"]["avg"] if figure == "avg_us" else r[figure]
            for r in doc["results"]}


def sweep_args(args, tool):
    """The same iteration counts and largest size for both tools, each in its own flags."""
    flags = []
    if args.iterations:
        flags += ["-i", str(args.iterations)]
    if args.warmup is not None or args.iterations:
        warmup = args.warmup if args.warmup is not None else max(1, args.iterations // 10)
        flags += ["-x", str(warmup)]
    if args.max_size:
        flags += ["-m" if tool == "osu" else "-M", str(args.max_size)]
    return flags


class Runner:
    def __init__(self, args):
        self.mpirun = args.mpirun or shutil.which("mpirun.openmpi") or shutil.which("mpirun")
        if not self.mpirun:
            fail_usage("no mpirun on PATH (give --mpirun)")
        # Open MPI refuses root even for --version unless told it is on purpose.
        env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
        probe = subprocess.run([self.mpirun, "--version"], capture_output=True, text=True, env=env)
        text = probe.stdout + probe.stderr
        self.version = text.splitlines()[0] if text else "?"
        self.flags = args.mpirun_flag
        if not self.flags and os.geteuid() == 0:
            flavour = "openmpi" if ("Open MPI" in text or "OpenRTE" in text) else "mpich"
            with open(HERE / "../../harness/launch/mpi_flavours.json", encoding="utf-8") as f:
                self.flags = json.load(f)[flavour]["as_root"]
        self.prefix = ["chrt", "-f", "50"] if args.realtime else []

    def run(self, program_and_args):
        argv = [*self.prefix, self.mpirun, *self.flags, "-n", "2", *program_and_args]
        done = subprocess.run(argv, capture_output=True, text=True)
        if done.returncode != 0:
            print(done.stdout + done.stderr, file=sys.stderr)
            sys.exit(f"compare_osu.py: failed ({done.returncode}): {' '.join(argv)}")
        return done.stdout


def collect(args, runner, work):
    """Runs every pair; returns the raw record: per pair the OSU version, timing and runs."""
    raw = {"mpi": runner.version, "realtime": args.realtime, "repeats": args.repeats,
           "both_tools": sweep_args(args, "ours"), "pairs": {}}
    for name, (osu_name, kernel, figure, _, _) in PAIRS.items():
        if args.only and name not in args.only:
            continue
        osu = find_program(args.osu_dir, osu_name)
        pair = {"osu_version": None, "timing": "iteration", "osu": [], "ours": []}

        def run_osu():
            table = runner.run([str(osu), *sweep_args(args, "osu"), *args.osu_arg])
            pair["osu_version"] = pair["osu_version"] or osu_version(table)
            pair["osu"].append(osu_rows(table))

        def run_ours(repeat):
            extra = []
            if name != "allreduce":
                pair["timing"] = args.timing or osu_timing(pair["osu_version"])
                if pair["timing"] is None:
                    fail_usage(f"{osu}: OMB {pair['osu_version']} times its loops in a way this "
                               "script has not read; say which with --timing iteration|loop")
                extra = ["--timing", pair["timing"]]
            out = work / f"{name}-{repeat}.json"
            runner.run([str(args.kernels), kernel, *extra, *sweep_args(args, "ours"), "--json",
                        str(out), *args.our_arg])
            pair["ours"].append(our_rows(out, figure))

        # OSU goes first in even repeats, so the first run tells its version, hence our timing.
        for repeat in range(args.repeats):
            if repeat % 2 == 0:
                run_osu()
                run_ours(repeat)
            else:
                run_ours(repeat)
                run_osu()
            print(f"  {name}: run {repeat + 1}/{args.repeats} done", file=sys.stderr)
        raw["pairs"][name] = pair
    return raw


def fast_quartile(values, bigger_is_better):
    if len(values) < 2:
        return values[0]
    quartiles = statistics.quantiles(values, n=4)
    return quartiles[2] if bigger_is_better else quartiles[0]


def judge(raw, judged_override, max_size):
    """Prints the table; returns whether every judged size is within the tolerance."""
    print(f"# hpcpat-kernels vs OSU Micro-Benchmarks, 2 ranks, {raw['repeats']} alternating runs "
          f"each{' under chrt -f 50' if raw['realtime'] else ''}; MPI: {raw['mpi']}")
    if raw["both_tools"]:
        print(f"# both tools: {' '.join(raw['both_tools'])} (OSU: -m for -M)")
    print("# fast quartile: p25 of times, p75 of bandwidths, over repeats; verdict on its ratio")
    print(f"{'# pair':<10} {'size':>8} {'OSU fq':>11} {'ours fq':>11} {'ratio fq':>9} "
          f"{'medians':>8} {'paired':>7}  {'verdict':<11} [reference, our timing]")
    all_within = True
    for name, pair in raw["pairs"].items():
        bigger_is_better, judged = PAIRS[name][3], judged_override or PAIRS[name][4]
        version = pair["osu_version"]
        reference = f"OMB {version[0]}.{version[1]}" if version else "OMB ?"
        # JSON keys are strings once saved; sizes are compared as numbers.
        runs = {side: [{int(k): v for k, v in r.items()} for r in pair[side]]
                for side in ("osu", "ours")}
        sizes = sorted(set.intersection(*(set(r) for r in runs["osu"] + runs["ours"])))
        for size in sizes:
            theirs = [r[size] for r in runs["osu"]]
            ours = [r[size] for r in runs["ours"]]
            ratio = fast_quartile(ours, bigger_is_better) / fast_quartile(theirs, bigger_is_better)
            medians = statistics.median(ours) / statistics.median(theirs)
            paired = statistics.median(o / t for o, t in zip(ours, theirs))
            verdict = "-"
            if size in judged and size <= (max_size or size):
                within = abs(ratio - 1.0) <= TOLERANCE
                all_within &= within
                verdict = "within 5%" if within else "OUTSIDE 5%"
            print(f"{name:<10} {size:>8} {fast_quartile(theirs, bigger_is_better):>11.4f} "
                  f"{fast_quartile(ours, bigger_is_better):>11.4f} {ratio:>9.3f} {medians:>8.3f} "
                  f"{paired:>7.3f}  {verdict:<11} [{reference}, {pair['timing']}]")
    return all_within


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--osu-dir", help="folder holding osu_latency, osu_bw, osu_allreduce")
    parser.add_argument("--from-raw", type=Path, help="judge the runs saved by --raw; run nothing")
    parser.add_argument("--raw", type=Path, help="save every run's figures to this JSON file")
    parser.add_argument("--kernels", type=Path, default=default_kernels(), help="hpcpat-kernels executable")
    parser.add_argument("--repeats", type=int, default=9, help="alternating runs per pair (default 9)")
    parser.add_argument("--realtime", action="store_true", help="run ranks under chrt -f 50")
    parser.add_argument("--timing", choices=["iteration", "loop"],
                        help="our point-to-point timing (default: as the OSU version found)")
    parser.add_argument("--sizes", type=int, nargs="+", help="sizes to judge (default per pair)")
    parser.add_argument("--only", nargs="+", choices=list(PAIRS), help="pairs to run")
    parser.add_argument("--iterations", type=int, help="timed iterations for both tools, every size")
    parser.add_argument("--warmup", type=int, help="warm-up iterations for both tools (default N/10)")
    parser.add_argument("--max-size", type=int, help="largest size for both tools (a power of two)")
    parser.add_argument("--mpirun", help="launcher (default mpirun.openmpi, else mpirun)")
    parser.add_argument("--mpirun-flag", action="append", default=[],
                        help="launcher flag (repeatable; default as root: the flavour's as_root flags of "
                             "harness/launch/mpi_flavours.json)")
    parser.add_argument("--osu-arg", action="append", default=[], help="extra OSU argument (repeatable)")
    parser.add_argument("--our-arg", action="append", default=[], help="extra kernel argument (repeatable)")
    args = parser.parse_args()
    if args.from_raw:
        if not args.from_raw.is_file():
            fail_usage(f"--from-raw {args.from_raw}: no such file")
        return args
    if not args.osu_dir or not Path(args.osu_dir).is_dir():
        fail_usage(f"--osu-dir {args.osu_dir}: not a directory (or give --from-raw)")
    if args.kernels is None or not os.access(args.kernels, os.X_OK):
        fail_usage(f"--kernels {args.kernels}: not an executable (build hpcpat-kernels first)")
    if args.repeats < 1:
        fail_usage(f"--repeats must be >= 1, got {args.repeats}")
    if args.iterations is not None and args.iterations < 1:
        fail_usage(f"--iterations must be >= 1, got {args.iterations}")
    if args.warmup is not None and args.warmup < 0:
        fail_usage(f"--warmup must be >= 0, got {args.warmup}")
    if args.max_size is not None and (args.max_size < 1 or args.max_size & (args.max_size - 1)):
        fail_usage(f"--max-size must be a power of two >= 1, got {args.max_size}")
    if args.realtime and not shutil.which("chrt"):
        fail_usage("--realtime needs chrt (util-linux)")
    return args


def main():
    args = parse_args()
    if args.from_raw:
        try:
            raw = json.loads(args.from_raw.read_text())
        except ValueError as e:
            fail_usage(f"--from-raw {args.from_raw}: not JSON ({e})")
        both = raw.get("both_tools", []) if isinstance(raw, dict) else []
        max_size = int(both[both.index("-M") + 1]) if "-M" in both else None
    else:
        with tempfile.TemporaryDirectory() as tmp:
            raw = collect(args, Runner(args), Path(tmp))
        if args.raw:
            args.raw.write_text(json.dumps(raw, indent=1) + "\n")
        max_size = args.max_size
    try:
        return 0 if judge(raw, args.sizes, max_size) else 1
    except (KeyError, TypeError, ValueError, AttributeError) as e:
        fail_usage(f"--from-raw {args.from_raw}: not a file written by --raw ({type(e).__name__}: {e})")


if __name__ == "__main__":
    sys.exit(main())
