#!/usr/bin/python3
"""An image of the matrix built for real and run: the rendered Dockerfile of a variant built with
buildah on a local Debian 12 base made by debootstrap (the public bases cannot be pulled here;
ARG BASE points the same Dockerfile at the local one; oras is skipped, offline), then, inside the
image, `hpcpat profile` of a 2-rank kernel and of a 2-rank proxy app, started by podman. Each
profile must validate against schemas/profile.v1.schema.json, hold both ranks and MPI calls, and
record in run.container the image and variant the image set.

VARIANT google: containers/google/openmpi4-ubuntu2204, Open MPI from the base's packages.
VARIANT aws: containers/aws/openmpi4-ubuntu2204 with FABRIC_FROM=packages (the releases of
libfabric and Open MPI cannot be downloaded here): Debian's libfabric and its OFI-built Open MPI.
The runs force Open MPI's OFI path (pml cm, mtl ofi, libfabric's tcp provider under ofi_rxm), so
MPI_Init fails unless the image's MPI really talks through libfabric; the profile's run.fabric
must list that provider and the image's label io.hpcpat.fabric.from must say packages. Two
builds must then be refused with their reason (cheap: the base's packages are cached layers by
then): FABRIC_FROM=bogus, and aws/mpich4-ubuntu2204 with FABRIC_FROM=packages, since Debian's
MPICH is built for UCX, not OFI.

The base's root file system is cached as a tarball in WORKDIR (the build folder), so that only
the first run pays for debootstrap; buildah keeps the image's layers between runs (--layers).
Skips (exit 77, with the reason) when not root or when buildah, debootstrap or podman is absent.

usage: check_container_build.py SOURCE_DIR WORKDIR PROFILE_SCHEMA [google|aws]
"""
import json
import os
import shutil
import subprocess
import sys
import time

BASE = "localhost/hpcpat-test-base:debian12"
# cloud -> (the rendered Dockerfile's folder, the tag built here, extra build args, run env)
VARIANTS = {
    "google": ("google/openmpi4-ubuntu2204", "localhost/hpcpat-test:google-openmpi4-debian12",
               [], []),
    "aws": ("aws/openmpi4-ubuntu2204", "localhost/hpcpat-test:aws-openmpi4-debian12",
            ["FABRIC_FROM=packages"],
            ["OMPI_MCA_pml=cm", "OMPI_MCA_mtl=ofi", "OMPI_MCA_mtl_ofi_provider_include=tcp;ofi_rxm"]),
}
OFI_PROVIDER = "tcp;ofi_rxm"
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


# (folder, build args, what the refusal must say) of the aws builds that must fail.
AWS_REFUSALS = [
    ("aws/openmpi4-ubuntu2204", ["FABRIC_FROM=bogus"],
     "hpcpat: FABRIC_FROM must be source or packages, got 'bogus'"),
    ("aws/mpich4-ubuntu2204", ["FABRIC_FROM=packages"],
     "hpcpat: the base's MPICH is not built for OFI: FABRIC_FROM=packages cannot make this image"),
]


def build_argv(source, folder, build_args, tag):
    """buildah's command line for the rendered Dockerfile of `folder`, on the local base, offline
    (no oras), with the extra build arguments KEY=VALUE."""
    args = [a for kv in build_args for a in ("--build-arg", kv)]
    return ["buildah", "bud", "--isolation", "chroot", "--layers", "-q",
            "-f", os.path.join(source, "containers", folder, "Dockerfile"),
            "--build-arg", f"BASE={BASE}", "--build-arg", "ORAS_VERSION=none", *args,
            "-t", tag, source]


def check_refusals(source, failures):
    for folder, build_args, message in AWS_REFUSALS:
        p = subprocess.run(build_argv(source, folder, build_args, "localhost/hpcpat-test:refused"),
                           capture_output=True, text=True)
        print(f"{folder} {' '.join(build_args)}: exit {p.returncode}")
        if p.returncode == 0 or message not in p.stderr:
            failures.append(f"{folder} with {build_args}: exit {p.returncode}, expected a refusal "
                            f"saying {message!r}\n{p.stderr[-2000:]}")


def check_profile(path, schema, name, image, variant, failures):
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
    if container.get("image") != image or container.get("variant") != variant:
        failures.append(f"{name}: run.container is {container}, expected image {image} and "
                        f"variant {variant}")
    if "Open MPI" not in r.get("mpi_library", ""):
        failures.append(f"{name}: mpi_library {r.get('mpi_library')!r}")
    providers = (r.get("fabric") or {}).get("providers", [])
    if variant.startswith("aws-") and OFI_PROVIDER not in providers:
        failures.append(f"{name}: run.fabric.providers {providers} lack {OFI_PROVIDER}")


def main():
    source, workdir, schema = sys.argv[1:4]
    cloud = sys.argv[4] if len(sys.argv) > 4 else "google"
    folder, image, build_args, run_env = VARIANTS[cloud]
    variant = folder.replace("/", "-")
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
    run(build_argv(source, folder, [f"IMAGE={image}", "GIT_SHA=0123456789ab", *build_args], image),
        stdout=subprocess.DEVNULL)
    t2 = time.monotonic()
    failures = []
    labels = json.loads(subprocess.run(["buildah", "inspect", "--type", "image", image],
                                       check=True, capture_output=True, text=True).stdout)
    labels = labels.get("OCIv1", {}).get("config", {}).get("Labels", {})
    expected = {"io.hpcpat.variant": variant, "io.hpcpat.oras": "none",
                "org.opencontainers.image.revision": "0123456789ab"}
    if cloud == "aws":
        expected["io.hpcpat.fabric.from"] = "packages"
    for key, value in expected.items():
        if labels.get(key) != value:
            failures.append(f"image label {key} is {labels.get(key)!r}, expected {value!r}")
    conf = os.path.join(workdir, "containers.conf")
    with open(conf, "w") as f:
        f.write(PODMAN_CONF)
    env = [a for kv in AS_ROOT + run_env for a in ("-e", kv)]
    for name, argv in RUNS.items():
        out = os.path.join(workdir, f"{cloud}-{name}.json")
        if os.path.exists(out):
            os.remove(out)
        proc = subprocess.run(["podman", "run", "--rm", "--network=host", "--ipc=host",
                               "-v", f"{workdir}:{workdir}", *env, image,
                               "hpcpat", "profile", "-n", "2", "-o", out, "--", *argv],
                              capture_output=True, text=True, timeout=300,
                              env=dict(os.environ, CONTAINERS_CONF=conf))
        if proc.returncode != 0:
            failures.append(f"{name}: hpcpat profile exit {proc.returncode}\n{proc.stdout}"
                            f"\n{proc.stderr}")
            continue
        check_profile(out, schema, name, image, variant, failures)
    if cloud == "aws":
        check_refusals(source, failures)
    t3 = time.monotonic()
    print(f"{variant}: base {t1 - t0:.0f} s, image build {t2 - t1:.0f} s, "
          f"runs inside {t3 - t2:.0f} s")
    for f in failures:
        print("FAIL:", f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
