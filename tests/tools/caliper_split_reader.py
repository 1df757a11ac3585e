#!/usr/bin/env python3
"""A reader of Caliper's json-split format, written from the format as Hatchet's CaliperReader
documents and consumes it (hatchet/readers/caliper_reader.py; Caliper's JsonSplit formatter): the
sections "nodes", "columns", "column_metadata" and "data", every other top-level key run metadata.
It refuses what that reader would trip on, and then checks an export against the profile it came
from, number for number.

usage: caliper_split_reader.py EXPORT.json PROFILE.json [--extra-metadata KEY=JSON ...]
exit 0: the export reads, and every rank's figures equal the profile's; 1: they differ; 2: the
export is not json-split.
"""
import json
import math
import sys

SECTIONS = ("nodes", "columns", "column_metadata", "data")
HIERARCHY = ("source.function#callpath.address", "path")  # Hatchet's order of preference


class FormatError(Exception):
    pass


def read(path):
    """Returns (metadata, rows): rows are dicts with 'path' (labels from the root, joined by '/')
    and one entry per other column, the way Hatchet's dataframe has them."""
    with open(path) as f:
        doc = json.load(f)
    if not isinstance(doc, dict):
        raise FormatError("top level is not an object")
    for s in SECTIONS:
        if s not in doc:
            raise FormatError(f"section '{s}' missing")
    columns, meta, nodes, data = (doc["columns"], doc["column_metadata"], doc["nodes"],
                                  doc["data"])
    if not all(isinstance(c, str) for c in columns):
        raise FormatError("columns: expected strings")
    if len(meta) != len(columns) or not all(isinstance(m.get("is_value"), bool) for m in meta):
        raise FormatError("column_metadata: expected one {'is_value': bool} per column")
    hierarchy = next((h for h in HIERARCHY if h in columns), None)
    if hierarchy is None:
        raise FormatError("no hierarchy column (path)")
    if meta[columns.index(hierarchy)]["is_value"]:
        raise FormatError(f"column '{hierarchy}' must be a reference (is_value false)")
    if "mpi.rank" in columns and not meta[columns.index("mpi.rank")]["is_value"]:
        raise FormatError("column 'mpi.rank' must be a value (Hatchet maps references to labels)")
    labels = []
    for i, n in enumerate(nodes):
        if not isinstance(n.get("label"), str) or not isinstance(n.get("column"), str):
            raise FormatError(f"nodes[{i}]: expected 'label' and 'column' strings")
        parent = n.get("parent")
        if parent is None:
            labels.append(n["label"])
        elif isinstance(parent, int) and 0 <= parent < i:
            labels.append(labels[parent] + "/" + n["label"])
        else:
            raise FormatError(f"nodes[{i}]: parent {parent!r} is not an earlier node")
    rows = []
    h = columns.index(hierarchy)
    for i, values in enumerate(data):
        if not isinstance(values, list) or len(values) != len(columns):
            raise FormatError(f"data[{i}]: expected {len(columns)} values")
        if values[h] is None:
            continue  # Hatchet drops rows outside the hierarchy
        ref = values[h]
        if not isinstance(ref, int) or not 0 <= ref < len(nodes) or \
                nodes[ref]["column"] != hierarchy:
            raise FormatError(f"data[{i}]: '{hierarchy}' {ref!r} is not a node of that column")
        row = {"path": labels[ref]}
        for c, v in zip(columns, values):
            if c != hierarchy:
                row[c] = v
        rows.append(row)
    metadata = {k: v for k, v in doc.items() if k not in SECTIONS}
    return metadata, rows


def close(a, b):
    return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-15)


def check(export, profile_path, extra):
    metadata, rows = read(export)
    with open(profile_path) as f:
        profile = json.load(f)
    problems = []
    run = profile["run"]
    root = run.get("app") or "program"
    if metadata.get("mpi.world.size") != run["ranks"]:
        problems.append(f"mpi.world.size {metadata.get('mpi.world.size')} != {run['ranks']}")
    if metadata.get("hpcpat.run_id") != run["id"]:
        problems.append("hpcpat.run_id differs")
    for key, value in extra.items():
        if metadata.get(key) != value:
            problems.append(f"metadata {key}: {metadata.get(key)!r} != {value!r}")
    by_rank = {}
    for r in rows:
        by_rank.setdefault(r["mpi.rank"], {})[r["path"]] = r
    for entry in profile["ranks"]:
        rank = entry["rank"]
        have = by_rank.pop(rank, {})
        top = have.pop(root, None)
        if top is None:
            problems.append(f"rank {rank}: no row for the root '{root}'")
            continue
        if not close(top["inclusive#sum#time.duration"], entry["app_time_s"]):
            problems.append(f"rank {rank}: root inclusive time != app_time_s")
        exclusive = top["sum#time.duration"]
        for name, call in entry["calls"].items():
            row = have.pop(f"{root}/{name}", None)
            if row is None:
                problems.append(f"rank {rank}: no row for {name}")
                continue
            exclusive += row["sum#time.duration"]
            for col, key in (("count", "count"), ("sum#mpi.msg.size", "bytes")):
                if row[col] != call[key]:
                    problems.append(f"rank {rank} {name}: {col} {row[col]} != {call[key]}")
            if not close(row["sum#time.duration"], call["time_s"]):
                problems.append(f"rank {rank} {name}: time {row['sum#time.duration']} != "
                                f"{call['time_s']}")
        if have:
            problems.append(f"rank {rank}: rows the profile lacks: {sorted(have)}")
        if not math.isclose(exclusive, entry["app_time_s"], rel_tol=1e-9, abs_tol=1e-12):
            problems.append(f"rank {rank}: exclusive times add to {exclusive}, app time "
                            f"{entry['app_time_s']}")
    if by_rank:
        problems.append(f"rows of ranks the profile lacks: {sorted(by_rank)}")
    return problems, len(rows)


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    extra = {}
    args = argv[3:]
    while args:
        if args[0] != "--extra-metadata" or len(args) < 2 or "=" not in args[1]:
            print(__doc__, file=sys.stderr)
            return 2
        key, value = args[1].split("=", 1)
        extra[key] = json.loads(value)
        args = args[2:]
    try:
        problems, count = check(argv[1], argv[2], extra)
    except (FormatError, OSError, ValueError, KeyError, TypeError) as e:
        print(f"{argv[1]}: not Caliper json-split: {e}", file=sys.stderr)
        return 2
    for p in problems:
        print(f"{argv[1]}: {p}", file=sys.stderr)
    if not problems:
        print(f"{argv[1]}: {count} rows read; every rank's figures equal {argv[2]}'s")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
