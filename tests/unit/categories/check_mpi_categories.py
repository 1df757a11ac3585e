#!/usr/bin/python3
"""Checks that the MPI category names agree everywhere they are spelled.

usage: check_mpi_categories.py WRAPGEN TABLE HEADER SCHEMA SUMMARY_SCHEMA

The owner is HEADER (include/hpcpat/mpi_category.hpp: the C++ list the interposer and the analysis
both compile against). The generator's short codes (WRAPGEN's CATEGORIES) must map one to one onto
it, every code the TABLE uses must be one of them, and the SCHEMA's category enum and the keys of
summary.categories must be the same names in the same order, and so must SUMMARY_SCHEMA's
(`hpcpat show --json`) categories keys and call category enum. Before checking the real files the
script changes one name in each source in turn and requires the check to notice, so a check that
can no longer fail fails too. Exit 0 when all agree, 1 otherwise.
"""
import copy
import importlib.util
import json
import sys


def load_wrapgen(path):
    spec = importlib.util.spec_from_file_location("wrapgen", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def summary_disagreements(names, summary):
    problems = []
    keys = summary["properties"]["categories"]["required"]
    enum = summary["$defs"]["call"]["properties"]["category"]["enum"]
    if keys != names or list(summary["properties"]["categories"]["properties"]) != names:
        problems.append(f"summary schema categories keys {keys} != header {names}")
    if enum != names:
        problems.append(f"summary schema call category enum {enum} != header {names}")
    return problems


def disagreements(wrapgen, codes, table_path, header_text, schema):
    """Every way the sources disagree, as sentences; empty when they all agree."""
    problems = []
    names = wrapgen.header_category_names(header_text)
    if sorted(codes.values()) != sorted(names):
        problems.append(f"generator maps to {sorted(codes.values())}, header lists {names}")
    used = {line.split()[0] for line in open(table_path, encoding="utf-8")
            if line.strip() and not line.startswith("#")}
    if not used <= set(codes):
        problems.append(f"table uses codes {sorted(used - set(codes))} the generator does not map")
    defs = schema["$defs"]
    if defs["category"]["enum"] != names:
        problems.append(f"schema $defs.category.enum {defs['category']['enum']} != header {names}")
    shares = defs["summary"]["properties"]["categories"]
    if shares["required"] != names or list(shares["properties"]) != names:
        problems.append(f"schema summary.categories keys {shares['required']} / "
                        f"{list(shares['properties'])} != header {names}")
    return problems


def mutants(codes, header_text, schema):
    """(what was changed, codes, header text, schema) with one name changed in one place."""
    wrong = "wait_sync_renamed"
    bad_codes = dict(codes, wait=wrong)
    yield "generator", bad_codes, header_text, schema
    yield "header", codes, header_text.replace("X(wait_sync)", f"X({wrong})"), schema
    bad_enum = copy.deepcopy(schema)
    bad_enum["$defs"]["category"]["enum"][2] = wrong
    yield "schema enum", codes, header_text, bad_enum
    bad_keys = copy.deepcopy(schema)
    bad_keys["$defs"]["summary"]["properties"]["categories"]["required"][2] = wrong
    yield "schema summary keys", codes, header_text, bad_keys


def main(argv):
    if len(argv) != 6:
        print(__doc__, file=sys.stderr)
        return 2
    wrapgen = load_wrapgen(argv[1])
    table, header_text = argv[2], open(argv[3], encoding="utf-8").read()
    with open(argv[4], encoding="utf-8") as f:
        schema = json.load(f)
    for where, codes, text, doc in mutants(wrapgen.CATEGORIES, header_text, schema):
        if not disagreements(wrapgen, codes, table, text, doc):
            print(f"FAIL: a name changed in the {where} went unnoticed", file=sys.stderr)
            return 1
    with open(argv[5], encoding="utf-8") as f:
        summary = json.load(f)
    names = wrapgen.header_category_names(header_text)
    bad_summary = copy.deepcopy(summary)
    bad_summary["$defs"]["call"]["properties"]["category"]["enum"][2] = "wait_sync_renamed"
    if not summary_disagreements(names, bad_summary):
        print("FAIL: a name changed in the summary schema went unnoticed", file=sys.stderr)
        return 1
    problems = disagreements(wrapgen, wrapgen.CATEGORIES, table, header_text, schema)
    problems += summary_disagreements(names, summary)
    for p in problems:
        print(f"FAIL: {p}", file=sys.stderr)
    if not problems:
        print(f"ok: {names}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
