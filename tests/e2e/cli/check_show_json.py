#!/usr/bin/python3
"""Runs `hpcpat show --json` on a fixture and checks what it prints.

usage: check_show_json.py HPCPAT PROFILE SUMMARY_SCHEMA VALIDATOR

Stdout must be one JSON document valid against SUMMARY_SCHEMA (checked by VALIDATOR,
tests/tools/validate_json.py), exit 0, and name PROFILE. With valid_2ranks.json the top call is
MPI_Allreduce with 60 % of MPI time (0.9 of 1.5 s), known by construction of the fixture.
Exit 0 when all hold, 1 otherwise.
"""
import json
import os
import subprocess
import sys
import tempfile


def main(argv):
    if len(argv) != 5:
        print(__doc__, file=sys.stderr)
        return 2
    hpcpat, profile, schema, validator = argv[1:]
    run = subprocess.run([hpcpat, "show", "--json", profile], capture_output=True, text=True)
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
    for p in problems:
        print(f"FAIL: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
