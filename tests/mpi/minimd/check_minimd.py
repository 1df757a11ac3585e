#!/usr/bin/env python3
"""Checks of minimd that need more than one run or a non-zero exit code.

  ranks:  runs minimd at several rank counts; every run must pass its own checks, and the step-0
          and final thermo values must agree across rank counts (only the floating-point summation
          order differs); the final state must be statistically consistent with LAMMPS's.
  refuse: runs minimd with a box too small for the rank count; expects exit 2 and a message that
          names --size and the rank count.
  halo:   runs minimd at each --cutoffs value; the ghost atoms (summed over ranks) must follow the
          volume of the shell within cut-off + skin of each sub-domain at the run's density.
The launcher prefix (e.g. "mpirun --allow-run-as-root --oversubscribe -n") comes last, after
--launcher; the rank count and the command are appended to it as separate argv entries.
"""
import argparse
import itertools
import json
import subprocess
import sys


def run(launcher, np, exe, args):
    argv = list(launcher) + [str(np), exe] + args
    return subprocess.run(argv, capture_output=True, text=True, timeout=100)


def summary_of(proc):
    lines = [l for l in proc.stdout.splitlines() if l.startswith("{")]
    if not lines:
        raise SystemExit(f"no JSON summary in output (exit {proc.returncode}):\n"
                         f"{proc.stdout}\n{proc.stderr}")
    return json.loads(lines[-1])


def check_ranks(a):
    failures = []
    runs = {}
    for np in a.np:
        proc = run(a.launcher, np, a.exe,
                   ["--size", str(a.size), "--steps", str(a.steps), "--quiet"])
        s = summary_of(proc)
        if proc.returncode != 0 or not s["ok"]:
            failures.append(f"np={np}: exit {proc.returncode}, checks {s['checks']}")
        runs[np] = s["figures"]
        f = s["figures"]
        print(f"np={np}: grid {s['params']['grid']} step0 pe {f['step0_pe_per_atom']:.10f} "
              f"press {f['step0_pressure']:.10f}; final T {f['final_temperature']:.12f} "
              f"pe {f['final_pe_per_atom']:.12f} etotal {f['final_etotal_per_atom']:.12f}")
    base = runs[a.np[0]]
    keys = ["step0_pe_per_atom", "step0_pressure", "step0_etotal_per_atom", "final_temperature",
            "final_pe_per_atom", "final_etotal_per_atom", "final_pressure"]
    for np, f in runs.items():
        for k in keys:
            diff = abs(f[k] - base[k])
            if diff > a.rank_tolerance * max(1.0, abs(base[k])):
                failures.append(f"np={np}: {k} = {f[k]!r} differs from np={a.np[0]}'s "
                                f"{base[k]!r} by {diff:.3e} > {a.rank_tolerance}")
    t, pe = base["final_temperature"], base["final_pe_per_atom"]
    if abs(t - a.lammps_final_temperature) > a.temperature_tolerance:
        failures.append(f"final temperature {t} vs LAMMPS {a.lammps_final_temperature}: "
                        f"beyond {a.temperature_tolerance}")
    if abs(pe - a.lammps_final_pe) > a.pe_tolerance:
        failures.append(f"final pe/atom {pe} vs LAMMPS {a.lammps_final_pe}: "
                        f"beyond {a.pe_tolerance}")
    return failures


def check_refuse(a):
    proc = run(a.launcher, a.np[0], a.exe, ["--size", str(a.size), "--steps", "10"])
    failures = []
    if proc.returncode != 2:
        failures.append(f"exit code {proc.returncode}, expected 2")
    expected = f"--size {a.size} does not fit {a.np[0]} ranks"
    if expected not in proc.stderr:
        failures.append(f"stderr lacks '{expected}': {proc.stderr!r}")
    if proc.stderr.count("minimd:") != 1:
        failures.append(f"message should be printed once (by rank 0): {proc.stderr!r}")
    if "{" in proc.stdout:
        failures.append(f"refused run printed a summary: {proc.stdout!r}")
    print(proc.stderr.strip())
    return failures


def lattice_ghosts(size, density, grid, reach):
    """Ghost atoms summed over ranks at step 0, counted on the fcc lattice itself: the sites (and
    their periodic images) within `reach` outside each rank's sub-domain of the cubic box."""
    a = (4 / density) ** (1 / 3)
    box = size * a
    basis = [(0, 0, 0), (0.5, 0.5, 0), (0.5, 0, 0.5), (0, 0.5, 0.5)]
    sites = [((i + b[0]) * a, (j + b[1]) * a, (k + b[2]) * a)
             for i, j, k in itertools.product(range(size), repeat=3) for b in basis]
    total = 0
    for cell in itertools.product(*(range(n) for n in grid)):
        lo = [cell[d] * box / grid[d] for d in range(3)]
        hi = [(cell[d] + 1) * box / grid[d] for d in range(3)]
        for site in sites:
            for image in itertools.product((-1, 0, 1), repeat=3):
                pos = [site[d] + image[d] * box for d in range(3)]
                if not all(lo[d] - reach < pos[d] < hi[d] + reach for d in range(3)):
                    continue
                owned = image == (0, 0, 0) and all(lo[d] <= pos[d] < hi[d] for d in range(3))
                total += not owned
    return total


def check_halo(a):
    """Ghosts are the atoms within cut-off + skin of a sub-domain; after one step (the lists,
    and so the ghosts, are those of step 0) their count is the lattice's, exactly."""
    failures, counts = [], []
    for cutoff in a.cutoffs:
        proc = run(a.launcher, a.np[0], a.exe, ["--size", str(a.size), "--steps", "1", "--quiet",
                                                "--cutoff", str(cutoff)])
        s = summary_of(proc)
        if proc.returncode != 0 or not s["ok"]:
            failures.append(f"cutoff {cutoff}: exit {proc.returncode}, checks {s['checks']}")
            continue
        p = s["params"]
        expected = lattice_ghosts(p["size"], p["density"], p["grid"], p["cutoff"] + p["skin"])
        ghosts = s["figures"]["ghosts"]
        counts.append(ghosts)
        print(f"cutoff {cutoff}: grid {p['grid']}: {ghosts:.0f} ghosts, the lattice has {expected}")
        if ghosts != expected:
            failures.append(f"cutoff {cutoff}: {ghosts:.0f} ghosts, the lattice has {expected}")
    if counts != sorted(counts) or len(set(counts)) != len(counts):
        failures.append(f"ghosts {counts} do not grow with the cut-offs {a.cutoffs}")
    return failures


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("mode", choices=["ranks", "refuse", "halo"])
    p.add_argument("--exe", required=True)
    p.add_argument("--np", type=int, nargs="+", required=True)
    p.add_argument("--size", type=int, required=True)
    p.add_argument("--cutoffs", type=float, nargs="+", default=[2.5])
    p.add_argument("--steps", type=int, default=100)
    p.add_argument("--rank-tolerance", type=float, default=1e-9)
    p.add_argument("--lammps-final-temperature", type=float)
    p.add_argument("--temperature-tolerance", type=float, default=0.06)
    p.add_argument("--lammps-final-pe", type=float)
    p.add_argument("--pe-tolerance", type=float, default=0.09)
    p.add_argument("--launcher", nargs=argparse.REMAINDER, required=True)
    a = p.parse_args()
    if a.mode == "ranks" and (a.lammps_final_temperature is None or a.lammps_final_pe is None):
        p.error("ranks needs --lammps-final-temperature and --lammps-final-pe")
    checks = {"ranks": check_ranks, "refuse": check_refuse, "halo": check_halo}
    failures = checks[a.mode](a)
    for f in failures:
        print("FAIL:", f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
