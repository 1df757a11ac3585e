#!/usr/bin/python3
"""hpcpat profile under a real Flux instance: `flux start --test-size=2` (two brokers on this
machine) runs `hpcpat profile --launcher flux` and `--launcher auto` of a 2-rank kernel. The
profile must be complete, say launcher "flux" and hold both ranks. Skips (exit 77, with the
reason) when no flux executable is given or found: Flux is not a Debian package.

usage: check_flux_profile.py FLUX HPCPAT KERNELS WORKDIR
"""
import json
import os
import shutil
import subprocess
import sys


def main():
    flux, hpcpat, kernels, workdir = sys.argv[1:5]
    if not flux or flux.endswith("NOTFOUND") or not shutil.which(flux):
        print("SKIP: no flux executable (Flux is not a Debian package; configure with "
              "-DHPCPAT_FLUX_EXECUTABLE=/path/to/bin/flux to run this test)")
        return 77
    os.makedirs(workdir, exist_ok=True)
    failures = []
    for launcher in ("flux", "auto"):
        out = os.path.join(workdir, f"profile-{launcher}.json")
        if os.path.exists(out):
            os.remove(out)
        argv = [flux, "start", "--test-size=2", hpcpat, "profile", "--launcher", launcher,
                "-n", "2", "-o", out, "--", kernels, "latency", "-M", "64"]
        proc = subprocess.run(argv, capture_output=True, text=True, timeout=240)
        if proc.returncode != 0:
            failures.append(f"--launcher {launcher}: exit {proc.returncode}\n{proc.stdout}\n"
                            f"{proc.stderr}")
            continue
        with open(out) as f:
            run = json.load(f)["run"]
        print(f"--launcher {launcher}: launcher {run.get('launcher')}, ranks {run.get('ranks')}, "
              f"hosts {run.get('hosts')}")
        if run.get("launcher") != "flux" or run.get("ranks") != 2:
            failures.append(f"--launcher {launcher}: profile says launcher "
                            f"{run.get('launcher')!r}, {run.get('ranks')} ranks")
    for f in failures:
        print("FAIL:", f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
