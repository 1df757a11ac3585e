#!/usr/bin/python3
"""Checks a ground_truth run's profile against the truth its ranks measured themselves.

usage: check_ground_truth.py --schema S --validator V --profile P --truth PREFIX --np N --run-id ID

Per rank: the profile's MPI fraction within 1 percentage point of the truth (MPI_Wtime around every
MPI call / MPI_Init..MPI_Finalize). Summary statistics recomputed from the per-rank values. Exact
call counts, bytes, size bins and matrix rows of the scripted pattern.
"""
import argparse
import statistics

from profile_checks import expect, expect_close, load, run_main, validate

TOL_FRACTION = 0.01  # 1 percentage point
EPS = 1e-9


def check(args):
    validate(args.validator, args.schema, [args.profile])
    p = load(args.profile)
    np_ = args.np
    expect(p["complete"] is True, "complete must be true for a finalized run")
    run = p["run"]
    expect(run["id"] == args.run_id, f"run.id {run['id']!r} != {args.run_id!r}")
    expect(run["app"] == "profile_ground_truth", f"run.app {run['app']!r}")
    expect(run["ranks"] == np_ and len(p["ranks"]) == np_, "ranks")
    expect(run["nodes"] == 1 and run["ranks_per_node"] == np_, "nodes / ranks_per_node")
    expect([h["ranks"] for h in run["hosts"]] == [list(range(np_))], f"hosts {run['hosts']}")
    expect(run["exit"] == {"status": "finalized", "code": 0, "signal": None}, f"exit {run['exit']}")
    want_tags = dict(kv.split("=", 1) for kv in args.tags.split(",")) if args.tags else \
        {"study": "ground_truth", "np": str(np_)}
    expect(run["tags"] == want_tags, f"tags {run['tags']} != {want_tags}")
    expect(run["threads"] == {"level": "MPI_THREAD_SINGLE", "max_per_rank": 1}, f"threads {run['threads']}")

    truths = []
    for r in range(np_):
        mpi_s, app_s, phases, sends, recvs, msg = open(f"{args.truth}.rank{r}").read().split()
        truths.append((float(mpi_s), float(app_s), int(phases), int(sends), int(recvs), int(msg)))
    ranks = sorted(p["ranks"], key=lambda x: x["rank"])
    for r, (rec, t) in enumerate(zip(ranks, truths)):
        expect(rec["rank"] == r, "ranks[] must list every rank once")
        truth = t[0] / t[1]
        expect_close(rec["mpi_fraction"], truth, TOL_FRACTION, f"rank {r} mpi_fraction vs truth")
        expect_close(rec["app_time_s"], t[1], 0.01 * t[1] + 0.002, f"rank {r} app_time_s vs truth")
        expect_close(rec["mpi_fraction"], rec["mpi_time_s"] / rec["app_time_s"], EPS,
                     f"rank {r} mpi_fraction = mpi_time_s / app_time_s")
        print(f"rank {r}: profile {rec['mpi_fraction']:.4f} truth {truth:.4f}")

    fr = [x["mpi_fraction"] for x in ranks]
    s = p["summary"]
    mf = s["mpi_fraction"]
    for key, want in (("min", min(fr)), ("max", max(fr)), ("mean", statistics.fmean(fr)),
                      ("median", statistics.median(fr)), ("stdev", statistics.pstdev(fr))):
        expect_close(mf[key], want, EPS, f"summary.mpi_fraction.{key}")
    mpi = [x["mpi_time_s"] for x in ranks]
    expect_close(s["app_time_s"], statistics.fmean(x["app_time_s"] for x in ranks), EPS, "summary.app_time_s")
    expect_close(s["mpi_time_s"], statistics.fmean(mpi), EPS, "summary.mpi_time_s")
    expect_close(s["imbalance"], max(mpi) / statistics.fmean(mpi), EPS, "summary.imbalance")
    expect_close(sum(s["categories"].values()), 1.0, EPS, "category shares sum")
    expect(s["categories"]["one_sided"] == 0 and s["categories"]["io"] == 0, "no RMA / IO here")
    expect_close(run["wall_s"], max(x["app_time_s"] for x in ranks), EPS, "run.wall_s = max app time")

    phases, msg = truths[0][2], truths[0][5]
    senders = [r for r in range(np_) if truths[r][3] > 0]
    receivers = [r for r in range(np_) if truths[r][4] > 0]
    calls = {c["name"]: c for c in p["calls"]}
    sums = [c["time_s"]["sum"] for c in p["calls"]]
    expect(sums == sorted(sums, reverse=True), "calls[] sorted by time_s.sum, descending")
    expect(calls["MPI_Barrier"]["count"] == phases * np_, "MPI_Barrier count")
    expect(calls["MPI_Barrier"]["category"] == "collective", "MPI_Barrier category")
    for name, who in (("MPI_Send", senders), ("MPI_Recv", receivers)):
        if not who:
            expect(name not in calls, f"{name} must be absent")
            continue
        c = calls[name]
        want_bytes = phases * msg * len(who)
        expect(c["count"] == phases * len(who), f"{name} count {c['count']}")
        expect(c["bytes"] == want_bytes, f"{name} bytes {c['bytes']} != {want_bytes}")
        expect([(h["bin"], h["lo"], h["hi"], h["count"], h["bytes"]) for h in c["histogram"]] ==
               [(13, 4096, 8191, phases * len(who), want_bytes)], f"{name} histogram {c['histogram']}")
        per_rank = [x["calls"].get(name, {"time_s": 0.0})["time_s"] for x in ranks]
        t = c["time_s"]
        expect_close(t["sum"], sum(per_rank), EPS, f"{name} time_s.sum")
        expect_close(t["min"], min(per_rank), EPS, f"{name} time_s.min")
        expect_close(t["max"], max(per_rank), EPS, f"{name} time_s.max")
        expect_close(t["mean"], statistics.fmean(per_rank), EPS, f"{name} time_s.mean")
        expect_close(t["cov"], statistics.pstdev(per_rank) / statistics.fmean(per_rank), 1e-6,
                     f"{name} time_s.cov")
        for r in range(np_):
            got = ranks[r]["calls"].get(name, {}).get("count", 0)
            expect(got == (phases if r in who else 0), f"rank {r} {name} count {got}")
    # One partner per sender; rank 0 accepts rows rank by rank until the cap is reached.
    all_rows = [[r, r + 1, phases, phases * msg] for r in senders]
    want_rows, cut = all_rows[: args.matrix_cap], all_rows[args.matrix_cap:]
    m = p["comm_matrix"]
    expect(m["cap"] == args.matrix_cap, f"comm_matrix.cap {m['cap']}")
    expect(m["entries"] == want_rows, f"comm_matrix.entries {m['entries']} != {want_rows}")
    expect(m["truncated"] == bool(cut), f"comm_matrix.truncated {m['truncated']}")
    expect(m["dropped_messages"] == sum(r[2] for r in cut), f"dropped_messages {m['dropped_messages']}")
    expect(m["dropped_bytes"] == sum(r[3] for r in cut), f"dropped_bytes {m['dropped_bytes']}")
    expect(bool(cut) == any("matrix cut" in n for n in p["notes"]), f"notes {p['notes']}")
    expect(p["regions"] == [], "no regions in this program")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--schema", required=True)
    ap.add_argument("--validator", required=True)
    ap.add_argument("--profile", required=True)
    ap.add_argument("--truth", required=True)
    ap.add_argument("--np", type=int, required=True)
    ap.add_argument("--run-id", required=True)
    ap.add_argument("--matrix-cap", type=int, default=4096)
    ap.add_argument("--tags", default="", help="expected HPCPAT_TAGS (default: study=ground_truth,np=N)")
    args = ap.parse_args()
    run_main(lambda: check(args))


if __name__ == "__main__":
    main()
