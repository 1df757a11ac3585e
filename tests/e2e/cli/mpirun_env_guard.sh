#!/bin/sh
# Stands in for mpirun in an e2e test: fails if the launcher itself was given the interposer
# (LD_PRELOAD must reach the ranks only, through the launcher's flags), else runs the real one.
case "${LD_PRELOAD:-}" in
  *hpcpat*) echo "mpirun_env_guard: LD_PRELOAD is set for the launcher: $LD_PRELOAD" >&2; exit 99 ;;
esac
exec "$HPCPAT_E2E_REAL_MPIRUN" "$@"
