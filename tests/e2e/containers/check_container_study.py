#!/usr/bin/python3
"""A study whose runs happen in a container: `hpcpat run` of a two-case spec whose runs podman
starts in the image check_container_build.py built (the image's hpcpat profiles each run there,
with the image's Open MPI; the run folders are bound in). Every run must be ok, its record's argv
the podman command line, its profile written into the run's folder with run.container naming the
image, and `hpcpat results list` must show both.

This machine's podman needs runc, cgroupfs and no default ulimits (crun refuses the hybrid
cgroup layout, and raising RLIMIT_NPROC is not permitted here): the test gives podman those in a
containers.conf of its own (CONTAINERS_CONF), as a site would in /etc/containers.
Skips (exit 77) when not root, podman is absent, or the image was not built.

usage: check_container_study.py HPCPAT WORKDIR
"""
import json
import os
import shutil
import subprocess
import sys

IMAGE = "localhost/hpcpat-test:google-openmpi4-debian12"
SPEC = f"""name: in-image
container: {{image: "{IMAGE}", runtime: podman}}
env: {{OMPI_ALLOW_RUN_AS_ROOT: 1, OMPI_ALLOW_RUN_AS_ROOT_CONFIRM: 1}}
ranks_per_node: 2
timeout: 5m
cases:
  - {{name: halo, app: stencil, parameters: {{n: 32, iters: 20}}}}
  - {{name: lat, app: kernels, parameters: {{kernel: latency, max_size: 4096}}}}
"""
CONF = """[containers]
default_ulimits = []
[engine]
cgroup_manager = "cgroupfs"
runtime = "runc"
"""


def main():
    hpcpat, work = sys.argv[1:3]
    if os.geteuid() != 0:
        print("SKIP: podman as root only here")
        return 77
    if shutil.which("podman") is None:
        print("SKIP: podman absent (Debian's package podman; scripts/install-deps.sh installs it)")
        return 77
    if subprocess.run(["podman", "image", "exists", IMAGE]).returncode != 0:
        print(f"SKIP: no image {IMAGE} (containers.image_build_and_run builds it)")
        return 77
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    spec, conf = os.path.join(work, "study.yaml"), os.path.join(work, "containers.conf")
    with open(spec, "w") as f:
        f.write(SPEC)
    with open(conf, "w") as f:
        f.write(CONF)
    results = os.path.join(work, "results")
    env = dict(os.environ, CONTAINERS_CONF=conf)
    p = subprocess.run([hpcpat, "run", spec, "--results", results], capture_output=True,
                       text=True, env=env, timeout=900)
    print(p.stdout[-2000:])
    failures = []
    if p.returncode != 0:
        failures.append(f"hpcpat run: exit {p.returncode}\n{p.stderr[-3000:]}")
    runs = sorted(d for d in os.listdir(os.path.join(results, "in-image"))
                  if os.path.isdir(os.path.join(results, "in-image", d)))
    if len(runs) != 2:
        failures.append(f"runs {runs}, expected 2")
    for run in runs:
        folder = os.path.join(results, "in-image", run)
        with open(os.path.join(folder, "record.json")) as f:
            rec = json.load(f)
        argv = rec.get("argv", [])
        print(f"{run}: status {rec.get('status')}, wall {rec.get('wall_s', 0):.1f} s, "
              f"argv {' '.join(argv[:3])} ... {' '.join(argv[-8:])}")
        if rec.get("status") != "ok":
            failures.append(f"{run}: status {rec.get('status')}: {rec.get('cause')}")
            continue
        if argv[:2] != ["podman", "run"] or IMAGE not in argv or "hpcpat" not in argv:
            failures.append(f"{run}: argv {argv}")
        with open(os.path.join(folder, "profile.json")) as f:
            prof = json.load(f)
        container = prof["run"].get("container") or {}
        if container.get("image") != IMAGE or prof["run"].get("ranks") != 2:
            failures.append(f"{run}: profile run.container {container}, ranks "
                            f"{prof['run'].get('ranks')}")
        if (rec.get("container") or {}).get("image") != IMAGE:
            failures.append(f"{run}: record container {rec.get('container')}")
    listed = subprocess.run([hpcpat, "results", "list", "--results", results],
                            capture_output=True, text=True)
    if listed.returncode != 0 or listed.stdout.count(" ok") < 2:
        failures.append(f"results list:\n{listed.stdout}{listed.stderr}")
    for f in failures:
        print("FAIL:", f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
