#!/usr/bin/env python3
"""Runs shellcheck over the shell of every RUN instruction of the given Dockerfiles.

Each RUN (continuation lines joined) becomes a POSIX sh script preceded by the Dockerfile's ARG
and ENV names, assigned, so that shellcheck knows them; shellcheck's findings are printed with
the Dockerfile and the RUN's line. Exit 0 clean, 1 findings, 2 no shellcheck or unreadable input.

usage: shellcheck_dockerfiles.py DOCKERFILE...
"""
import re
import shutil
import subprocess
import sys


def runs(text):
    """(line, shell) of each RUN, and the ARG/ENV names, of one Dockerfile."""
    names, out = set(), []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        start, line = i + 1, lines[i]
        while line.endswith("\\") and i + 1 < len(lines):
            i += 1
            line = line + "\n" + lines[i]  # the shell reads the continuation as Docker does
        i += 1
        word = line.split(" ", 1)[0]
        if word == "ARG":
            names.add(line.split()[1].split("=")[0])
        elif word == "ENV":
            names.update(re.findall(r"([A-Za-z_][A-Za-z0-9_]*)=", line))
        elif word == "RUN":
            out.append((start, line[4:]))
    return names, out


def main(paths):
    if shutil.which("shellcheck") is None:
        print("shellcheck_dockerfiles: shellcheck not found", file=sys.stderr)
        return 2
    findings = 0
    for path in paths:
        try:
            text = open(path, encoding="utf-8").read()
        except OSError as e:
            print(f"shellcheck_dockerfiles: {path}: {e.strerror}", file=sys.stderr)
            return 2
        names, scripts = runs(text)
        prelude = "".join(f"{n}=${{{n}:-}}\n" for n in sorted(names))
        for line, shell in scripts:
            script = "#!/bin/sh\n" + prelude + shell + "\n"
            r = subprocess.run(["shellcheck", "-s", "sh", "-f", "gcc", "-"], input=script,
                               capture_output=True, text=True)
            if r.returncode != 0:
                findings += 1
                for f in r.stdout.splitlines():
                    print(f"{path}:{line}: RUN: {f.split(':', 3)[-1].strip()}")
    if findings == 0:
        print(f"{len(paths)} Dockerfiles: every RUN is shellcheck-clean")
    return 1 if findings else 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1:]))
