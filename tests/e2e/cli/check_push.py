#!/usr/bin/python3
"""hpcpat push against a stand-in oras (no registry and no oras CLI here): a program that records
its argv, the folder it ran in and the members of the archive it was given, then succeeds or
fails as told. Checked: the exact oras argv (artifact type, annotations, reference, the layer's
media type), the archive's members (the study's folder, or the whole store without its SQLite
index), the temporary folder gone afterwards, a failing oras reported with its own words (exit
1), oras absent said plainly (exit 1), bad references and unknown studies refused (exit 2).

usage: check_push.py HPCPAT WORKDIR
"""
import os
import shutil
import subprocess
import sys

STAND_IN = """#!/bin/sh
{ printf '%s\\n' "$@"; pwd; } > "$RECORD/argv"
for a in "$@"; do case "$a" in *.tar.gz:*) tar -tzf "${a%%:*}" | sort > "$RECORD/members";; esac; done
if [ -n "$FAIL" ]; then echo "$FAIL" >&2; exit 3; fi
echo "Digest: sha256:1111"
"""


def store(root):
    """A store of two studies, each with a run folder, and an index."""
    shutil.rmtree(root, ignore_errors=True)
    for study in ("s1", "s2"):
        os.makedirs(os.path.join(root, study, "r1"))
        for name in ("study.json", "r1/record.json", "r1/profile.json"):
            with open(os.path.join(root, study, name), "w") as f:
                f.write("{}\n")
    for name in ("hpcpat.db", "hpcpat.db-wal"):
        open(os.path.join(root, name), "w").close()


def main():
    hpcpat, work = sys.argv[1:3]
    shutil.rmtree(work, ignore_errors=True)
    record, tmp = os.path.join(work, "record"), os.path.join(work, "tmp")
    os.makedirs(record)
    os.makedirs(tmp)
    oras = os.path.join(work, "oras")
    with open(oras, "w") as f:
        f.write(STAND_IN)
    os.chmod(oras, 0o755)
    results = os.path.join(work, "results")
    store(results)
    env = dict(os.environ, RECORD=record, TMPDIR=tmp, FAIL="")
    failures = []

    def push(*args, fail="", code):
        p = subprocess.run([hpcpat, "push", *args], capture_output=True, text=True,
                           env=dict(env, FAIL=fail), timeout=60)
        if p.returncode != code:
            failures.append(f"push {' '.join(args)}: exit {p.returncode}, expected {code}\n"
                            f"{p.stdout}{p.stderr}")
        if os.listdir(tmp):
            failures.append(f"push {' '.join(args)}: left {os.listdir(tmp)} in TMPDIR")
        return p

    def recorded(name):
        with open(os.path.join(record, name)) as f:
            return f.read().splitlines()

    push(results, "registry.local:5000/team/results:s1", "--study", "s1", "--oras", oras, code=0)
    argv = recorded("argv")
    want = ["push", "--artifact-type", "application/vnd.hpcpat.results.v1", "--annotation",
            "io.hpcpat.version=", "--annotation", "io.hpcpat.study=s1",
            "registry.local:5000/team/results:s1",
            "hpcpat-results-s1.tar.gz:application/vnd.hpcpat.results.v1.tar+gzip"]
    got = [a if not a.startswith("io.hpcpat.version=") else "io.hpcpat.version=" for a in argv[:-1]]
    if got != want:
        failures.append(f"oras argv {argv[:-1]}, expected {want}")
    if not argv[-1].startswith(tmp):
        failures.append(f"oras ran in {argv[-1]}, expected a folder under {tmp}")
    members = recorded("members")
    if members != ["s1/", "s1/r1/", "s1/r1/profile.json", "s1/r1/record.json", "s1/study.json"]:
        failures.append(f"study archive holds {members}")

    push("--results", results, "registry.local/team/all", "--oras", oras, code=0)
    members = recorded("members")
    if any("hpcpat.db" in m for m in members) or "results/s2/r1/record.json" not in members:
        failures.append(f"store archive holds {members}")

    p = push(results, "registry.local/team/all", "--oras", oras, fail="unauthorized: denied",
             code=1)
    if "unauthorized: denied" not in p.stderr:
        failures.append(f"a failing oras: stderr {p.stderr!r}")
    p = push(results, "registry.local/team/all", "--oras", "hpcpat-no-such-oras", code=1)
    if "is not in PATH" not in p.stderr:
        failures.append(f"no oras: stderr {p.stderr!r}")
    for bad in ("registry.local/team/all;id", "-registry/x", "Registry/UPPER"):
        push(results, bad, "--oras", oras, code=2)
    p = push(results, "registry.local/x", "--study", "s9", "--oras", oras, code=2)
    if "it holds s1, s2" not in p.stderr:
        failures.append(f"unknown study: stderr {p.stderr!r}")
    push(results, "registry.local/x", "--study", "../s1", "--oras", oras, code=2)
    for f in failures:
        print("FAIL:", f, file=sys.stderr)
    if not failures:
        print("push: argv, archives, failures and refusals as expected")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
