#!/usr/bin/env python3
"""Runs an app at several rank counts and checks its one-line JSON summaries.

Usage: check_summaries.py [--np N ...] [--same KEY ...] [--close KEY=RELTOL ...]
                          [--expect KEY=VALUE ...] -- LAUNCHER ... {np} APP ARGS...

The command after '--' is an argv list (no shell); the token {np} is replaced by each rank count.
KEY is a dotted path into the summary, e.g. figures.iterations. Every run must exit 0 with
"ok": true; --same values must be identical across runs, --close values within RELTOL of the
first run's, --expect values equal to VALUE (compared as numbers) in every run.
"""
import argparse
import json
import subprocess
import sys


def lookup(doc, key):
    for part in key.split("."):
        if not isinstance(doc, dict) or part not in doc:
            raise KeyError(key)
        doc = doc[part]
    return doc


def run(command, np):
    argv = [str(np) if a == "{np}" else a for a in command]
    done = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          check=False, timeout=300)
    lines = [l for l in done.stdout.splitlines() if l.startswith("{")]
    if done.returncode != 0 or len(lines) != 1:
        sys.exit(f"FAIL np={np}: status {done.returncode}, {len(lines)} summary lines\n"
                 f"stdout:\n{done.stdout}\nstderr:\n{done.stderr}")
    doc = json.loads(lines[0])
    if doc.get("ok") is not True:
        sys.exit(f"FAIL np={np}: self-checks failed: {lines[0]}")
    return doc


def main():
    if "--" not in sys.argv:
        sys.exit("usage: check_summaries.py [options] -- COMMAND ... {np} ...")
    split = sys.argv.index("--")
    command = sys.argv[split + 1:]
    parser = argparse.ArgumentParser()
    parser.add_argument("--np", type=int, action="append", default=[])
    parser.add_argument("--same", action="append", default=[])
    parser.add_argument("--close", action="append", default=[])
    parser.add_argument("--expect", action="append", default=[])
    args = parser.parse_args(sys.argv[1:split])
    if "{np}" not in command:
        sys.exit("check_summaries.py: the command has no {np} token")

    docs = {np: run(command, np) for np in (args.np or [1])}
    first_np, first = next(iter(docs.items()))
    failures = []
    for np, doc in docs.items():
        for key in args.same:
            if lookup(doc, key) != lookup(first, key):
                failures.append(f"{key}: np={np} gives {lookup(doc, key)!r}, "
                                f"np={first_np} gives {lookup(first, key)!r}")
        for spec in args.close:
            key, tol = spec.split("=")
            a, b = float(lookup(doc, key)), float(lookup(first, key))
            if abs(a - b) > float(tol) * abs(b):
                failures.append(f"{key}: np={np} gives {a!r}, np={first_np} gives {b!r} "
                                f"(relative tolerance {tol})")
        for spec in args.expect:
            key, value = spec.split("=")
            if float(lookup(doc, key)) != float(value):
                failures.append(f"{key}: np={np} gives {lookup(doc, key)!r}, expected {value}")
    for np, doc in docs.items():
        print(f"np={np}: {json.dumps(doc)}")
    if failures:
        print("FAIL\n" + "\n".join(failures))
        return 1
    print(f"PASS: {len(docs)} runs agree")
    return 0


if __name__ == "__main__":
    sys.exit(main())
