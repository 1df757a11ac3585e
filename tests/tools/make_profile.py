#!/usr/bin/python3
"""Writes a synthetic profile v1 (schemas/profile.v1.schema.json) of P ranks with a known
communication pattern, every figure consistent by construction, for the pattern analysis's tests
and bench (tests/e2e/patterns, bench/analysis/patterns_time.py).

    make_profile.py TEMPLATE.json OUT.json --ranks 4096 --pattern ring|halo3d|alltoall [--cap N]

TEMPLATE is a valid profile (tests/unit/analysis/data/valid_2ranks.json); its run object is kept
and everything measured is made anew. Each rank runs 1 s, 0.5 s of it in MPI: 0.4 s in
MPI_Isend/MPI_Waitall exchanging 100 messages of 16 KiB with each partner and 0.1 s in 50
MPI_Allreduce of 8 bytes. Partners: ring, r±1 mod P (2 each, periodic); halo3d, the six faces
of a periodic 3D grid of P ranks (P a product of three factors as equal as possible); alltoall,
every other rank. Without --cap the matrix holds every row; with it, rank 0 keeps the first N rows
(taken rank by rank) and counts the rest as dropped, as the interposer does with
HPCPAT_MATRIX_CAP (default 4096: a dense pattern of 4096 ranks is then cut to 4096 of its 16.7
million rows). Written as a stream: the document never exists whole in memory."""
import argparse
import json

FACE = 16384
MESSAGES = 100


def grid3(n):
    """Three factors of n, as equal as possible (x fastest)."""
    best = (n, 1, 1)
    for x in range(1, n + 1):
        if n % x:
            continue
        for y in range(1, n // x + 1):
            if (n // x) % y:
                continue
            z = n // x // y
            dims = tuple(sorted((x, y, z)))
            if max(dims) - min(dims) < max(best) - min(best):
                best = dims
    return best


def partners(pattern, n, r):
    if pattern == "ring":
        return sorted({(r - 1) % n, (r + 1) % n} - {r})
    if pattern == "alltoall":
        return [d for d in range(n) if d != r]
    nx, ny, nz = grid3(n)
    x, y, z = r % nx, (r // nx) % ny, r // (nx * ny)
    out = set()
    for dx, dy, dz in ((1, 0, 0), (-1, 0, 0), (0, 1, 0), (0, -1, 0), (0, 0, 1), (0, 0, -1)):
        out.add((x + dx) % nx + nx * ((y + dy) % ny) + nx * ny * ((z + dz) % nz))
    return sorted(out - {r})


def time_stats(total, n):
    mean = total / n
    return {"sum": total, "min": mean, "max": mean, "mean": mean, "cov": 0.0}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("template")
    ap.add_argument("out")
    ap.add_argument("--ranks", type=int, default=4096)
    ap.add_argument("--pattern", choices=["ring", "halo3d", "alltoall"], default="ring")
    ap.add_argument("--cap", type=int, help="matrix rows kept (HPCPAT_MATRIX_CAP); default all")
    a = ap.parse_args()
    n = a.ranks
    doc = json.load(open(a.template))
    run = doc["run"]
    run.update({"ranks": n, "nodes": 1, "ranks_per_node": n, "app": "synthetic-" + a.pattern,
                "hosts": [{"name": "node1", "ranks": list(range(n))}]})
    sends = [len(partners(a.pattern, n, r)) * MESSAGES for r in range(n)]
    total_sends = sum(sends)
    face_bin = FACE.bit_length()  # bin b holds [2^(b-1), 2^b - 1]
    hist = lambda count, t: [{"bin": face_bin, "lo": 1 << (face_bin - 1), "hi": (1 << face_bin) - 1,
                              "count": count, "time_s": t, "bytes": count * FACE}]
    calls = [
        {"name": "MPI_Waitall", "category": "wait_sync", "count": n * MESSAGES,
         "time_s": time_stats(0.3 * n, n), "bytes": total_sends * FACE,
         "histogram": hist(total_sends, 0.3 * n)},
        {"name": "MPI_Allreduce", "category": "collective", "count": 50 * n,
         "time_s": time_stats(0.1 * n, n), "bytes": 400 * n,
         "histogram": [{"bin": 4, "lo": 8, "hi": 15, "count": 50 * n, "time_s": 0.1 * n,
                        "bytes": 400 * n}]},
        {"name": "MPI_Isend", "category": "point_to_point", "count": total_sends,
         "time_s": time_stats(0.1 * n, n), "bytes": total_sends * FACE,
         "histogram": hist(total_sends, 0.1 * n)},
    ]
    summary = {"mpi_fraction": {"min": 0.5, "median": 0.5, "mean": 0.5, "max": 0.5, "stdev": 0.0},
               "app_time_s": 1.0, "mpi_time_s": 0.5,
               "categories": {"point_to_point": 0.2, "collective": 0.2, "wait_sync": 0.6,
                              "one_sided": 0.0, "io": 0.0, "other": 0.0},
               "imbalance": 1.0}
    head = {"schema": doc["schema"], "complete": True, "run": run, "summary": summary,
            "calls": calls}
    with open(a.out, "w") as f:
        f.write(json.dumps(head)[:-1] + ', "ranks": [')
        for r in range(n):
            rec = {"rank": r, "host": "node1", "app_time_s": 1.0, "mpi_time_s": 0.5,
                   "mpi_fraction": 0.5,
                   "calls": {"MPI_Waitall": {"count": MESSAGES, "time_s": 0.3,
                                             "bytes": sends[r] * FACE},
                             "MPI_Allreduce": {"count": 50, "time_s": 0.1, "bytes": 400},
                             "MPI_Isend": {"count": sends[r], "time_s": 0.1,
                                           "bytes": sends[r] * FACE}}}
            f.write(("," if r else "") + json.dumps(rec))
        f.write('], "comm_matrix": {"entries": [')
        cap = a.cap if a.cap is not None else max(4096, n * n)
        kept = dropped = 0
        for s in range(n):
            dsts = partners(a.pattern, n, s)
            room = max(0, min(len(dsts), cap - kept))
            dropped += len(dsts) - room
            row = ",".join(f"[{s},{d},{MESSAGES},{MESSAGES * FACE}]" for d in dsts[:room])
            if row:
                f.write(("," if kept else "") + row)
                kept += room
        f.write('], "cap": %d, "truncated": %s, "dropped_messages": %d, "dropped_bytes": %d}'
                % (cap, "true" if dropped else "false", dropped * MESSAGES,
                   dropped * MESSAGES * FACE))
        notes = []
        if dropped:
            notes.append(f"communication matrix cut: {dropped * MESSAGES} messages to peers "
                         f"beyond the cap of {cap} entries (HPCPAT_MATRIX_CAP) are not in entries")
        f.write(', "regions": [], "notes": %s}\n' % json.dumps(notes))


if __name__ == "__main__":
    main()
