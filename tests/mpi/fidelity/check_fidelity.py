#!/usr/bin/python3
"""Checks a fidelity run's profile against the truth its ranks measured by their own clock.

usage: check_fidelity.py --profile P --truth PREFIX --np N [--tolerance 0.01 | --no-timing]
                         [--max-first-barrier S] [--partial] --schema S --validator V

Per rank: mpi_fraction within --tolerance (1 percentage point) of mpi_s / (app_s x threads) from
the truth file; every `expect.<call>.<field>` fact equal to that rank's calls[<call>].<field>;
run.threads.max_per_rank equal to the largest truth thread count. --partial: the run ended
without MPI_Finalize, so each rank's partial profile <stem>.rank<N>.partial.json is checked
instead, with run.exit {"status": "exited", "code": exit_code}. A `matrix.<src>.<dst>` fact
("messages bytes") must equal that world-matrix entry of the whole profile. --max-first-barrier: every
rank's first barrier after MPI_Init waited less than S seconds (the ranks left MPI_Init together).
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "profile"))
from profile_checks import expect, expect_close, load, run_main, validate  # noqa: E402


def read_truth(prefix, rank):
    facts = {}
    with open(f"{prefix}.rank{rank}", encoding="utf-8") as f:
        for line in f:
            key, value = line.split(None, 1)
            facts[key] = value.strip()
    return facts


def check_rank(args, rank, record, truth):
    threads = int(truth["threads"])
    want = float(truth["mpi_s"]) / (float(truth["app_s"]) * threads)
    print(f"rank {rank}: profile {record['mpi_fraction']:.4f} truth {want:.4f} "
          f"({threads} thread(s))")
    if args.tolerance is not None:
        expect_close(record["mpi_fraction"], want, args.tolerance,
                     f"rank {rank} mpi_fraction vs truth")
    for key, value in truth.items():
        if not key.startswith("expect."):
            continue
        _, call, field = key.split(".")
        got = record["calls"].get(call, {field: 0}).get(field)  # never called: absent, i.e. 0
        expect(got == int(value), f"rank {rank} {call}.{field} = {got}, truth {value}")
    if args.max_first_barrier is not None:
        waited = float(truth["first_barrier_s"])
        expect(waited < args.max_first_barrier,
               f"rank {rank} waited {waited * 1e3:.3f} ms in its first barrier: the ranks left "
               f"MPI_Init more than {args.max_first_barrier * 1e3:.3f} ms apart")


def check(args):
    truths = [read_truth(args.truth, r) for r in range(args.np)]
    max_threads = max(int(t["threads"]) for t in truths)
    if args.partial:
        stem = os.path.splitext(args.profile)[0]
        for r, truth in enumerate(truths):
            path = f"{stem}.rank{r}.partial.json"
            expect(os.path.exists(path), f"no partial profile {path}")
            validate(args.validator, args.schema, [path])
            p = load(path)
            expect(p["complete"] is False, f"{path}: complete must be false")
            want_exit = {"status": "exited", "code": int(truth["exit_code"]), "signal": None}
            expect(p["run"]["exit"] == want_exit, f"{path}: run.exit {p['run']['exit']}")
            check_rank(args, r, p["ranks"][0], truth)
        return
    validate(args.validator, args.schema, [args.profile])
    p = load(args.profile)
    ranks = sorted(p["ranks"], key=lambda x: x["rank"])
    expect(len(ranks) == args.np, f"{len(ranks)} ranks in the profile, {args.np} ran")
    got_threads = p["run"]["threads"]["max_per_rank"]
    expect(got_threads == max_threads,
           f"run.threads.max_per_rank {got_threads}, truth {max_threads}")
    for r, (record, truth) in enumerate(zip(ranks, truths)):
        check_rank(args, r, record, truth)
    check_matrix(p["comm_matrix"]["entries"], truths)


def check_matrix(entries, truths):
    got = {(e[0], e[1]): (e[2], e[3]) for e in entries}
    for truth in truths:
        for key, value in truth.items():
            if key.startswith("matrix."):
                _, src, dst = key.split(".")
                want = tuple(int(v) for v in value.split())
                have = got.get((int(src), int(dst)))
                expect(have == want, f"comm_matrix {src}->{dst}: {have}, truth {want} "
                                     "(messages, bytes)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", required=True)
    parser.add_argument("--truth", required=True)
    parser.add_argument("--np", type=int, required=True)
    parser.add_argument("--tolerance", type=float, default=0.01)
    parser.add_argument("--no-timing", dest="tolerance", action="store_const", const=None,
                        help="check facts only (a sanitized interposer's timing is not its own)")
    parser.add_argument("--max-first-barrier", type=float)
    parser.add_argument("--partial", action="store_true")
    parser.add_argument("--schema", required=True)
    parser.add_argument("--validator", required=True)
    args = parser.parse_args()
    return run_main(lambda: check(args))


if __name__ == "__main__":
    sys.exit(main())
