#!/usr/bin/env bash
# Runs every test of hpcpat: installs what it needs, builds with -Werror and runs the suite under
# Open MPI, builds again with AddressSanitizer + UndefinedBehaviorSanitizer and runs it once more,
# then builds with -Werror against MPICH (the second flavour) and runs there the tests whose
# outcome can depend on the MPI (HPCPAT_TEST_SCOPE=mpi: no parser, model or store unit tests).
#
# usage: scripts/test.sh [--quick]      --quick skips the sanitizer pass
# env:   HPCPAT_MPI=openmpi|mpich: only that flavour (its -Werror and sanitizer passes);
#        HPCPAT_CONTAINER_TESTS=1 (default): build the google + Open MPI image for real and run
#        a study in it (label `container`, first pass; about 5 minutes on 2 cores from cold);
#        =all: the aws + Open MPI image too (label `container_aws`, 5 minutes more); =0: neither;
#        BUILD_ROOT (default ./build)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_root=${BUILD_ROOT:-$root/build}
flavours=${HPCPAT_MPI:-openmpi mpich}
quick=0
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    -h|--help) sed -n '2,12p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "test.sh: unknown argument '$arg' (expected --quick)" >&2; exit 2 ;;
  esac
done

for mpi in $flavours; do
  case "$mpi" in
    openmpi|mpich) ;;
    *) echo "test.sh: HPCPAT_MPI must be openmpi or mpich, got '$mpi'" >&2; exit 2 ;;
  esac
done

# `container` (an image built with buildah and a study run in it with podman) compiles hpcpat
# inside the image: first pass only; `container_aws`, a second image, only when asked.
case "${HPCPAT_CONTAINER_TESTS:-1}" in
  0) skip_labels="container" ;;
  1) skip_labels="container_aws" ;;
  all) skip_labels="" ;;
  *) echo "test.sh: HPCPAT_CONTAINER_TESTS must be 0, 1 or all, got '${HPCPAT_CONTAINER_TESTS}'" >&2
     exit 2 ;;
esac

"$root/scripts/install-deps.sh"

# Open MPI refuses to run as root without these; they are harmless for other users.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
jobs=$(nproc)

# The slow end-to-end labels run in the first pass only: `cluster` (emulated nodes: root,
# namespaces, real launches), `report` (a study drawn in headless Chromium) and `measured` (real
# studies whose pattern labels and durations are checked: they measure the apps' balance of
# computation and communication, which a sanitizer or 4 busy-polling MPICH ranks on 2 cores
# change), with `container` (above); the later passes set skip_labels to them.
slow_labels="cluster|report|measured|container"
run_suite() {
  local mpi=$1 dir=$2; shift 2
  cmake -S "$root" -B "$dir" -G Ninja -DHPCPAT_MPI="$mpi" -DHPCPAT_WERROR=ON "$@"
  cmake --build "$dir" -j "$jobs"
  ctest --test-dir "$dir" --output-on-failure -j "$jobs" --timeout 300 \
    ${skip_labels:+--label-exclude "$skip_labels"}
}

# Line tables (-g1) are all a failing test's stack trace needs, and compile a quarter faster than
# full debug information. The -Werror builds keep -O2, the optimisation (and so the warnings) of
# the users' RelWithDebInfo build; the sanitizer build takes -O1, as the sanitizers advise, at half
# the compile time of -O2.
build_flags() {
  local flags="$1 -g1 -DNDEBUG"
  flags_of_pass=(-DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_C_FLAGS_RELWITHDEBINFO=$flags"
                 "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=$flags" "-DCMAKE_Fortran_FLAGS_RELWITHDEBINFO=$flags")
}

first=1
for mpi in $flavours; do
  echo "== tests: -Werror build ($mpi)"
  scope=all
  ((first == 1)) || scope=mpi
  build_flags -O2
  run_suite "$mpi" "$build_root/test-$mpi" "${flags_of_pass[@]}" -DHPCPAT_TEST_SCOPE=$scope

  # The sanitizer pass runs for the first flavour only: the code is the same, the MPI differs.
  if ((quick == 0 && first == 1)); then
    echo "== tests: AddressSanitizer + UndefinedBehaviorSanitizer build ($mpi)"
    skip_labels=$slow_labels
    # MPI libraries are not instrumented and keep allocations until exit: leak reports would be
    # theirs, not ours. The interposer is preloaded into uninstrumented programs, hence the order
    # check is off (the test helper preloads the ASan runtime first).
    build_flags -O1
    ASAN_OPTIONS=detect_leaks=0:verify_asan_link_order=0:abort_on_error=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      run_suite "$mpi" "$build_root/test-$mpi-asan" "${flags_of_pass[@]}" \
        -DHPCPAT_SANITIZE=address,undefined -DHPCPAT_BUILD_BENCH=OFF
  fi
  first=0
  skip_labels=$slow_labels
done
