#!/usr/bin/env python3
"""A guest's manners: libhpcpat-pmpi exports only MPI routines (C and Fortran names, never PMPI_)
and the region API. Checks `nm -D --defined-only LIB` against the wrapper table: every routine's
C name; with --fortran its four legacy Fortran spellings; with --f08 its `use mpi_f08` name.

    check_exports.py LIB TABLE [--fortran] [--f08]
"""
import re
import subprocess
import sys


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    lib, table, fortran, f08 = argv[1], argv[2], "--fortran" in argv[3:], "--f08" in argv[3:]
    out = subprocess.run(["nm", "-D", "--defined-only", lib], capture_output=True, text=True,
                         check=True).stdout
    symbols = {line.split()[-1] for line in out.splitlines() if line.strip()}
    with open(table, encoding="utf-8") as f:
        routines = re.findall(r"^\w+\s+int\s+(MPI_\w+)\(", f.read(), re.M)
    errors = []
    allowed = re.compile(r"^(MPI_\w+|mpi_\w+|hpcpat_region_(begin|end))$")
    for s in sorted(symbols):
        if not allowed.match(s) or s.upper().startswith("PMPI_"):
            errors.append(f"unexpected export {s}")
    for name in routines:
        if name not in symbols:
            errors.append(f"{name} not exported")
        if name in ("MPI_Pcontrol",) or "File_open" in name:
            continue  # no Fortran wrapper: variadic, or a CHARACTER argument
        low = name.lower()
        variants = ((low + "_", low + "__", low, name.upper()) if fortran else ()) + \
            ((low + "_f08_",) if f08 else ())
        for variant in variants:
            if variant not in symbols:
                errors.append(f"Fortran {variant} not exported")
    for name in ("hpcpat_region_begin", "hpcpat_region_end"):
        if name not in symbols:
            errors.append(f"{name} not exported")
    for e in errors:
        print("FAIL:", e)
    if errors:
        return 1
    print(f"ok: {len(symbols)} exports, all MPI/Fortran-MPI/region; {len(routines)} routines wrapped")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
