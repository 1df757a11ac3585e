#!/usr/bin/python3
"""Where hpcpat profile writes its results (issue 11, defects 1, 6 and 7), end to end.

usage: check_output_safety.py MODE --hpcpat HPCPAT --program MPI_PROGRAM --workdir DIR
MODE:
  clobber   -o naming a FIFO, a directory, a symbolic link to a file outside, the program being
            profiled (even with --force), or an existing file (without --force): exit 2 before any
            launch, one message naming -o, the target untouched. --force replaces a regular file.
  precheck  -o under /proc, a file name over the file system's limit, an unwritable -o directory,
            and no -o in an unwritable working directory: exit 2 before the launch (no rank runs,
            no profile anywhere), one message naming the option and what was expected.
            Unwritable directories are made so for an unprivileged user: as root, hpcpat runs as
            nobody (setpriv), as root ignores permissions.
  collide   three runs of one program started together in one directory without -o: three
            profiles, three run ids, each named in its own file name.
Exit 0 when every check holds, 1 otherwise.
"""
import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
import stand_in_targets  # noqa: E402

TIMEOUT_S = 120


class CheckFailed(Exception):
    pass


def expect(cond, message):
    if not cond:
        raise CheckFailed(message)


def run(cmd, cwd, user=None):
    if user is not None:
        import pwd
        entry = pwd.getpwnam(user)
        cmd = ["setpriv", f"--reuid={entry.pw_uid}", f"--regid={entry.pw_gid}", "--clear-groups",
               "--"] + cmd
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT_S)


def show(r):
    return f"exit {r.returncode}\n--- stdout:\n{r.stdout}--- stderr:\n{r.stderr}"


def expect_refused(r, needle):
    """Exit 2 before the launch: hpcpat's one line names the problem; mpirun never started."""
    expect(r.returncode == 2, f"expected exit 2 for {needle!r}: {show(r)}")
    lines = [l for l in r.stderr.splitlines() if l]
    expect(len(lines) == 1 and needle in lines[0], f"expected one line with {needle!r}: {show(r)}")
    expect("mpirun" not in r.stderr, f"nothing may be launched: {show(r)}")


def fresh(path):
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


def mode_clobber(args, work):
    hp = [args.hpcpat, "profile", "-n", "1"]
    targets = stand_in_targets.make(work)
    for kind, target in targets.items():
        for force in ([], ["--force"]):
            r = run(hp + force + ["-o", target, "--", args.program], work)
            expect_refused(r, f"-o '{target}': ")
            expect(kind in r.stderr, f"names {kind}: {show(r)}")
    changed = stand_in_targets.untouched(targets)
    expect(not changed, changed)

    # The program being profiled, even with --force (its own copy, so the build is never at risk).
    program = os.path.join(work, "myapp")
    shutil.copy2(args.program, program)
    before = open(program, "rb").read()
    for force in ([], ["--force"]):
        r = run(hp + force + ["-o", program, "--", program], work)
        expect_refused(r, "is the program being profiled")
    expect(open(program, "rb").read() == before, "the program is unchanged")

    # An existing regular file: kept without --force, replaced by a new profile with it.
    existing = os.path.join(work, "existing.json")
    with open(existing, "w") as f:
        f.write("an earlier result\n")
    r = run(hp + ["-o", existing, "--", args.program], work)
    expect_refused(r, "already exists; expected a new file name (pass --force to replace it)")
    expect(open(existing).read() == "an earlier result\n", "the existing file is kept")
    r = run(hp + ["--force", "-o", existing, "--", args.program], work)
    expect(r.returncode == 0, f"--force replaces a regular file: {show(r)}")
    doc = json.load(open(existing))
    expect(doc["complete"] is True and doc["run"]["ranks"] == 1, "a complete profile replaced it")
    leftovers = [p for p in os.listdir(work) if ".tmp." in p]
    expect(not leftovers, f"temporary files left: {leftovers}")


def mode_precheck(args, work):
    hp = [args.hpcpat, "profile", "-n", "1"]
    r = run(hp + ["-o", "/proc/self/p.json", "--", args.program], work)
    expect_refused(r, "-o '/proc/self/p.json': is under /proc")
    long_name = os.path.join(work, "p" * 250 + ".json")
    r = run(hp + ["-o", long_name, "--", args.program], work)
    expect_refused(r, "': the file name is 255 bytes long; expected at most")

    user = None
    if os.geteuid() == 0:
        user = "nobody"
        os.chmod(work, 0o777)  # nobody may write here; only the locked directories below refuse
    locked = fresh(os.path.join(work, "locked"))
    os.chmod(locked, 0o555)
    target = os.path.join(locked, "p.json")
    r = run(hp + ["-o", target, "--", args.program], work, user)
    expect_refused(r, f"-o '{target}': directory '{locked}' is not writable")
    r = run(hp + ["--", args.program], locked, user)
    expect_refused(r, f"the default profile path '{locked}/hpcpat-")
    expect("is not writable" in r.stderr and "-o PATH" in r.stderr, show(r))
    found = glob.glob(os.path.join(work, "**", "*.json"), recursive=True)
    expect(not found, f"no profile may be written anywhere: {found}")


def mode_collide(args, work):
    cmd = [args.hpcpat, "profile", "-n", "1", "--", args.program]
    procs = [subprocess.Popen(cmd, cwd=work, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for _ in range(3)]
    paths, ids = set(), set()
    for p in procs:
        out, err = p.communicate(timeout=TIMEOUT_S)
        expect(p.returncode == 0, f"exit {p.returncode}:\n{out}{err}")
        m = re.search(r"^Profile: (.+)$", out, re.MULTILINE)
        expect(m is not None, f"no Profile line:\n{out}")
        paths.add(m.group(1))
    expect(len(paths) == 3, f"three runs, three profile files: {paths}")
    for path in paths:
        run_id = json.load(open(path))["run"]["id"]
        expect(os.path.basename(path) == f"hpcpat-{os.path.basename(args.program)}-{run_id}.json",
               f"{path} is named after its run id {run_id}")
        ids.add(run_id)
    expect(len(ids) == 3, f"three run ids: {ids}")
    expect(len(glob.glob(os.path.join(work, "*.json"))) == 3, "exactly three files")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["clobber", "precheck", "collide"])
    ap.add_argument("--hpcpat", required=True)
    ap.add_argument("--program", required=True)
    ap.add_argument("--workdir", required=True)
    args = ap.parse_args()
    work = fresh(args.workdir)
    try:
        {"clobber": mode_clobber, "precheck": mode_precheck, "collide": mode_collide}[args.mode](
            args, work)
    except CheckFailed as e:
        print(f"FAIL: {e}", file=sys.stderr)
        return 1
    print(f"ok: {args.mode}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
