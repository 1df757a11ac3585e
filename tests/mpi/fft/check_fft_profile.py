#!/usr/bin/env python3
"""Checks the profile of an fft run (interposer preloaded) against what the app must do, exactly.

Per transform the slab decomposition makes 1 MPI_Alltoall on MPI_COMM_WORLD, the pencil one 2
(row, then column communicator); a run makes 1 + 2 + 2*iters transforms (plane-wave check,
untimed pair, timed pairs). Every call sends the rank's whole local block, so with an even grid
each MPI_Alltoall counts N*16/P bytes per rank (IPM rule: sendcount x size x comm size). Regions:
per transform one `transpose` and two `pack` per transpose; `fft_local` once per stage; only
`transpose` contains MPI.

usage: check_fft_profile.py PROFILE.json --ranks P --n N --iters K --decomp slab|pencil
"""
import argparse
import json
import sys


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("profile")
    parser.add_argument("--ranks", type=int, required=True)
    parser.add_argument("--n", type=int, required=True)
    parser.add_argument("--iters", type=int, required=True)
    parser.add_argument("--decomp", choices=["slab", "pencil"], required=True)
    args = parser.parse_args()
    with open(args.profile, encoding="utf-8") as f:
        profile = json.load(f)
    transforms = 1 + 2 + 2 * args.iters
    moves = 1 if args.decomp == "slab" else 2   # transposes per transform
    stages = moves + 1
    block_bytes = args.n ** 3 * 16 // args.ranks
    p = args.ranks
    expected_calls = {"MPI_Alltoall": (p * transforms * moves, p * transforms * moves * block_bytes)}
    expected_regions = {"transpose": p * transforms * moves, "pack": 2 * p * transforms * moves,
                        "fft_local": p * transforms * stages}
    errors = []
    calls = {c["name"]: c for c in profile["calls"]}
    for name, (count, nbytes) in expected_calls.items():
        got = calls.get(name)
        if got is None:
            errors.append(f"{name} missing")
        elif (got["count"], got["bytes"]) != (count, nbytes):
            errors.append(f"{name}: count/bytes {got['count']}/{got['bytes']}, expected {count}/{nbytes}")
    if "MPI_Alltoallv" in calls:
        errors.append("MPI_Alltoallv used although the grid divides evenly")
    regions = {r["name"]: r for r in profile["regions"]}
    for name, count in expected_regions.items():
        got = regions.get(name)
        if got is None:
            errors.append(f"region {name} missing")
            continue
        if (got["count"], got["ranks"]) != (count, p):
            errors.append(f"region {name}: count/ranks {got['count']}/{got['ranks']}, expected {count}/{p}")
    for name in ("fft_local", "pack"):
        if name in regions and regions[name]["mpi_time_s"] != 0:
            errors.append(f"region {name} holds MPI time {regions[name]['mpi_time_s']}")
    if "transpose" in regions and p > 1 and not regions["transpose"]["mpi_time_s"] > 0:
        errors.append("region transpose holds no MPI time")
    for e in errors:
        print("FAIL:", e)
    if not errors:
        print(f"ok: {expected_calls}, regions {expected_regions}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
