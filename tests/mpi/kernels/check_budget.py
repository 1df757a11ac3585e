#!/usr/bin/python3
"""Checks that --budget stopped every size early and that the JSON says so.

usage: check_budget.py KERNELS_JSON

Every result must have budget_hit true and 1 <= iterations < planned_iterations (the count
actually used is reported, not the planned one). Exit 0 when so, 1 otherwise.
"""
import json
import sys


def main(argv):
    with open(argv[1], encoding="utf-8") as f:
        doc = json.load(f)
    bad = [r for r in doc["results"]
           if not (r["budget_hit"] and 1 <= r["iterations"] < r["planned_iterations"])]
    for r in bad:
        print(f"size {r['size']}: budget_hit={r['budget_hit']} iterations={r['iterations']} "
              f"planned={r['planned_iterations']}", file=sys.stderr)
    if not doc["results"] or bad:
        return 1
    used = ", ".join(f"{r['size']}:{r['iterations']}/{r['planned_iterations']}"
                     for r in doc["results"])
    print(f"every size stopped early (size:used/planned) {used}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
