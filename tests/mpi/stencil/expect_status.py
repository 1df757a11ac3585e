#!/usr/bin/env python3
"""Runs a command (argv list, no shell) and passes only if it exits with exactly STATUS and
writes MESSAGE (a substring) to stderr. Usage: expect_status.py STATUS MESSAGE -- COMMAND..."""
import subprocess
import sys


def main():
    if len(sys.argv) < 5 or sys.argv[3] != "--":
        sys.exit("usage: expect_status.py STATUS MESSAGE -- COMMAND...")
    status, message, command = int(sys.argv[1]), sys.argv[2], sys.argv[4:]
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          check=False, timeout=120)
    print(f"status {done.returncode}\nstdout:\n{done.stdout}\nstderr:\n{done.stderr}")
    if done.returncode != status:
        print(f"FAIL: expected exit status {status}, got {done.returncode}")
        return 1
    if message not in done.stderr:
        print(f"FAIL: stderr lacks {message!r}")
        return 1
    if any(line.startswith("{") for line in done.stdout.splitlines()):
        print("FAIL: a refused run printed a summary")
        return 1
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
