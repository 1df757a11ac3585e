#!/usr/bin/python3
"""Runs one hpcpat command and checks its exit status, its output and the profile it wrote.

usage: check_hpcpat.py --expect-exit N [--stdout REGEX]... [--stderr REGEX]...
                       [--profile PATH] [--schema SCHEMA --validator validate_json.py]
                       [--expect-json KEY.PATH=JSON]... [--term-when-file FILE] [--clean PATH]...
                       -- HPCPAT ARGS...

REGEXes are searched line by line (re.MULTILINE). --profile and each --clean PATH are removed
before the run; --profile must exist after it. --term-when-file sends SIGTERM to hpcpat once FILE
appears (the application creates it at a known point), as a batch system's timeout would.
Without --profile, the path is taken from the summary's "Profile: PATH" line when --expect-json
or --schema ask for the profile. Exit 0 when every check holds, 1 otherwise.
"""
import argparse
import json
import os
import re
import signal
import subprocess
import sys
import time


def fail(message, result=None):
    print(f"FAIL: {message}", file=sys.stderr)
    if result is not None:
        print(f"--- exit status {result.returncode}\n--- stdout:\n{result.stdout}"
              f"--- stderr:\n{result.stderr}", file=sys.stderr)
    sys.exit(1)


def lookup(doc, dotted):
    for key in dotted.split("."):
        doc = doc[int(key)] if isinstance(doc, list) else doc[key]
    return doc


def run_and_terminate(command, marker):
    if os.path.exists(marker):
        os.remove(marker)
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not os.path.exists(marker):
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            out, err = proc.communicate()
            fail(f"{marker} never appeared",
                 subprocess.CompletedProcess(command, proc.returncode, out, err))
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=60)
    return subprocess.CompletedProcess(command, proc.returncode, out, err)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--expect-exit", type=int, required=True)
    parser.add_argument("--stdout", action="append", default=[])
    parser.add_argument("--stderr", action="append", default=[])
    parser.add_argument("--profile")
    parser.add_argument("--schema")
    parser.add_argument("--validator")
    parser.add_argument("--expect-json", action="append", default=[])
    parser.add_argument("--term-when-file")
    parser.add_argument("--clean", action="append", default=[])
    parser.add_argument("command", nargs="+")
    args = parser.parse_args()

    for stale in args.clean + ([args.profile] if args.profile else []):
        if os.path.exists(stale):
            os.remove(stale)
    if args.term_when_file:
        result = run_and_terminate(args.command, args.term_when_file)
    else:
        result = subprocess.run(args.command, capture_output=True, text=True, timeout=120)
    if result.returncode != args.expect_exit:
        fail(f"expected exit status {args.expect_exit}", result)
    for pattern in args.stdout:
        if not re.search(pattern, result.stdout, re.MULTILINE):
            fail(f"stdout has no line matching {pattern!r}", result)
    for pattern in args.stderr:
        if not re.search(pattern, result.stderr, re.MULTILINE):
            fail(f"stderr has no line matching {pattern!r}", result)

    profile = args.profile
    if profile is None and (args.expect_json or args.schema):
        m = re.search(r"^Profile: (.+)$", result.stdout, re.MULTILINE)
        if not m:
            fail("no 'Profile: PATH' line in stdout", result)
        profile = m.group(1)
    if profile is None:
        return 0
    if not os.path.isfile(profile):
        fail(f"profile {profile} was not written", result)
    if args.schema and os.path.exists(args.schema):
        check = subprocess.run([sys.executable, args.validator, args.schema, profile],
                               capture_output=True, text=True)
        if check.returncode != 0:
            fail(f"profile does not validate:\n{check.stdout}{check.stderr}", result)
    with open(profile, encoding="utf-8") as f:
        doc = json.load(f)
    for expectation in args.expect_json:
        path, _, expected = expectation.partition("=")
        actual = lookup(doc, path)
        if actual != json.loads(expected):
            fail(f"profile {path} is {json.dumps(actual)}, expected {expected}", result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
