#!/usr/bin/env python3
"""Checks the profile of an mlp run (interposer preloaded) against its summary, exactly.

Per step one MPI_Allreduce (blocking) or MPI_Iallreduce (--overlap) per bucket, of the bucket's
bytes (summary params.bucket_bytes; the first carries the 8-byte loss slot). Beyond training the
app makes 5 small MPI_Allreduce per rank: the memory check before allocating (2 doubles), the
phase times (5 and 1 doubles) and the replica checksum (min and max, 1 double each) = 80 bytes. Regions: forward/backward/allreduce/update once
per step per rank; forward and update contain no MPI.

usage: check_mlp_profile.py PROFILE.json SUMMARY.json
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../tools"))
from jsonfile import load  # noqa: E402  (tests/tools, found by path)
from profile_expect import Profile, report  # noqa: E402


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    profile, summary = Profile(sys.argv[1]), load(sys.argv[2])
    params = summary["params"]
    p, steps = params["ranks"], params["steps"]
    buckets = params["bucket_bytes"]
    per_step = (p * steps * len(buckets), p * steps * sum(buckets))
    extra = (5 * p, 80 * p)
    if params["overlap"]:
        expected = {"MPI_Iallreduce": per_step, "MPI_Allreduce": extra}
    else:
        expected = {"MPI_Allreduce": (per_step[0] + extra[0], per_step[1] + extra[1])}
    errors = profile.call_errors(expected)
    errors += profile.region_errors(
        {name: p * steps for name in ("forward", "backward", "allreduce", "update")}, p)
    errors += profile.mpi_free_region_errors(("forward", "update"))
    return report(errors, f"{expected}, 4 regions x {p * steps}")


if __name__ == "__main__":
    sys.exit(main())
