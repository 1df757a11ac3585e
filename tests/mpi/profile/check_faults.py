#!/usr/bin/python3
"""Runs fault_app under the launcher with the interposer preloaded and checks what it left.

usage: check_faults.py MODE --np N --workdir DIR --app FAULT_APP [launcher options]
MODE:
  abort    one rank calls MPI_Abort(3): the launcher fails; that rank's partial dump says
           aborted/3; every dump present (others die of the launcher's SIGTERM) is valid
  sigterm  every rank raises SIGTERM after 2 barriers: one partial dump per rank, signal 15
  timeout  this script sends SIGTERM to the launcher (a time limit): one dump per rank
  own      the app installed its own SIGTERM handler before MPI_Init: each rank dumps, the app's
           handler runs, the app finalizes normally and the full profile is written too
  badenv   bad HPCPAT_OUTPUT / HPCPAT_TAGS / HPCPAT_RUN_ID: one clear message each, run succeeds,
           the profile lands at the fallback path
Always: no temporary file left behind, every dump complete JSON that validates, no hang.
"""
import argparse
import glob
import os
import shutil
import signal
import subprocess
import time

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
    # Every rank raises SIGTERM itself. MPICH's hydra SIGKILLs the other ranks as soon as the first
    # one has died, often before they reach their own raise: a race of the launcher's, not the
    # interposer's, so its auto-cleanup is off here (the timeout mode covers launcher kills).
    hold = flavour_args(launcher.flavour, "keep_ranks_after_a_death")
    r = run(launcher.command(args.np, {"HPCPAT_OUTPUT": final}, [args.app, "sigterm"], hold),
            workdir)
    expect(r.returncode != 0, "the launcher must fail when ranks die of SIGTERM")
    want = {rank: ("signal", None, signal.SIGTERM) for rank in range(args.np)}
    check_partials(args, workdir, final, want, "signal", None, signal.SIGTERM)


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


def mode_badenv(args, launcher, workdir):
    missing = os.path.join(workdir, "no", "such", "dir", "p.json")
    env = {"HPCPAT_OUTPUT": missing, "HPCPAT_TAGS": "study=env,broken,=x", "HPCPAT_RUN_ID": "envtest"}
    r = run(launcher.command(args.np, env, [args.app, "ok"]), workdir)
    expect(r.returncode == 0, f"the run must succeed despite bad settings:\n{r.stderr}")
    fallback = os.path.join(workdir, "hpcpat-profile_fault_app-envtest.json")
    for needle in (f"HPCPAT_OUTPUT='{missing}'", "does not exist",
                   "writing hpcpat-profile_fault_app-envtest.json in the current directory instead",
                   "HPCPAT_TAGS='study=env,broken,=x'", "ignoring 'broken', '=x' (not key=value)"):
        expect(r.stderr.count(needle) == 1, f"expected {needle!r} once on stderr:\n{r.stderr}")
    validate(args.validator, args.schema, [fallback])
    p = load(fallback)
    expect(p["run"]["tags"] == {"study": "env"}, f"tags {p['run']['tags']}")
    expect(p["complete"] is True and p["run"]["id"] == "envtest", "complete profile, run id")
    expect(any("HPCPAT_OUTPUT" in n for n in p["notes"]), f"notes {p['notes']}")

    # A run id that cannot be part of a file name, and a directory for HPCPAT_OUTPUT.
    sub = fresh_dir(os.path.join(workdir, "second"))
    env = {"HPCPAT_OUTPUT": sub + "/", "HPCPAT_RUN_ID": "bad/id"}
    r = run(launcher.command(args.np, env, [args.app, "ok"]), sub)
    expect(r.returncode == 0, f"second run must succeed:\n{r.stderr}")
    for needle in ("HPCPAT_RUN_ID='bad/id'", f"HPCPAT_OUTPUT='{sub}/': expected a file path"):
        expect(r.stderr.count(needle) == 1, f"expected {needle!r} once on stderr:\n{r.stderr}")
    found = glob.glob(os.path.join(sub, "hpcpat-profile_fault_app-*.json"))
    expect(len(found) == 1, f"one fallback profile expected in {sub}: {found}")
    validate(args.validator, args.schema, found)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["abort", "sigterm", "timeout", "own", "badenv"])
    ap.add_argument("--np", type=int, required=True)
    ap.add_argument("--workdir", required=True)
    ap.add_argument("--app", required=True)
    add_launcher_args(ap)
    args = ap.parse_args()
    launcher = launcher_from(args)
    workdir = fresh_dir(args.workdir)
    modes = {"abort": mode_abort, "sigterm": mode_sigterm, "timeout": mode_timeout,
             "own": mode_own, "badenv": mode_badenv}
    run_main(lambda: modes[args.mode](args, launcher, workdir))


if __name__ == "__main__":
    main()
