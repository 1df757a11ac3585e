#!/usr/bin/env python3
"""Checks the profile of an mlp run (interposer preloaded) against its summary, exactly.

Per step one MPI_Allreduce (blocking) or MPI_Iallreduce (--overlap) per bucket, of the bucket's
bytes (summary params.bucket_bytes; the first carries the 8-byte loss slot). Beyond training the
app makes 4 small MPI_Allreduce per rank: the phase times (5 and 1 doubles) and the replica
checksum (min and max, 1 double each) = 64 bytes. Regions: forward/backward/allreduce/update once
per step per rank; forward and update contain no MPI.

usage: check_mlp_profile.py PROFILE.json SUMMARY.json
"""
import json
import sys


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        profile = json.load(f)
    with open(sys.argv[2], encoding="utf-8") as f:
        summary = json.load(f)
    params = summary["params"]
    p, steps = params["ranks"], params["steps"]
    buckets = params["bucket_bytes"]
    per_step = (p * steps * len(buckets), p * steps * sum(buckets))
    extra = (4 * p, 64 * p)
    if params["overlap"]:
        expected = {"MPI_Iallreduce": per_step, "MPI_Allreduce": extra}
    else:
        expected = {"MPI_Allreduce": (per_step[0] + extra[0], per_step[1] + extra[1])}
    errors = []
    calls = {c["name"]: c for c in profile["calls"]}
    for name, (count, nbytes) in expected.items():
        got = calls.get(name)
        if got is None:
            errors.append(f"{name} missing")
        elif (got["count"], got["bytes"]) != (count, nbytes):
            errors.append(f"{name}: count/bytes {got['count']}/{got['bytes']}, expected {count}/{nbytes}")
    regions = {r["name"]: r for r in profile["regions"]}
    for name in ("forward", "backward", "allreduce", "update"):
        got = regions.get(name)
        if got is None:
            errors.append(f"region {name} missing")
        elif (got["count"], got["ranks"]) != (p * steps, p):
            errors.append(f"region {name}: count/ranks {got['count']}/{got['ranks']}, "
                          f"expected {p * steps}/{p}")
    for name in ("forward", "update"):
        if name in regions and regions[name]["mpi_time_s"] != 0:
            errors.append(f"region {name} holds MPI time {regions[name]['mpi_time_s']}")
    for e in errors:
        print("FAIL:", e)
    if not errors:
        print(f"ok: {expected}, 4 regions x {p * steps}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
