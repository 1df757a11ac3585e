"""Exact checks of an interposer profile (profile.v1) that app checkers share: per-call counts and
bytes summed over ranks (calls[]), region counts and the ranks they ran on (regions[]), and regions
that must hold no MPI time. Each check returns its differences as messages; `report` prints them.
"""
from jsonfile import load


class Profile:
    def __init__(self, path):
        doc = load(path)
        self.calls = {c["name"]: c for c in doc["calls"]}
        self.regions = {r["name"]: r for r in doc["regions"]}

    def call_errors(self, expected):
        """expected: {call name: (count, bytes)}, each summed over all ranks."""
        return _exact_errors("", self.calls, expected, ("count", "bytes"))

    def region_errors(self, expected, ranks):
        """expected: {region name: count summed over ranks}; each must have run on `ranks` ranks."""
        return _exact_errors("region ", self.regions,
                             {name: (count, ranks) for name, count in expected.items()},
                             ("count", "ranks"))

    def mpi_free_region_errors(self, names):
        """The regions `names` (where present) must hold exactly zero MPI time."""
        return [f"region {name} holds MPI time {self.regions[name]['mpi_time_s']}"
                for name in names if name in self.regions and self.regions[name]["mpi_time_s"] != 0]


def _exact_errors(what, entries, expected, fields):
    """Each expected name must be in `entries`, its `fields` exactly the values `expected[name]`."""
    errors = []
    for name, want in expected.items():
        entry = entries.get(name)
        if entry is None:
            errors.append(f"{what}{name} missing")
            continue
        got = tuple(entry[f] for f in fields)
        if got != tuple(want):
            errors.append(f"{what}{name}: {'/'.join(fields)} {'/'.join(map(str, got))}, "
                          f"expected {'/'.join(map(str, want))}")
    return errors


def report(errors, ok_line):
    """Prints each error as FAIL (exit status 1) or, when there is none, `ok_line` (status 0)."""
    for e in errors:
        print("FAIL:", e)
    if not errors:
        print(f"ok: {ok_line}")
    return 1 if errors else 0
