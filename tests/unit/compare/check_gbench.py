#!/usr/bin/python3
"""hpcpat compare on real Google Benchmark files, made here by a tiny benchmark program whose work
per iteration is known by construction (--work=K multiplies it by K).

usage: check_gbench.py HPCPAT TINY_BENCHMARK VALIDATE_JSON SCHEMA WORKDIR

- 4 repetitions with --work=1 (A) and with --work=10 (B), JSON written with --benchmark_out
  (aggregates included, as Google Benchmark writes them);
- A against itself: every benchmark paired, 4 repetitions each (the aggregates are not
  repetitions), change 0, no regression, exit 0; the --json output validates against compare.v1
  (A against a rerun of the same work is not asserted: on a shared machine two runs of one
  program differ by several per cent, which is what the tool should then report);
- A against B: both benchmarks regress, change > +100% (10x the work, +900%: the load of a
  shared machine moves A and B, run at different moments, by up to 2x (3x the work showed +52%
  to +219%), which cannot hide this; the timer is Google Benchmark's real_time, the program's
  own wall clock), exit 1;
- an aggregates-only file (--benchmark_report_aggregates_only) gives 1 value per benchmark:
  "too few repeats", exit 0;
- --metric fom reads items_per_second: B against A is a regression (lower is worse), exit 1;
- bad input, exit 2 with one line naming what is wrong: a references file with a bad field
  (FILE:LINE and the field), a JSON file that is no Google Benchmark output, --threshold -1,
  --metric mpi-fraction of a Google Benchmark file.
"""
import json
import os
import shutil
import subprocess
import sys


def fail(msg):
    print(f"FAIL: {msg}", file=sys.stderr)
    sys.exit(1)


def bench(tiny, out, work, *extra):
    argv = [tiny, f"--work={work}", "--benchmark_repetitions=4", "--benchmark_min_time=0.02",
            f"--benchmark_out={out}", "--benchmark_out_format=json", *extra]
    proc = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    if proc.returncode != 0:
        fail(f"{argv}: exit {proc.returncode}\n{proc.stderr}")


def compare(hpcpat, *args):
    proc = subprocess.run([hpcpat, "compare", *args], capture_output=True, text=True, timeout=60)
    print(proc.stdout, proc.stderr)
    return proc


def main():
    hpcpat, tiny, validate, schema, work = sys.argv[1:6]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    a, b, agg = (os.path.join(work, n) for n in ("a.json", "b.json", "agg.json"))
    bench(tiny, a, 1)
    bench(tiny, b, 10)
    bench(tiny, agg, 1, "--benchmark_report_aggregates_only=true")

    same = compare(hpcpat, a, a, "--json")
    if same.returncode != 0:
        fail(f"A against itself: exit {same.returncode}, expected 0 (no regression)")
    out = os.path.join(work, "same.json")
    with open(out, "w") as f:
        f.write(same.stdout)
    if subprocess.run([sys.executable, validate, schema, out]).returncode != 0:
        fail("compare --json does not validate against compare.v1")
    doc = json.loads(same.stdout)
    names = sorted(p["case"] for p in doc["pairs"])
    if names != ["BM_Spin/20000", "BM_Spin/40000"]:
        fail(f"pairs {names}, expected BM_Spin/20000 and BM_Spin/40000")
    for p in doc["pairs"]:
        if p["base"]["n"] != 4 or p["new"]["n"] != 4:
            fail(f"{p['case']}: {p['base']['n']} and {p['new']['n']} values, expected 4 repetitions")
        if p["verdict"] != "no change" or p["change"] != 0:
            fail(f"{p['case']}: {p['verdict']}, change {p['change']} against itself")

    slow = compare(hpcpat, a, b, "--json")
    if slow.returncode != 1:
        fail(f"A against B (10x work): exit {slow.returncode}, expected 1")
    for p in json.loads(slow.stdout)["pairs"]:
        if p["verdict"] != "regression" or not p["change"] > 1.0:
            fail(f"{p['case']}: {p['verdict']}, change {p['change']}, expected a regression > +100%")

    agg_run = compare(hpcpat, agg, agg, "--json")
    if agg_run.returncode != 0:
        fail(f"aggregates only: exit {agg_run.returncode}, expected 0")
    for p in json.loads(agg_run.stdout)["pairs"]:
        if p["new"]["n"] != 1 or p["verdict"] != "too few repeats":
            fail(f"aggregates only: {p['case']}: n {p['new']['n']}, {p['verdict']}")

    fom = compare(hpcpat, a, b, "--metric", "fom")
    if fom.returncode != 1 or "regression" not in fom.stdout:
        fail(f"--metric fom A against B: exit {fom.returncode}, expected 1 with a regression")
    refs = os.path.join(work, "refs.yaml")
    with open(refs, "w") as f:
        f.write("references:\n  - {case: BM_Spin/20000, value: 1, lower: 0.5, upper: 1, unit: s}\n")
    other = os.path.join(work, "other.json")
    with open(other, "w") as f:
        f.write('{"ranks": 2}')
    for args, message in (
            ((a, a, "--references", refs), f"{refs}:2: references[0].lower: expected a number <= 0"),
            ((a, other), f"NEW '{other}': a file but no Google Benchmark JSON"),
            ((a, a, "--threshold", "-1"), "--threshold: expected a relative change >= 0"),
            ((a, a, "--metric", "mpi-fraction"), "has no MPI fraction; expected wall or fom")):
        proc = compare(hpcpat, *args)
        lines = proc.stderr.splitlines()
        if proc.returncode != 2 or len(lines) != 1 or message not in lines[0]:
            fail(f"{args}: exit {proc.returncode}, stderr {proc.stderr!r}; expected 2 and {message!r}")
    print("google benchmark files: ok")


if __name__ == "__main__":
    main()
