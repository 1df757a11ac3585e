#!/usr/bin/env python3
"""The interposer as a guest (issue 11, defects 5 and 12).

  guest_host.py cross LIB BUILT_FLAVOUR FLAVOURS_JSON WORKDIR
      Builds a tiny C MPI program with the OTHER flavour's Debian wrapper (mpicc.mpich for an
      Open MPI build, mpicc.openmpi for an MPICH build), runs it on 2 ranks under that flavour's
      launcher with LIB preloaded into the ranks, and expects the host untouched: exit 0, each
      rank's allreduce of 1 equal to the rank count it was started with, exactly one "hpcpat:"
      line naming both flavours, and no profile. Exit 77 (skipped) when the other flavour is
      not installed.
  guest_host.py lazy LIB PROFILE
      LIB has no DT_NEEDED on libfabric or libpapi (readelf -d), so a process that never calls
      MPI does not pay their constructors; and PROFILE (written by a run with LIB) still records
      run.fabric.providers when libfabric.so.1 can be loaded here (truth: ctypes loads it).
"""
import ctypes
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys

PROGRAM = r"""
#include <mpi.h>
#include <stdio.h>
int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank = -1, size = -1, one = 1, sum = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  MPI_Allreduce(&one, &sum, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
  printf("rank %d size %d sum %d\n", rank, size, sum);
  MPI_Finalize();
  return sum == size ? 0 : 3;
}
"""
NAMES = {"openmpi": "Open MPI", "mpich": "MPICH"}
SKIP = 77


def fail(msg):
    print(f"FAIL: {msg}")
    return 1


def launcher_argv(flavours, flavour, ranks, env):
    f = flavours[flavour]
    argv = [shutil.which(f["launcher"])]
    if os.geteuid() == 0:
        argv += f["as_root"]
    argv += [a.replace("{ranks}", str(ranks)) for a in f["ranks"]]
    for name, value in env.items():
        argv += [a.replace("{name}", name).replace("{value}", value) for a in f["rank_env"]]
    return argv


def cross(lib, built, flavours_json, workdir):
    other = "mpich" if built == "openmpi" else "openmpi"
    flavours = json.loads(pathlib.Path(flavours_json).read_text())
    mpicc = shutil.which(f"mpicc.{other}")
    if mpicc is None or shutil.which(flavours[other]["launcher"]) is None:
        print(f"SKIP: {NAMES[other]} (mpicc.{other}, {flavours[other]['launcher']}) not installed")
        return SKIP
    work = pathlib.Path(workdir)
    work.mkdir(parents=True, exist_ok=True)
    src, exe, profile = work / "host.c", work / f"host_{other}", work / "profile.json"
    src.write_text(PROGRAM)
    subprocess.run([mpicc, str(src), "-o", str(exe)], check=True)
    profile.unlink(missing_ok=True)
    env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
    argv = launcher_argv(flavours, other, 2, {"LD_PRELOAD": lib, "HPCPAT_OUTPUT": str(profile)})
    p = subprocess.run(argv + [str(exe)], env=env, capture_output=True, text=True, timeout=120)
    print(p.stdout + p.stderr)
    if p.returncode != 0:
        return fail(f"{NAMES[other]} program exited {p.returncode} with the {NAMES[built]} "
                    "interposer preloaded; expected 0 (the guest must step aside)")
    lines = sorted(re.findall(r"rank (\d+) size (\d+) sum (\d+)", p.stdout))
    if lines != [("0", "2", "2"), ("1", "2", "2")]:
        return fail(f"ranks reported {lines}; expected ranks 0 and 1 of 2, each sum 2")
    ours = [l for l in p.stderr.splitlines() if l.startswith("hpcpat:")]
    if len(ours) != 1:
        return fail(f"{len(ours)} 'hpcpat:' lines; expected exactly one: {ours}")
    if f"built for {NAMES[built]}" not in ours[0] or f"runs {NAMES[other]}" not in ours[0]:
        return fail(f"the line does not name both flavours: {ours[0]}")
    if profile.exists():
        return fail(f"a profile was written ({profile}); a guest that stepped aside writes none")
    print("ok")
    return 0


def lazy(lib, profile):
    dyn = subprocess.run(["readelf", "-d", lib], check=True, capture_output=True, text=True).stdout
    needed = re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", dyn)
    eager = [n for n in needed if n.startswith(("libfabric", "libpapi"))]
    if not needed:
        return fail(f"readelf found no NEEDED entries in {lib}: cannot check")
    if eager:
        return fail(f"{lib} has DT_NEEDED {eager}: every preloaded process pays their start-up; "
                    "load them with dlopen at MPI_Init")
    run = json.loads(pathlib.Path(profile).read_text())["run"]
    try:
        ctypes.CDLL("libfabric.so.1")
        have_fabric = True
    except OSError:
        have_fabric = False
    built_with = run["hpcpat"]["features"]["libfabric"]
    if have_fabric and built_with:
        fabric = run.get("fabric")
        if not isinstance(fabric, dict) or not fabric.get("providers"):
            return fail(f"libfabric loads here, yet run.fabric is {fabric!r}; expected providers")
    print(f"ok: NEEDED {needed}; libfabric here: {have_fabric}; run.fabric {run.get('fabric')}")
    return 0


def main(argv):
    if len(argv) == 6 and argv[1] == "cross":
        return cross(*argv[2:])
    if len(argv) == 4 and argv[1] == "lazy":
        return lazy(*argv[2:])
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
