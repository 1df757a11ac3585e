#!/usr/bin/python3
"""Runs fault_app under the launcher with the interposer preloaded and checks what it left.

usage: check_faults.py MODE --np N --workdir DIR --app FAULT_APP [launcher options]
MODE:
  abort    one rank calls MPI_Abort(3): the launcher fails; that rank's partial dump says
           aborted/3; every dump present (others die of the launcher's SIGTERM) is valid
  sigterm  every rank raises SIGTERM after 2 barriers: one partial dump per rank, signal 15
           (under MPICH, whose hydra kills the siblings of the first rank to die: one at least)
  timeout  this script sends SIGTERM to the launcher (a time limit): one dump per rank
  own      the app installed its own SIGTERM handler before MPI_Init: each rank dumps, the app's
           handler runs, the app finalizes normally and the full profile is written too
  badenv   bad HPCPAT_OUTPUT / HPCPAT_TAGS / HPCPAT_RUN_ID: one clear message each, run succeeds;
           a bad HPCPAT_OUTPUT means no profile anywhere (never a fallback), said at MPI_Init
  clobber  HPCPAT_OUTPUT naming a FIFO, a symbolic link to a file outside, a directory, or an
           existing file under HPCPAT_OVERWRITE=0 (as hpcpat sets it): refused at MPI_Init and at
           the write, the target untouched, no profile elsewhere; the interposer used alone
           (HPCPAT_OVERWRITE unset) replaces a regular file
Always: no temporary file left behind, every dump complete JSON that validates, no hang.
"""
import argparse
import glob
import os
import shutil
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
import stand_in_targets  # noqa: E402
from profile_checks import (CheckFailed, add_launcher_args, expect, flavour_args, launcher_from,
                            load, run_main, validate)

TIMEOUT_S = 60


def fresh_dir(path):
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


def run(cmd, cwd):
    try:
        return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired as e:
        raise CheckFailed(f"no exit within {TIMEOUT_S}s (a hang): {cmd}") from e


def check_partials(args, workdir, final, expect_ranks, status, code, signum):
    """Returns the dumps by rank after checking each one."""
    # A rank that the launcher SIGKILLs in the middle of its dump leaves its temporary file (never
    # a truncated final file); the ranks that end by themselves must leave none.
    for rank in expect_ranks:
        leftovers = glob.glob(os.path.join(workdir, f"*.rank{rank}.partial.json.tmp.*"))
        expect(not leftovers, f"rank {rank} left temporary files behind: {leftovers}")
    expect(not os.path.exists(final), f"{final} must not exist: the run never finalized")
    stem = final[: -len(".json")]
    paths = sorted(glob.glob(f"{stem}.rank*.partial.json"))
    validate(args.validator, args.schema, paths) if paths else None
    dumps = {}
    for path in paths:
        d = load(path)
        rank = int(path[len(stem) + len(".rank"):].split(".")[0])
        expect(d["complete"] is False, f"{path}: complete must be false")
        expect(len(d["ranks"]) == 1 and d["ranks"][0]["rank"] == rank, f"{path}: ranks[]")
        expect(d["run"]["ranks"] == args.np, f"{path}: run.ranks")
        expect(d["run"]["nodes"] is None, f"{path}: nodes unknown in a partial dump")
        calls = d["ranks"][0]["calls"]
        expect(calls.get("MPI_Barrier", {}).get("count", 0) >= 2, f"{path}: 2 barriers at least")
        dumps[rank] = d
    for rank, (st, cd, sg) in expect_ranks.items():
        expect(rank in dumps, f"rank {rank} wrote no partial dump (found {sorted(dumps)})")
        ex = dumps[rank]["run"]["exit"]
        expect(ex == {"status": st, "code": cd, "signal": sg}, f"rank {rank} exit {ex}")
        expect(dumps[rank]["ranks"][0]["calls"]["MPI_Barrier"]["count"] == 2,
               f"rank {rank}: exactly 2 completed barriers")
    for rank, d in dumps.items():
        ex = d["run"]["exit"]
        expect(ex["status"] in (status, "signal"), f"rank {rank}: exit {ex}")
    return dumps


def mode_abort(args, launcher, workdir):
    final = os.path.join(workdir, "abort.json")
    r = run(launcher.command(args.np, {"HPCPAT_OUTPUT": final}, [args.app, "abort"]), workdir)
    expect(r.returncode != 0, "the launcher must fail after MPI_Abort")
    aborter = 1 if args.np > 1 else 0
    dumps = check_partials(args, workdir, final, {aborter: ("aborted", 3, None)}, "aborted", 3, None)
    expect("partial profile written" in r.stderr, f"no message about the dump:\n{r.stderr}")
    print(f"dumps from ranks {sorted(dumps)}; rank {aborter} aborted")


def mode_sigterm(args, launcher, workdir):
    final = os.path.join(workdir, "sigterm.json")
    hold = flavour_args(launcher.flavour, "keep_ranks_after_a_death")
    r = run(launcher.command(args.np, {"HPCPAT_OUTPUT": final}, [args.app, "sigterm"], hold),
            workdir)
    expect(r.returncode != 0, "the launcher must fail when ranks die of SIGTERM")
    if launcher.flavour != "mpich":
        want = {rank: ("signal", None, signal.SIGTERM) for rank in range(args.np)}
        check_partials(args, workdir, final, want, "signal", None, signal.SIGTERM)
        return
    # Every rank raises SIGTERM itself. MPICH's hydra (4.0) SIGKILLs the other ranks' process
    # groups as soon as one rank has died of a signal, -disable-auto-cleanup notwithstanding
    # (strace: kill(-pgid, SIGKILL) right after the first SIGCHLD; a loaded machine loses a rank
    # in about one run of ten), so a sibling may die before its own raise. The first rank to die
    # always dumps; every dump there must be whole, say signal 15 and hold its 2 barriers. (The
    # mode `own` shows under MPICH too that every rank dumps when the signal reaches it.)
    dumps = check_partials(args, workdir, final, {}, "signal", None, signal.SIGTERM)
    expect(dumps, "no rank wrote a partial dump after raising SIGTERM")
    for rank, d in dumps.items():
        expect(d["run"]["exit"] == {"status": "signal", "code": None, "signal": signal.SIGTERM},
               f"rank {rank}: exit {d['run']['exit']}")
        expect(d["ranks"][0]["calls"]["MPI_Barrier"]["count"] == 2,
               f"rank {rank}: exactly 2 completed barriers")
    print(f"dumps from ranks {sorted(dumps)}")


def mode_timeout(args, launcher, workdir):
    final = os.path.join(workdir, "timeout.json")
    cmd = launcher.command(args.np, {"HPCPAT_OUTPUT": final}, [args.app, "wait"])
    proc = subprocess.Popen(cmd, cwd=workdir, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)
    try:
        line = proc.stdout.readline()  # "ready" once every rank passed its 2 barriers
        expect(line.strip() == "ready", f"fault_app did not get ready: {line!r}")
        time.sleep(0.3)
        proc.send_signal(signal.SIGTERM)  # what a launcher's or batch system's time limit sends
        try:
            proc.wait(timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired as e:
            raise CheckFailed("the run did not end within 60 s of SIGTERM (a hang)") from e
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)  # our own process group only
            proc.wait()
    # Open MPI's mpirun forwards the SIGTERM rank by rank and SIGKILLs the job as soon as one
    # rank has died of it, so a sibling can be killed before its handler ran: at least one dump,
    # and every dump present must be whole and say signal 15. (mode sigterm shows every rank
    # dumps when the signal reaches it.)
    dumps = check_partials(args, workdir, final, {}, "signal", None, signal.SIGTERM)
    expect(dumps, "no rank wrote a partial dump after SIGTERM")
    for rank, d in dumps.items():
        expect(d["run"]["exit"] == {"status": "signal", "code": None, "signal": signal.SIGTERM},
               f"rank {rank}: exit {d['run']['exit']}")
    print(f"dumps from ranks {sorted(dumps)}")


def mode_own(args, launcher, workdir):
    final = os.path.join(workdir, "own.json")
    r = run(launcher.command(args.np, {"HPCPAT_OUTPUT": final}, [args.app, "own"]), workdir)
    expect(r.returncode == 0, f"the app's own SIGTERM handler must decide, and it carries on:\n{r.stderr}")
    for rank in range(args.np):
        expect(f"rank {rank}: app handler ran: 1" in r.stdout, f"rank {rank}'s handler:\n{r.stdout}")
    stem = final[: -len(".json")]
    paths = [f"{stem}.rank{rank}.partial.json" for rank in range(args.np)]
    validate(args.validator, args.schema, paths + [final])
    for path in paths:
        d = load(path)
        expect(d["run"]["exit"] == {"status": "signal", "code": None, "signal": signal.SIGTERM},
               f"{path}: exit {d['run']['exit']}")
    p = load(final)
    expect(p["complete"] is True and p["run"]["ranks"] == args.np, "the full profile follows")
    calls = {c["name"]: c["count"] for c in p["calls"]}
    expect(calls.get("MPI_Barrier") == 2 * args.np, f"barriers {calls}")


def profiles_in(directory):
    return sorted(glob.glob(os.path.join(directory, "*.json")))


def mode_badenv(args, launcher, workdir):
    missing = os.path.join(workdir, "no", "such", "dir", "p.json")
    env = {"HPCPAT_OUTPUT": missing, "HPCPAT_TAGS": "study=env,broken,=x", "HPCPAT_RUN_ID": "envtest"}
    r = run(launcher.command(args.np, env, [args.app, "ok"]), workdir)
    expect(r.returncode == 0, f"the run must succeed despite bad settings:\n{r.stderr}")
    for needle in (f"HPCPAT_OUTPUT='{missing}': directory", "does not exist",
                   "the profile goes there or nowhere, so none will be written",
                   "HPCPAT_TAGS='study=env,broken,=x'", "ignoring 'broken', '=x' (not key=value)"):
        expect(r.stderr.count(needle) == 1, f"expected {needle!r} once on stderr:\n{r.stderr}")
    expect("no profile written" in r.stderr, f"the failed write is reported:\n{r.stderr}")
    expect(not profiles_in(workdir), f"no fallback profile: {profiles_in(workdir)}")

    # A run id that cannot be part of a file name, and a directory for HPCPAT_OUTPUT.
    sub = fresh_dir(os.path.join(workdir, "second"))
    env = {"HPCPAT_OUTPUT": sub + "/", "HPCPAT_RUN_ID": "bad/id"}
    r = run(launcher.command(args.np, env, [args.app, "ok"]), sub)
    expect(r.returncode == 0, f"second run must succeed:\n{r.stderr}")
    for needle in ("HPCPAT_RUN_ID='bad/id'", f"HPCPAT_OUTPUT='{sub}/': is a directory"):
        expect(r.stderr.count(needle) == 1, f"expected {needle!r} once on stderr:\n{r.stderr}")
    expect(not profiles_in(sub), f"no fallback profile in {sub}: {profiles_in(sub)}")


def mode_clobber(args, launcher, workdir):
    targets = stand_in_targets.make(workdir)
    fifo, link, adir = (targets[k] for k in ("a FIFO", "a symbolic link", "a directory"))
    existing = os.path.join(workdir, "existing.json")
    with open(existing, "w") as f:
        f.write("an earlier run\n")
    cases = ((fifo, "a FIFO", {"HPCPAT_OVERWRITE": "1"}), (link, "a symbolic link", {}),
             (adir, "a directory", {"HPCPAT_OVERWRITE": "1"}),
             (existing, "already exists", {"HPCPAT_OVERWRITE": "0"}))
    for target, needle, extra in cases:
        env = {"HPCPAT_OUTPUT": target, "HPCPAT_RUN_ID": "clobber", **extra}
        r = run(launcher.command(args.np, env, [args.app, "ok"]), workdir)
        expect(r.returncode == 0, f"the host's run must succeed ({target}):\n{r.stderr}")
        expect(r.stderr.count(f"HPCPAT_OUTPUT='{target}'") == 1 and needle in r.stderr,
               f"one message at MPI_Init naming {target} as {needle}:\n{r.stderr}")
        expect(r.stderr.count("no profile written: cannot replace") == 1,
               f"the write is refused:\n{r.stderr}")
    changed = stand_in_targets.untouched(targets)
    expect(not changed, changed)
    expect(open(existing).read() == "an earlier run\n", "the existing file is kept")
    expect(profiles_in(workdir) == [existing, link], f"nothing else: {profiles_in(workdir)}")
    leftovers = glob.glob(os.path.join(workdir, "*.tmp.*"))
    expect(not leftovers, f"temporary files left: {leftovers}")

    # The interposer alone (HPCPAT_OVERWRITE unset, default 1) replaces a regular file, as a path
    # given by hand asks.
    env = {"HPCPAT_OUTPUT": existing, "HPCPAT_RUN_ID": "clobber"}
    r = run(launcher.command(args.np, env, [args.app, "ok"]), workdir)
    expect(r.returncode == 0 and "HPCPAT_OUTPUT=" not in r.stderr, f"no complaint:\n{r.stderr}")
    validate(args.validator, args.schema, [existing])
    expect(load(existing)["run"]["id"] == "clobber", "the profile replaced the file")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["abort", "sigterm", "timeout", "own", "badenv", "clobber"])
    ap.add_argument("--np", type=int, required=True)
    ap.add_argument("--workdir", required=True)
    ap.add_argument("--app", required=True)
    add_launcher_args(ap)
    args = ap.parse_args()
    launcher = launcher_from(args)
    workdir = fresh_dir(args.workdir)
    modes = {"abort": mode_abort, "sigterm": mode_sigterm, "timeout": mode_timeout,
             "own": mode_own, "badenv": mode_badenv, "clobber": mode_clobber}
    run_main(lambda: modes[args.mode](args, launcher, workdir))


if __name__ == "__main__":
    main()
