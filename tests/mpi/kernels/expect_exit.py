#!/usr/bin/python3
"""Runs a command (argv, no shell) and checks its exact exit status and a message on stderr.

usage: expect_exit.py --code N --stderr REGEX [--timeout S] -- COMMAND [ARG...]

ctest's WILL_FAIL cannot tell exit status 2 (bad input) from 1 (a failed run); this can.
Exit 0 when the status is exactly N and REGEX (Python syntax) matches stderr, else 1.
"""
import argparse
import re
import subprocess
import sys


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", type=int, required=True)
    parser.add_argument("--stderr", required=True)
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("command", nargs="+")
    args = parser.parse_args(argv)
    try:
        proc = subprocess.run(args.command, capture_output=True, text=True, timeout=args.timeout,
                              check=False)
    except subprocess.TimeoutExpired:
        print(f"timed out after {args.timeout} s: {args.command}", file=sys.stderr)
        return 1
    ok = True
    if proc.returncode != args.code:
        print(f"exit status {proc.returncode}, expected {args.code}", file=sys.stderr)
        ok = False
    if not re.search(args.stderr, proc.stderr):
        print(f"stderr does not match /{args.stderr}/", file=sys.stderr)
        ok = False
    if not ok:
        print("--- stdout\n" + proc.stdout + "--- stderr\n" + proc.stderr, file=sys.stderr)
        return 1
    print(f"exit status {proc.returncode} and stderr /{args.stderr}/ as expected")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
