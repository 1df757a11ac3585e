#!/usr/bin/python3
"""Checks a fidelity run's profile against the truth its ranks measured by their own clock.

usage: check_fidelity.py --profile P... --truth PREFIX... --np N [--tolerance 0.01 | --no-timing]
                         [--max-first-barrier S] [--partial] [--timer REQUESTED] [--rss]
                         --schema S --validator V

One profile and truth prefix per launch of the same scenario, each checked on its own, except the
fraction. Its error, mpi_fraction - mpi_s / (app_s x threads) from the truth file, is pushed only
down by a stall: the program's clock holds a stall anywhere in a wrapper or a timed loop, the
profile only one inside the timed interval. So per rank the launch least disturbed -- the largest
error -- is held to --tolerance (1 percentage point): a bias common to the launches fails it, a
stall in some of them does not; and where every launch was stalled (the suite running beside it),
the least disturbed one is credited with the time its rank waited runnable (schedstat), the most a
stall can have moved it, up to the tolerance itself. An overstatement beyond the tolerance fails in any launch. Per rank and launch: every `expect.<call>.<field>` fact equal to
that rank's calls[<call>].<field>; run.threads.max_per_rank equal to the largest truth thread
count. --partial: the run ended
without MPI_Finalize, so each rank's partial profile <stem>.rank<N>.partial.json is checked
instead, with run.exit {"status": "exited", "code": exit_code}. A `matrix.<src>.<dst>` fact
("messages bytes") must equal that world-matrix entry of the whole profile.
--max-first-barrier: every rank's first barrier after MPI_Init waited less than S seconds in its
least disturbed launch (the ranks left MPI_Init together).
--timer: the run asked for HPCPAT_TIMER=REQUESTED; run.timer names it, its source is the TSC where
the CPU reports an invariant one (or the request was clock_gettime; else a note says why not), and
a TSC was checked against CLOCK_MONOTONIC on every rank and agreed. --rss: each rank's
max_rss_bytes holds the `touched_bytes` it wrote, and exceeds rank 0's by the difference of what
they touched (within 20 %: the rest of the processes is alike; ASan's shadow adds 1/8).
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
    """Checks one launch's facts for a rank; returns its fraction's error against the truth and
    its first barrier's wait."""
    threads = int(truth["threads"])
    want = float(truth["mpi_s"]) / (float(truth["app_s"]) * threads)
    waited = float(truth.get("runqueue_s", "nan"))
    print(f"rank {rank}: profile {record['mpi_fraction']:.4f} truth {want:.4f} "
          f"({threads} thread(s); waited {waited * 1e3:.2f} ms runnable, by schedstat)")
    for key, value in truth.items():
        if not key.startswith("expect."):
            continue
        _, call, field = key.split(".")
        got = record["calls"].get(call, {field: 0}).get(field)  # never called: absent, i.e. 0
        expect(got == int(value), f"rank {rank} {call}.{field} = {got}, truth {value}")
    # What the rank waited runnable, as a share of its threads' time: a preemption anywhere in
    # the truth's timed loop counts as MPI time there, in the profile only inside a wrapper's
    # interval, so it may push the error down by at most this much.
    stall = waited / (float(truth["app_s"]) * threads) if waited == waited and waited > 0 else 0.0
    return (record["mpi_fraction"] - want, stall), float(truth.get("first_barrier_s", "nan"))


def check_first_barrier(limit, waits):
    """waits[r]: rank r's first barrier wait in each launch; the least disturbed (shortest: a
    stall only lengthens it) is held to the limit."""
    for rank, ws in enumerate(waits):
        waited = min(ws)
        expect(waited < limit,
               f"rank {rank} waited {waited * 1e3:.3f} ms in its first barrier (least of "
               f"{len(ws)} launch(es)): the ranks left MPI_Init more than "
               f"{limit * 1e3:.3f} ms apart")


def check_fractions(tolerance, errors):
    """errors[r]: rank r's (error, stall) in each launch. No launch may overstate by more than the
    tolerance (a stall only pushes the error down); the least disturbed one, its error credited
    with what the rank measurably waited runnable, may not understate by more than it."""
    for rank, launches in enumerate(errors):
        errs = [e for e, _ in launches]
        # The credit is capped at the tolerance: oversubscribed ranks wait runnable for half the
        # run, and an uncapped credit would excuse any bias.
        credited = max(e + min(stall, tolerance) for e, stall in launches)
        print(f"rank {rank}: error {' '.join(f'{e * 100:+.2f}' for e in errs)} pp (waited "
              f"runnable {' '.join(f'{s * 100:.2f}' for _, s in launches)} pp), least disturbed "
              f"{max(errs) * 100:+.2f} pp, with its wait credited {credited * 100:+.2f} pp")
        expect(max(errs) <= tolerance, f"rank {rank} mpi_fraction vs truth: "
               f"{max(errs) * 100:+.2f} pp in a launch, more than {tolerance * 100:.2f} pp over")
        expect(credited >= -tolerance, f"rank {rank} mpi_fraction vs truth, least disturbed of "
               f"{len(errs)} launch(es), its runnable wait credited: {credited * 100:+.2f} pp, "
               f"more than {tolerance * 100:.2f} pp under")


def invariant_tsc():
    """What the interposer's cpuid test sees, as Linux shows it."""
    with open("/proc/cpuinfo", encoding="utf-8") as f:
        flags = next((l.split(":", 1)[1].split() for l in f if l.startswith("flags")), [])
    return "constant_tsc" in flags and "nonstop_tsc" in flags


def check_timer(p, requested, np):
    timer = p["run"]["timer"]
    expect(timer["requested"] == requested, f"run.timer.requested {timer['requested']}, "
                                            f"asked {requested}")
    if requested == "clock_gettime" or (requested == "tsc" and not invariant_tsc()):
        expect(timer["source"] == "clock_gettime", f"run.timer.source {timer['source']}")
        expect(timer["check"]["checked_ranks"] == 0, "a clock_gettime run has no TSC check")
        if requested == "tsc":
            expect(any("no invariant TSC" in n for n in p["notes"]),
                   f"no note says why the TSC was not used: {p['notes']}")
        return
    if requested == "auto":
        return  # either source; the unit tests pin the rule
    expect(timer["source"] == "tsc", f"run.timer.source {timer['source']}, asked tsc")
    check = timer["check"]
    print(f"TSC against CLOCK_MONOTONIC: {check}")
    expect(check["checked_ranks"] == np, f"{check['checked_ranks']} of {np} ranks checked")
    expect(check["disagreeing_ranks"] == 0 and abs(check["max_rate_change"]) <= check["tolerance"],
           f"the TSC disagreed with CLOCK_MONOTONIC: {check}")


def check_rss(ranks, truths):
    mib = 1 << 20
    base_rss, base_touched = ranks[0]["max_rss_bytes"], int(truths[0]["touched_bytes"])
    for r, (record, truth) in enumerate(zip(ranks, truths)):
        rss, touched = record["max_rss_bytes"], int(truth["touched_bytes"])
        print(f"rank {r}: max_rss {rss / mib:.1f} MiB, touched {touched / mib:.1f} MiB")
        expect(rss >= touched, f"rank {r} max_rss_bytes {rss} < the {touched} bytes it touched")
        want = touched - base_touched
        got = rss - base_rss
        # 20 %: AddressSanitizer's shadow adds 1/8 of what a rank touches (the sanitizer pass).
        expect(abs(got - want) <= 0.2 * max(want, 64 * mib),
               f"rank {r} max_rss_bytes exceeds rank 0's by {got / mib:.1f} MiB, "
               f"it touched {want / mib:.1f} MiB more")


def check(args):
    expect(len(args.profile) == len(args.truth),
           f"{len(args.profile)} profiles for {len(args.truth)} truth prefixes")
    errors = [[] for _ in range(args.np)]
    waits = [[] for _ in range(args.np)]
    for profile, truth in zip(args.profile, args.truth):
        print(f"launch {profile}")
        for rank, (error, wait) in enumerate(check_launch(args, profile, truth)):
            errors[rank].append(error)
            waits[rank].append(wait)
    if args.tolerance is not None:
        check_fractions(args.tolerance, errors)
    if args.max_first_barrier is not None:
        check_first_barrier(args.max_first_barrier, waits)


def check_launch(args, profile, truth_prefix):
    """Checks one launch; returns each rank's (fraction error, first barrier wait)."""
    truths = [read_truth(truth_prefix, r) for r in range(args.np)]
    max_threads = max(int(t["threads"]) for t in truths)
    if args.partial:
        stem = os.path.splitext(profile)[0]
        per_rank = []
        for r, truth in enumerate(truths):
            path = f"{stem}.rank{r}.partial.json"
            expect(os.path.exists(path), f"no partial profile {path}")
            validate(args.validator, args.schema, [path])
            p = load(path)
            expect(p["complete"] is False, f"{path}: complete must be false")
            want_exit = {"status": "exited", "code": int(truth["exit_code"]), "signal": None}
            expect(p["run"]["exit"] == want_exit, f"{path}: run.exit {p['run']['exit']}")
            per_rank.append(check_rank(args, r, p["ranks"][0], truth))
        return per_rank
    validate(args.validator, args.schema, [profile])
    p = load(profile)
    ranks = sorted(p["ranks"], key=lambda x: x["rank"])
    expect(len(ranks) == args.np, f"{len(ranks)} ranks in the profile, {args.np} ran")
    got_threads = p["run"]["threads"]["max_per_rank"]
    expect(got_threads == max_threads,
           f"run.threads.max_per_rank {got_threads}, truth {max_threads}")
    per_rank = [check_rank(args, r, record, truth)
                for r, (record, truth) in enumerate(zip(ranks, truths))]
    check_matrix(p["comm_matrix"]["entries"], truths)
    if args.timer:
        check_timer(p, args.timer, args.np)
    if args.rss:
        check_rss(ranks, truths)
    return per_rank


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
    parser.add_argument("--profile", required=True, nargs="+")
    parser.add_argument("--truth", required=True, nargs="+")
    parser.add_argument("--np", type=int, required=True)
    parser.add_argument("--tolerance", type=float, default=0.01)
    parser.add_argument("--no-timing", dest="tolerance", action="store_const", const=None,
                        help="check facts only (a sanitized interposer's timing is not its own)")
    parser.add_argument("--max-first-barrier", type=float)
    parser.add_argument("--partial", action="store_true")
    parser.add_argument("--timer", choices=["auto", "tsc", "clock_gettime"])
    parser.add_argument("--rss", action="store_true")
    parser.add_argument("--schema", required=True)
    parser.add_argument("--validator", required=True)
    args = parser.parse_args()
    return run_main(lambda: check(args))


if __name__ == "__main__":
    sys.exit(main())
