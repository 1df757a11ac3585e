#!/usr/bin/env python3
"""Fidelity of hpcpat-kernels --method imb against the Intel MPI Benchmarks (IMB-MPI1), same machine.

    bench/kernels/compare_imb.py --imb DIR/IMB-MPI1 [--kernels BIN] [--repeats 7] [--realtime]
                                 [--only NAME...] [--raw OUT.json]
    bench/kernels/compare_imb.py --from-raw RUNS.json        # judge saved runs again
    bench/kernels/compare_imb.py --imb DIR/IMB-MPI1 --noise-floor   # IMB against IMB

Each pair (IMB benchmark, our kernel with --method imb) runs --repeats times on 2 ranks,
alternately (who goes first alternates too), sizes 8 B .. 1 MiB (IMB: -msglog 3:20, which adds
its size 0; ours: -m 8 -M 1M, the allreduce/reduce floats start there too). The figure is IMB's
t_avg[usec] (PingPong: t[usec], the one-way time) and our time_us.avg. The verdict, as in
compare_osu.py (whose runner and statistics this script shares): each tool's fast quartile over
repeats (p25 of times: interference only ever slows a run), their ratio ours/IMB within 5 % at
8 B, 1 KiB, 64 KiB and 1 MiB. Exit status: 0 all within, 1 otherwise, 2 bad usage.

--noise-floor runs IMB in place of ours, by the same protocol: how far two runs of the same
program land apart on this machine, i.e. the finest difference the comparison can resolve here.
"""
import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from compare_osu import TOLERANCE, Runner, default_kernels, fail_usage, fast_quartile  # noqa: E402

JUDGED = [8, 1024, 65536, 1048576]
# name: (IMB benchmark, our kernel)
PAIRS = {"pingpong": ("PingPong", "latency"), "allreduce": ("Allreduce", "allreduce"),
         "bcast": ("Bcast", "bcast"), "alltoall": ("Alltoall", "alltoall"),
         "allgather": ("Allgather", "allgather"), "reduce": ("Reduce", "reduce")}


def imb_rows(table, benchmark):
    """{size: t_avg} of the benchmark's table ('#bytes #repetitions t_min t_max t_avg', or
    PingPong's '#bytes #repetitions t[usec] Mbytes/sec')."""
    rows, inside = {}, False
    for line in table.splitlines():
        if line.startswith("# Benchmarking"):
            inside = line.split()[-1] == benchmark
        parts = line.split()
        if inside and len(parts) >= 4 and parts[0].isdigit() and int(parts[0]) > 0:
            rows[int(parts[0])] = float(parts[2] if benchmark == "PingPong" else parts[4])
    return rows


def collect(args, runner, work):
    raw = {"tool": "compare_imb", "mpi": runner.version, "realtime": args.realtime,
           "repeats": args.repeats, "noise_floor": args.noise_floor, "pairs": {}}
    for name, (benchmark, kernel) in PAIRS.items():
        if args.only and name not in args.only:
            continue
        pair = {"imb": [], "ours": []}
        for repeat in range(args.repeats):
            def run_imb():
                table = runner.run([str(args.imb), benchmark, "-msglog", "3:20"])
                pair["imb"].append(imb_rows(table, benchmark))

            def run_ours():
                if args.noise_floor:  # the "ours" side is IMB again
                    table = runner.run([str(args.imb), benchmark, "-msglog", "3:20"])
                    pair["ours"].append(imb_rows(table, benchmark))
                    return
                out = work / f"{name}-{repeat}.json"
                runner.run([str(args.kernels), kernel, "--method", "imb", "-m", "8", "-M", "1M",
                            "--json", str(out)])
                results = json.loads(out.read_text())["results"]
                pair["ours"].append({r["size"]: r["time_us"]["avg"] for r in results})

            first, second = (run_imb, run_ours) if repeat % 2 == 0 else (run_ours, run_imb)
            first()
            second()
            print(f"  {name}: run {repeat + 1}/{args.repeats} done", file=sys.stderr)
        raw["pairs"][name] = pair
    return raw


def judge(raw):
    if not isinstance(raw, dict) or raw.get("tool") != "compare_imb":
        raise ValueError("no 'tool': 'compare_imb'")
    ours = "IMB-MPI1 again (noise floor)" if raw.get("noise_floor") else "hpcpat-kernels --method imb"
    print(f"# {ours} vs IMB-MPI1, 2 ranks, {raw['repeats']} alternating runs "
          f"each{' under chrt -f 50' if raw['realtime'] else ''}; MPI: {raw['mpi']}")
    print(f"{'# pair':<10} {'size':>8} {'IMB fq':>11} {'ours fq':>11} {'ratio fq':>9} "
          f"{'medians':>8} {'paired':>7}  verdict")
    all_within = True
    counts = {"fq": 0, "paired": 0, "judged": 0}
    for name, pair in raw["pairs"].items():
        runs = {side: [{int(k): v for k, v in r.items()} for r in pair[side]]
                for side in ("imb", "ours")}
        sizes = sorted(set.intersection(*(set(r) for r in runs["imb"] + runs["ours"])))
        for size in sizes:
            theirs = [r[size] for r in runs["imb"]]
            ours = [r[size] for r in runs["ours"]]
            ratio = fast_quartile(ours, False) / fast_quartile(theirs, False)
            paired = statistics.median(o / t for o, t in zip(ours, theirs))
            verdict = "-"
            if size in JUDGED:
                within = abs(ratio - 1.0) <= TOLERANCE
                all_within &= within
                counts["judged"] += 1
                counts["fq"] += within
                counts["paired"] += abs(paired - 1.0) <= TOLERANCE
                verdict = "within 5%" if within else "OUTSIDE 5%"
            print(f"{name:<10} {size:>8} {fast_quartile(theirs, False):>11.4f} "
                  f"{fast_quartile(ours, False):>11.4f} {ratio:>9.3f} "
                  f"{statistics.median(ours) / statistics.median(theirs):>8.3f} "
                  f"{paired:>7.3f}  {verdict}")
    # The paired median (each run against its neighbour) cancels drift between runs; the verdict
    # stays on the fast quartiles, as in compare_osu.py, and both counts are shown.
    print(f"# within {TOLERANCE:.0%}: {counts['fq']}/{counts['judged']} by fast quartile, "
          f"{counts['paired']}/{counts['judged']} by paired median")
    return all_within


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--imb", type=Path, help="the IMB-MPI1 executable")
    parser.add_argument("--from-raw", type=Path, help="judge the runs saved by --raw; run nothing")
    parser.add_argument("--raw", type=Path, help="save every run's figures to this JSON file")
    parser.add_argument("--kernels", type=Path, default=default_kernels(), help="hpcpat-kernels")
    parser.add_argument("--repeats", type=int, default=7, help="alternating runs per pair")
    parser.add_argument("--realtime", action="store_true", help="run ranks under chrt -f 50")
    parser.add_argument("--only", nargs="+", choices=list(PAIRS), help="pairs to run")
    parser.add_argument("--noise-floor", action="store_true",
                        help="run IMB against itself by the same protocol")
    parser.add_argument("--mpirun", help="launcher (default mpirun.openmpi, else mpirun)")
    parser.add_argument("--mpirun-flag", action="append", default=[], help="extra launcher flag")
    args = parser.parse_args()
    if args.from_raw:
        try:
            raw = json.loads(args.from_raw.read_text())
        except ValueError as e:
            fail_usage(f"--from-raw {args.from_raw}: not JSON ({e})")
    else:
        if not args.imb or not args.imb.is_file():
            fail_usage(f"--imb {args.imb}: not the IMB-MPI1 executable")
        if not args.kernels:
            fail_usage("no hpcpat-kernels found (give --kernels)")
        with tempfile.TemporaryDirectory() as tmp:
            raw = collect(args, Runner(args), Path(tmp))
        if args.raw:
            args.raw.write_text(json.dumps(raw, indent=1) + "\n")
    try:
        return 0 if judge(raw) else 1
    except (KeyError, TypeError, ValueError, AttributeError) as e:
        fail_usage(f"--from-raw {args.from_raw}: not a file written by --raw ({type(e).__name__}: {e})")


if __name__ == "__main__":
    sys.exit(main())
