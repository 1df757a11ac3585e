#!/usr/bin/python3
"""hpcpat patterns end to end through the binary.

usage: check_patterns.py CASE HPCPAT WORKDIR TOOLS_DIR SCHEMAS_DIR [FLAVOUR]
CASE:
  kernels      real runs (a short study): the latency kernel at 2 ranks and multi_lat at 4 are
               latency-bound-p2p, bw at 2 and mbw_mr at 4 bandwidth-bound-p2p (neither a halo),
               allreduce and alltoall at 2 and 4 ranks allreduce- and alltoall-heavy.
  halo         real runs: minimd, stencil and (Open MPI only, Debian's lmp is linked with it)
               LAMMPS at 2 and 4 ranks are halo; one rank of mlp is compute-bound.
  collectives  real runs: cg is allreduce-heavy, fft alltoall-heavy, mlp allreduce-heavy, at 2
               and 4 ranks.
               For both, the labels are stored: each run's patterns.json, `hpcpat results list
               --json` shows them, and a reindex from the folders alone gives them back.
  hostile      exit 2 with one line naming the problem, never a crash: a truncated profile, a
               schema-invalid one, a 100 MB one over --max-size and one of 100 MB that is no
               JSON, no input, an unknown study, a study whose only run failed.
  synthetic    a 4,096-rank ring and a 512-rank periodic 3D halo written by make_profile.py are
               valid profiles (schema) and come out as halo with 2 and 6 partners, periodic.
The real runs are two rounds of each study's cases; a case passes when one of its two runs is
labelled exactly as expected (a stall of the shared host, some days for seconds at a time, shifts
one run's balance; the app's holds in the other).
Every --json output is validated against schemas/patterns.v1.schema.json.
"""
import json
import os
import shutil
import subprocess
import sys

TIMEOUT = 300


def fail(msg):
    print(f"FAIL: {msg}", file=sys.stderr)
    sys.exit(1)


def check(cond, msg):
    if not cond:
        fail(msg)


class Env:
    def __init__(self, argv):
        self.case, self.hpcpat, self.work, self.tools, self.schemas = argv[1:6]
        self.flavour = argv[6] if len(argv) > 6 else "openmpi"
        shutil.rmtree(self.work, ignore_errors=True)
        os.makedirs(self.work)
        self.env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
        self.results = os.path.join(self.work, "results")

    def run(self, *args, expect=0):
        p = subprocess.run([self.hpcpat, *args], capture_output=True, text=True, env=self.env,
                           timeout=TIMEOUT, cwd=self.work)
        check(p.returncode == expect,
              f"hpcpat {' '.join(args)}: exit {p.returncode}, expected {expect}\n"
              f"stdout: {p.stdout[-3000:]}\nstderr: {p.stderr[-3000:]}")
        return p

    def validate(self, path, schema="patterns.v1.schema.json"):
        p = subprocess.run([sys.executable, os.path.join(self.tools, "validate_json.py"),
                            os.path.join(self.schemas, schema), path],
                           capture_output=True, text=True)
        check(p.returncode == 0, f"{path} does not validate against {schema}: {p.stderr}")

    def patterns_json(self, *args):
        out = self.run("patterns", *args, "--json").stdout
        path = os.path.join(self.work, "patterns.json")
        with open(path, "w") as f:
            f.write(out)
        self.validate(path)
        return json.loads(out)


ROUND = "-round"  # the suffix of a case's name in a later round: "cg-2-round2"


def study(env, name, cases, rounds=1):
    """Runs a study of `cases` (YAML lines, each "{name: NAME, ...}") at one node; each case sets
    its ranks_per_node. With rounds > 1 the whole list runs again, each case named NAME-roundK,
    so that a case's runs lie a round apart rather than back to back (repeats would be)."""
    spec = os.path.join(env.work, name + ".yaml")
    with open(spec, "w") as f:
        f.write(f"name: {name}\nlauncher: mpirun\nranks_per_node: 2\ntimeout: 2m\ncases:\n")
        for k in range(1, rounds + 1):
            for c in cases:
                if k > 1:
                    case = c[len("{name: "):c.index(",")]
                    c = f"{{name: {case}{ROUND}{k}," + c[c.index(",") + 1:]
                f.write(f"  - {c}\n")
    p = subprocess.run([env.hpcpat, "run", spec, "--results", env.results], capture_output=True,
                       text=True, env=env.env, timeout=TIMEOUT, cwd=env.work)
    return p


def on_two_cores(env, cases, expected):
    """The cases (and their expectations) whose labels measure the app on this 2-core machine.
    Under MPICH, 4 busy-polling ranks on 2 cores measure the scheduler: loaded, a multi_lat
    spent half its MPI time in the kernel's bookkeeping barriers and reductions (p2p share 0.48,
    no label), so the MPICH pass keeps the 2-rank cases; Open MPI's ranks yield when idle."""
    if env.flavour != "mpich":
        return cases, expected
    kept = [c for c in cases if "ranks_per_node: 4" not in c]
    return kept, {k: v for k, v in expected.items() if not k.endswith("-4")}


def labels_by_case(doc):
    """case -> its runs (one per round), in the document's order."""
    out = {}
    for r in doc["runs"]:
        out.setdefault(r["case"].split(ROUND)[0], []).append(r)
    return out


def problems_of(case, run, must, must_not, primary):
    """What is wrong with one run's labels (empty: nothing), each line with the features."""
    got = [l["label"] for l in run["labels"]]
    shown = ", ".join(f"{l['label']} {l['confidence']:.2f}" for l in run["labels"])
    feats = run["features"]
    why = (f"mpi {feats['mpi_fraction_median']:.2f} p2p {feats['p2p_share']:.2f} allreduce "
           f"{feats['allreduce_share']:.2f} alltoall {feats['alltoall_share']:.2f} median "
           f"{feats['p2p_median_bytes']:.0f} B partners {feats['matrix']['partners_max']}")
    print(f"{case} ({run['name']}): {shown or '-'}  ({why})")
    problems = [f"{case}: expected {l}, got [{shown}] ({why})" for l in must if l not in got]
    problems += [f"{case}: {l} is not what it is, got [{shown}] ({why})"
                 for l in must_not if l in got]
    if primary and (not got or got[0] != primary):
        problems.append(f"{case}: expected {primary} first, got [{shown}]")
    return problems


def expect_labels(runs, expected):
    """expected: case -> (labels that must be there, labels that must not, primary or None).
    runs: case -> its runs, one per round. A case passes when one run has exactly what is
    expected: the labels measure the balance of computation and communication, which a stall of
    this shared host (some days for seconds at a time) shifts; the app's own balance holds in
    the undisturbed run."""
    problems = []
    for case, (must, must_not, primary) in expected.items():
        if case not in runs:
            problems.append(f"{case}: not classified")
            continue
        per_run = [problems_of(case, r, must, must_not, primary) for r in runs[case]]
        if all(per_run):
            problems += [f"{p} (in each of {len(per_run)} rounds; the first shown)"
                         for p in per_run[0]]
    check(not problems, "\n".join(problems))


def case_kernels(env):
    k = "app: kernels, parameters: {kernel: %s, %s}"
    coll4 = "max_size: 4K, iterations: 200"
    lat4 = "max_size: 1K, iterations: 500"
    cases = [
        "{name: lat-2, ranks_per_node: 2, " + k % ("latency", "max_size: 1K, iterations: 1000") + "}",
        "{name: multilat-4, ranks_per_node: 4, " + k % ("multi_lat", lat4) + "}",
        "{name: bw-2, ranks_per_node: 2, " + k % ("bw", "min_size: 256K, max_size: 1M, iterations: 10") + "}",
        "{name: mbw-4, ranks_per_node: 4, " + k % ("mbw_mr", "min_size: 256K, max_size: 1M, iterations: 10") + "}",
        "{name: allreduce-2, ranks_per_node: 2, " + k % ("allreduce", "max_size: 4K, iterations: 200") + "}",
        "{name: allreduce-4, ranks_per_node: 4, " + k % ("allreduce", coll4) + "}",
        "{name: alltoall-2, ranks_per_node: 2, " + k % ("alltoall", "max_size: 4K, iterations: 200") + "}",
        "{name: alltoall-4, ranks_per_node: 4, " + k % ("alltoall", coll4) + "}",
    ]
    p2p = ["allreduce-heavy", "alltoall-heavy", "compute-bound"]
    coll = ["halo", "latency-bound-p2p", "bandwidth-bound-p2p", "compute-bound"]
    expected = {
        "lat-2": (["latency-bound-p2p"], p2p + ["bandwidth-bound-p2p"], "latency-bound-p2p"),
        "multilat-4": (["latency-bound-p2p"], p2p + ["bandwidth-bound-p2p", "halo"],
                       "latency-bound-p2p"),
        "bw-2": (["bandwidth-bound-p2p"], p2p + ["latency-bound-p2p", "halo"], "bandwidth-bound-p2p"),
        "mbw-4": (["bandwidth-bound-p2p"], p2p + ["latency-bound-p2p", "halo"],
                  "bandwidth-bound-p2p"),
        "allreduce-2": (["allreduce-heavy"], coll + ["alltoall-heavy"], None),
        "allreduce-4": (["allreduce-heavy"], coll + ["alltoall-heavy"], None),
        "alltoall-2": (["alltoall-heavy"], coll + ["allreduce-heavy"], None),
        "alltoall-4": (["alltoall-heavy"], coll + ["allreduce-heavy"], None),
    }
    cases, expected = on_two_cores(env, cases, expected)
    p = study(env, "kernels", cases, rounds=2)
    check(p.returncode == 0, f"the kernels study failed: {p.stdout[-2000:]}{p.stderr[-2000:]}")
    runs = labels_by_case(env.patterns_json("kernels", "--results", env.results))
    expect_labels(runs, expected)


def case_apps(env, group):
    """group "halo": minimd, stencil and LAMMPS, and the compute-heavy setting; "collectives":
    cg, fft and mlp. Each at 2 and 4 ranks, in a study of its own (each under 20 s here)."""
    name = "apps-" + group
    cases, expected = [], {}
    for r in (2, 4):
        if group == "halo":
            cases += [
                f"{{name: minimd-{r}, ranks_per_node: {r}, app: minimd, parameters: {{size: 8, steps: 100}}}}",
                f"{{name: stencil-{r}, ranks_per_node: {r}, app: stencil, parameters: {{n: 64, iters: 100}}}}",
            ]
            # At 2 ranks over shared memory the halo apps spend 5-25% of their time in MPI
            # (quiet or loaded machine): compute-bound beside halo is their true label there.
            # At 4 ranks on 2 cores, MPI is most of their time.
            no = ["alltoall-heavy", "allreduce-heavy"] + (["compute-bound"] if r == 4 else [])
            expected[f"minimd-{r}"] = (["halo"], no, None)
            expected[f"stencil-{r}"] = (["halo"], no, None)
            if env.flavour == "openmpi":  # Debian's lmp is linked with Open MPI
                lj = os.path.join(os.path.dirname(env.schemas), "workloads", "wrapped", "lammps",
                                  "in.lj")
                cases.append(f"{{name: lammps-{r}, ranks_per_node: {r}, command: [lmp, -in, {lj}, "
                             f"-var, x, '6', -var, steps, '100', -log, none]}}")
                expected[f"lammps-{r}"] = (["halo"], no, None)
        else:
            # At 2 ranks over shared memory these apps compute most of the time; sizes small
            # enough that their collectives stay well past the 5%-of-the-run guard on a quiet
            # machine too (quiet, 2 ranks: cg 22-24% in MPI, 58-62% of it allreduce; mlp 21-25%,
            # 93-95%; fft 16-18%, 69-79% all-to-all). cg: a grid of 8^3 for 4000 iterations
            # (80 ms). 12^3 for 400 (7 ms) left its allreduces at 4.9% of the run in CI (its one-off
            # MPI_Cart_create a fifth of its MPI time); 12^3 for 4000 at 4.5% there, 6.7-16% here;
            # 8^3 for 4000: 12-20% here, allreduce 42-54% of the MPI time.
            cg, fft, mlp = (("global: 8, iters: 4000", "n: 32, iters: 20", "global_batch: 16, steps: 60")
                            if r == 2 else
                            ("global: 32, iters: 60", "n: 96, iters: 3", "global_batch: 128, steps: 30"))
            cases += [
                f"{{name: cg-{r}, ranks_per_node: {r}, app: cg, parameters: {{{cg}, fixed_iters: true}}}}",
                f"{{name: fft-{r}, ranks_per_node: {r}, app: fft, parameters: {{{fft}}}}}",
                f"{{name: mlp-{r}, ranks_per_node: {r}, app: mlp, parameters: {{{mlp}}}}}",
            ]
            expected[f"cg-{r}"] = (["allreduce-heavy"], ["alltoall-heavy"], None)
            expected[f"fft-{r}"] = (["alltoall-heavy"],
                                    ["halo", "latency-bound-p2p", "bandwidth-bound-p2p"], None)
            expected[f"mlp-{r}"] = (["allreduce-heavy"],
                                    ["halo", "alltoall-heavy", "latency-bound-p2p"], None)
    if group == "halo":
        # The compute-heavy setting: one rank of mlp. With two, a partner descheduled on this
        # shared machine makes every wait long and the MPI time (19-26% here) a measure of the
        # load, not of the app.
        cases.append("{name: compute-1, ranks_per_node: 1, app: mlp, parameters: "
                      "{global_batch: 1024, steps: 20, hidden: 64, layers: 1}}")
        expected["compute-1"] = (["compute-bound"], ["halo", "allreduce-heavy", "latency-bound-p2p"],
                                 "compute-bound")
    cases, expected = on_two_cores(env, cases, expected)
    p = study(env, name, cases, rounds=2)
    check(p.returncode == 0, f"the {name} study failed: {p.stdout[-2000:]}{p.stderr[-2000:]}")
    doc = env.patterns_json(name, "--results", env.results)
    expect_labels(labels_by_case(doc), expected)

    # Stored with the runs: the file in each folder, the index's column, and back after reindex.
    def column(label_list):
        return ",".join(f"{l['label']}:{l['confidence']:.2f}" for l in label_list)

    want = {r["name"]: column(r["labels"]) for r in doc["runs"]}
    for r in doc["runs"]:
        stored = os.path.join(env.results, name, r["name"], "patterns.json")
        check(os.path.isfile(stored), f"{stored}: not written")
        with open(stored) as f:
            kept = json.load(f)
        check(kept["schema"] == "hpcpat.patterns.v1" and kept["labels"] == r["labels"],
              f"{stored}: differs from the --json output")

    def listed():
        rows = json.loads(env.run("results", "list", "--json", "--study", name,
                                  "--results", env.results).stdout)
        rows = rows["rows"] if isinstance(rows, dict) else rows
        return {row["run"]: row["labels"] for row in rows}

    check(listed() == want, f"results list labels {listed()} != {want}")
    os.remove(os.path.join(env.results, "hpcpat.db"))
    env.run("results", "reindex", "--results", env.results)
    check(listed() == want, "after reindex, results list labels differ")
    print(f"{name}: {len(want)} runs labelled, stored and reindexed")


def case_hostile(env):
    data = os.path.join(os.path.dirname(env.tools), "unit", "analysis", "data", "valid_2ranks.json")
    with open(data) as f:
        text = f.read()

    def refused(path, *extra, needle):
        p = env.run("patterns", path, *extra, expect=2)
        lines = [l for l in p.stderr.splitlines() if l.strip()]
        check(len(lines) == 1 and lines[0].startswith("hpcpat: ") and needle in lines[0],
              f"patterns {path}: expected one 'hpcpat:' line with '{needle}', got {p.stderr!r}")
        print(f"refused {os.path.basename(path)}: {lines[0][:150]}")

    cut = os.path.join(env.work, "truncated.json")
    with open(cut, "w") as f:
        f.write(text[: len(text) // 2])
    refused(cut, needle="truncated.json")
    bad = json.loads(text)
    bad["ranks"][0]["mpi_time_s"] = "slow"
    invalid = os.path.join(env.work, "invalid.json")
    with open(invalid, "w") as f:
        json.dump(bad, f)
    refused(invalid, needle="mpi_time_s")
    big = os.path.join(env.work, "big.json")
    with open(big, "w") as f:  # 100 MB: valid JSON of a profile's start, padded with spaces
        f.write(text[:-2] + " " * (100 << 20) + text[-2:])
    refused(big, "--max-size", "50", needle="big.json")
    junk = os.path.join(env.work, "junk.json")
    with open(junk, "w") as f:
        f.write('{"schema": "hpcpat.profile.v1", "run": ' + "[" * (100 << 20))
    refused(junk, needle="junk.json")
    p = env.run("patterns", expect=2)
    check("expected a study name or profile" in p.stderr, p.stderr)
    os.makedirs(env.results, exist_ok=True)
    p = study(env, "broken", ["{name: nothing, command: ['false']}"])
    check(p.returncode == 1, f"a study whose run fails: exit {p.returncode}, expected 1")
    p = env.run("patterns", "broken", "--results", env.results, expect=2)
    check("nothing to classify" in p.stderr, p.stderr)
    p = env.run("patterns", "no-such-study", "--results", env.results, expect=2)
    check("no-such-study" in p.stderr and "broken" in p.stderr, p.stderr)
    print("hostile inputs: exit 2 with one message each")


def case_synthetic(env):
    data = os.path.join(os.path.dirname(env.tools), "unit", "analysis", "data", "valid_2ranks.json")
    made = {}
    for pattern, ranks in (("ring", 4096), ("halo3d", 512)):
        out = os.path.join(env.work, f"{pattern}{ranks}.json")
        subprocess.run([sys.executable, os.path.join(env.tools, "make_profile.py"), data, out,
                        "--ranks", str(ranks), "--pattern", pattern], check=True)
        env.validate(out, "profile.v1.schema.json")
        made[pattern] = out
    doc = env.patterns_json(made["ring"], made["halo3d"])
    ring, halo = doc["runs"]
    for run, partners, ranks in ((ring, 2, 4096), (halo, 6, 512)):
        m = run["features"]["matrix"]
        check(run["ranks"] == ranks and m["partners_max"] == partners and m["periodic"],
              f"{run['name']}: ranks {run['ranks']}, partners {m['partners_max']}, periodic "
              f"{m['periodic']}; expected {ranks}, {partners}, periodic")
        check(abs(m["density"] - partners / (ranks - 1)) < 1e-12, f"{run['name']}: density {m['density']}")
        check([l["label"] for l in run["labels"]] == ["halo"], f"{run['name']}: {run['labels']}")
    print("synthetic: 4096-rank ring and 512-rank torus are periodic halos")


def main(argv):
    if len(argv) < 6:
        print(__doc__, file=sys.stderr)
        return 2
    env = Env(argv)
    {"kernels": case_kernels, "halo": lambda e: case_apps(e, "halo"),
     "collectives": lambda e: case_apps(e, "collectives"), "hostile": case_hostile,
     "synthetic": case_synthetic}[env.case](env)
    print(f"{env.case}: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
