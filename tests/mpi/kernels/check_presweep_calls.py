#!/usr/bin/python3
"""The --json check adds no MPI call before the sweep (issue 10), checked on the interposer's profile.

usage: check_presweep_calls.py KERNELS_JSON PROFILE_JSON

For a run of the `allreduce` kernel with --json (and no --budget): every rank's profile must show
no MPI_Bcast at all, and exactly one MPI_Allreduce of 8 bytes (two ints: the node count and the
--json verdict) besides the sweep's warm-up + timed rounds of every size, whose counts and bytes
come from the kernel's own JSON. Before the fix, rank 0's --json check was an MPI_Bcast made before
the first size, which left Open MPI's shared-memory path in a slower state for it.
Exit 0 when it holds, 1 otherwise (each difference printed), 2 when a file cannot be read.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../tools"))
from jsonfile import load  # noqa: E402  (tests/tools, found by path)


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    kernels, profile = load(argv[1]), load(argv[2])
    rounds = sum(r["warmup"] + r["iterations"] for r in kernels["results"])
    sweep_bytes = sum(r["size"] * (r["warmup"] + r["iterations"]) for r in kernels["results"])
    want = {"count": rounds + 1, "bytes": sweep_bytes + 8}
    problems = []
    if kernels["kernel"] != "allreduce" or kernels["method"]["budget_s"] != 0:
        problems.append("expected a run of the allreduce kernel without --budget")
    for rank in profile["ranks"]:
        calls = rank["calls"]
        if "MPI_Bcast" in calls:
            problems.append(f"rank {rank['rank']}: {calls['MPI_Bcast']['count']} MPI_Bcast, want none")
        got = calls.get("MPI_Allreduce", {"count": 0, "bytes": 0})
        for key in ("count", "bytes"):
            if got[key] != want[key]:
                problems.append(f"rank {rank['rank']}: MPI_Allreduce.{key} {got[key]}, want "
                                f"{want[key]} (the sweep's plus one node count of 8 bytes)")
    for p in problems:
        print(p)
    if not problems:
        print(f"ok: {len(profile['ranks'])} ranks, no MPI_Bcast, {want['count']} MPI_Allreduce each")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
