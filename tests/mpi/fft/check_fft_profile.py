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
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../tools"))
from profile_expect import Profile, report  # noqa: E402  (tests/tools, found by path)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("profile")
    parser.add_argument("--ranks", type=int, required=True)
    parser.add_argument("--n", type=int, required=True)
    parser.add_argument("--iters", type=int, required=True)
    parser.add_argument("--decomp", choices=["slab", "pencil"], required=True)
    args = parser.parse_args()
    profile = Profile(args.profile)
    transforms = 1 + 2 + 2 * args.iters
    moves = 1 if args.decomp == "slab" else 2   # transposes per transform
    stages = moves + 1
    block_bytes = args.n ** 3 * 16 // args.ranks
    p = args.ranks
    expected_calls = {"MPI_Alltoall": (p * transforms * moves, p * transforms * moves * block_bytes)}
    expected_regions = {"transpose": p * transforms * moves, "pack": 2 * p * transforms * moves,
                        "fft_local": p * transforms * stages}
    errors = profile.call_errors(expected_calls)
    if "MPI_Alltoallv" in profile.calls:
        errors.append("MPI_Alltoallv used although the grid divides evenly")
    errors += profile.region_errors(expected_regions, p)
    errors += profile.mpi_free_region_errors(("fft_local", "pack"))
    transpose = profile.regions.get("transpose")
    if transpose is not None and p > 1 and not transpose["mpi_time_s"] > 0:
        errors.append("region transpose holds no MPI time")
    return report(errors, f"{expected_calls}, regions {expected_regions}")


if __name__ == "__main__":
    sys.exit(main())
