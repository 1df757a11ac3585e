#!/usr/bin/env python3
"""The time `hpcpat report` takes for a 200-run study (issue 13: goal < 5 s).

Makes a real study once (stencil on 2 ranks and the latency kernel, one run each, under mpirun),
then a store of N runs from it: each run folder copied with its record renamed and its node count
and repeat varied (1, 2, 4, 8 nodes; repeats), so that every run has a real profile and the page
draws every view; the index is rebuilt with `hpcpat results reindex`. Two arms, interleaved in
rounds with the order alternating, so that a change of the machine's load hits both alike:
  list     hpcpat results list --json: opening the store and reading the index (the baseline)
  report   hpcpat report STUDY --force: the same, plus every profile read and the page written
Clock: time.perf_counter_ns (CLOCK_MONOTONIC) around each subprocess, start to exit. Prints the
medians per arm, their ratio, and the report's size.

usage: report_time.py --hpcpat BIN/hpcpat [--runs 200] [--rounds 7] [--json OUT]
exit: 0 measured, 1 a run failed, 2 bad arguments
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

SPEC = """name: seed
launcher: mpirun
timeout: 60s
env: {OMPI_MCA_btl: "self,vader,tcp"}
cases:
  - {name: stencil, app: stencil, ranks_per_node: 2, parameters: {n: 48, iters: 50}}
  - {name: latency, app: kernels, ranks_per_node: 2,
     parameters: {kernel: latency, max_size: 64K, iterations: 200}}
"""


def timed(argv):
    t0 = time.perf_counter_ns()
    p = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    dt = (time.perf_counter_ns() - t0) / 1e9
    if p.returncode != 0:
        raise RuntimeError(f"{argv[:3]}... exited {p.returncode}: "
                           f"{p.stderr.decode(errors='replace')[-500:]}")
    return dt


def make_store(hpcpat, work, runs):
    seed = os.path.join(work, "seed")
    with open(os.path.join(work, "seed.yaml"), "w") as f:
        f.write(SPEC)
    env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
    subprocess.run([hpcpat, "run", os.path.join(work, "seed.yaml"), "--results", seed],
                   check=True, env=env, stdout=subprocess.DEVNULL)
    sources = [os.path.join(seed, "seed", d) for d in sorted(os.listdir(os.path.join(seed, "seed")))
               if os.path.isfile(os.path.join(seed, "seed", d, "record.json"))]
    store = os.path.join(work, "store")
    study = os.path.join(store, "big")
    os.makedirs(study)
    shutil.copy(os.path.join(seed, "seed", "study.yaml"), study)
    names = []
    for i in range(runs):
        src = sources[i % len(sources)]
        rec = json.load(open(os.path.join(src, "record.json")))
        nodes = (1, 2, 4, 8)[(i // len(sources)) % 4]
        repeat = i // (len(sources) * 4)
        name = f"{rec['case']}.n{nodes}.rep{repeat + 1}"
        rec.update(study="big", run=name, nodes=nodes, repeat=repeat)
        shutil.copytree(src, os.path.join(study, name), ignore=shutil.ignore_patterns("record.json"))
        json.dump(rec, open(os.path.join(study, name, "record.json"), "w"), indent=2)
        names.append(name)
    plan = json.load(open(os.path.join(seed, "seed", "study.json")))
    plan.update(study="big", runs=names)
    json.dump(plan, open(os.path.join(study, "study.json"), "w"), indent=2)
    subprocess.run([hpcpat, "results", "reindex", "--results", store], check=True,
                   stdout=subprocess.DEVNULL)
    return store


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--hpcpat", required=True)
    ap.add_argument("--runs", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--json")
    a = ap.parse_args()
    if a.runs < 2 or a.rounds < 1:
        ap.error("--runs >= 2 and --rounds >= 1")
    work = tempfile.mkdtemp(prefix="hpcpat-report-time-")
    try:
        store = make_store(a.hpcpat, work, a.runs)
        page = os.path.join(work, "big.html")
        arms = {
            "list": [a.hpcpat, "results", "list", "--results", store, "--json"],
            "report": [a.hpcpat, "report", "big", "--results", store, "-o", page, "--force"],
        }
        times = {k: [] for k in arms}
        for r in range(a.rounds):
            for k in (list(arms) if r % 2 == 0 else list(reversed(arms))):
                times[k].append(timed(arms[k]))
        med = {k: statistics.median(v) for k, v in times.items()}
        out = {"runs": a.runs, "rounds": a.rounds, "clock": "time.perf_counter_ns (CLOCK_MONOTONIC)",
               "median_s": med, "report_over_list": med["report"] / med["list"],
               "page_bytes": os.path.getsize(page)}
        print(f"{a.runs}-run study, {a.rounds} rounds, clock {out['clock']}")
        for k, v in med.items():
            print(f"  {k:7s} median {v:.3f} s  (min {min(times[k]):.3f}, max {max(times[k]):.3f})")
        print(f"  report / list: {out['report_over_list']:.1f}x; page {out['page_bytes']} bytes")
        if a.json:
            json.dump(out, open(a.json, "w"), indent=2)
        return 0
    except (RuntimeError, subprocess.CalledProcessError) as e:
        print(f"report_time: {e}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
