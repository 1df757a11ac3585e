#!/usr/bin/env python3
"""What a study costs per run beyond the run itself (issue 12: goal <= 100 ms, 5 % of a 2-s run).

Three arms, interleaved in rounds with the order rotating, so that a change of the machine's load
hits all alike; each runs the same 2-rank MPI program (minimd, sized to about 2 s):
  bare      mpirun -np 2 PROGRAM
  preload   the same with libhpcpat-pmpi.so preloaded into the ranks (-x LD_PRELOAD): the
            profiling itself
  study     hpcpat run of a one-run spec of the same program into a fresh results folder: the
            harness (spec, plan, launch, the run folder, record.json, the index row) on top
Clock: time.perf_counter_ns (CLOCK_MONOTONIC) around each subprocess, start to exit. Prints the
medians per arm; the harness's own cost per run is study - preload, the interposer's preload -
bare.

usage: run_overhead.py --hpcpat BIN/hpcpat [--rounds 9] [--size 14] [--steps 300] [--json OUT]
exit: 0 measured, 1 a run failed, 2 bad arguments
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def timed(argv, env=None):
    t0 = time.perf_counter_ns()
    p = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    dt = (time.perf_counter_ns() - t0) / 1e9
    if p.returncode != 0:
        raise RuntimeError(f"{argv[:4]}... exited {p.returncode}: "
                           f"{p.stderr.decode(errors='replace')[-500:]}")
    return dt


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--hpcpat", required=True)
    ap.add_argument("--rounds", type=int, default=9)
    ap.add_argument("--size", type=int, default=14)
    ap.add_argument("--steps", type=int, default=300)
    ap.add_argument("--mpirun", default=shutil.which("mpirun.openmpi") or "mpirun")
    ap.add_argument("--json")
    a = ap.parse_args()
    hpcpat = os.path.abspath(a.hpcpat)
    bin_dir = os.path.dirname(hpcpat)
    minimd = os.path.join(bin_dir, "minimd")
    lib = os.path.join(bin_dir, "..", "lib", "libhpcpat-pmpi.so")
    if not (os.access(hpcpat, os.X_OK) and os.access(minimd, os.X_OK) and os.path.exists(lib)):
        print(f"run_overhead: expected hpcpat, minimd beside it and ../lib/libhpcpat-pmpi.so",
              file=sys.stderr)
        return 2
    env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
    program = [minimd, "--size", str(a.size), "--steps", str(a.steps), "--quiet"]
    root_flags = ["--allow-run-as-root"] if os.geteuid() == 0 else []
    bare = [a.mpirun, *root_flags, "-np", "2", *program]

    def preload(profile):
        return [a.mpirun, *root_flags, "-np", "2", "-x", f"LD_PRELOAD={os.path.abspath(lib)}",
                "-x", f"HPCPAT_OUTPUT={profile}", *program]

    work = tempfile.mkdtemp(prefix="hpcpat-run-overhead-")
    spec = os.path.join(work, "one.yaml")
    with open(spec, "w") as f:
        f.write(f"name: overhead\nlauncher: mpirun\nranks_per_node: 2\ntimeout: 10m\n"
                f"cases:\n  - name: md\n    app: minimd\n"
                f"    parameters: {{size: {a.size}, steps: {a.steps}}}\n")
    arms = {"bare": [], "preload": [], "study": []}
    try:
        for r in range(a.rounds):
            order = list(arms)[r % 3:] + list(arms)[:r % 3]
            for arm in order:
                if arm == "bare":
                    arms[arm].append(timed(bare, env))
                elif arm == "preload":
                    arms[arm].append(timed(preload(os.path.join(work, f"p{r}.json")), env))
                else:
                    arms[arm].append(timed([hpcpat, "run", spec, "--results",
                                            os.path.join(work, f"results{r}")], env))
            print(f"round {r + 1}/{a.rounds}: " +
                  ", ".join(f"{k} {v[-1]:.3f} s" for k, v in arms.items()), file=sys.stderr)
    except RuntimeError as e:
        print(f"run_overhead: {e}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
    med = {k: statistics.median(v) for k, v in arms.items()}
    print(f"# {a.rounds} rounds, minimd --size {a.size} --steps {a.steps} on 2 ranks, "
          f"clock: perf_counter_ns around each process")
    for k, v in med.items():
        print(f"{k:<8} median {v:.3f} s  (min {min(arms[k]):.3f}, max {max(arms[k]):.3f})")
    print(f"interposer (preload - bare): {1000 * (med['preload'] - med['bare']):+.0f} ms")
    print(f"harness    (study - preload): {1000 * (med['study'] - med['preload']):+.0f} ms per run "
          f"({100 * (med['study'] - med['preload']) / med['preload']:+.1f} %)")
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"rounds": arms, "medians": med}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
