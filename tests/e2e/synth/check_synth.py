#!/usr/bin/python3
"""hpcpat synth end to end, on two emulated nodes (root only; exit 77 without it):

  1. a measuring study: stencil (halo), cg (allreduce-heavy on 2 nodes) and fft (alltoall-heavy),
     each at two values of its duration knob on 1 and 2 nodes of 2 ranks (12 runs, ~25 s);
  2. hpcpat synth plans 12 jobs in two phases (8 of halo or alltoall-heavy lasting 1.0-1.8 s on
     1 or 2 nodes, then 4 allreduce-heavy of 1.5 s on 2 nodes: cg on one node of 2 ranks spends
     4-8% of its time in MPI, where the allreduce-heavy guard of 5% of the run falls, so its label
     there flips from run to run): twice into two folders, which must be equal
     byte for byte, and once with another seed, whose plan must differ; every file it writes
     validates against its schema (the project's copies in tests/third_party/schemas, else
     ../shared/schemas beside the checkout, else that check is skipped, saying so);
  3. refusals, exit 2 with the message and nothing written: durations no measured case reaches
     (the message lists what each case reaches), a pattern nobody has, a malformed target, an
     output folder that already holds an ensemble (its files untouched);
  4. hpcpat synth --validate runs the 12 jobs on the emulated nodes (taken by itself: no
     --cluster) and reports predicted against
     measured: its figures are recomputed here from plan.json and the stored runs (hpcpat results
     list --json) and must agree; every job's measured labels must hold its intended pattern; the
     duration errors are printed (the goal, median <= 10%, is a measurement of this machine's
     quietness as much as of the models: only a gross miss, median > 25%, fails the test);
     the same as JSON validates against schemas/synth-validation.v1, and `hpcpat report` of the
     validation study draws exactly those figures;
  5. planning from every study of the store again gives the same files: the validation study
     (tagged hpcpat.synth=validation) is left out.

usage: check_synth.py HPCPAT STATE_DIR TOOLS_DIR SCHEMAS_DIR SHARED_SCHEMAS_DIR
"""
import filecmp
import glob
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "cluster"))
from check_cluster import Cluster, fail, need_root  # noqa: E402

MEASURE = """name: measure
launcher: mpirun
ranks_per_node: 2
nodes: [1, 2]
timeout: 2m
cases:
  - {name: stencil, app: stencil, parameters: {n: 64, iters: [3000, 12000]}}
  - {name: cg, app: cg, parameters: {global: 32, iters: [1500, 6000], fixed_iters: true}}
  - {name: fft, app: fft, parameters: {n: 64, iters: [100, 800]}}
"""

TARGET = """ensemble: synth-e2e
seed: {seed}
cluster: {{nodes: 2}}
groups:
  - name: sim
    jobs: 8
    durations: {{distribution: uniform, min_s: {low}, max_s: {high}}}
    patterns: {{halo: 1, {second}: 1}}
    nodes: [1, 2]
  - name: train
    after: sim
    jobs: 4
    durations: {{distribution: fixed, seconds: 1.5}}
    patterns: {{allreduce-heavy: 1}}
    nodes: [2]
"""

SCHEMAS = {  # generated file (glob under the ensemble folder) -> schema file name
    "jobspecs/*.json": "flux-jobspec-v1.schema.json",
    "ensemble.yaml": "ensemble-python.schema.json",
    "minicluster.yaml": "flux-operator-minicluster-v1alpha2.schema.json",
    "ensemble-crd.yaml": "ensemble-operator-ensemble-v1alpha1.schema.json",
}


def target(work, name, seed=11, low=1.0, high=1.8, second="alltoall-heavy"):
    path = os.path.join(work, name)
    with open(path, "w") as f:
        f.write(TARGET.format(seed=seed, low=low, high=high, second=second))
    return path


def same_tree(a, b):
    """Every file of a and b, byte for byte."""
    cmp = filecmp.dircmp(a, b)
    if cmp.left_only or cmp.right_only:
        return False
    _, mismatch, errors = filecmp.cmpfiles(a, b, cmp.common_files, shallow=False)
    return not mismatch and not errors and all(
        same_tree(os.path.join(a, d), os.path.join(b, d)) for d in cmp.common_dirs)


def validate_files(ens, tools, schema_dirs, work):
    for pattern, schema in SCHEMAS.items():
        where = next((d for d in schema_dirs if os.path.isfile(os.path.join(d, schema))), None)
        if where is None:
            print(f"note: {schema} is in neither {schema_dirs}: {pattern} not validated")
            continue
        docs = []
        for path in sorted(glob.glob(os.path.join(ens, pattern))):
            if path.endswith(".yaml"):
                as_json = os.path.join(work, os.path.basename(path) + ".json")
                with open(path) as f, open(as_json, "w") as out:
                    json.dump(yaml.safe_load(f), out)
                path = as_json
            docs.append(path)
        if not docs:
            fail(f"{pattern}: not written")
        p = subprocess.run([sys.executable, os.path.join(tools, "validate_json.py"),
                            os.path.join(where, schema), *docs], capture_output=True, text=True)
        if p.returncode != 0:
            fail(f"{pattern} does not validate against {schema}", p.stdout + p.stderr)
        print(f"{len(docs)} x {pattern}: valid ({os.path.join(where, schema)})")


def refused(c, args, needle, what):
    code, out, err = c.cmd(*args)
    if code != 2 or needle not in err:
        fail(f"{what}: expected exit 2 with '{needle}', got {code}", out + err)
    print(f"refused ({what}): {err.strip().splitlines()[0]}")


def check_report(c, results, work, v, tools):
    """hpcpat report of the validation study: a section whose plot draws each job's predicted and
    measured seconds exactly as the validation found them, and a page headless Chromium draws
    (where there is one)."""
    page = os.path.join(work, "validation.html")
    code, out, err = c.cmd("report", "synth-e2e-validation", "--results", results, "-o", page)
    if code != 0:
        fail(f"hpcpat report of the validation study: exit {code}", out + err)
    html = open(page).read()
    if "Ensemble synth-e2e: predicted against measured" not in html:
        fail("the report has no validation section")
    specs = [json.loads(m) for m in re.findall(
        r'<script type="application/json" data-plot="[^"]*">(.*?)</script>', html, re.S)]
    drawn = [s["data"]["values"] for s in specs
             if s.get("data", {}).get("values") and "as_intended" in s["data"]["values"][0]]
    if len(drawn) != 1:
        fail(f"{len(drawn)} validation plots in the report (of {len(specs)} plots)")
    got = {r["job"]: (r["predicted_s"], r["actual_s"], r["as_intended"]) for r in drawn[0]}
    want = {j["job"]: (j["predicted_s"], j["actual_s"], "yes" if j["pattern_ok"] else "no")
            for j in v["jobs"]}
    if got != want:
        fail(f"the report's validation plot {got} is not the validation's {want}")
    browser = subprocess.run([sys.executable, os.path.join(tools, "browser_check.py"), page,
                              os.path.join(work, "validation.png"), "--min-plots", str(len(specs))],
                             capture_output=True, text=True, timeout=600)
    if browser.returncode == 77:
        print("report: no chromium here; the page was not drawn")
    elif browser.returncode != 0:
        fail("the validation study's page did not draw in Chromium",
             browser.stdout + browser.stderr)
    print(f"report: the validation section draws the {len(got)} jobs"
          f"{'' if browser.returncode else f'; Chromium drew all {len(specs)} plots'}")


def main():
    if len(sys.argv) != 6:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    hpcpat, state_dir, tools, schemas, shared = sys.argv[1:]
    repo_schemas = os.path.join(HERE, "..", "..", "..", "schemas")
    os.makedirs(state_dir, exist_ok=True)
    need_root()
    c = Cluster(hpcpat, state_dir, "9")
    work = tempfile.mkdtemp(prefix="hpcpat-synth-")
    results = os.path.join(work, "results")
    try:
        code, out, err = c.up(2)
        if code != 0:
            fail(f"cluster up --nodes 2: exit {code}", out + err)
        with open(os.path.join(work, "measure.yaml"), "w") as f:
            f.write(MEASURE)
        code, out, err = c.cmd("run", os.path.join(work, "measure.yaml"), "--cluster",
                               "--results", results, timeout=600)
        if code != 0:
            fail(f"the measuring study: exit {code}", out + err)

        # 2. Planned twice alike, differently with another seed; every file valid.
        t = target(work, "target.yaml")
        ens_a, ens_b, ens_c = (os.path.join(work, n) for n in ("ens-a", "ens-b", "ens-c"))
        for ens in (ens_a, ens_b):
            code, out, err = c.cmd("synth", "measure", "--from", results, "--target", t, "-o", ens)
            if code != 0:
                fail(f"hpcpat synth: exit {code}", out + err)
        print(out)
        with open(os.path.join(ens_a, "minicluster.yaml")) as f:
            container = yaml.safe_load(f)["spec"]["containers"][0]
        if "gives no image" not in err or "image" in container:
            fail(f"a target without an image: the MiniCluster's container {container}", err)
        if not same_tree(ens_a, ens_b):
            fail("the same target and measurements gave different files")
        code, out, err = c.cmd("synth", "--from", results, "--target",
                               target(work, "seed12.yaml", seed=12), "-o", ens_c)
        if code != 0:
            fail(f"hpcpat synth (seed 12, every study): exit {code}", out + err)
        with open(os.path.join(ens_a, "plan.json")) as f:
            plan = json.load(f)
        with open(os.path.join(ens_c, "plan.json")) as f:
            if json.load(f)["jobs"] == plan["jobs"]:
                fail("another seed gave the same jobs")
        jobs = plan["jobs"]
        if len(jobs) != 12 or {j["pattern"] for j in jobs} != {"halo", "alltoall-heavy",
                                                               "allreduce-heavy"}:
            fail(f"plan: {[(j['name'], j['pattern']) for j in jobs]}")
        if {j["nodes"] for j in jobs} != {1, 2}:
            print(f"note: this seed's jobs all run on {jobs[0]['nodes']} node(s)")
        validate_files(ens_a, tools, [schemas, shared], work)

        # 3. Refusals: nothing written.
        ens_x = os.path.join(work, "ens-x")
        refused(c, ["synth", "measure", "--from", results, "--target",
                    target(work, "long.yaml", high=100), "-o", ens_x],
                "must last 1 .. 100 s, but its measured cases reach only", "durations out of reach")
        refused(c, ["synth", "measure", "--from", results, "--target",
                    target(work, "sync.yaml", second="sync-imbalance-bound"), "-o", ens_x],
                "no measured case has the pattern 'sync-imbalance-bound'", "a pattern nobody has")
        bad = os.path.join(work, "bad.yaml")
        with open(bad, "w") as f:
            f.write("ensemble: x\nseed: 1\ncluster: {nodes: 2}\ngroups:\n  - name: g\n"
                    "    jobs: 3\n    colour: red\n")
        refused(c, ["synth", "measure", "--from", results, "--target", bad, "-o", ens_x],
                "bad.yaml:7", "a malformed target")
        if os.path.exists(ens_x):
            fail(f"{ens_x} was made by a refused synth")
        before = {n: open(os.path.join(ens_a, n), "rb").read() for n in ("plan.json", "submit.sh")}
        refused(c, ["synth", "measure", "--from", results, "--target",
                    target(work, "seed13.yaml", seed=13), "-o", ens_a],
                "files already there are never replaced", "an existing ensemble")
        for n, data in before.items():
            if open(os.path.join(ens_a, n), "rb").read() != data:
                fail(f"{n} was changed by a refused synth")

        # 4. Run for real and compared with the plan.
        # No --cluster: the plan has 2-node jobs, the launcher is mpirun and 2 nodes are up.
        code, out, err = c.cmd("synth", "--validate", ens_a, "--results", results,
                               "--launcher", "mpirun", "--json", timeout=900)
        if code != 0:
            fail(f"hpcpat synth --validate: exit {code}", out + err)
        if "run on the 2 emulated nodes of 'hpcpat cluster up'" not in err:
            fail("--validate did not say it took the emulated nodes", err)
        v = json.loads(out)
        code, rows, err = c.cmd("results", "list", "--json", "--study", "synth-e2e-validation",
                                "--results", results)
        rows = json.loads(rows)
        rows = rows["rows"] if isinstance(rows, dict) else rows
        wall = {r["case"]: r["wall_s"] for r in rows if r["status"] == "ok"}
        errors = []
        for job, got in zip(jobs, v["jobs"]):
            if got["job"] != job["name"] or job["name"] not in wall:
                fail(f"validation lists {got['job']} for {job['name']} (runs: {sorted(wall)})")
            error = abs(wall[job["name"]] - job["predicted_s"]) / wall[job["name"]]
            if abs(got["abs_percentage_error"] - 100 * error) > 1e-6:
                fail(f"{job['name']}: error {got['abs_percentage_error']} != {100 * error}")
            errors.append(error)
            if got["pattern_primary"] != (got["measured_labels"][:1] == [job["pattern"]]):
                fail(f"{job['name']}: pattern_primary {got['pattern_primary']} for labels "
                     f"{got['measured_labels']}")
            if not got["pattern_ok"] or job["pattern"] not in got["measured_labels"]:
                fail(f"{job['name']}: intended {job['pattern']}, measured {got['measured_labels']}")
            print(f"{job['name']}: predicted {job['predicted_s']:.2f} s, measured "
                  f"{wall[job['name']]:.2f} s ({100 * error:.1f}%), {job['pattern']} in "
                  f"{got['measured_labels']}")
        med, worst = statistics.median(errors), max(errors)
        if abs(v["median_abs_percentage_error"] - 100 * med) > 1e-6 or \
                abs(v["worst_abs_percentage_error"] - 100 * worst) > 1e-6:
            fail(f"summary {v['median_abs_percentage_error']}/{v['worst_abs_percentage_error']} "
                 f"!= {100 * med}/{100 * worst}")
        print(f"duration error over {len(errors)} jobs: median {100 * med:.1f}%, worst "
              f"{100 * worst:.1f}%; patterns as intended {v['patterns_ok']} of "
              f"{v['patterns_checked']} ({v['patterns_primary']} as the primary label)")
        if v["patterns_primary"] != sum(j["pattern_primary"] for j in v["jobs"]):
            fail(f"patterns_primary {v['patterns_primary']} is not the jobs' count")
        if med > 0.25:
            fail(f"median duration error {100 * med:.1f}% (a gross miss: the goal is 10%)")

        # The same comparison as JSON valid against its schema, and as the validation study's
        # report section: the plot's data are the JSON's figures.
        doc = os.path.join(work, "validation.json")
        with open(doc, "w") as f:
            json.dump(v, f)
        p = subprocess.run([sys.executable, os.path.join(tools, "validate_json.py"),
                            os.path.join(repo_schemas, "synth-validation.v1.schema.json"), doc],
                           capture_output=True, text=True)
        if p.returncode != 0:
            fail("--validate --json does not validate against its schema", p.stdout + p.stderr)
        check_report(c, results, work, v, tools)

        # 5. The validation study is in the store now; planning from every study leaves it out
        #    (its jobs ran once each: nothing to model), so the plan is the same, byte for byte.
        ens_d = os.path.join(work, "ens-d")
        code, out, err = c.cmd("synth", "--from", results, "--target", t, "-o", ens_d)
        if code != 0 or not same_tree(ens_a, ens_d):
            fail(f"planning from every study after the validation: exit {code}, the same files: "
                 f"{code == 0 and same_tree(ens_a, ens_d)}", out + err)
        code, out, err = c.cmd("synth", "--from", results, "--target",
                               os.path.join(work, "sync.yaml"), "-o", ens_x)
        if code != 2 or "what was measured" not in err or "sim-001" in err:
            fail(f"a refusal after the validation lists the validation's jobs (exit {code})", err)
        c.down_and_check()
    finally:
        c.cmd("cluster", "down")
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
