#!/usr/bin/env python3
"""Holds a profile's `callsites` section to what callsites_app.c knows by construction.

    check_callsites.py PROFILE EXPECTED [--overflow CAP | --show HPCPAT | --totals |
                                         --in-source FILE[,FILE...]]

Default: every expected site (rank, call, function, file, line) appears exactly once among the
profile's sites with exactly its count and bytes on that rank, and its time agrees with the
program's own clock (MPI_Wtime around each call) within 25% + 5 ms; the two MPI_Send sites are
told apart. --overflow CAP (the run had HPCPAT_CALLSITE_CAP=CAP): each rank keeps at most CAP
sites, and the sites plus the "other" bucket add up exactly to every timed call the ranks made.
--show HPCPAT: `HPCPAT show --json PROFILE` lists every expected site among its top call sites
with the same count, bytes, function and line.
--totals (any program, EXPECTED unused): the sites plus "other" hold exactly the timed calls of
the profile's call table (whose counts the program's own test checks), e.g. threads beyond
HPCPAT_MAX_THREADS, which go to "other".
--in-source FILES (any program, EXPECTED unused): every site's innermost frame is a line of one of
these source files (basenames), never the MPI's own code (e.g. MPICH's Fortran layer, which calls
the C wrappers), and per call the sites hold exactly the call table's count and bytes.
Exit 0 on success, 1 with the reasons on failure.
"""
import json
import os
import subprocess
import sys


def frame0(site):
    return site["frames"][0] if site["frames"] else {}


def check_sites(prof, exp, errors):
    sites = prof["callsites"]["sites"]
    for e in exp["sites"]:
        found = []
        for s in sites:
            f = frame0(s)
            if s["call"] != e["call"] or f.get("function") != e["function"]:
                continue
            for r in s["ranks"]:
                if r["rank"] == e["rank"]:
                    found.append((s, f, r))
        what = f"rank {e['rank']} {e['call']} in {e['function']}"
        if len(found) != 1:
            errors.append(f"{what}: {len(found)} matching sites, expected 1")
            continue
        s, f, r = found[0]
        if os.path.basename(f.get("file", "")) != os.path.basename(e["file"]) or \
                f.get("line") != e["line"]:
            errors.append(f"{what}: at {f.get('file')}:{f.get('line')}, expected "
                          f"{os.path.basename(e['file'])}:{e['line']}")
        if r["count"] != e["count"] or r["bytes"] != e["bytes"]:
            errors.append(f"{what}: count {r['count']} bytes {r['bytes']}, expected "
                          f"{e['count']} and {e['bytes']}")
        if not f.get("module") or f.get("offset", 0) <= 0:
            errors.append(f"{what}: no module+offset ({f})")
        tol = 0.25 * e["seconds"] + 0.005
        if abs(r["time_s"] - e["seconds"]) > tol:
            errors.append(f"{what}: {r['time_s']:.6f} s booked, the program's clock says "
                          f"{e['seconds']:.6f} s (tolerance {tol:.6f})")
        print(f"ok-ish: {what} at {os.path.basename(f.get('file', ''))}:{f.get('line')} "
              f"count {r['count']} bytes {r['bytes']} time {r['time_s']:.6f} s "
              f"(own clock {e['seconds']:.6f} s), share {s['share_of_mpi']:.3f}")
    lines = {frame0(s).get("line") for s in sites if s["call"] == "MPI_Send"}
    if len(lines) < 2:
        errors.append(f"the two MPI_Send sites are not told apart: lines {sorted(lines, key=str)}")


def check_overflow(prof, exp, cap, errors):
    cs = prof["callsites"]
    nranks = prof["run"]["ranks"]
    per_rank = {r: 0 for r in range(nranks)}
    sites_per_rank = {r: 0 for r in range(nranks)}
    for s in cs["sites"]:
        for r in s["ranks"]:
            per_rank[r["rank"]] += r["count"]
            sites_per_rank[r["rank"]] += 1
    for r, n in sites_per_rank.items():
        if n > cap:
            errors.append(f"rank {r}: {n} sites kept, the cap is {cap}")
    truth = exp["barriers_per_rank"] * nranks + sum(e["count"] for e in exp["sites"])
    booked = sum(per_rank.values()) + cs["other"]["count"]
    if booked != truth:
        errors.append(f"sites + other = {booked} calls, the program made {truth}")
    if cs["other"]["count"] == 0:
        errors.append("nothing in the 'other' bucket although the cap was exceeded")
    if not any("HPCPAT_CALLSITE_CAP" in n for n in prof["notes"]):
        errors.append("the notes do not mention the overflow")
    print(f"overflow: {sum(per_rank.values())} calls in sites, {cs['other']['count']} in other, "
          f"{truth} made")


def check_show(hpcpat, profile_path, exp, errors):
    done = subprocess.run([hpcpat, "show", "--json", profile_path], capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        errors.append(f"hpcpat show --json failed: {done.stderr.strip()}")
        return
    top = json.loads(done.stdout)["callsites"]["top"]
    for e in exp["sites"]:
        rows = [t for t in top if t["call"] == e["call"] and t["function"] == e["function"]]
        if len(rows) != 1 or rows[0]["count"] != e["count"] or rows[0]["bytes"] != e["bytes"] \
                or rows[0]["line"] != e["line"]:
            errors.append(f"hpcpat show: {e['call']} in {e['function']}: {rows}")


UNTIMED = ("MPI_Init", "MPI_Init_thread", "MPI_Finalize")


def check_totals(prof, errors):
    cs = prof["callsites"]
    booked = sum(s["count"] for s in cs["sites"]) + cs["other"]["count"]
    timed = sum(c["count"] for c in prof["calls"] if c["name"] not in UNTIMED)
    if booked != timed:
        errors.append(f"sites + other = {booked} calls, the call table has {timed} timed calls")
    print(f"totals: {booked} calls in sites + other ({cs['other']['count']} other), {timed} timed")


def check_in_source(prof, files, errors):
    cs = prof["callsites"]
    per_call = {}
    for s in cs["sites"]:
        f = frame0(s)
        where = f"{os.path.basename(f.get('file', ''))}:{f.get('line')}"
        if os.path.basename(f.get("file", "")) not in files or not f.get("line"):
            errors.append(f"{s['call']} x{s['count']}: site at {where} ({f.get('function')} in "
                          f"{f.get('module')}), expected a line of {', '.join(sorted(files))}")
        count, nbytes = per_call.get(s["call"], (0, 0))
        per_call[s["call"]] = (count + s["count"], nbytes + s["bytes"])
        print(f"site: {s['call']} at {where} count {s['count']} bytes {s['bytes']}")
    if cs["other"]["count"] != 0:
        errors.append(f"{cs['other']['count']} calls in 'other', expected none")
    for c in prof["calls"]:
        if c["name"] in UNTIMED:
            continue
        got = per_call.pop(c["name"], (0, 0))
        if got != (c["count"], c["bytes"]):
            errors.append(f"{c['name']}: sites hold {got[0]} calls and {got[1]} bytes, the call "
                          f"table {c['count']} and {c['bytes']}")
    for name in per_call:
        errors.append(f"{name}: in the sites, not in the call table")


def main(argv):
    if len(argv) not in (3, 4, 5):
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        prof = json.load(f)
    exp = {}
    if argv[3:4] not in (["--totals"], ["--in-source"]):
        with open(argv[2], encoding="utf-8") as f:
            exp = json.load(f)
    errors = []
    if "callsites" not in prof:
        errors.append("the profile has no callsites section")
    elif len(argv) == 4 and argv[3] == "--totals":
        check_totals(prof, errors)
    elif len(argv) == 5 and argv[3] == "--in-source":
        check_in_source(prof, set(argv[4].split(",")), errors)
    elif len(argv) == 5 and argv[3] == "--show":
        check_show(argv[4], argv[1], exp, errors)
    elif len(argv) == 5:
        check_overflow(prof, exp, int(argv[4]), errors)
    else:
        check_sites(prof, exp, errors)
    for e in errors:
        print("FAIL:", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
