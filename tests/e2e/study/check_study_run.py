#!/usr/bin/python3
"""hpcpat run end to end, without launching anything (the runner is not part of these checks).

usage: check_study_run.py HPCPAT MODE [ARGS...]
  hostile                      every bad spec: exit 2, one line "hpcpat: FILE:LINE: FIELD: expected
                               ...", nothing on stdout, no results folder, nothing written
  verbatim                     shell syntax in a command's arguments reaches the rank program's argv
                               byte for byte in the dry run, and is never run
  determinism SPEC             two dry runs of one spec print the same bytes
  examples VALIDATOR SCHEMA FILE=RUNS...
                               each example is valid against the schema and its dry run lists RUNS
                               (RUNS "other-flavour": its program is refused for its MPI flavour)
Exit 0 when every check holds, 1 otherwise.
"""
import os
import re
import shlex
import subprocess
import sys
import tempfile

FAILURES = []


def check(ok, what):
    if not ok:
        FAILURES.append(what)
        print(f"FAIL: {what}", file=sys.stderr)


def run(hpcpat, args, cwd, extra_env=None):
    env = {k: v for k, v in os.environ.items() if k != "HPCPAT_RESULTS"}
    env["HPCPAT_RUN_ID"] = "study-e2e"  # the one value a dry run would otherwise draw fresh
    env.update(extra_env or {})
    return subprocess.run([hpcpat, "run"] + args, cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


CASE = "cases: [{name: a, app: cg}]\n"
# (label, spec text, line, field path): the line and field each message must name.
HOSTILE = [
    ("malformed", "name: s\ncases: [\n", 3, "(document)"),
    ("not_a_map", "- name: s\n", 1, "(document)"),
    ("unknown_key", "name: s\nlaunchr: mpirun\n" + CASE, 2, "launchr"),
    ("slash_name", "name: a/b\n" + CASE, 1, "name"),
    ("dotdot_name", "name: ..\n" + CASE, 1, "name"),
    ("leading_dot", "name: .hidden\n" + CASE, 1, "name"),
    ("whitespace_name", "name: \"a b\"\n" + CASE, 1, "name"),
    ("shell_name", "name: \"x;rm -rf y\"\n" + CASE, 1, "name"),
    ("subst_case_name", "name: s\ncases:\n  - name: \"$(touch pwned)\"\n    app: cg\n", 3,
     "cases[0].name"),
    ("zero_nodes", "name: s\nnodes: [1, 0]\n" + CASE, 2, "nodes[1]"),
    ("negative_repeats", "name: s\nrepeats: -2\n" + CASE, 2, "repeats"),
    ("absurd_ranks", "name: s\nranks_per_node: 100000\n" + CASE, 2, "ranks_per_node"),
    ("wrong_type", "name: s\nnodes: four\n" + CASE, 2, "nodes"),
    ("empty_cases", "name: s\ncases: []\n", 2, "cases"),
    ("duplicate_case", "name: s\ncases:\n  - {name: a, app: cg}\n  - {name: a, app: fft}\n", 4,
     "cases[1].name"),
    ("unknown_app", "name: s\ncases:\n  - name: a\n    app: hpl\n", 4, "cases[0].app"),
    ("bad_app_param", "name: s\ncases:\n  - name: a\n    app: minimd\n    parameters:\n"
     "      steps: [10, -1]\n", 6, "cases[0].parameters.steps[1]"),
    ("unknown_reference", "name: s\ncases:\n  - name: a\n    command: [prog, \"${nope}\"]\n", 4,
     "cases[0].command[1]"),
    ("zip_lengths", "name: s\ncases:\n  - name: a\n    app: cg\n    parameters: {nx: [8, 16], "
     "ny: [8]}\n    zip: [[nx, ny]]\n", 6, "cases[0].zip[0][1]"),
    ("ld_preload", "name: s\nenv:\n  LD_PRELOAD: /tmp/evil.so\n" + CASE, 3, "env.LD_PRELOAD"),
    ("owned_setting", "name: s\nenv:\n  HPCPAT_OUTPUT: /tmp/x.json\n" + CASE, 3,
     "env.HPCPAT_OUTPUT"),
    ("bad_timeout", "name: s\ntimeout: 2w\n" + CASE, 2, "timeout"),
    ("bad_runtime", "name: s\ncontainer: {image: x, runtime: docker}\n" + CASE, 2,
     "container.runtime"),
]


def only_spec_left(tmp, spec):
    left = sorted(os.listdir(tmp))
    return left == [os.path.basename(spec)], left


def hostile(hpcpat):
    for label, text, line, field in HOSTILE:
        with tempfile.TemporaryDirectory() as tmp:
            spec = os.path.join(tmp, "spec.yaml")
            with open(spec, "w", encoding="utf-8") as f:
                f.write(text)
            results = os.path.join(tmp, "results")
            # With and without --dry-run, with --results and with the default (./hpcpat-results
            # in the working directory): nothing may appear.
            for args in (["--dry-run", "--results", results], ["--results", results], [spec]):
                argv = [spec] + args if args[0] != spec else args
                p = run(hpcpat, argv, tmp)
                head = f"hpcpat: {spec}:{line}: {field}: expected "
                lines = p.stderr.splitlines()
                check(p.returncode == 2, f"{label} {args}: exit {p.returncode}, expected 2")
                check(len(lines) == 1 and lines[0].startswith(head),
                      f"{label} {args}: stderr {p.stderr!r}, expected one line starting {head!r}")
                check(p.stdout == "", f"{label} {args}: stdout {p.stdout!r}")
                ok, left = only_spec_left(tmp, spec)
                check(ok, f"{label} {args}: the folder holds {left}, expected only the spec")
    # Files that are not a regular spec, and a plan over the cap: exit 2, one line naming the file.
    with tempfile.TemporaryDirectory() as tmp:
        fifo = os.path.join(tmp, "fifo.yaml")
        os.mkfifo(fifo)
        big = os.path.join(tmp, "big.yaml")
        values = ", ".join(str(i) for i in range(1000))
        with open(big, "w", encoding="utf-8") as f:
            f.write("name: big\ncases:\n  - name: x\n    command: [p, \"${a}\", \"${b}\"]\n"
                    f"    parameters: {{a: [{values}], b: [{values}]}}\n")
        for spec, why in ((fifo, "regular file"), (tmp, "regular file"),
                          (big, "expands to 1000000 runs; expected at most 100000")):
            p = run(hpcpat, [spec, "--dry-run", "--results", os.path.join(tmp, "r")], tmp)
            check(p.returncode == 2 and len(p.stderr.splitlines()) == 1 and spec in p.stderr
                  and why in p.stderr, f"{spec}: exit {p.returncode}, stderr {p.stderr!r}")
        check(sorted(os.listdir(tmp)) == ["big.yaml", "fifo.yaml"], f"{tmp}: {os.listdir(tmp)}")
    print(f"{len(HOSTILE)} hostile specs and 3 unreadable or oversized ones refused")


def verbatim(hpcpat):
    with tempfile.TemporaryDirectory() as tmp:
        pwned = os.path.join(tmp, "pwned")
        args = [f"$(touch {pwned}1)", f"`touch {pwned}2`", f"; touch {pwned}3 #", "'\"*?<>|&"]
        spec = os.path.join(tmp, "spec.yaml")
        with open(spec, "w", encoding="utf-8") as f:
            f.write("name: verbatim\ncases:\n  - name: v\n    command: [true, "
                    + ", ".join(f"'{a.replace(chr(39), chr(39) * 2)}'" for a in args[:-1])
                    + ", \"${x}\"]\n    parameters:\n      x: '" + args[-1].replace("'", "''")
                    + "'\n")
        p = run(hpcpat, [spec, "--dry-run", "--launcher", "mpirun", "--results",
                         os.path.join(tmp, "r")], tmp)
        check(p.returncode == 0, f"verbatim: exit {p.returncode}: {p.stderr}")
        argv_lines = [l[len("  argv: "):] for l in p.stdout.splitlines() if l.startswith("  argv: ")]
        check(len(argv_lines) == 1, f"verbatim: {len(argv_lines)} argv lines in {p.stdout!r}")
        if argv_lines:
            argv = shlex.split(argv_lines[0])
            check(argv[-len(args):] == args,
                  f"verbatim: the program's arguments are {argv[-len(args):]}, expected {args}")
        for i in (1, 2, 3):
            check(not os.path.exists(f"{pwned}{i}"), f"verbatim: {pwned}{i} was created")
        check(sorted(os.listdir(tmp)) == ["spec.yaml"], f"verbatim: {os.listdir(tmp)}")
    print("shell syntax reached the program verbatim and ran nowhere")


def determinism(hpcpat, spec):
    with tempfile.TemporaryDirectory() as tmp:
        outs = [run(hpcpat, [spec, "--dry-run", "--launcher", "mpirun", "--results",
                             os.path.join(tmp, "r")], tmp) for _ in range(2)]
        check(all(o.returncode == 0 for o in outs), f"determinism: {[o.stderr for o in outs]}")
        check(outs[0].stdout == outs[1].stdout and outs[0].stdout != "",
              "determinism: two dry runs of one spec differ")
    print(f"two dry runs of {spec}: {len(outs[0].stdout)} identical bytes")


def examples(hpcpat, validator, schema, pairs):
    for pair in pairs:
        spec, runs = pair.rsplit("=", 1)
        v = subprocess.run([sys.executable, validator, schema, spec], capture_output=True, text=True)
        check(v.returncode == 0, f"{spec}: not valid against {schema}: {v.stderr}")
        with tempfile.TemporaryDirectory() as tmp:
            p = run(hpcpat, [spec, "--dry-run", "--launcher", "mpirun", "--results",
                             os.path.join(tmp, "r")], tmp)
            if runs == "other-flavour":
                # A program of the other MPI flavour (Debian's LAMMPS under an MPICH build) is
                # refused as hpcpat profile refuses it.
                check(p.returncode == 2 and "is linked with" in p.stderr and p.stdout == "",
                      f"{spec}: exit {p.returncode}, stderr {p.stderr!r}; expected the flavour "
                      "refusal")
                print(f"{spec}: valid, refused for its program's MPI flavour")
                continue
            check(p.returncode == 0, f"{spec}: exit {p.returncode}: {p.stderr}")
            header = re.search(r"^study \S+: (\d+) run\(s\)", p.stdout, re.M)
            listed = len(re.findall(r"^\[\d+/\d+\] ", p.stdout, re.M))
            check(header is not None and int(header.group(1)) == int(runs) and listed == int(runs),
                  f"{spec}: {header.group(1) if header else '?'} runs, {listed} listed; "
                  f"expected {runs}")
        print(f"{spec}: valid, {runs} runs")


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    hpcpat, mode = argv[1], argv[2]
    if mode == "hostile":
        hostile(hpcpat)
    elif mode == "verbatim":
        verbatim(hpcpat)
    elif mode == "determinism":
        determinism(hpcpat, argv[3])
    elif mode == "examples":
        examples(hpcpat, argv[3], argv[4], argv[5:])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
