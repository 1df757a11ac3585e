#!/usr/bin/python3
"""A real run that aborts on rank 1 with code 3, then `hpcpat show DIR` on what it left.

usage: check_show_merge.py HPCPAT FAULT_APP SUMMARY_SCHEMA VALIDATOR WORKDIR

fault_app abort (tests/mpi/profile): every rank does 2 barriers, then rank 1 calls
MPI_Abort(MPI_COMM_WORLD, 3) while rank 0 waits in a third barrier until the launcher's SIGTERM.
Rank 1 always dumps; rank 0 dumps when its signal handler runs before the launcher's SIGKILL.
The merged summary must say the run aborted with code 3 on rank 1 (not rank 0's signal 15), in
text and in JSON (valid against summary.v1), with each rank's own figures as its dump holds them,
and rank 1's exactly 2 barriers in the histogram. Exit 0 when all hold, 1 otherwise.
"""
import glob
import json
import os
import re
import shutil
import subprocess
import sys


def run(cmd, cwd=None):
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=120)


def main(argv):
    if len(argv) != 6:
        print(__doc__, file=sys.stderr)
        return 2
    hpcpat, app, schema, validator, workdir = argv[1:]
    shutil.rmtree(workdir, ignore_errors=True)
    os.makedirs(workdir)
    problems = []
    r = run([hpcpat, "profile", "-n", "2", "-o", os.path.join(workdir, "abort.json"), "--", app,
             "abort"], cwd=workdir)
    if r.returncode == 0:
        problems.append(f"the aborted run exited 0:\n{r.stderr}")
    dumps = {}
    for path in glob.glob(os.path.join(workdir, "abort.rank*.partial.json")):
        with open(path) as f:
            d = json.load(f)
        dumps[d["ranks"][0]["rank"]] = d
    if 1 not in dumps:
        print(f"FAIL: rank 1 wrote no partial dump (found {sorted(dumps)})\n{r.stderr}",
              file=sys.stderr)
        return 1
    print(f"dumps from ranks {sorted(dumps)}")

    text = run([hpcpat, "show", "--ranks", workdir])
    if text.returncode != 0:
        problems.append(f"show DIR exited {text.returncode}: {text.stderr}")
    if len(dumps) == 2:
        want = r"^  PARTIAL profile: 2 of 2 ranks' dumps merged \(run aborted, code 3, on rank 1\)$"
    else:
        want = r"^  PARTIAL profile: only rank 1's data \(run aborted, code 3\)$"
    if not re.search(want, text.stdout, re.MULTILINE):
        problems.append(f"no line matching {want!r} in:\n{text.stdout}")
    if not re.search(r"^ +1 \S+ +[0-9.]+ +[0-9.]+ +[0-9.]+  MPI_Abort\(3\)$", text.stdout,
                     re.MULTILINE):
        problems.append(f"rank 1's row does not say MPI_Abort(3):\n{text.stdout}")

    js = run([hpcpat, "show", "--json", "--ranks", "--histograms", "--matrix", workdir])
    out = os.path.join(workdir, "summary.json")
    with open(out, "w") as f:
        f.write(js.stdout)
    check = run([sys.executable, validator, schema, out])
    if js.returncode != 0 or check.returncode != 0:
        problems.append(f"--json: exit {js.returncode}, schema: {check.stdout}{check.stderr}")
        return report(problems)
    s = json.loads(js.stdout)
    run_ = s["run"]
    for key, value in (("exit", "aborted"), ("exit_code", 3), ("exit_rank", 1),
                       ("ranks_read", len(dumps))):
        if run_.get(key) != value:
            problems.append(f"run.{key} is {run_.get(key)!r}, expected {value!r}")
    rows = {row["rank"]: row for row in s["rank_table"]["ranks"]}
    if sorted(rows) != sorted(dumps):
        problems.append(f"rank_table has ranks {sorted(rows)}, the dumps {sorted(dumps)}")
    for rank, d in dumps.items():
        rec, ex = d["ranks"][0], d["run"]["exit"]
        row = rows.get(rank, {})
        if (row.get("app_time_s"), row.get("mpi_time_s")) != (rec["app_time_s"], rec["mpi_time_s"]):
            problems.append(f"rank {rank}: {row} does not hold its dump's times {rec}")
        if (row.get("exit"), row.get("exit_code"), row.get("exit_signal")) != \
                (ex["status"], ex["code"], ex["signal"]):
            problems.append(f"rank {rank}: exit {row} is not its dump's {ex}")
    barriers = sum(d["ranks"][0]["calls"]["MPI_Barrier"]["count"] for d in dumps.values())
    hist = {h["name"]: h["bins"] for h in s["histograms"]}
    got = sum(b["count"] for b in hist.get("MPI_Barrier", []))
    if dumps[1]["ranks"][0]["calls"]["MPI_Barrier"]["count"] != 2 or got != barriers:
        problems.append(f"MPI_Barrier: {got} in the histogram, {barriers} in the dumps "
                        "(rank 1 must have exactly 2)")
    return report(problems)


def report(problems):
    for p in problems:
        print(f"FAIL: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
