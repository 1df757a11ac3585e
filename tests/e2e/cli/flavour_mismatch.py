#!/usr/bin/env python3
"""hpcpat profile refuses a program of another MPI flavour (issue 11, defect 5).

  flavour_mismatch.py HPCPAT BUILT_FLAVOUR WORKDIR

Builds one tiny MPI program with each Debian flavour's wrapper (mpicc.openmpi, mpicc.mpich) and
expects, for this build (BUILT_FLAVOUR):
  - the other flavour's program: exit 2 before launching, the message naming both flavours;
  - this flavour's program with --mpi <other>: exit 2, naming both;
  - a shell script that execs this flavour's program, under --mpi <other> (a script cannot be
    checked statically: one note says so): the other launcher starts 2 singletons, each writes a
    1-rank profile, and hpcpat must exit 1 saying the profile has 1 rank but -n 2 was asked.
Exit 77 (skipped) when the other flavour is not installed.
"""
import os
import pathlib
import shutil
import subprocess
import sys

PROGRAM = r"""
#include <mpi.h>
int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int one = 1, sum = 0;
  MPI_Allreduce(&one, &sum, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
  MPI_Finalize();
  return 0;
}
"""
NAMES = {"openmpi": "Open MPI", "mpich": "MPICH"}
LAUNCHERS = {"openmpi": "mpirun.openmpi", "mpich": "mpiexec.mpich"}


def run(argv, expect_exit, needles, what):
    env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
    # A fresh file per run: hpcpat refuses to replace an existing profile without --force.
    pathlib.Path(argv[argv.index("-o") + 1]).unlink(missing_ok=True)
    p = subprocess.run(argv, capture_output=True, text=True, timeout=120, env=env)
    print(f"$ {' '.join(argv)}\n{p.stderr}")
    if p.returncode != expect_exit:
        print(f"FAIL ({what}): exit {p.returncode}, expected {expect_exit}")
        return False
    for n in needles:
        if n not in p.stderr:
            print(f"FAIL ({what}): stderr lacks {n!r}")
            return False
    return True


def main(hpcpat, built, workdir):
    other = "mpich" if built == "openmpi" else "openmpi"
    for tool in (f"mpicc.{other}", f"mpicc.{built}", LAUNCHERS[other]):
        if shutil.which(tool) is None:
            print(f"SKIP: {tool} not installed")
            return 77
    work = pathlib.Path(workdir)
    work.mkdir(parents=True, exist_ok=True)
    src = work / "prog.c"
    src.write_text(PROGRAM)
    exe = {}
    for f in (built, other):
        exe[f] = work / f"prog_{f}"
        subprocess.run([f"mpicc.{f}", str(src), "-o", str(exe[f])], check=True)
    script = work / "shim.sh"
    script.write_text(f"#!/bin/sh\nexec {exe[built]} \"$@\"\n")
    script.chmod(0o755)
    out = work / "profile.json"
    ok = run([hpcpat, "profile", "-n", "2", "-o", str(out), "--", str(exe[other])], 2,
             [f"linked with {NAMES[other]}", f"launches {NAMES[built]}"], "other program")
    ok &= run([hpcpat, "profile", "-n", "2", "--mpi", other, "-o", str(out), "--", str(exe[built])],
              2, [f"linked with {NAMES[built]}", f"launches {NAMES[other]}"], "other --mpi")
    out.unlink(missing_ok=True)
    ok &= run([hpcpat, "profile", "-n", "2", "--mpi", other, "-o", str(out), "--", str(script)], 1,
              ["is a script: its MPI flavour is known only at run time",
               "has 1 rank(s) but -n 2 was requested"], "singletons")
    print("ok" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    if len(sys.argv) != 4:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(*sys.argv[1:]))
