#!/usr/bin/env python3
"""Writes a large, valid profile v1 (schemas/profile.v1.schema.json) for measuring what reading it
costs: `hpcpat show` under /usr/bin/time -v (peak RSS, "Maximum resident set size").

    large_profile.py TEMPLATE.json OUT.json --ranks 4096 --calls 40

TEMPLATE is a valid 2-rank profile (tests/unit/analysis/data/valid_2ranks.json); its run, summary
and calls are kept, and the rank records and the communication matrix grown to --ranks ranks
(each rank records --calls MPI routines and sends to every other rank: ranks^2 matrix entries,
the shape that makes profiles of big all-to-all runs large). Written as a stream, so generating it
never holds the document either."""
import argparse
import json

NAMES = ["MPI_Allreduce", "MPI_Send", "MPI_Recv", "MPI_Isend", "MPI_Irecv", "MPI_Wait",
         "MPI_Waitall", "MPI_Barrier", "MPI_Bcast", "MPI_Alltoall", "MPI_Alltoallv",
         "MPI_Allgather", "MPI_Reduce", "MPI_Gather", "MPI_Scatter", "MPI_Sendrecv"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("template")
    ap.add_argument("out")
    ap.add_argument("--ranks", type=int, default=4096)
    ap.add_argument("--calls", type=int, default=40)
    a = ap.parse_args()
    doc = json.load(open(a.template))
    n = a.ranks
    names = [NAMES[i % len(NAMES)] + ("" if i < len(NAMES) else f"_x{i}") for i in range(a.calls)]
    doc["run"]["ranks"] = n
    doc["run"]["ranks_per_node"] = n
    doc["run"]["hosts"] = [{"name": "node1", "ranks": list(range(n))}]
    head = {k: doc[k] for k in ("schema", "complete", "run", "summary", "calls")}
    with open(a.out, "w") as f:
        f.write(json.dumps(head)[:-1] + ', "ranks": [')
        for r in range(n):
            calls = {c: {"count": 10 + r, "time_s": 0.001 * (1 + i), "bytes": 8 * (r + i)}
                     for i, c in enumerate(names)}
            rec = {"rank": r, "host": "node1", "app_time_s": 2.0, "mpi_time_s": 0.5,
                   "mpi_fraction": 0.25, "calls": calls}
            f.write(("," if r else "") + json.dumps(rec))
        f.write('], "comm_matrix": {"entries": [')
        first = True
        for s in range(n):
            row = ",".join(f"[{s},{d},{1 + (s + d) % 7},{1024 * (1 + (s * d) % 5)}]"
                           for d in range(n) if d != s)
            f.write(("" if first else ",") + row)
            first = False
        f.write('], "cap": %d, "truncated": false, "dropped_messages": 0, "dropped_bytes": 0}'
                % (n * n))
        f.write(', "regions": %s, "notes": %s}\n' % (json.dumps(doc["regions"]),
                                                     json.dumps(doc["notes"])))


if __name__ == "__main__":
    main()
