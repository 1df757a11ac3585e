#!/usr/bin/env python3
"""Time to index N runs (default 10,000) in the results store: `hpcpat results reindex`, which
reads every run folder's record.json (the profile's and summary's figures are in it, read once by
finish_run) and rebuilds hpcpat.db in one transaction. Goal (issue 12): < 1 s for 10,000 runs.

The store is built here: N run folders whose record.json follows schemas/run-record.v1 (the first
is validated against it when python3-jsonschema is present), each with a copy of one real profile
(default: tests/unit/analysis/data/valid_2ranks.json) and a one-line summary. Then reindex runs
--repeats times (first run after the build, so the folders are in the page cache, as after a
study); the index is deleted before each so every run rebuilds it from nothing.

Timer: Python's time.perf_counter (CLOCK_MONOTONIC) around the whole hpcpat process, so process
start-up and the final WAL checkpoint are included; beside it the process's CPU time (user + sys
of all its threads, getrusage RUSAGE_CHILDREN), which a machine shared with other work inflates
less than the wall time. Prints each time, the medians and the load average.

usage: index_runs.py HPCPAT [--runs N] [--repeats R] [--profile FILE] [--keep DIR]
exit 0 (median < 1 s per 10,000 runs, scaled), 1 (slower), 2 (bad usage)
"""
import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def record(study, run, i):
    return {
        "schema": "hpcpat.run-record.v1", "study": study, "run": run,
        "case": f"case{i % 4}", "app": ["stencil", "cg", "minimd", "fft"][i % 4],
        "parameters": {"size": 64 + i % 3}, "nodes": 1 + i % 4, "ranks": 2, "ranks_per_node": 2,
        "threads": 1, "repeat": i % 5, "launcher": "mpirun",
        "argv": ["mpirun", "-np", "2", "stencil"], "env": {"HPCPAT_OUTPUT": "profile.json"},
        "status": "ok", "cause": "", "exit_code": 0, "signal": None,
        "start": {"utc": "2026-12-07T00:00:00.000Z", "epoch_s": 1796601600.0},
        "end": {"utc": "2026-12-07T00:00:02.000Z", "epoch_s": 1796601602.0}, "wall_s": 2.0,
        "hosts": ["node1"], "mpi_library": "Open MPI v4.1.4", "container": None,
        "hpcpat": {"version": "0.1.0", "git_sha": "abc"}, "tags": {},
        "figure_of_merit": "rate",
        "files": {"profile": "profile.json", "summary": "summary.json", "stdout": "stdout",
                  "stderr": "stderr", "launcher": None},
        "figures": {"mpi_fraction_median": 0.375, "mpi_fraction_max": 0.5,
                    "top_call": "MPI_Allreduce", "figure_of_merit": float(i)},
    }


def build(results, runs, profile):
    study = "bench"
    os.makedirs(os.path.join(results, study))
    names = [f"run{i:05d}" for i in range(runs)]
    with open(os.path.join(results, study, "study.yaml"), "w") as f:
        f.write("name: bench\n")
    with open(os.path.join(results, study, "study.json"), "w") as f:
        json.dump({"study": study, "spec_sha256": "0" * 64, "created_at": "2026-12-07T00:00:00Z",
                   "runs": names}, f)
    profile_text = open(profile).read()
    for i, name in enumerate(names):
        d = os.path.join(results, study, name)
        os.mkdir(d)
        for fname, text in (("profile.json", profile_text), ("stdout", "out\n"), ("stderr", ""),
                            ("summary.json", json.dumps({"app": "x", "figures": {"rate": i}})),
                            ("record.json", json.dumps(record(study, name, i), indent=2))):
            with open(os.path.join(d, fname), "w") as f:
                f.write(text)
    try:
        import jsonschema
        schema = json.load(open(os.path.join(ROOT, "schemas", "run-record.v1.schema.json")))
        jsonschema.validate(record(study, names[0], 0), schema)
    except ImportError:
        pass


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("hpcpat")
    ap.add_argument("--runs", type=int, default=10000)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--profile", default=os.path.join(ROOT, "tests/unit/analysis/data/valid_2ranks.json"))
    ap.add_argument("--keep", help="build the store here and keep it")
    a = ap.parse_args()
    if a.runs < 1 or a.repeats < 1:
        ap.error("--runs and --repeats: expected integers >= 1")
    results = a.keep or tempfile.mkdtemp(prefix="hpcpat-index-bench-")
    try:
        t0 = time.perf_counter()
        build(results, a.runs, a.profile)
        print(f"built {a.runs} run folders in {time.perf_counter() - t0:.1f} s: {results}")
        times, cpus = [], []
        for _ in range(a.repeats):
            for suffix in ("", "-wal", "-shm"):
                p = os.path.join(results, "hpcpat.db" + suffix)
                if os.path.exists(p):
                    os.remove(p)
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.perf_counter()
            out = subprocess.run([a.hpcpat, "results", "reindex", "--results", results],
                                 capture_output=True, text=True)
            times.append(time.perf_counter() - t)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
            if out.returncode != 0 or f"{a.runs} runs indexed" not in out.stdout:
                print(out.stdout, out.stderr, file=sys.stderr)
                return 1
        median = statistics.median(times)
        goal = a.runs / 10000.0
        print("reindex (time.perf_counter, whole process): " +
              ", ".join(f"{t:.3f}" for t in times) + f" s; median {median:.3f} s for {a.runs} runs "
              f"({median / a.runs * 1e6:.0f} us per run); goal < {goal:.2f} s")
        print(f"CPU time (user + sys): median {statistics.median(cpus):.3f} s; "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
        return 0 if median < goal else 1
    finally:
        if not a.keep:
            shutil.rmtree(results, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
