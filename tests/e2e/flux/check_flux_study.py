#!/usr/bin/python3
"""Studies under a real Flux instance (`flux start --test-size=2`, two brokers on this machine):
`hpcpat run` of a spec with `launcher: flux` at 1 and 2 nodes, plus a run that hangs, and
`hpcpat scale --launcher flux --nodes 1,2`. Every run is a submitted Flux job whose records are
kept beside its profile: the jobspec (valid against Flux RFC 25's schema, tests/third_party's copy),
R, the eventlog and `flux jobs` timings; the hanging run is ended by Flux at its time limit and
recorded as a timeout while the study goes on. Skips (exit 77, with the reason) without flux.

usage: check_flux_study.py FLUX HPCPAT MPI_CALLS VALIDATOR SCHEMA WORKDIR
"""
import json
import os
import shutil
import subprocess
import sys


def fail(msg):
    print(f"FAIL: {msg}", file=sys.stderr)
    sys.exit(1)


def records(study_dir):
    out = {}
    for name in sorted(os.listdir(study_dir)):
        path = os.path.join(study_dir, name, "record.json")
        if os.path.exists(path):
            with open(path) as f:
                out[name] = json.load(f)
    return out


def check_flux_records(study_dir, rec, validator, schema):
    folder = os.path.join(study_dir, rec["run"])
    for f in ("jobspec.json", "R.json", "eventlog", "jobs.json"):
        if not os.path.exists(os.path.join(folder, "launcher", f)):
            fail(f"{rec['run']}: no launcher/{f}")
    with open(os.path.join(folder, "launcher", "jobs.json")) as f:
        jobs = json.load(f)
    for key in ("t_submit", "t_run", "t_cleanup", "runtime", "result"):
        if key not in jobs:
            fail(f"{rec['run']}: jobs.json has no {key}")
    with open(os.path.join(folder, "launcher", "jobspec.json")) as f:
        attrs = json.load(f)["attributes"]
    if attrs.get("user", {}).get("run") != rec["run"]:
        fail(f"{rec['run']}: the jobspec's user.run is {attrs.get('user')}")
    if os.path.exists(schema):
        v = subprocess.run([sys.executable, validator, schema,
                            os.path.join(folder, "launcher", "jobspec.json")],
                           capture_output=True, text=True)
        if v.returncode != 0:
            fail(f"{rec['run']}: jobspec invalid against RFC 25:\n{v.stdout}{v.stderr}")
    return jobs


def main():
    flux, hpcpat, mpi_calls, validator, schema, work = sys.argv[1:7]
    if not flux or flux.endswith("NOTFOUND") or not shutil.which(flux):
        print("SKIP: no flux executable (Flux is not a Debian package; configure with "
              "-DHPCPAT_FLUX_EXECUTABLE=/path/to/bin/flux to run this test)")
        return 77
    if not os.path.exists(schema):
        print(f"note: {schema} absent: jobspecs are not validated against RFC 25")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    results = os.path.join(work, "results")
    spec = os.path.join(work, "flux.yaml")
    with open(spec, "w") as f:
        f.write(f"""\
name: fluxstudy
launcher:
  name: flux
  flux:
    cpu_affinity: "off"
nodes: [1, 2]
ranks_per_node: 1
timeout: 60s
cases:
  - name: md
    app: minimd
    parameters: {{size: 6, steps: 50}}
  - name: hangs
    nodes: [1]
    timeout: 3s
    command: [{mpi_calls}, --hold, "{work}/never-read"]
""")
    proc = subprocess.run([flux, "start", "--test-size=2", hpcpat, "run", spec, "--results",
                           results], capture_output=True, text=True, timeout=600)
    print(proc.stdout, proc.stderr)
    if proc.returncode != 1:
        fail(f"hpcpat run under Flux: exit {proc.returncode}, expected 1 (one run timed out)")
    recs = records(os.path.join(results, "fluxstudy"))
    if len(recs) != 3:
        fail(f"{len(recs)} complete runs, expected 3: {sorted(recs)}")
    for rec in recs.values():
        jobs = check_flux_records(os.path.join(results, "fluxstudy"), rec, validator, schema)
        if rec["case"] == "md":
            if rec["status"] != "ok" or jobs["result"] != "COMPLETED":
                fail(f"{rec['run']}: {rec['status']} ({rec.get('cause')}), Flux {jobs['result']}")
            if jobs.get("nnodes") != rec["nodes"]:
                fail(f"{rec['run']}: Flux ran it on {jobs.get('nnodes')} nodes, not {rec['nodes']}")
        elif rec["status"] != "timeout" or jobs["result"] != "TIMEOUT":
            fail(f"{rec['run']}: {rec['status']} ({rec.get('cause')}), Flux {jobs['result']}")

    proc = subprocess.run([flux, "start", "--test-size=2", hpcpat, "scale", "--launcher", "flux",
                           "--nodes", "1,2", "--repeats", "1", "--results", results,
                           "--study", "fluxscale", "--", "minimd", "--size", "6", "--steps",
                           "50"], capture_output=True, text=True, timeout=600)
    print(proc.stdout, proc.stderr)
    if proc.returncode != 0:
        fail(f"hpcpat scale under Flux: exit {proc.returncode}")
    lines = [l.split() for l in proc.stdout.splitlines()]
    rows = [l for l in lines if l and l[0] in ("1", "2") and len(l) >= 3]
    if [r[0] for r in rows] != ["1", "2"] or any(r[1] != "1/1" for r in rows):
        fail(f"the scaling table has no ok rows for 1 and 2 nodes: {rows}")
    for rec in records(os.path.join(results, "fluxscale")).values():
        check_flux_records(os.path.join(results, "fluxscale"), rec, validator, schema)
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
