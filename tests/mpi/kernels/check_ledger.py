#!/usr/bin/python3
"""Cross-checks what hpcpat-kernels claims it issued against the interposer's profile of the run.

usage: check_ledger.py KERNELS_JSON PROFILE_JSON

The kernel JSON's `ranks[].mpi_calls` (its call ledger) must equal, rank by rank and routine by
routine, the counts and bytes the profile (profile.v1: `ranks[].calls`) recorded for every
communication routine (categories point_to_point, collective, wait_sync, one_sided); the totals
(`mpi_calls` vs `calls[]`) must agree too, and each call's size histogram must add up to its count
and bytes, and the region kernel.<name> must be there once per rank. Routines of category `other` (MPI_Init, MPI_Comm_rank, communicator creation...) are
not in the ledger and are ignored. Exit 0 when everything matches, 1 otherwise (each difference
printed), 2 when a file cannot be read.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../tools"))
from jsonfile import load  # noqa: E402  (tests/tools, found by path)

COMMUNICATION = {"point_to_point", "collective", "wait_sync", "one_sided"}


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    kernels, profile = load(argv[1]), load(argv[2])
    category = {c["name"]: c["category"] for c in profile["calls"]}
    problems = []

    def compare(where, claimed, recorded):
        names = set(claimed) | {n for n in recorded if category.get(n) in COMMUNICATION}
        for name in sorted(names):
            want = claimed.get(name, {"count": 0, "bytes": 0})
            got = recorded.get(name, {"count": 0, "bytes": 0})
            for key in ("count", "bytes"):
                if want[key] != got[key]:
                    problems.append(f"{where}: {name}.{key}: kernel claims {want[key]}, "
                                    f"interposer recorded {got[key]}")

    if profile["run"]["ranks"] != len(kernels["ranks"]):
        problems.append(f"ranks: kernel JSON has {len(kernels['ranks'])}, "
                        f"profile {profile['run']['ranks']}")
    recorded_by_rank = {r["rank"]: r["calls"] for r in profile["ranks"]}
    for r in kernels["ranks"]:
        compare(f"rank {r['rank']}", r["mpi_calls"], recorded_by_rank.get(r["rank"], {}))
    totals = {c["name"]: {"count": c["count"], "bytes": c["bytes"]} for c in profile["calls"]}
    compare("total", kernels["mpi_calls"], totals)
    # The kernel's phase is marked as a region on every rank.
    region = f"kernel.{kernels['kernel']}"
    found = [r for r in profile.get("regions", []) if r["name"] == region]
    if not found or found[0]["ranks"] != len(kernels["ranks"]) or found[0]["count"] != len(kernels["ranks"]):
        problems.append(f"profile: region {region} not recorded once on every rank: {found}")
    for c in profile["calls"]:
        hist = c.get("histogram", [])
        if sum(b["count"] for b in hist) != c["count"] or sum(b["bytes"] for b in hist) != c["bytes"]:
            problems.append(f"profile {c['name']}: histogram does not add up to count/bytes")

    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        return 1
    checked = sum(v["count"] for v in kernels["mpi_calls"].values())
    print(f"{argv[1]}: {checked} calls over {len(kernels['mpi_calls'])} routines match "
          f"{argv[2]} on every rank")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
