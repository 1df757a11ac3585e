#!/usr/bin/env python3
"""Prints the fft app's GFLOP/s (5·N·log2(N) per transform) over grid sizes, rank counts and
decompositions, with the speed-up over the 1-rank run of the same size measured in the same
invocation, and where the time goes (local FFTs, pack/unpack, all-to-all).

usage: fft_scaling.py --fft BUILD/apps/fft/fft [--sizes 64,128] [--ranks 1,2,4]
                      [--iters 10] -- LAUNCHER [FLAGS...] NUMPROC_FLAG
The launcher argv gets the rank count and the fft command appended; nothing goes through a shell.
"""
import os
import sys
import tempfile

from app_runs import parse_with_launcher, run_summary, scaling_parser  # beside this file


def main() -> int:
    parser = scaling_parser(__doc__, "fft")
    parser.add_argument("--sizes", default="64,128")
    parser.add_argument("--iters", default="10")
    args, launcher = parse_with_launcher(parser)
    print(f"{'n':>5} {'decomp':>7} {'ranks':>5} {'GFLOP/s':>8} {'speedup':>8} {'local':>6} "
          f"{'pack':>6} {'a2a':>6} exchange")
    with tempfile.TemporaryDirectory() as workdir:
        for n in args.sizes.split(","):
            base = None
            for decomp in ("slab", "pencil"):
                for ranks in args.ranks:
                    s = run_summary(launcher + [str(ranks), args.fft, "--n", n, "--iters",
                                                args.iters, "--decomp", decomp],
                                    os.path.join(workdir, f"fft_{n}_{decomp}_{ranks}.json"))
                    f = s["figures"]
                    if base is None:
                        base = f["gflops"]
                    busy = f["fft_local_s"] + f["pack_s"] + f["transpose_s"]
                    print(f"{n:>5} {decomp:>7} {ranks:>5} {f['gflops']:8.2f} "
                          f"{f['gflops'] / base:8.2f} {f['fft_local_s'] / busy:6.0%} "
                          f"{f['pack_s'] / busy:6.0%} {f['transpose_s'] / busy:6.0%} "
                          f"{s['params']['exchange']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
