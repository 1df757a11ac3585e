#!/usr/bin/python3
"""The google + Open MPI image built for real and run: the matrix's rendered Dockerfile
(containers/google/openmpi4-ubuntu2204) built with buildah on a local Debian 12 base made by
debootstrap (the public bases cannot be pulled here; ARG BASE points the same Dockerfile at the
local one; oras is skipped, offline), then, inside the image, `hpcpat profile` of a 2-rank kernel
and of a 2-rank proxy app, started by podman. Each profile must validate against schemas/profile.v1.schema.json,
hold both ranks and MPI calls, and record in run.container the image and variant the image set.

The base's root file system is cached as a tarball in WORKDIR (the build folder), so that only
the first run pays for debootstrap; buildah keeps the image's layers between runs (--layers).
Skips (exit 77, with the reason) when not root or when buildah, debootstrap or podman is absent.

usage: check_container_build.py SOURCE_DIR WORKDIR PROFILE_SCHEMA
"""
import json
import os
import shutil
import subprocess
import sys
import time

VARIANT = "google/openmpi4-ubuntu2204"
BASE = "localhost/hpcpat-test-base:debian12"
IMAGE = "localhost/hpcpat-test:google-openmpi4-debian12"
AS_ROOT = ["OMPI_ALLOW_RUN_AS_ROOT=1", "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1"]
# This machine's podman: runc and cgroupfs (crun refuses the hybrid cgroup layout) and no default
# ulimits (raising RLIMIT_NPROC is not permitted here), as a site's containers.conf would say.
PODMAN_CONF = """[containers]
default_ulimits = []
[engine]
cgroup_manager = "cgroupfs"
runtime = "runc"
"""
RUNS = {
    "kernel": ["hpcpat-kernels", "latency", "-M", "4096"],
    "app": ["stencil", "--n", "32", "--iters", "20"],
}


def run(argv, **kw):
    print("+", " ".join(argv), flush=True)
    return subprocess.run(argv, check=True, **kw)


def has_image(name):
    return subprocess.run(["buildah", "inspect", "--type", "image", name],
                          capture_output=True).returncode == 0


def make_base(workdir):
    """The local Debian 12 base, from the cached root file system when there is one."""
    if has_image(BASE):
        return
    tarball = os.path.join(workdir, "debian12-rootfs.tar")
    if not os.path.exists(tarball):
        rootfs = os.path.join(workdir, "debian12-rootfs")
        shutil.rmtree(rootfs, ignore_errors=True)
        run(["debootstrap", "--variant=minbase", "bookworm", rootfs, "http://deb.debian.org/debian"],
            stdout=subprocess.DEVNULL)
        run(["tar", "-C", rootfs, "-cf", tarball + ".part", "."])
        os.replace(tarball + ".part", tarball)
        shutil.rmtree(rootfs)
    ctr = subprocess.run(["buildah", "from", "scratch"], check=True, capture_output=True,
                         text=True).stdout.strip()
    try:
        mnt = subprocess.run(["buildah", "mount", ctr], check=True, capture_output=True,
                             text=True).stdout.strip()
        run(["tar", "-C", mnt, "-xf", tarball])
        run(["buildah", "umount", ctr], stdout=subprocess.DEVNULL)
        run(["buildah", "commit", "-q", ctr, BASE], stdout=subprocess.DEVNULL)
    finally:
        subprocess.run(["buildah", "rm", ctr], capture_output=True)


def check_profile(path, schema, name, failures):
    v = subprocess.run([sys.executable, os.path.join(os.path.dirname(schema), "..", "tests",
                                                     "tools", "validate_json.py"), schema, path],
                       capture_output=True, text=True)
    if v.returncode != 0:
        failures.append(f"{name}: {v.stdout}{v.stderr}")
        return
    with open(path) as f:
        doc = json.load(f)
    r = doc["run"]
    container = r.get("container") or {}
    calls = sum(c.get("count", 0) for c in doc.get("calls", []))
    print(f"{name}: ranks {r.get('ranks')}, {calls} MPI calls, container {container}, "
          f"MPI {r.get('mpi_library', '')[:40]!r}")
    if r.get("ranks") != 2 or calls == 0:
        failures.append(f"{name}: {r.get('ranks')} ranks, {calls} calls")
    if container.get("image") != IMAGE or container.get("variant") != "google-openmpi4-ubuntu2204":
        failures.append(f"{name}: run.container is {container}, expected image {IMAGE} and "
                        "variant google-openmpi4-ubuntu2204")
    if "Open MPI" not in r.get("mpi_library", ""):
        failures.append(f"{name}: mpi_library {r.get('mpi_library')!r}")


def main():
    source, workdir, schema = sys.argv[1:4]
    if os.geteuid() != 0:
        print("SKIP: building images with buildah --isolation chroot needs root")
        return 77
    for tool in ("buildah", "debootstrap", "podman"):
        if shutil.which(tool) is None:
            print(f"SKIP: {tool} absent (Debian's package {tool}; scripts/install-deps.sh installs it)")
            return 77
    os.makedirs(workdir, exist_ok=True)
    t0 = time.monotonic()
    make_base(workdir)
    t1 = time.monotonic()
    run(["buildah", "bud", "--isolation", "chroot", "--layers", "-q",
         "-f", os.path.join(source, "containers", VARIANT, "Dockerfile"),
         "--build-arg", f"BASE={BASE}", "--build-arg", "ORAS_VERSION=none",
         "--build-arg", f"IMAGE={IMAGE}", "--build-arg", "GIT_SHA=0123456789ab",
         "-t", IMAGE, source], stdout=subprocess.DEVNULL)
    t2 = time.monotonic()
    failures = []
    conf = os.path.join(workdir, "containers.conf")
    with open(conf, "w") as f:
        f.write(PODMAN_CONF)
    env = [a for kv in AS_ROOT for a in ("-e", kv)]
    for name, argv in RUNS.items():
        out = os.path.join(workdir, f"{name}.json")
        if os.path.exists(out):
            os.remove(out)
        proc = subprocess.run(["podman", "run", "--rm", "--network=host", "--ipc=host",
                               "-v", f"{workdir}:{workdir}", *env, IMAGE,
                               "hpcpat", "profile", "-n", "2", "-o", out, "--", *argv],
                              capture_output=True, text=True, timeout=300,
                              env=dict(os.environ, CONTAINERS_CONF=conf))
        if proc.returncode != 0:
            failures.append(f"{name}: hpcpat profile exit {proc.returncode}\n{proc.stdout}"
                            f"\n{proc.stderr}")
            continue
        check_profile(out, schema, name, failures)
    t3 = time.monotonic()
    print(f"base {t1 - t0:.0f} s, image build {t2 - t1:.0f} s, runs inside {t3 - t2:.0f} s")
    for f in failures:
        print("FAIL:", f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
