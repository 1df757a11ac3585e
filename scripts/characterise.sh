#!/usr/bin/env bash
# The main job: builds hpcpat and characterises this machine with two studies, every run profiled
# into one results store, then labels every run's pattern, prints the store's table and writes each
# study's report (<study>.html beside the studies, one self-contained page):
#   scripts/studies/characterise.yaml  the microkernels at 2 ranks, the proxy apps and Debian's
#                                      LAMMPS at 1 and 2 ranks;
#   scripts/studies/scaling.yaml       (as root) two proxy apps strong-scaled over 1, 2 and 4
#                                      emulated nodes (`hpcpat cluster up --nodes 4`), torn down
#                                      at the end whatever happens.
#
# usage: scripts/characterise.sh [--out DIR] [--no-cluster]
# env:   HPCPAT_MPI=openmpi|mpich (default openmpi), BUILD_ROOT (default ./build)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_root=${BUILD_ROOT:-$root/build}
mpi=${HPCPAT_MPI:-openmpi}
out="$root/results/characterise-$(date -u +%Y%m%dT%H%M%SZ)"
cluster=1
while (($#)); do
  case "$1" in
    --out) out=${2:?--out needs a directory}; shift 2 ;;
    --no-cluster) cluster=0; shift ;;
    -h|--help) sed -n '2,12p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "characterise.sh: unknown argument '$1' (expected --out DIR or --no-cluster)" >&2; exit 2 ;;
  esac
done

"$root/scripts/install-deps.sh"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1

build="$build_root/release-$mpi"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DHPCPAT_MPI="$mpi" \
  -DHPCPAT_BUILD_TESTS=OFF -DHPCPAT_BUILD_BENCH=OFF
cmake --build "$build" -j "$(nproc)"
hpcpat="$build/bin/hpcpat"
mkdir -p "$out"
out=$(cd "$out" && pwd)
echo "== characterising $(hostname) with $mpi; results in $out"

failed=0
cd "$root"  # the LAMMPS cases name their input relative to the repository
"$hpcpat" run scripts/studies/characterise.yaml --results "$out" || failed=1

studies=(characterise)
if ((cluster == 1)) && [[ $(id -u) == 0 ]] && ip netns list >/dev/null 2>&1; then
  echo "== strong scaling over 1, 2 and 4 emulated nodes"
  export HPCPAT_CLUSTER_STATE="$out/cluster.json"
  trap '"$hpcpat" cluster down >/dev/null || true' EXIT
  "$hpcpat" cluster up --nodes 4 --name charact --network 10.215.0.0/24
  "$hpcpat" run scripts/studies/scaling.yaml --cluster --results "$out" || failed=1
  "$hpcpat" cluster down
  trap - EXIT
  studies+=(scaling)
else
  echo "== strong scaling over emulated nodes skipped (needs root and ip netns; or --no-cluster)"
fi

for study in "${studies[@]}"; do
  echo "== patterns of $study (docs/patterns.md; the labels are kept with the runs)"
  "$hpcpat" patterns "$study" --results "$out" || failed=1
done
if [[ " ${studies[*]} " == *" scaling "* ]]; then
  echo "== strong scaling (docs/models.md)"
  "$hpcpat" scaling scaling --results "$out" || failed=1
fi

echo "== results ($out)"
"$hpcpat" results list --results "$out"
for study in "${studies[@]}"; do
  "$hpcpat" report "$study" --results "$out" -o "$out/$study.html" || failed=1
done
((failed == 0)) || { echo "== some runs did not succeed (see the status column)"; exit 1; }
