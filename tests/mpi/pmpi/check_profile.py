#!/usr/bin/env python3
"""Compare a profile (profile.v1) with the expectations the test programs wrote, EXACTLY.

    check_profile.py PROFILE EXPECTED_PREFIX NRANKS [--threads N] [--cap N] [--absent]

EXPECTED_PREFIX.rank<N>.json (see expectation.hpp) holds, per rank, every call the rank made with
its count, bytes and size bins, and the messages/bytes it sent to each world rank. Checked:
  - ranks[r].calls: the same call names, counts and bytes (nothing missing, nothing extra);
  - calls[]: count and bytes summed over ranks, and the histogram (bin, count, bytes) per call;
  - comm_matrix.entries: exactly the expected [src, dst, messages, bytes] rows, not truncated;
  - regions[]: counts summed over ranks, MPI time inside within [0, time].
With --threads N: run.threads.max_per_rank must be N.
With --cap N (HPCPAT_MATRIX_CAP=N smaller than the partners): the matrix must be marked truncated,
keep at most N partners per rank, each kept row exact, and kept + dropped = the expected totals.
With --absent: PROFILE must NOT exist (pass-through runs). Exit 0 ok, 1 mismatch, 2 bad input.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../tools"))
from jsonfile import load  # noqa: E402  (tests/tools, found by path)


def main(argv):
    if len(argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    profile_path, prefix, nranks = argv[1], argv[2], int(argv[3])
    if "--absent" in argv[4:]:
        if os.path.exists(profile_path):
            print(f"FAIL: '{profile_path}' exists but the run should have written nothing")
            return 1
        print(f"ok: no profile at '{profile_path}'")
        return 0
    prof = load(profile_path)
    expected = [load(f"{prefix}.rank{r}.json") for r in range(nranks)]
    errors = []

    ranks = {r["rank"]: r for r in prof.get("ranks", [])}
    if sorted(ranks) != list(range(nranks)):
        errors.append(f"ranks present {sorted(ranks)}, expected 0..{nranks - 1}")
    for exp in expected:
        r = exp["rank"]
        got = ranks.get(r, {}).get("calls", {})
        for name, e in exp["calls"].items():
            g = got.get(name)
            if g is None:
                errors.append(f"rank {r}: {name} missing (expected count {e['count']})")
            elif (g["count"], g["bytes"]) != (e["count"], e["bytes"]):
                errors.append(f"rank {r}: {name} count/bytes {g['count']}/{g['bytes']}, "
                              f"expected {e['count']}/{e['bytes']}")
        for name in sorted(set(got) - set(exp["calls"])):
            errors.append(f"rank {r}: unexpected {name} (count {got[name]['count']})")

    # Per-call totals and histograms, summed over ranks.
    totals = {}
    for exp in expected:
        for name, e in exp["calls"].items():
            t = totals.setdefault(name, {"count": 0, "bytes": 0, "bins": {}})
            t["count"] += e["count"]
            t["bytes"] += e["bytes"]
            for b, (c, by) in e["bins"].items():
                cb = t["bins"].setdefault(int(b), [0, 0])
                cb[0] += c
                cb[1] += by
    calls = {c["name"]: c for c in prof.get("calls", [])}
    for name, t in totals.items():
        c = calls.get(name)
        if c is None:
            errors.append(f"calls[]: {name} missing")
            continue
        if (c["count"], c["bytes"]) != (t["count"], t["bytes"]):
            errors.append(f"calls[]: {name} count/bytes {c['count']}/{c['bytes']}, "
                          f"expected {t['count']}/{t['bytes']}")
        hist = {h["bin"]: [h["count"], h["bytes"]] for h in c.get("histogram", [])}
        if hist != t["bins"]:
            errors.append(f"calls[]: {name} histogram {hist}, expected {t['bins']}")
        for h in c.get("histogram", []):
            lo, hi = (0, 0) if h["bin"] == 0 else (2 ** (h["bin"] - 1), 2 ** h["bin"] - 1)
            if (h["lo"], h["hi"]) != (lo, hi):
                errors.append(f"calls[]: {name} bin {h['bin']} bounds {h['lo']}..{h['hi']}")
    for name in sorted(set(calls) - set(totals)):
        errors.append(f"calls[]: unexpected {name}")

    matrix = prof.get("comm_matrix", {})
    got_rows = sorted(tuple(e) for e in matrix.get("entries", []))
    exp_rows = sorted((exp["rank"], int(to), m, b) for exp in expected
                      for to, (m, b) in exp["sent"].items())
    if "--cap" in argv:
        cap = int(argv[argv.index("--cap") + 1])
        if not matrix.get("truncated") or matrix.get("cap") != cap:
            errors.append(f"comm_matrix: truncated={matrix.get('truncated')} cap={matrix.get('cap')},"
                          f" expected truncated with cap {cap}")
        for src in range(nranks):
            if sum(1 for row in got_rows if row[0] == src) > cap:
                errors.append(f"comm_matrix: rank {src} keeps more than {cap} partners")
        if not set(got_rows) <= set(exp_rows):
            errors.append(f"comm_matrix: kept rows not exact: {sorted(set(got_rows) - set(exp_rows))}")
        for i, key in ((2, "dropped_messages"), (3, "dropped_bytes")):
            kept = sum(row[i] for row in got_rows) + matrix.get(key, 0)
            if kept != sum(row[i] for row in exp_rows):
                errors.append(f"comm_matrix: kept + {key} = {kept}, "
                              f"expected {sum(row[i] for row in exp_rows)}")
    else:
        if got_rows != exp_rows:
            missing = sorted(set(exp_rows) - set(got_rows))
            extra = sorted(set(got_rows) - set(exp_rows))
            errors.append(f"comm_matrix: missing {missing}, unexpected {extra}")
        if matrix.get("truncated"):
            errors.append("comm_matrix: truncated")

    # Regions: counts summed over ranks (only when the program declared some).
    exp_regions = {}
    for exp in expected:
        for name, count in exp.get("regions", {}).items():
            exp_regions[name] = exp_regions.get(name, 0) + count
    got_regions = {g["name"]: g for g in prof.get("regions", [])}
    for name, count in exp_regions.items():
        g = got_regions.get(name)
        if g is None or g["count"] != count:
            errors.append(f"regions: {name} count {g and g['count']}, expected {count}")
        elif not 0 <= g["mpi_time_s"] <= g["time_s"]:
            errors.append(f"regions: {name} mpi_time_s {g['mpi_time_s']} not in [0, {g['time_s']}]")
    if "regions" in (expected[0] if expected else {}):
        for name in sorted(set(got_regions) - set(exp_regions)):
            errors.append(f"regions: unexpected {name}")

    if "--threads" in argv:
        want = int(argv[argv.index("--threads") + 1])
        got = prof.get("run", {}).get("threads", {}).get("max_per_rank")
        if got != want:
            errors.append(f"run.threads.max_per_rank {got}, expected {want}")

    for e in errors:
        print("FAIL:", e)
    if errors:
        return 1
    what = "kept + dropped matrix totals" if "--cap" in argv else f"{len(exp_rows)} matrix rows"
    print(f"ok: {len(totals)} calls and {what} match exactly over {nranks} ranks")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
