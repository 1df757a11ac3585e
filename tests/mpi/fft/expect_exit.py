#!/usr/bin/env python3
"""Runs a command (an argv list, never through a shell) and checks its exact exit code and,
optionally, that its stderr contains a phrase. Used for "refused with exit 2" tests, which
ctest's WILL_FAIL cannot express (it accepts any non-zero code, crashes included).

usage: expect_exit.py CODE [--stderr-contains TEXT] [--timeout S] -- COMMAND ARG...
"""
import argparse
import subprocess
import sys


def main() -> int:
    argv = sys.argv[1:]
    if "--" not in argv:
        print(__doc__)
        return 2
    split = argv.index("--")
    parser = argparse.ArgumentParser()
    parser.add_argument("code", type=int)
    parser.add_argument("--stderr-contains", default=None,
                        help="a phrase stderr must contain exactly once (printed by rank 0 only)")
    parser.add_argument("--timeout", type=float, default=60)
    args = parser.parse_args(argv[:split])
    command = argv[split + 1:]
    if not command:
        parser.error("no command given after --")
    done = subprocess.run(command, capture_output=True, text=True, timeout=args.timeout)
    ok = True
    if done.returncode != args.code:
        print(f"FAIL: exit code {done.returncode}, expected {args.code}")
        ok = False
    if args.stderr_contains is not None:
        seen = done.stderr.count(args.stderr_contains)
        if seen != 1:
            print(f"FAIL: stderr holds {args.stderr_contains!r} {seen} times, expected once")
            ok = False
    if not ok:
        print("command:", command)
        print("stdout:", done.stdout)
        print("stderr:", done.stderr)
        return 1
    print(f"ok: exit {done.returncode}; stderr: {done.stderr.strip()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
