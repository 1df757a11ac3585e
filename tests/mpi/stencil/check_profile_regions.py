#!/usr/bin/env python3
"""Checks the regions an app recorded in an hpcpat profile.

Usage: check_profile_regions.py PROFILE [--count NAME=N ...] [--no-mpi NAME ...] [--mpi NAME ...]

--count: the region's count summed over ranks must be exactly N; --no-mpi: no MPI time inside the
region (pure computation); --mpi: some MPI time inside it (communication phases).
"""
import argparse
import json
import sys


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("profile")
    parser.add_argument("--count", action="append", default=[])
    parser.add_argument("--no-mpi", action="append", default=[])
    parser.add_argument("--mpi", action="append", default=[])
    args = parser.parse_args()
    try:
        with open(args.profile, encoding="utf-8") as f:
            regions = {r["name"]: r for r in json.load(f)["regions"]}
    except (OSError, ValueError, KeyError) as e:
        sys.exit(f"FAIL: {args.profile}: cannot read regions: {e}")
    print(json.dumps(regions, indent=1))
    failures = []
    for spec in args.count:
        name, expected = spec.split("=")
        got = regions.get(name, {}).get("count")
        if got != int(expected):
            failures.append(f"region {name}: count {got}, expected {expected}")
    for name in args.no_mpi:
        got = regions.get(name, {}).get("mpi_time_s")
        if got != 0:
            failures.append(f"region {name}: mpi_time_s {got}, expected 0 (no MPI inside)")
    for name in args.mpi:
        got = regions.get(name, {}).get("mpi_time_s")
        if not got or got <= 0:
            failures.append(f"region {name}: mpi_time_s {got}, expected > 0")
    if failures:
        print("FAIL\n" + "\n".join(failures))
        return 1
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
