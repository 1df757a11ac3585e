#!/usr/bin/python3
"""Runs a command (an argv list, never through a shell) and checks its exact exit status and
what it wrote to stderr. ctest's WILL_FAIL cannot tell exit 2 (bad input) from 1 (a failed run)
or from a crash; this can.

usage: expect_exit.py --code N [--stderr REGEX] [--stderr-once TEXT] [--stdout REGEX]
                      [--no-summary] [--timeout S] -- COMMAND [ARG...]

--stderr REGEX      stderr must match REGEX (Python syntax)
--stderr-once TEXT  stderr must hold TEXT exactly once (bad input is reported by rank 0 only)
--stdout REGEX      stdout must match REGEX (e.g. the defaults shown by --help)
--no-summary        stdout must hold no JSON summary line (a refused run computes nothing)
Exit 0 when every check holds, 1 otherwise.
"""
import argparse
import re
import subprocess
import sys


def main(argv):
    if "--" not in argv:
        print(__doc__, file=sys.stderr)
        return 2
    split = argv.index("--")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", type=int, required=True)
    parser.add_argument("--stderr", default=None)
    parser.add_argument("--stderr-once", default=None)
    parser.add_argument("--stdout", default=None)
    parser.add_argument("--no-summary", action="store_true")
    parser.add_argument("--timeout", type=float, default=120)
    args = parser.parse_args(argv[:split])
    command = argv[split + 1:]
    if not command:
        parser.error("no command given after --")
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=args.timeout,
                              check=False)
    except subprocess.TimeoutExpired:
        print(f"FAIL: timed out after {args.timeout} s: {command}")
        return 1
    failures = []
    if done.returncode != args.code:
        failures.append(f"exit status {done.returncode}, expected {args.code}")
    if args.stderr is not None and not re.search(args.stderr, done.stderr):
        failures.append(f"stderr does not match /{args.stderr}/")
    if args.stderr_once is not None and done.stderr.count(args.stderr_once) != 1:
        failures.append(f"stderr holds {args.stderr_once!r} {done.stderr.count(args.stderr_once)}"
                        " times, expected once")
    if args.stdout is not None and not re.search(args.stdout, done.stdout, re.MULTILINE):
        failures.append(f"stdout does not match /{args.stdout}/")
    if args.no_summary and any(l.startswith("{") for l in done.stdout.splitlines()):
        failures.append("a refused run printed a summary line")
    if failures:
        print("FAIL: " + "; ".join(failures))
        print(f"command: {command}\n--- stdout\n{done.stdout}--- stderr\n{done.stderr}")
        return 1
    print(f"ok: exit {done.returncode}; stderr: {done.stderr.strip()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
