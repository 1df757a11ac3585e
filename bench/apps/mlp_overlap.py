#!/usr/bin/env python3
"""Prints the mlp app's samples/s and allreduce bus bandwidth, blocking against --overlap, at
several rank counts, with the overlap/blocking ratio measured in the same invocation.

usage: mlp_overlap.py --mlp BUILD/apps/mlp/mlp [--ranks 1,2,4] [--steps 50]
                      [--extra "--hidden 512"] -- LAUNCHER [FLAGS...] NUMPROC_FLAG
The launcher argv gets the rank count and the mlp command appended; nothing goes through a shell.
"""
import os
import shlex
import sys
import tempfile

from app_runs import parse_with_launcher, run_summary, scaling_parser  # beside this file


def main() -> int:
    parser = scaling_parser(__doc__, "mlp")
    parser.add_argument("--steps", default="50")
    parser.add_argument("--extra", default="", help="more mlp flags, split like a shell would")
    args, launcher = parse_with_launcher(parser)
    common = ["--steps", args.steps, "--global-batch", "256"] + shlex.split(args.extra)
    print(f"{'ranks':>5} {'mode':>8} {'samples/s':>10} {'busbw GB/s':>10} {'allreduce s':>11} "
          f"{'ratio':>6}")
    with tempfile.TemporaryDirectory() as workdir:
        for ranks in args.ranks:
            blocking = None
            for mode, flags in (("blocking", []), ("overlap", ["--overlap"])):
                s = run_summary(launcher + [str(ranks), args.mlp] + common + flags,
                                os.path.join(workdir, f"mlp_{ranks}_{mode}.json"))
                f = s["figures"]
                blocking = blocking or f["samples_per_s"]
                print(f"{ranks:>5} {mode:>8} {f['samples_per_s']:10.0f} "
                      f"{f['busbw_gb_per_s']:10.3f} {f['allreduce_s']:11.4f} "
                      f"{f['samples_per_s'] / blocking:6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
