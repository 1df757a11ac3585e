#!/usr/bin/python3
"""Runs `hpcpat show --json` on a fixture and checks what it prints.

usage: check_show_json.py HPCPAT PROFILE SUMMARY_SCHEMA VALIDATOR [--views]

Stdout must be one JSON document valid against SUMMARY_SCHEMA (checked by VALIDATOR,
tests/tools/validate_json.py), exit 0, and name PROFILE. With valid_2ranks.json the top call is
MPI_Allreduce with 60 % of MPI time (0.9 of 1.5 s), known by construction of the fixture.
With --views, `--ranks --histograms --matrix` are added and their figures checked too: the ranks'
0.5 and 1.0 s of MPI time in 2.0 s (25 and 50 %, mean 37.5 %), MPI_Send's 5 messages of 1 KiB in
bin 11 (1024..2047) and the matrix's one pair, 0 -> 1 with 5 messages and 5120 bytes.
Exit 0 when all hold, 1 otherwise.
"""
import json
import os
import subprocess
import sys
import tempfile


def check_views(doc):
    problems = []
    table = doc["rank_table"]
    got = [(r["rank"], r["mpi_time_s"], r["percent_mpi"], r["exit"]) for r in table["ranks"]]
    if got != [(0, 0.5, 25.0, "finalized"), (1, 1.0, 50.0, "finalized")]:
        problems.append(f"rank_table rows {got}")
    if table["mean"] != {"app_time_s": 2.0, "mpi_time_s": 0.75, "percent_mpi": 37.5}:
        problems.append(f"rank_table mean {table['mean']}")
    sends = [h["bins"] for h in doc["histograms"] if h["name"] == "MPI_Send"]
    want = [{"bin": 11, "lo": 1024, "hi": 2047, "count": 5, "time_s": 0.4, "percent_time": 100.0,
             "bytes": 5120}]
    if sends != [want]:
        problems.append(f"MPI_Send histogram {sends}")
    if doc["matrix"] != {"pairs": 1,
                         "heaviest": [{"src": 0, "dst": 1, "messages": 5, "bytes": 5120}]}:
        problems.append(f"matrix {doc['matrix']}")
    return problems


def main(argv):
    if len(argv) not in (5, 6) or argv[5:] not in ([], ["--views"]):
        print(__doc__, file=sys.stderr)
        return 2
    hpcpat, profile, schema, validator = argv[1:5]
    views = ["--ranks", "--histograms", "--matrix"] if argv[5:] else []
    run = subprocess.run([hpcpat, "show", "--json", *views, profile], capture_output=True,
                         text=True)
    if run.returncode != 0:
        print(f"FAIL: exit {run.returncode}\n{run.stderr}", file=sys.stderr)
        return 1
    doc = json.loads(run.stdout)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        f.write(run.stdout)
    try:
        check = subprocess.run([sys.executable, validator, schema, f.name], capture_output=True,
                               text=True)
    finally:
        os.unlink(f.name)
    problems = []
    if check.returncode != 0:
        problems.append(f"not valid against {schema}:\n{check.stdout}{check.stderr}")
    if doc.get("profile") != profile:
        problems.append(f"profile is {doc.get('profile')!r}, expected {profile!r}")
    top = doc["calls"]["top"][0]
    if top["name"] != "MPI_Allreduce" or abs(top["percent_mpi"] - 60.0) > 1e-9:
        problems.append(f"top call is {top}, expected MPI_Allreduce at 60 % of MPI time")
    if views:
        problems += check_views(doc)
    for p in problems:
        print(f"FAIL: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
