#!/usr/bin/env bash
# minimd against Debian's LAMMPS on the same problem (LAMMPS bench/in.lj: 4*size^3 atoms, rho*
# 0.8442, rc 2.5, skin 0.3, reneighbour every 20 steps, NVE) at the same rank counts. Prints each
# run's atom-steps/s (LAMMPS: atoms * steps / "Loop time"; minimd: its summary's figure, also
# steps over loop time) and the ratio minimd / LAMMPS. Runs alternate between the two codes and the
# best of --repeats counts, because the machine is shared and noise only ever slows a run down.
#
#   bench/apps/minimd_vs_lammps.sh --minimd BUILD/apps/minimd/minimd \
#       [--input apps/lammps/in.lj] [--size 20] [--steps 200] [--ranks "1 2"] [--repeats 3]
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
minimd=""
input="$here/../../apps/lammps/in.lj"
size=20
steps=200
ranks="1 2"
repeats=3
lmp=${LMP:-/usr/bin/lmp}
mpirun=${MPIRUN:-mpirun.openmpi}

usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --minimd) minimd=$2; shift 2 ;;
    --input) input=$2; shift 2 ;;
    --size) size=$2; shift 2 ;;
    --steps) steps=$2; shift 2 ;;
    --ranks) ranks=$2; shift 2 ;;
    --repeats) repeats=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "minimd_vs_lammps.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[[ -x "$minimd" ]] || { echo "minimd_vs_lammps.sh: --minimd must name the built minimd executable (got '$minimd')" >&2; exit 2; }
[[ -r "$input" ]] || { echo "minimd_vs_lammps.sh: --input '$input' is not a readable LAMMPS input" >&2; exit 2; }
[[ -x "$lmp" ]] || { echo "minimd_vs_lammps.sh: LAMMPS executable '$lmp' not found (set LMP)" >&2; exit 2; }
[[ "$size" =~ ^[0-9]+$ && "$steps" =~ ^[0-9]+$ && "$repeats" =~ ^[0-9]+$ ]] ||
  { echo "minimd_vs_lammps.sh: --size, --steps and --repeats take positive integers" >&2; exit 2; }

launch=("$mpirun")
if [[ $(id -u) -eq 0 ]]; then
  # The flavour's flags for root, from the one table of launcher flags (LAMMPS is Open MPI's here).
  mapfile -t as_root < <(python3 -c 'import json, sys
print("\n".join(json.load(open(sys.argv[1]))["openmpi"]["as_root"]))' \
    "$(dirname "$0")/../../harness/launch/mpi_flavours.json")
  launch+=("${as_root[@]}")
fi
workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT
atoms=$((4 * size * size * size))

best() { sort -g | tail -1; }   # highest throughput of the repeats

echo "problem: in.lj, ${size}^3 cells = $atoms atoms, $steps steps; best of $repeats runs each"
echo "lmp: $lmp ($( ("$lmp" -h 2>/dev/null || true) | sed -n 's/.*Simulator - //p' | head -1))"
printf '%-6s %18s %18s %8s\n' ranks "minimd atom-st/s" "LAMMPS atom-st/s" ratio
status=0
for np in $ranks; do
  : > "$workdir/minimd.$np" ; : > "$workdir/lammps.$np"
  for ((r = 1; r <= repeats; r++)); do
    OMP_NUM_THREADS=1 "${launch[@]}" -n "$np" "$lmp" -in "$input" -var x "$size" \
      -var steps "$steps" -log "$workdir/log.$np.$r" -screen none
    awk -v n="$atoms" '/^Loop time of/ { printf "%.6g\n", n * $9 / $4 }' \
      "$workdir/log.$np.$r" >> "$workdir/lammps.$np"
    "${launch[@]}" -n "$np" "$minimd" --size "$size" --steps "$steps" --quiet > "$workdir/md.json"
    /usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["figures"]["atom_steps_per_s"])' \
      "$workdir/md.json" >> "$workdir/minimd.$np"
  done
  m=$(best < "$workdir/minimd.$np")
  l=$(best < "$workdir/lammps.$np")
  ratio=$(awk -v m="$m" -v l="$l" 'BEGIN { printf "%.3f", m / l }')
  printf '%-6s %18.4g %18.4g %8s\n' "$np" "$m" "$l" "$ratio"
  echo "       all minimd: $(tr '\n' ' ' < "$workdir/minimd.$np")"
  echo "       all LAMMPS: $(tr '\n' ' ' < "$workdir/lammps.$np")"
  awk -v r="$ratio" 'BEGIN { exit !(r >= 0.8) }' || status=1
done
echo "goal: ratio >= 0.8 at every rank count -> $([[ $status -eq 0 ]] && echo met || echo NOT met)"
exit 0
