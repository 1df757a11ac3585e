#!/usr/bin/python3
"""hpcpat run end to end, with real launches: what a study leaves must agree everywhere, an
interrupted study resumes without redoing a run, and one run's failure (a timeout, a crash) is
recorded while the study goes on, with no process left behind.

usage: check_study_launch.py CASE HPCPAT MPI_CALLS WORKDIR
CASE:
  agree    two apps (stencil, cg) x two rank counts (1, 2) x two repeats = 8 runs: every run
           folder holds a complete record, a profile of that many ranks and the app's summary;
           the index (hpcpat results export --json) has exactly these 8 rows, field for field.
  resume   kill -9 of hpcpat run after 2 of 4 runs: nothing of the study keeps running; then
           --resume completes it, the 2 completed runs untouched (same record.json inode and
           start time), every JSON parses and the index agrees with the folders.
  jobs     --jobs 2 over 6 runs (each in a worker process): every run recorded once, the index
           agrees with the folders, and runs overlapped in time (two were running at once).
  scale    hpcpat scale --nodes 1 --repeats 2 of a command whose arguments hold '${HOME}' and
           '$${x}': both reach the program verbatim (a spec would read '${' as a parameter), and
           the table has its row for 1 node with 2 of 2 runs ok.
  failures a run that hangs (stopped at its 3 s timeout), a run whose rank 1 aborts, and a run
           whose argument is "$(touch FILE)": timeout and crashed are recorded with their causes,
           the study goes on to the end, no process of the study is left, the argument reached the
           program verbatim (in record.json's argv) and FILE was never created.
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid

TIMEOUT = 600


def fail(msg):
    print(f"FAIL: {msg}", file=sys.stderr)
    sys.exit(1)


def run(argv, **kw):
    return subprocess.run(argv, capture_output=True, text=True, timeout=TIMEOUT, **kw)


def procs_with(needle):
    """PIDs whose command line or environment holds `needle` (bytes), other than ours."""
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) == os.getpid():
            continue
        for part in ("cmdline", "environ"):
            try:
                with open(f"/proc/{name}/{part}", "rb") as f:
                    if needle in f.read():
                        found.append(int(name))
                        break
            except OSError:
                pass
    return found


def no_process_left(needle, within_s=30):
    deadline = time.time() + within_s
    while time.time() < deadline:
        if not procs_with(needle):
            return True
        time.sleep(0.2)
    return False


def write_spec(path, text):
    with open(path, "w") as f:
        f.write(text)
    return path


def export_rows(hpcpat, results, study):
    proc = run([hpcpat, "results", "export", "--json", "--results", results, "--study", study])
    if proc.returncode != 0:
        fail(f"results export: exit {proc.returncode}\n{proc.stderr}")
    return json.loads(proc.stdout)


def check_folders_against_index(hpcpat, results, study, expected_runs):
    study_dir = os.path.join(results, study)
    runs = sorted(d for d in os.listdir(study_dir) if os.path.isdir(os.path.join(study_dir, d)))
    if len(runs) != expected_runs:
        fail(f"{len(runs)} run folders, expected {expected_runs}: {runs}")
    rows = {r["run"]: r for r in export_rows(hpcpat, results, study)}
    if sorted(rows) != runs:
        fail(f"index rows {sorted(rows)} differ from folders {runs}")
    records = {}
    for name in runs:
        folder = os.path.join(study_dir, name)
        with open(os.path.join(folder, "record.json")) as f:
            rec = json.load(f)
        records[name] = rec
        row = rows[name]
        for key in ("case_name", "nodes", "ranks", "repeat", "status", "launcher"):
            rec_key = {"case_name": "case"}.get(key, key)
            if rec.get(rec_key) != row.get(key):
                fail(f"{name}: record {rec_key}={rec.get(rec_key)!r}, index {key}={row.get(key)!r}")
        if rec["status"] == "ok":
            with open(os.path.join(folder, "profile.json")) as f:
                profile = json.load(f)
            if profile["run"]["ranks"] != rec["ranks"]:
                fail(f"{name}: profile has {profile['run']['ranks']} ranks, record {rec['ranks']}")
            if row.get("mpi_fraction_median") is None:
                fail(f"{name}: index has no MPI fraction for an ok run")
    return records


def case_agree(hpcpat, mpi_calls, work):
    results = os.path.join(work, "results")
    spec = write_spec(os.path.join(work, "agree.yaml"), """\
name: agree
launcher: mpirun
repeats: 2
timeout: 120s
cases:
  - {name: stencil-1, app: stencil, ranks_per_node: 1, parameters: {n: 32, iters: 20}}
  - {name: stencil-2, app: stencil, ranks_per_node: 2, parameters: {n: 32, iters: 20}}
  - {name: cg-1, app: cg, ranks_per_node: 1, parameters: {global: 16, iters: 20, fixed_iters: true}}
  - {name: cg-2, app: cg, ranks_per_node: 2, parameters: {global: 16, iters: 20, fixed_iters: true}}
""")
    proc = run([hpcpat, "run", spec, "--results", results])
    print(proc.stdout, proc.stderr)
    if proc.returncode != 0:
        fail(f"hpcpat run: exit {proc.returncode}")
    records = check_folders_against_index(hpcpat, results, "agree", 8)
    for name, rec in records.items():
        if rec["status"] != "ok":
            fail(f"{name}: {rec['status']}: {rec.get('cause')}")
        if not rec["files"].get("summary"):
            fail(f"{name}: no app summary kept")


def case_resume(hpcpat, mpi_calls, work):
    results = os.path.join(work, "results")
    marker = f"resume-{uuid.uuid4().hex}"
    spec = write_spec(os.path.join(work, "resume.yaml"), f"""\
name: resume
launcher: mpirun
ranks_per_node: 2
repeats: 4
timeout: 120s
env:
  STUDY_TEST_MARKER: {marker}
cases:
  - name: md
    app: minimd
    parameters: {{size: 8, steps: 400}}
""")
    hp = subprocess.Popen([hpcpat, "run", spec, "--results", results], stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL)
    study_dir = os.path.join(results, "resume")
    completed = []
    deadline = time.time() + 300
    while time.time() < deadline and len(completed) < 2:
        time.sleep(0.05)
        if os.path.isdir(study_dir):
            completed = [d for d in os.listdir(study_dir)
                         if os.path.exists(os.path.join(study_dir, d, "record.json"))]
    if len(completed) < 2:
        fail("the study never completed two runs")
    os.kill(hp.pid, signal.SIGKILL)
    hp.wait()
    if not no_process_left(marker.encode()):
        fail(f"processes of the killed study still run: {procs_with(marker.encode())}")
    before = {}
    for d in completed:
        st = os.stat(os.path.join(study_dir, d, "record.json"))
        with open(os.path.join(study_dir, d, "record.json")) as f:
            before[d] = (st.st_ino, json.load(f)["start"])
    print(f"killed with {len(completed)} complete: {sorted(completed)}")
    proc = run([hpcpat, "run", spec, "--results", results, "--resume"])
    print(proc.stdout, proc.stderr)
    if proc.returncode != 0:
        fail(f"hpcpat run --resume: exit {proc.returncode}")
    records = check_folders_against_index(hpcpat, results, "resume", 4)
    for d, (ino, start) in before.items():
        st = os.stat(os.path.join(study_dir, d, "record.json"))
        if st.st_ino != ino or records[d]["start"] != start:
            fail(f"{d} was run again by --resume")
    if f"{len(before)} kept from before" not in proc.stdout:
        fail(f"the resumed study does not say it kept the {len(before)} complete runs")
    for folder, _, files in os.walk(study_dir):
        for name in files:
            if name.endswith(".json"):
                with open(os.path.join(folder, name)) as f:
                    json.load(f)


def case_jobs(hpcpat, mpi_calls, work):
    results = os.path.join(work, "results")
    spec = write_spec(os.path.join(work, "jobs.yaml"), """\
name: jobs
launcher: mpirun
repeats: 6
timeout: 120s
cases:
  - {name: md, app: minimd, parameters: {size: 6, steps: 300}}
""")
    proc = run([hpcpat, "run", spec, "--results", results, "--jobs", "2"])
    print(proc.stdout, proc.stderr)
    if proc.returncode != 0:
        fail(f"hpcpat run --jobs 2: exit {proc.returncode}")
    records = check_folders_against_index(hpcpat, results, "jobs", 6)
    spans = sorted((r["start"]["epoch_s"], r["end"]["epoch_s"]) for r in records.values())
    overlapped = any(spans[i + 1][0] < spans[i][1] for i in range(len(spans) - 1))
    if not overlapped:
        fail(f"no two runs overlapped: {spans}")
    if any(r["status"] != "ok" for r in records.values()):
        fail("a run failed: " + str({n: r["cause"] for n, r in records.items() if r["status"] != "ok"}))


def case_scale(hpcpat, mpi_calls, work):
    results = os.path.join(work, "results")
    proc = run([hpcpat, "scale", "--nodes", "1", "--ranks-per-node", "2", "--repeats", "2",
                "--results", results, "--study", "lit", "--", mpi_calls, "${HOME}", "$${x}"])
    print(proc.stdout, proc.stderr)
    if proc.returncode != 0:
        fail(f"hpcpat scale: exit {proc.returncode}")
    rows = [l.split() for l in proc.stdout.splitlines() if l.startswith("1 ")]
    if len(rows) != 1 or rows[0][1] != "2/2":
        fail(f"expected the 1-node row with 2/2 ok, got {rows}")
    records = check_folders_against_index(hpcpat, results, "lit", 2)
    for rec in records.values():
        if rec["argv"][-2:] != ["${HOME}", "$${x}"]:
            fail(f"arguments changed on the way: {rec['argv'][-2:]}")


def case_failures(hpcpat, mpi_calls, work):
    results = os.path.join(work, "results")
    marker = f"failures-{uuid.uuid4().hex}"
    touched = os.path.join(work, "touched")
    spec = write_spec(os.path.join(work, "failures.yaml"), f"""\
name: failures
launcher: mpirun
ranks_per_node: 2
timeout: 3s
cases:
  - name: hangs
    command: [{mpi_calls}, {marker}, --hold, "{work}/never-read"]
  - name: crashes
    command: [{mpi_calls}, {marker}, --crash-rank, "1"]
  - name: verbatim
    command: [{mpi_calls}, {marker}, "$(touch {touched})"]
""")
    proc = run([hpcpat, "run", spec, "--results", results])
    print(proc.stdout, proc.stderr)
    if proc.returncode != 1:
        fail(f"hpcpat run: exit {proc.returncode}, expected 1 (runs failed)")
    records = check_folders_against_index(hpcpat, results, "failures", 3)
    by_case = {r["case"]: r for r in records.values()}
    if by_case["hangs"]["status"] != "timeout" or "timeout of 3 s" not in by_case["hangs"]["cause"]:
        fail(f"hangs: {by_case['hangs']['status']}: {by_case['hangs'].get('cause')}")
    # Which rank's death a launcher reports first varies (Hydra may report the SIGTERM it sent
    # the others after rank 1's SIGABRT), so the signal named is not checked.
    if by_case["crashes"]["status"] != "crashed" or "killed by signal" not in by_case["crashes"]["cause"]:
        fail(f"crashes: {by_case['crashes']['status']}: {by_case['crashes'].get('cause')}")
    if by_case["verbatim"]["status"] != "ok":
        fail(f"verbatim: {by_case['verbatim']['status']}: {by_case['verbatim'].get('cause')}")
    if f"$(touch {touched})" not in by_case["verbatim"]["argv"]:
        fail(f"the argument did not reach the launcher verbatim: {by_case['verbatim']['argv']}")
    if os.path.exists(touched):
        fail("$(touch ...) was run by a shell")
    if not no_process_left(marker.encode()):
        fail(f"processes of the study still run: {procs_with(marker.encode())}")


def main():
    case, hpcpat, mpi_calls, work = sys.argv[1:5]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    {"agree": case_agree, "resume": case_resume, "jobs": case_jobs, "scale": case_scale,
     "failures": case_failures}[case](
        hpcpat, mpi_calls, work)
    print(f"{case}: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
