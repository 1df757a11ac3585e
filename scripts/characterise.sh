#!/usr/bin/env bash
# The main job: builds hpcpat and characterises the microkernels and proxy apps on this machine.
# Every run goes through `hpcpat profile`, so each leaves a profile beside its own results, and
# the index at the end says, per run, how long it took, how much of it was MPI and in which call.
#
# usage: scripts/characterise.sh [--ranks "1 2"] [--out DIR]
# env:   HPCPAT_MPI=openmpi|mpich (default openmpi), BUILD_ROOT (default ./build)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_root=${BUILD_ROOT:-$root/build}
mpi=${HPCPAT_MPI:-openmpi}
ranks_list="1 2"
out="$root/results/characterise-$(date -u +%Y%m%dT%H%M%SZ)"
while (($#)); do
  case "$1" in
    --ranks) ranks_list=${2:?--ranks needs a list such as \"1 2 4\"}; shift 2 ;;
    --out) out=${2:?--out needs a directory}; shift 2 ;;
    -h|--help) sed -n '2,8p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "characterise.sh: unknown argument '$1' (expected --ranks LIST or --out DIR)" >&2; exit 2 ;;
  esac
done
for n in $ranks_list; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "characterise.sh: --ranks: '$n' is not a rank count" >&2; exit 2; }
done

"$root/scripts/install-deps.sh"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1

build="$build_root/release-$mpi"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DHPCPAT_MPI="$mpi" \
  -DHPCPAT_BUILD_TESTS=OFF -DHPCPAT_BUILD_BENCH=OFF
cmake --build "$build" -j "$(nproc)"

hpcpat="$build/bin/hpcpat"
kernels="$build/bin/hpcpat-kernels"
mkdir -p "$out"
echo "== characterising on $(hostname) with $mpi; results in $out"

failures=0
# profile NAME RANKS CMD ARGS... — one run under the interposer. The app's own output and
# hpcpat's summary go to NAME.txt; a failed run is recorded and the study goes on.
profile() {
  local name=$1 np=$2; shift 2
  printf '  %-28s %2s rank(s) ... ' "$name" "$np"
  if "$hpcpat" profile -n "$np" --mpi "$mpi" -o "$out/$name.profile.json" \
       --tag study=characterise --tag "case=$name" -- "$@" >"$out/$name.txt" 2>&1; then
    echo ok
  else
    echo "FAILED (exit $?, see $name.txt)"
    failures=$((failures + 1))
  fi
}

echo "== microkernels (2 ranks; OSU methodology, shortened size ranges)"
for k in latency bw bibw; do
  profile "kernel-$k" 2 "$kernels" "$k" -M 1048576 --json "$out/kernel-$k.kernels.json"
done
for k in barrier bcast allreduce allgather alltoall reduce_scatter; do
  profile "kernel-$k" 2 "$kernels" "$k" -M 65536 --json "$out/kernel-$k.kernels.json"
done
profile "kernel-halo3d" 2 "$kernels" halo3d -M 65536 --json "$out/kernel-halo3d.kernels.json"

echo "== proxy apps (strong scaling over $ranks_list ranks)"
for n in $ranks_list; do
  profile "minimd-n$n" "$n" "$build/bin/minimd" --size 16 --steps 200 \
    --summary "$out/minimd-n$n.summary.json"
  profile "stencil-n$n" "$n" "$build/bin/stencil" --n 128 --iters 200 \
    --summary "$out/stencil-n$n.summary.json"
  profile "cg-n$n" "$n" "$build/bin/cg" --global 64 --iters 200 --fixed-iters \
    --summary "$out/cg-n$n.summary.json"
  profile "fft-n$n" "$n" "$build/bin/fft" --n 128 --iters 10 \
    --summary "$out/fft-n$n.summary.json"
  profile "mlp-n$n" "$n" "$build/bin/mlp" --global-batch 256 --steps 200 \
    --summary "$out/mlp-n$n.summary.json"
done

echo "== real application: Debian's LAMMPS (in.lj, the problem minimd reproduces)"
for n in $ranks_list; do
  profile "lammps-lj-n$n" "$n" /usr/bin/lmp -in "$root/workloads/wrapped/lammps/in.lj" -var x 16 \
    -var steps 200 -log "$out/lammps-lj-n$n.log" -screen none
  # LAMMPS's own figures (loop time, Comm share) beside the profile's MPI fraction.
  "$build/bin/hpcpat-lammps-report" "$out/lammps-lj-n$n.log" \
    --profile "$out/lammps-lj-n$n.profile.json" >"$out/lammps-lj-n$n.summary.json" ||
    failures=$((failures + 1))
done

/usr/bin/python3 "$root/scripts/characterise_index.py" "$out" "$hpcpat"
echo "== $failures failed run(s); results in $out"
((failures == 0))
