#!/usr/bin/env bash
# Fidelity check of hpcpat-kernels against the OSU Micro-Benchmarks on the same machine and MPI.
#
#   OSU_DIR=/path/to/osu-micro-benchmarks [KERNELS=/path/to/hpcpat-kernels] \
#     bench/kernels/compare_osu.sh [REPEATS]
#
# OSU_DIR is searched for the osu_latency, osu_bw and osu_allreduce binaries (an install's
# libexec/osu-micro-benchmarks/mpi or a build tree both work). Each pair (OSU benchmark, our
# kernel) runs REPEATS times (default 5), alternating OSU and ours so that a change of machine
# load hits both alike, on 2 ranks with each tool's defaults (the same OSU methodology: 10000/1000
# latency iterations, 100/20 windows of 64 for bandwidth, 1000/100 allreduce iterations). For
# every size both report, it prints the median over repeats of each tool's figure (latency in us,
# bandwidth in MB/s), their ratio ours/OSU and whether it is within +-5% (the fidelity target of
# issue 3). Exit status 0 when every compared size is within 5%, 1 otherwise, 2 on bad usage.
#
# Environment: MPIRUN (default mpirun.openmpi when present, else mpirun), MPIRUN_FLAGS (default
# "--allow-run-as-root --oversubscribe" for Open MPI), SIZES (space-separated sizes to judge;
# default "1 8 1048576"; all sizes are printed), ITERATIONS (when set, latency and allreduce of
# both tools get "-i ITERATIONS -x ITERATIONS/10" instead of their defaults: shorter runs on a busy
# machine; bandwidth always keeps the defaults, which are already short).
set -euo pipefail

repeats=${1:-5}
if [[ -z "${OSU_DIR:-}" || ! -d "${OSU_DIR}" ]]; then
  echo "compare_osu.sh: set OSU_DIR to a directory holding osu_latency, osu_bw, osu_allreduce" >&2
  exit 2
fi
if ! [[ "$repeats" =~ ^[1-9][0-9]*$ ]]; then
  echo "compare_osu.sh: REPEATS must be an integer >= 1, got '$repeats'" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
kernels=${KERNELS:-}
if [[ -z "$kernels" ]]; then
  for guess in "$here"/../../build/kernels/src/hpcpat-kernels /work/build-*/kernels/src/hpcpat-kernels; do
    if [[ -x "$guess" ]]; then kernels=$guess; break; fi
  done
fi
if [[ -z "$kernels" || ! -x "$kernels" ]]; then
  echo "compare_osu.sh: set KERNELS to the hpcpat-kernels executable" >&2
  exit 2
fi
if [[ -z "${MPIRUN:-}" ]]; then
  if command -v mpirun.openmpi >/dev/null; then MPIRUN=mpirun.openmpi; else MPIRUN=mpirun; fi
fi
if [[ -z "${MPIRUN_FLAGS+x}" ]]; then
  if "$MPIRUN" --version 2>&1 | grep -q "Open MPI\|OpenRTE"; then
    MPIRUN_FLAGS="--allow-run-as-root --oversubscribe"
  else
    MPIRUN_FLAGS=""
  fi
fi
read -r -a launch_flags <<<"$MPIRUN_FLAGS"
read -r -a judged <<<"${SIZES:-1 8 1048576}"
iteration_args=()
if [[ -n "${ITERATIONS:-}" ]]; then
  if ! [[ "$ITERATIONS" =~ ^[1-9][0-9]*$ ]]; then
    echo "compare_osu.sh: ITERATIONS must be an integer >= 1, got '$ITERATIONS'" >&2
    exit 2
  fi
  iteration_args=(-i "$ITERATIONS" -x "$((ITERATIONS / 10))")
fi

find_osu() {
  local found
  found=$(find "$OSU_DIR" -type f -name "$1" -perm -u+x 2>/dev/null | head -n 1)
  if [[ -z "$found" ]]; then
    echo "compare_osu.sh: no $1 under $OSU_DIR" >&2
    exit 2
  fi
  printf '%s\n' "$found"
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Data rows of an OSU-style table ("size value ..."): prints "size value" pairs.
rows() { awk '$1 ~ /^[0-9]+$/ && NF >= 2 { print $1, $2 }' "$1"; }

# run_pair NAME OSU_BINARY KERNEL [ARGS...]: REPEATS alternating runs, both tools given ARGS; rows
# appended to NAME.osu and NAME.ours.
run_pair() {
  local name=$1 osu=$2 kernel=$3 r
  shift 3
  for ((r = 1; r <= repeats; r++)); do
    "$MPIRUN" "${launch_flags[@]}" -n 2 "$osu" "$@" >"$work/out" 2>"$work/err" ||
      { cat "$work/err" >&2; exit 1; }
    rows "$work/out" >>"$work/$name.osu"
    "$MPIRUN" "${launch_flags[@]}" -n 2 "$kernels" "$kernel" "$@" >"$work/out" 2>"$work/err" ||
      { cat "$work/err" >&2; exit 1; }
    rows "$work/out" >>"$work/$name.ours"
    echo "  $name: run $r/$repeats done" >&2
  done
}

run_pair latency "$(find_osu osu_latency)" latency "${iteration_args[@]}"
run_pair bw "$(find_osu osu_bw)" bw
run_pair allreduce "$(find_osu osu_allreduce)" allreduce "${iteration_args[@]}"

status=0
printf '# hpcpat-kernels vs OSU Micro-Benchmarks, 2 ranks, median of %s alternating runs\n' "$repeats"
printf '# MPI: %s\n' "$("$MPIRUN" --version 2>&1 | head -n 1)"
printf '%-10s %10s %14s %14s %9s %s\n' "# kernel" "size" "OSU" "hpcpat" "ours/OSU" "verdict"
for name in latency bw allreduce; do
  if ! report=$(awk -v judged="${judged[*]}" -v name="$name" '
    function median(list,   n, a, i, j, t) {
      n = split(list, a, " ")
      for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
      return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    BEGIN { split(judged, js, " "); for (k in js) judge[js[k]] = 1 }
    FILENAME ~ /\.osu$/ { osu[$1] = osu[$1] " " $2; next }
    { ours[$1] = ours[$1] " " $2 }
    END {
      for (s in osu) if (s in ours) sizes[++n] = s + 0
      for (i = 2; i <= n; i++) { t = sizes[i]; for (j = i - 1; j >= 1 && sizes[j] > t; j--) sizes[j + 1] = sizes[j]; sizes[j + 1] = t }
      for (i = 1; i <= n; i++) {
        s = sizes[i]; o = median(osu[s]); h = median(ours[s]); ratio = (o > 0) ? h / o : 0
        verdict = ""
        if (s in judge) { verdict = (ratio >= 0.95 && ratio <= 1.05) ? "within 5%" : "OUTSIDE 5%"; if (verdict != "within 5%") bad = 1 }
        printf "%-10s %10d %14.2f %14.2f %9.3f %s\n", name, s, o, h, ratio, verdict
      }
      exit bad
    }' "$work/$name.osu" "$work/$name.ours"); then
    status=1
  fi
  printf '%s\n' "$report"
done
exit "$status"
