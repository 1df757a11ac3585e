#!/usr/bin/python3
"""Runs an MPI program whose initialisation may bypass the interposer (Fortran `use mpi_f08`)
and checks that hpcpat is never silent about it: exit 0, and either a profile that validates or
exactly one "hpcpat: MPI was initialised without going through hpcpat's MPI_Init" line per rank.

usage: check_bypass.py --np N --profile P --schema S --validator V -- LAUNCH... PROGRAM
"""
import argparse
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "profile"))
from profile_checks import expect, run_main, validate  # noqa: E402

MESSAGE = "hpcpat: MPI was initialised without going through hpcpat's MPI_Init"


def check(args, command):
    if os.path.exists(args.profile):
        os.remove(args.profile)
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    expect(done.returncode == 0, f"exit {done.returncode}:\n{done.stderr}")
    said = [l for l in done.stderr.splitlines() if l.startswith(MESSAGE)]
    if os.path.exists(args.profile):
        validate(args.validator, args.schema, [args.profile])
        expect(not said, "a profile was written, yet hpcpat said it was bypassed")
        print("profiled: this MPI's f08 layer goes through the C entry points")
    else:
        expect(len(said) == args.np, f"no profile, and {len(said)} bypass line(s) for "
                                     f"{args.np} ranks:\n{done.stderr}")
        print(f"no profile, and one bypass line per rank ({args.np})")


def main():
    argv = sys.argv[1:]
    split = argv.index("--")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name in ("--profile", "--schema", "--validator"):
        parser.add_argument(name, required=True)
    parser.add_argument("--np", type=int, required=True)
    args = parser.parse_args(argv[:split])
    return run_main(lambda: check(args, argv[split + 1:]))


if __name__ == "__main__":
    sys.exit(main())
