#!/bin/sh
# special_input.sh fifo|big2m PROGRAM ARGS...: makes an input that must be refused (a FIFO with no
# writer, a 2 MiB regular file) in a fresh temporary directory, puts its path in place of @INPUT@
# in ARGS, runs PROGRAM under `timeout 20` (so that a reader that blocks fails instead of hanging
# the suite), removes the directory and exits with PROGRAM's status.
kind=$1; shift
dir=$(mktemp -d) || exit 99
case $kind in
  fifo) input=$dir/p.json; mkfifo "$input" || exit 99 ;;
  big2m) input=$dir/big.json; truncate -s 2M "$input" || exit 99 ;;
  *) echo "special_input.sh: unknown kind '$kind'" >&2; exit 99 ;;
esac
program=$1; shift
for arg in "$@"; do
  [ "$arg" = @INPUT@ ] && arg=$input
  set -- "$@" "$arg"; shift
done
timeout 20 "$program" "$@"
status=$?
rm -rf "$dir"
exit $status
