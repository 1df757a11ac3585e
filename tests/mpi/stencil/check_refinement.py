#!/usr/bin/env python3
"""Second-order convergence of the stencil: the converged max-norm error against the exact
solution must fall by ~4x when h halves. Usage: check_refinement.py -- COMMAND... with the token
{n} for the grid size and {iters} for the sweeps; runs n = 15 and 31 (h = 1/16, 1/32)."""
import json
import subprocess
import sys

# Enough sweeps that rho^K is < 1e-4 of the discretisation error (rho = 1 - ~pi^2 h^2 / 2).
RUNS = [(15, 1200), (31, 4000)]


def error_for(command, n, iters):
    argv = [str(n) if a == "{n}" else str(iters) if a == "{iters}" else a for a in command]
    done = subprocess.run(argv, stdout=subprocess.PIPE, text=True, check=False, timeout=300)
    lines = [l for l in done.stdout.splitlines() if l.startswith("{")]
    if done.returncode != 0 or len(lines) != 1:
        sys.exit(f"FAIL n={n}: status {done.returncode}\n{done.stdout}")
    doc = json.loads(lines[0])
    print(f"n={n}: max_error={doc['figures']['max_error']}")
    return doc["figures"]["max_error"]


def main():
    command = sys.argv[sys.argv.index("--") + 1:]
    coarse, fine = (error_for(command, n, iters) for n, iters in RUNS)
    ratio = coarse / fine
    # h^2 scaling: (32/16)^2 = 4; the next term of the error expansion moves it by < 1%.
    ok = 3.9 <= ratio <= 4.1
    print(f"error ratio {ratio:.4f} (expected 4 +- 0.1): {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
