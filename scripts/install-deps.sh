#!/usr/bin/env bash
# Installs hpcpat's build and test dependencies from Debian 12's packages.
# Idempotent: packages already present are skipped, so a second run costs one dpkg query.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config gfortran git
  # MPI: Open MPI is the default flavour, MPICH the second
  openmpi-bin libopenmpi-dev mpich libmpich-dev
  # libraries the project links
  libhwloc-dev hwloc nlohmann-json3-dev libyaml-cpp-dev libcli11-dev libsqlite3-dev sqlite3
  libboost-dev libfftw3-dev libfabric-dev libpapi-dev
  # tests and benchmarks (chromium: the HTML report is checked in a real, headless browser)
  libgtest-dev libgmock-dev libbenchmark-dev python3 python3-jsonschema python3-yaml chromium
  shellcheck
  # the real application the harness wraps
  lammps
  # container images built and run for real (tests labelled `container`, docs/containers.md)
  buildah debootstrap podman runc
)

# npm fetches the report's plotting libraries (pinned by analysis/html/web/package-lock.json).
# Debian's nodejs and npm only when there is no npm already (a NodeSource nodejs carries its own).
command -v npm > /dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo=""
[[ $(id -u) -eq 0 ]] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
