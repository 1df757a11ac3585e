#!/usr/bin/python3
"""hpcpat compare and hpcpat history on two real studies.

usage: check_compare.py HPCPAT VALIDATE_JSON SCHEMAS_DIR WORKDIR

Study `base`: stencil, 2 ranks, n=64, 10 sweeps, 4 repeats (~0.9 s a run, mostly the launch).
Study `slow`: the same case with 6000 sweeps (the injected slowdown: the duration knob adds half a
second of work or more, +50% to +200% of the wall time, so that the load of a shared machine,
which moves a run by tens of per cent, cannot blur it; 600 sweeps did, until the stencil's sweeps
ran at 2.6e9 updates a second on this machine, 0.06 s in all: +3.6%, p 0.057 in CI). Then:
- compare base base: no regression, exit 0; --json validates against compare.v1;
- compare base slow: no configuration in common (iters differs), exit 2 naming the way out;
- compare base slow --ignore-parameter iters: a regression, exit 1, change > 0 and roughly the
  size the apps measured themselves: (median loop seconds of slow - of base) / median wall time
  of base, where the loop seconds are each run's summary figure `seconds` (the app's own
  MPI_Wtime around its sweeps) and the wall time the store's (the job's clock); within a
  factor of 2 of that prediction;
- compare base:*rep[12] base:*rep[34] (run sets): 2 repeats a side, too few repeats, exit 0;
- --references: a reference at base's median +-50% passes (exit 0), one at half of it fails
  (exit 1);
- history stencil --json: validates against history.v1; the two studies in start order, one
  configuration each (iters differs); with --ignore-parameter iters one configuration of two
  points, base's value below slow's.
"""
import json
import os
import shutil
import statistics
import subprocess
import sys


def fail(msg):
    print(f"FAIL: {msg}", file=sys.stderr)
    sys.exit(1)


def run(argv):
    proc = subprocess.run(argv, capture_output=True, text=True, timeout=240)
    print("$", " ".join(argv), f"-> {proc.returncode}\n{proc.stdout}{proc.stderr}")
    return proc


SPEC = """\
name: {name}
launcher: mpirun
repeats: 4
timeout: 120s
cases:
  - {{name: stencil, app: stencil, ranks_per_node: 2, parameters: {{n: 64, iters: {iters}}}}}
"""


def validate(validator, schema, text, path):
    with open(path, "w") as f:
        f.write(text)
    if subprocess.run([sys.executable, validator, schema, path]).returncode != 0:
        fail(f"{path} does not validate against {schema}")


def study_figures(results, study):
    """Wall times (the store's) and loop seconds (each app summary's own clock)."""
    walls, loops = [], []
    folder = os.path.join(results, study)
    for name in sorted(os.listdir(folder)):
        run_dir = os.path.join(folder, name)
        if not os.path.isdir(run_dir):
            continue
        with open(os.path.join(run_dir, "record.json")) as f:
            walls.append(json.load(f)["wall_s"])
        with open(os.path.join(run_dir, "summary.json")) as f:
            loops.append(json.load(f)["figures"]["seconds"])
    return walls, loops


def main():
    hpcpat, validator, schemas, work = sys.argv[1:5]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    results = os.path.join(work, "results")
    for name, iters in (("base", 10), ("slow", 6000)):
        spec = os.path.join(work, f"{name}.yaml")
        with open(spec, "w") as f:
            f.write(SPEC.format(name=name, iters=iters))
        if run([hpcpat, "run", spec, "--results", results]).returncode != 0:
            fail(f"hpcpat run {name}")
    common = ["--results", results]

    same = run([hpcpat, "compare", "base", "base", "--json", *common])
    if same.returncode != 0:
        fail(f"base against itself: exit {same.returncode}, expected 0")
    validate(validator, os.path.join(schemas, "compare.v1.schema.json"), same.stdout,
             os.path.join(work, "same.json"))
    doc = json.loads(same.stdout)
    if [p["verdict"] for p in doc["pairs"]] != ["no change"] or doc["pairs"][0]["change"] != 0:
        fail(f"base against itself: {[(p['verdict'], p['change']) for p in doc['pairs']]}")

    unpaired = run([hpcpat, "compare", "base", "slow", *common])
    if unpaired.returncode != 2 or "--ignore-parameter" not in unpaired.stderr:
        fail("base against slow without --ignore-parameter: expected exit 2 naming the option")

    slow = run([hpcpat, "compare", "base", "slow", "--ignore-parameter", "iters", "--json",
                *common])
    if slow.returncode != 1:
        fail(f"base against slow: exit {slow.returncode}, expected 1 (a regression)")
    validate(validator, os.path.join(schemas, "compare.v1.schema.json"), slow.stdout,
             os.path.join(work, "slow.json"))
    pair = json.loads(slow.stdout)["pairs"][0]
    base_walls, base_loops = study_figures(results, "base")
    _, slow_loops = study_figures(results, "slow")
    predicted = (statistics.median(slow_loops) - statistics.median(base_loops)) / \
        statistics.median(base_walls)
    print(f"change {pair['change']:+.3f}, predicted from the apps' own clocks {predicted:+.3f}")
    if pair["verdict"] != "regression" or not pair["change"] > 0:
        fail(f"base against slow: {pair['verdict']}, change {pair['change']}")
    if not predicted / 2 <= pair["change"] <= predicted * 2:
        fail(f"change {pair['change']:.3f} is not within a factor 2 of {predicted:.3f}")

    halves = run([hpcpat, "compare", "base:*rep[12]", "base:*rep[34]", *common])
    if halves.returncode != 0 or "too few repeats" not in halves.stdout:
        fail("run sets of 2 repeats: expected too few repeats and exit 0")

    median = pair["base"]["median"]
    for name, value, code in (("pass", median, 0), ("fail", median / 2, 1)):
        refs = os.path.join(work, f"refs_{name}.yaml")
        with open(refs, "w") as f:
            f.write(f"references:\n  - {{case: stencil, nodes: 1, ranks: 2, value: {value}, "
                    "lower: -0.5, upper: 0.5, unit: s}\n")
        proc = run([hpcpat, "compare", "base", "base", "--references", refs, *common])
        if proc.returncode != code:
            fail(f"reference {name}: exit {proc.returncode}, expected {code}")

    history = run([hpcpat, "history", "stencil", "--json", *common])
    if history.returncode != 0:
        fail(f"history: exit {history.returncode}")
    validate(validator, os.path.join(schemas, "history.v1.schema.json"), history.stdout,
             os.path.join(work, "history.json"))
    studies = [p["study"] for s in json.loads(history.stdout)["series"] for p in s["points"]]
    if studies != ["base", "slow"]:
        fail(f"history: studies {studies}, expected base then slow")
    merged = run([hpcpat, "history", "stencil", "--ignore-parameter", "iters", "--json", *common])
    series = json.loads(merged.stdout)["series"] if merged.returncode == 0 else []
    if len(series) != 1 or [p["study"] for p in series[0]["points"]] != ["base", "slow"]:
        fail(f"history --ignore-parameter iters: exit {merged.returncode}, expected one series of "
             "base then slow")
    if not series[0]["points"][0]["value"] < series[0]["points"][1]["value"]:
        fail("history: base's median wall time is not below slow's")
    if run([hpcpat, "compare", "nosuch", "base", *common]).returncode != 2:
        fail("an unknown study: expected exit 2")
    print("compare e2e: ok")


if __name__ == "__main__":
    main()
