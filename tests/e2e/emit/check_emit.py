#!/usr/bin/python3
"""The files of a synthesised ensemble (synthesis/emit), checked against their published schemas
and run: a plan of three jobs in two phases whose arguments and environment are hostile (spaces,
quotes, $(...), backquotes, newlines, globs, a leading dash) is written, then
  - the validator is proven on the upstream schemas first: the upstream examples copied beside
    them validate (and so do the other examples of ../shared/schemas, where that folder is), and
    documents broken on purpose (a wrong apiVersion or kind, a required field missing) are refused
    at the field that is wrong;
  - every jobspec validates against Flux's RFC 25 schema, ensemble.yaml against ensemble-python's,
    the MiniCluster and Ensemble against their CRDs' (the Ensemble's embedded ensemble.yaml too),
    all the project's attributed copies in tests/third_party/schemas;
  - ensemble.yaml uses only the triggers and actions ensemble-python's Flux member runs, submits
    every job once, starts phase 2 after the phase-1 job predicted to end last, and its commands
    split (shlex, as ensemble-python does) into exactly the planned words;
  - plan.json and the SWF trace (18 fields a job, the predicted schedule) agree with the plan;
  - submit.sh is shellcheck-clean (where shellcheck is installed) and, run against a recording
    stand-in for `flux` (isolation: what the script asks Flux to do), submits each job with its
    argv verbatim, tags, arrival and phase dependencies, waits, keeps the records, exits 0;
  - under a real Flux (HPCPAT_FLUX or flux on PATH; skipped where there is none) every job runs
    and prints its own argv, byte for byte as planned;
  - bad plans (a name with '/', a duplicate, more nodes than the cluster) are refused, exit 2, and
    an existing folder's files are never replaced.

usage: check_emit.py WRITE_TOOL VALIDATOR SCHEMAS SHARED_SCHEMAS WORKDIR
  SCHEMAS: tests/third_party/schemas; SHARED_SCHEMAS: ../shared/schemas (may be absent)
"""
import copy
import json
import os
import shlex
import shutil
import subprocess
import sys

import yaml

FAILURES = []
HOSTILE = ["a b", "it's", '"dq"', "$(touch PWNED)", "`touch PWNED2`", "line1\nline2", "*",
           "-n", "${HOME}", "back\\slash", "caf\u00e9", ""]
PRINT_ARGV = [sys.executable, "-c", "import json, sys; print(json.dumps(sys.argv[1:]))"]


def check(ok, what):
    if not ok:
        FAILURES.append(what)
        print(f"FAIL: {what}", file=sys.stderr)


def plan():
    env = {"HOSTILE": "$(touch PWNED3) ${HOME} 'q'"}
    return {"name": "e2e.ensemble", "seed": 7, "cluster_nodes": 2, "image": "hpcpat:google",
            "jobs": [
                {"name": "halo-1", "app": "stencil", "argv": PRINT_ARGV + HOSTILE, "nodes": 2,
                 "predicted_s": 5, "time_limit_s": 60, "pattern": "halo", "env": env},
                {"name": "ar-1", "app": "mlp", "argv": PRINT_ARGV + ["ar", "x y"],
                 "tasks_per_node": 2, "predicted_s": 9, "time_limit_s": 60, "submit_s": 1,
                 "pattern": "allreduce-heavy"},
                {"name": "after-1", "app": "cg", "argv": PRINT_ARGV + ["after"], "phase": 2,
                 "predicted_s": 3, "time_limit_s": 60, "pattern": "halo"}]}


def planned_words(job):
    words = []
    if job.get("env"):
        words = ["env"] + [f"{k}={v}" for k, v in sorted(job["env"].items())]
    return words + job["argv"]


JOBSPEC = "flux-jobspec-v1.schema.json"
ENSEMBLE_PYTHON = "ensemble-python.schema.json"
MINICLUSTER = "flux-operator-minicluster-v1alpha2.schema.json"
ENSEMBLE_CRD = "ensemble-operator-ensemble-v1alpha1.schema.json"
# Each upstream schema with its folder of upstream examples, which must validate against it.
EXAMPLES = {JOBSPEC: "flux-jobspec-v1-examples", ENSEMBLE_PYTHON: "ensemble-python-examples",
            MINICLUSTER: "flux-operator-minicluster-examples",
            ENSEMBLE_CRD: "ensemble-operator-examples"}
# Copied examples broken in one way each: (example, field path, new value or None to remove it,
# where the validator must refuse it, as it prints "FILE: WHERE: MESSAGE").
BROKEN = [
    ("flux-operator-minicluster-examples/batch.yaml", ["apiVersion"], "flux-framework.org/v1alpha1",
     "apiVersion: "),
    ("flux-operator-minicluster-examples/batch.yaml", ["kind"], "Ensemble", "kind: "),
    ("flux-operator-minicluster-examples/batch.yaml", ["spec", "containers"], None,
     "spec: 'containers' is a required property"),
    ("ensemble-operator-examples/hello-world.yaml", ["apiVersion"],
     "ensemble.flux-framework.org/v1alpha2", "apiVersion: "),
    ("ensemble-operator-examples/hello-world.yaml", ["spec", "members", 0, "ensemble"], None,
     "spec/members/0: 'ensemble' is a required property"),
    ("ensemble-python-examples/hello-world.yaml", ["jobs", 0, "command"], None,
     "jobs/0: 'command' is a required property"),
    ("ensemble-python-examples/hello-world.yaml", ["rules", 0, "trigger"], "job-start",
     "rules/0/trigger: "),
    ("flux-jobspec-v1-examples/use_case_2.1.yaml", ["version"], 2, "version: "),
    ("flux-jobspec-v1-examples/use_case_2.1.yaml", ["tasks"], None,
     "(root): 'tasks' is a required property"),
]


def validate(validator, schema, documents, what):
    out = subprocess.run([sys.executable, validator, schema] + documents, capture_output=True,
                         text=True)
    check(out.returncode == 0, f"{what}: {out.stdout}{out.stderr}")


def as_json(path, work):
    """A YAML file as a JSON file, for the validator (named by its folder too: upstream folders
    share file names)."""
    folder = os.path.basename(os.path.dirname(path))
    out = os.path.join(work, f"{folder}-{os.path.basename(path)}.json")
    with open(out, "w") as f:
        json.dump(yaml.safe_load(open(path)), f)
    return out


def embedded_ensembles(crd_path, work):
    """The ensemble.yaml each member of an Ensemble manifest carries as a string, as JSON files."""
    crd = yaml.safe_load(open(crd_path))
    paths = []
    for n, member in enumerate(crd["spec"]["members"]):
        paths.append(os.path.join(work, f"{os.path.basename(crd_path)}-member-{n}.json"))
        json.dump(yaml.safe_load(member["ensemble"]), open(paths[-1], "w"))
    return paths


def yaml_files(folder):
    if not os.path.isdir(folder):
        return []
    return sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".yaml"))


def broken(doc, path, value):
    """A copy of doc with the field at path set to value, or removed when value is None."""
    doc = copy.deepcopy(doc)
    parent = doc
    for key in path[:-1]:
        parent = parent[key]
    if value is None:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return doc


def check_schema_controls(validator, schemas, shared, work):
    """The validator and the copied schemas proven before our files are judged by them: upstream's
    own examples pass, the same examples broken on purpose fail at the broken field."""
    for schema, folder in EXAMPLES.items():
        ours = yaml_files(os.path.join(schemas, folder))
        check(ours, f"{folder}: no example copied into {schemas}")
        copied = {os.path.basename(f) for f in ours}
        theirs = [f for f in yaml_files(os.path.join(shared, folder))
                  if os.path.basename(f) not in copied]
        validate(validator, os.path.join(schemas, schema),
                 [as_json(f, work) for f in ours + theirs], f"upstream {folder}")
        if schema == ENSEMBLE_CRD:
            validate(validator, os.path.join(schemas, ENSEMBLE_PYTHON),
                     [e for f in ours + theirs for e in embedded_ensembles(f, work)],
                     "upstream Ensembles' embedded ensemble.yaml")
    if os.path.isdir(shared):
        print(f"schemas: the other upstream examples of {shared} checked too")
    else:
        print(f"schemas: {shared} is absent; only the copied upstream examples checked")
    schema_of = {folder: schema for schema, folder in EXAMPLES.items()}
    for n, (example, path, value, where) in enumerate(BROKEN):
        doc = broken(yaml.safe_load(open(os.path.join(schemas, example))), path, value)
        target = os.path.join(work, f"broken-{n}.json")
        json.dump(doc, open(target, "w"))
        schema = os.path.join(schemas, schema_of[os.path.dirname(example)])
        out = subprocess.run([sys.executable, validator, schema, target], capture_output=True,
                             text=True)
        check(out.returncode == 1 and f"{target}: {where}" in out.stderr,
              f"{example} with {'/'.join(map(str, path))} = {value!r}: not refused at {where!r}: "
              f"exit {out.returncode}: {out.stdout}{out.stderr}")


def check_schemas(out, p, validator, schemas, work):
    validate(validator, os.path.join(schemas, JOBSPEC),
             [os.path.join(out, "jobspecs", j["name"] + ".json") for j in p["jobs"]], "jobspecs")
    validate(validator, os.path.join(schemas, ENSEMBLE_PYTHON),
             [as_json(os.path.join(out, "ensemble.yaml"), work)], "ensemble.yaml")
    validate(validator, os.path.join(schemas, MINICLUSTER),
             [as_json(os.path.join(out, "minicluster.yaml"), work)], "minicluster.yaml")
    validate(validator, os.path.join(schemas, ENSEMBLE_CRD),
             [as_json(os.path.join(out, "ensemble-crd.yaml"), work)], "ensemble-crd.yaml")
    validate(validator, os.path.join(schemas, ENSEMBLE_PYTHON),
             embedded_ensembles(os.path.join(out, "ensemble-crd.yaml"), work),
             "the Ensemble's embedded ensemble.yaml")


def check_ensemble_yaml(out, p):
    doc = yaml.safe_load(open(os.path.join(out, "ensemble.yaml")))
    jobs = {j["name"]: j for j in doc["jobs"]}
    check(sorted(jobs) == sorted(j["name"] for j in p["jobs"]), f"ensemble jobs {sorted(jobs)}")
    for j in p["jobs"]:
        got = jobs.get(j["name"], {})
        check(shlex.split(got.get("command", "")) == planned_words(j),
              f"{j['name']}: command splits to {shlex.split(got.get('command', ''))}")
        check((got.get("nodes"), got.get("tasks"), got.get("count")) ==
              (j.get("nodes", 1), j.get("nodes", 1) * j.get("tasks_per_node", 1), 1),
              f"{j['name']}: nodes/tasks/count {got}")
    submitted = []
    for rule in doc["rules"]:
        check(rule["trigger"] in ("start", "metric", "job-depend", "job-finish"),
              f"trigger {rule['trigger']} does not run under the Flux member")
        check(rule["action"]["name"] in ("submit", "terminate"), f"action {rule['action']}")
        if rule["action"]["name"] == "submit":
            submitted.append(rule["action"]["label"])
            phase = next(j["phase"] if "phase" in j else 1 for j in p["jobs"]
                         if j["name"] == rule["action"]["label"])
            want = ("start", None) if phase == 1 else ("metric", "count.ar-1.finished")
            check((rule["trigger"], rule.get("name")) == want,
                  f"{rule['action']['label']}: rule {rule}")
    check(sorted(submitted) == sorted(j["name"] for j in p["jobs"]), f"submitted {submitted}")
    last = doc["rules"][-1]
    check(last["action"]["name"] == "terminate" and last["name"] == "count.after-1.finished",
          f"terminate rule {last}")


def check_plan_files(out, p):
    written = json.load(open(os.path.join(out, "plan.json")))
    check(written["schema"] == "hpcpat.ensemble-plan.v1" and written["seed"] == 7, "plan.json")
    starts = {j["name"]: j["predicted_start_s"] for j in written["jobs"]}
    # phase 2 starts when ar-1 (arrives at 1 s, runs 9 s) is predicted to end: 10 s
    check(starts == {"halo-1": 0, "ar-1": 1, "after-1": 10}, f"predicted starts {starts}")
    lines = [l.split() for l in open(os.path.join(out, "ensemble.swf")) if not l.startswith(";")]
    check(len(lines) == 3 and all(len(l) == 18 for l in lines), f"SWF lines {lines}")
    if len(lines) == 3:
        check([l[1] for l in lines] == ["0", "1", "10"], "SWF submit times")
        check([l[3] for l in lines] == ["5", "9", "3"], "SWF run times")
        check([l[4] for l in lines] == ["2", "2", "1"], "SWF processors")
        check(lines[2][16] == "2" and lines[0][16] == "-1", "SWF preceding job")


STAND_IN = """#!/usr/bin/python3
import json, os, sys
log = os.environ["FLUX_LOG"]
with open(log, "a") as f:
    f.write(json.dumps(sys.argv[1:]) + "\\n")
if sys.argv[1] == "submit":
    n = sum(1 for _ in open(log))
    print(f"f{n}")
elif sys.argv[1:3] == ["job", "info"]:
    print("{}")
"""


def check_script_offline(out, p, work):
    sc = shutil.which("shellcheck")
    if sc:
        r = subprocess.run([sc, "-s", "bash", os.path.join(out, "submit.sh")],
                           capture_output=True, text=True)
        check(r.returncode == 0, f"shellcheck: {r.stdout}")
    else:
        print("shellcheck: not installed; skipped")
    bindir = os.path.join(work, "bin")
    os.makedirs(bindir)
    with open(os.path.join(bindir, "flux"), "w") as f:
        f.write(STAND_IN)
    os.chmod(os.path.join(bindir, "flux"), 0o755)
    log = os.path.join(work, "flux.log")
    results = os.path.join(work, "offline-results")
    env = dict(os.environ, PATH=bindir + ":" + os.environ["PATH"], FLUX_LOG=log,
               HPCPAT_ENSEMBLE_RESULTS=results)
    r = subprocess.run(["bash", os.path.join(out, "submit.sh")], env=env, cwd=work,
                       capture_output=True, text=True, timeout=60)
    check(r.returncode == 0, f"submit.sh with the stand-in: exit {r.returncode}: {r.stderr}")
    calls = [json.loads(l) for l in open(log)] if os.path.exists(log) else []
    submits = [c for c in calls if c[0] == "submit"]
    check(len(submits) == 3, f"{len(submits)} submits")
    ids = {}
    for n, call in enumerate(submits, 1):
        name = next(a.split("=", 1)[1] for a in call if a.startswith("--job-name="))
        ids[name] = f"f{[c[0] for c in calls].index('submit', 0) + 1}"
        job = next(j for j in p["jobs"] if j["name"] == name)
        sep = call.index("--")
        check(call[sep + 1:] == planned_words(job), f"{name}: argv {call[sep + 1:]}")
        opts = call[1:sep]
        check(f"--setattr=user.ensemble=e2e.ensemble" in opts and
              f"--setattr=user.job={name}" in opts, f"{name}: tags {opts}")
        deps = sorted(o for o in opts if o.startswith("--dependency="))
        want = [] if job.get("phase", 1) == 1 else ["--dependency=afterok:f1",
                                                     "--dependency=afterok:f2"]
        check(deps == want, f"{name}: dependencies {deps}")
        check(("--begin-time=+1s" in opts) == (job.get("submit_s", 0) > 0), f"{name}: arrival")
    waited = [c[2] for c in calls if c[:2] == ["job", "wait-event"]]
    check(waited == ["f1", "f2", "f3"], f"waited for {waited}")
    check(open(os.path.join(results, "jobids")).read().split() ==
          ["halo-1", "f1", "ar-1", "f2", "after-1", "f3"], "jobids file")
    for bad in ("PWNED", "PWNED2", "PWNED3"):
        check(not os.path.exists(os.path.join(work, bad)), f"{bad}: a shell expanded a value")


def check_real_flux(out, p, work):
    flux = os.environ.get("HPCPAT_FLUX") or shutil.which("flux")
    if not flux:
        print("flux: none here (HPCPAT_FLUX unset, no flux on PATH); the real run skipped")
        return
    results = os.path.join(work, "flux-results")
    env = dict(os.environ, HPCPAT_ENSEMBLE_RESULTS=results)
    r = subprocess.run([flux, "start", "--test-size=2", "bash", os.path.join(out, "submit.sh")],
                       env=env, cwd=work, capture_output=True, text=True, timeout=300)
    check(r.returncode == 0, f"submit.sh under flux start: exit {r.returncode}: {r.stderr[-800:]}")
    for j in p["jobs"]:
        printed = open(os.path.join(results, j["name"] + ".out")).read().splitlines()
        want = j["argv"][len(PRINT_ARGV):]
        check(printed and json.loads(printed[-1]) == want,
              f"{j['name']} printed {printed}, planned {want}")
        spec = json.load(open(os.path.join(results, j["name"] + ".jobspec.json")))
        check(spec["attributes"]["user"]["job"] == j["name"], f"{j['name']}: jobspec kept")
    print("flux: every job ran and printed its argv as planned")


def check_refusals(tool, work, out):
    cases = {"../x": "name", "dup": "a name no other job has", "big": "nodes"}
    for name, field in cases.items():
        p = plan()
        if name == "dup":
            p["jobs"][1]["name"] = p["jobs"][0]["name"]
        elif name == "big":
            p["jobs"][0]["nodes"] = 3
        else:
            p["jobs"][0]["name"] = name
        path = os.path.join(work, f"bad-{len(FAILURES)}-{abs(hash(name))}.json")
        json.dump(p, open(path, "w"))
        target = os.path.join(work, "refused")
        r = subprocess.run([tool, path, target], capture_output=True, text=True)
        check(r.returncode == 2 and field in r.stderr and "ensemble plan:" in r.stderr,
              f"bad plan {name}: exit {r.returncode}: {r.stderr}")
        check(not os.path.exists(target), f"bad plan {name}: a folder was made")
    before = open(os.path.join(out, "submit.sh")).read()
    json.dump(plan(), open(os.path.join(work, "again.json"), "w"))
    r = subprocess.run([tool, os.path.join(work, "again.json"), out], capture_output=True,
                       text=True)
    check(r.returncode == 2 and "never replaced" in r.stderr, f"rewrite: {r.stderr}")
    check(open(os.path.join(out, "submit.sh")).read() == before, "submit.sh was replaced")


def main(tool, validator, schemas, shared, work):
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    p = plan()
    plan_file = os.path.join(work, "plan-in.json")
    json.dump(p, open(plan_file, "w"))
    out = os.path.join(work, "ensemble")
    r = subprocess.run([tool, plan_file, out], capture_output=True, text=True)
    check(r.returncode == 0, f"write: {r.stderr}")
    check(sorted(r.stdout.split()) == sorted(
        ["jobspecs/halo-1.json", "jobspecs/ar-1.json", "jobspecs/after-1.json", "submit.sh",
         "ensemble.yaml", "minicluster.yaml", "ensemble-crd.yaml", "ensemble.swf", "plan.json"]),
        f"files: {r.stdout.split()}")
    check_schema_controls(validator, schemas, shared, work)
    check_schemas(out, p, validator, schemas, work)
    check_ensemble_yaml(out, p)
    check_plan_files(out, p)
    check_script_offline(out, p, work)
    check_real_flux(out, p, work)
    check_refusals(tool, work, out)
    print("ok" if not FAILURES else f"{len(FAILURES)} failure(s)")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    if len(sys.argv) != 6:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(*sys.argv[1:]))
