#!/usr/bin/python3
"""hpcpat scaling and hpcpat model on a real study, end to end.

usage: check_models.py HPCPAT VALIDATOR SCHEMA_DIR STATE_DIR WORK

Stands up two emulated nodes (hpcpat cluster, root only: exit 77 otherwise), runs a small stencil
study over 2 sizes x 2 iteration counts x 1 and 2 nodes, and one more run that the model never
sees (a size and an iteration count between the measured ones, on 2 nodes). Then:
  - hpcpat model fits the study (leave-one-out over its configurations) and predicts the held-out
    run: every point's measured time is the median of its runs in the store, every fitted value
    and the prediction are the printed law evaluated here; the held-out error and the
    leave-one-out median are printed, not asserted (timings on a shared machine; the bench
    bench/analysis/model_accuracy.py measures the accuracy);
  - --target-seconds at the predicted time gives back the iteration count (round trip);
  - a prediction far outside the measured range is refused (exit 2, what was measured named);
  - hpcpat scaling has one series per size and iteration count, each with 1 and 2 nodes, whose
    times are the store's and whose speedups are their ratios;
  - both --json outputs validate against schemas/scaling.v1 and model.v1;
  - the one-run study: scaling says it cannot be fitted, model says why not, both exit 0;
  - both studies pooled: nine configurations (a study named twice counts once);
  - a study with no runs, a case the study lacks: exit 2, one line naming it.
Exit 0 when every check holds, 1 otherwise, 77 when emulated nodes cannot be made here.
"""
import json
import os
import shutil
import statistics
import subprocess
import sys

SKIP = 77
FAILURES = []


def check(ok, what):
    if not ok:
        FAILURES.append(what)
        print(f"FAIL: {what}", file=sys.stderr)


def run(argv, env, timeout=120):
    p = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=timeout)
    return p.returncode, p.stdout, p.stderr


def free_network():
    used = subprocess.run(["ip", "-4", "-o", "addr", "show"], capture_output=True,
                          text=True).stdout
    for x in range(100 + os.getpid() % 100, 256):
        if f" inet 10.213.{x}." not in used:
            return f"10.213.{x}.0/24"
    print("FAIL: no free 10.213.X.0/24 network here", file=sys.stderr)
    sys.exit(1)


def spec(name, nodes, parameters):
    return f"""\
name: {name}
launcher: mpirun
nodes: {nodes}
ranks_per_node: 1
timeout: 60s
env:
  OMPI_MCA_btl: self,vader,tcp
cases:
  - name: stencil
    app: stencil
    parameters: {parameters}
"""


STUDY = spec("fit", [1, 2], "{n: [64, 96], iters: [100, 400]}")
HELD_OUT = spec("held", [2], "{n: 80, iters: 250}")


def validate(validator, schema, path):
    code, out, err = run([sys.executable, validator, schema, path], os.environ)
    check(code == 0, f"{os.path.basename(path)} against {os.path.basename(schema)}: {out}{err}")


def main(argv):
    hpcpat, validator, schemas, state_dir, work = argv[1:6]
    if os.geteuid() != 0 or shutil.which("ip") is None:
        print("SKIP: the emulated nodes need root and iproute2 (uid "
              f"{os.geteuid()})")
        return SKIP
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    os.makedirs(state_dir, exist_ok=True)
    name = f"hpt{os.getpid() % 100000}m"
    env = dict(os.environ, HPCPAT_CLUSTER_STATE=os.path.join(state_dir, name + ".json"),
               OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
    env.pop("HPCPAT_RESULTS", None)
    results = os.path.join(work, "results")
    code, out, err = run([hpcpat, "cluster", "up", "--nodes", "2", "--name", name, "--network",
                          free_network()], env)
    if code != 0:
        print(f"FAIL: cluster up: exit {code}\n{out}{err}", file=sys.stderr)
        return 1
    try:
        for label, text in (("fit", STUDY), ("held", HELD_OUT)):
            spec = os.path.join(work, label + ".yaml")
            with open(spec, "w") as f:
                f.write(text)
            code, out, err = run([hpcpat, "run", spec, "--results", results, "--cluster"], env,
                                 timeout=300)
            print(out, err)
            check(code == 0, f"hpcpat run {label}: exit {code}")
    finally:
        run([hpcpat, "cluster", "down"], env)
    if FAILURES:
        return 1

    def hp(*args):
        return run([hpcpat, *args, "--results", results], env)

    code, out, err = hp("results", "export", "--json", "--study", "held")
    held = json.loads(out)[0]
    code, out, err = hp("model", "fit", "--case", "stencil", "--predict",
                        "iters=250,n=80,nodes=2", "--json")
    check(code == 0, f"model --predict: exit {code}: {err}")
    model_json = os.path.join(work, "model.json")
    with open(model_json, "w") as f:
        f.write(out)
    validate(validator, os.path.join(schemas, "model.v1.schema.json"), model_json)
    doc = json.loads(out)
    m = doc["models"][0]
    check(len(doc["models"]) == 1 and len(m["points"]) == 8,
          f"one model of 8 configurations expected: {len(doc['models'])} models")
    check(m["loo"] is not None and m["loo"]["held_out"] == 8, f"leave-one-out over 8: {m['loo']}")
    predicted = doc["prediction"]["wall_s"]
    error = abs(predicted - held["wall_s"]) / held["wall_s"]
    print(f"held-out run (iters=250, n=80, 2 nodes): measured {held['wall_s']:.3f} s, predicted "
          f"{predicted:.3f} s, error {error:.1%}; leave-one-out median "
          f"{m['loo']['median_relative_error']:.1%}, max {m['loo']['max_relative_error']:.1%} "
          f"(fit {'compute + MPI' if m['mpi_split'] else 'whole'}, R² {m['r2']:.3f})")
    code, out, err = hp("results", "export", "--json", "--study", "fit")
    by_config = {}
    for r in json.loads(out):
        name = r["run"]  # stencil.n-64.iters-100.n1.rep1
        fields = dict(f.split("-", 1) for f in name.split(".")[1:3])
        key = (float(fields["iters"]), float(fields["n"]), float(r["nodes"]))
        by_config.setdefault(key, []).append(r["wall_s"])

    def law_at(part, d, s, n):
        return part["a_s"] + part["b_s"] * d * s ** part["size_exponent"] * \
            n ** -part["node_exponent"]

    def model_at(d, s, n):
        return law_at(m["compute"], d, s, n) + (law_at(m["mpi"], d, s, n) if m["mpi"] else 0)

    for p in m["points"]:
        key = (p["duration"], p["size"], p["nodes"])
        check(key in by_config and abs(p["wall_s"] - statistics.median(by_config[key])) < 1e-9,
              f"point {key}: wall {p['wall_s']} is not the median of {by_config.get(key)}")
        check(abs(p["fitted_s"] - model_at(*key)) < 1e-9 * max(1, p["fitted_s"]),
              f"point {key}: fitted {p['fitted_s']}, the law gives {model_at(*key)}")
        check(abs(p["wall_s"] - p["fitted_s"] - p["residual_s"]) < 1e-9, f"residual of {p}")
    check(abs(predicted - model_at(250, 80, 2)) < 1e-9 * predicted,
          f"prediction {predicted}, the law gives {model_at(250, 80, 2)}")

    # Round trip: the time predicted at 250 iterations gives back 250 iterations.
    code, out, err = hp("model", "fit", "--case", "stencil", "--target-seconds", repr(predicted),
                        "--nodes", "2", "--size", "80", "--json")
    check(code == 0, f"model --target-seconds: exit {code}: {err}")
    if code == 0:
        inv = json.loads(out)["inversion"]
        check(abs(inv["duration_exact"] - 250) < 1e-6 and inv["duration"] == 250,
              f"inversion of the predicted time: {inv}")
    code, out, err = hp("model", "fit", "--case", "stencil", "--predict", "iters=5000,n=80,nodes=2")
    check(code == 2 and "measured iters 100, 400" in err and out == "",
          f"extrapolation: exit {code}, {err!r}")

    code, out, err = hp("scaling", "fit", "--json")
    check(code == 0, f"scaling: exit {code}: {err}")
    scaling_json = os.path.join(work, "scaling.json")
    with open(scaling_json, "w") as f:
        f.write(out)
    validate(validator, os.path.join(schemas, "scaling.v1.schema.json"), scaling_json)
    cases = json.loads(out)["cases"]
    check(len(cases) == 4 and all([p["nodes"] for p in c["points"]] == [1, 2] for c in cases),
          f"4 series of 1 and 2 nodes expected: {[(c['key'], len(c['points'])) for c in cases]}")
    for c in cases:
        check(c["amdahl"] is not None, f"{c['key']}: no Amdahl fit")
        params = c["key"].split()
        d = float(next(p for p in params if p.startswith("iters="))[7:-1])
        s = float(next(p for p in params if p.startswith("n="))[3:-1])
        t = [statistics.median(by_config[(d, s, float(n))]) for n in (1, 2)]
        got = [p["wall_s"] for p in c["points"]]
        check(got == t and abs(c["points"][1]["speedup"] - t[0] / t[1]) < 1e-12,
              f"{c['key']}: walls {got}, store {t}, speedup {c['points'][1]['speedup']}")
    code, out, err = hp("scaling", "fit")
    check(code == 0 and "Amdahl: serial fraction" in out, f"scaling text: {out}{err}")

    for command in ("scaling", "model"):
        code, out, err = hp(command, "nosuch")
        check(code == 2 and out == "" and "no complete run of study 'nosuch'" in err
              and err.count("\n") == 1, f"{command} of a study with no runs: {code} {err!r}")
    code, out, err = hp("model", "fit", "--case", "nosuch")
    check(code == 2 and "has no case 'nosuch'; expected one of stencil" in err, f"--case: {err!r}")

    # Studies pooled: the held-out run joins as a ninth configuration; a study named twice counts once.
    code, out, err = hp("model", "fit", "held", "fit", "--json")
    pooled = json.loads(out) if code == 0 else {}
    check(code == 0 and pooled["study"] == "fit+held" and len(pooled["models"][0]["points"]) == 9
          and pooled["runs"] == 9, f"model fit held fit: exit {code} {err}")

    code, out, err = hp("scaling", "held")
    check(code == 0 and "scaling cannot be fitted" in out, f"one node count: {code} {out}{err}")
    code, out, err = hp("model", "held")
    check(code == 0 and "not modelled" in out and "measured at one value" in out,
          f"one configuration: {code} {out}{err}")
    if FAILURES:
        print(f"{len(FAILURES)} check(s) failed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
