#!/usr/bin/python3
"""Validates JSON documents against a JSON Schema with Debian's python3-jsonschema.

usage: validate_json.py SCHEMA FILE [FILE...]
Exit 0 when every file validates, 1 when one does not (each error printed with its JSON path),
2 when a file cannot be read or parsed.
"""
import sys

import jsonschema

from jsonfile import load  # beside this script, so on sys.path when it runs


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    schema = load(argv[1])
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    failed = False
    for path in argv[2:]:
        errors = sorted(validator.iter_errors(load(path)), key=lambda e: list(e.absolute_path))
        for e in errors:
            where = "/".join(str(p) for p in e.absolute_path) or "(root)"
            print(f"{path}: {where}: {e.message}", file=sys.stderr)
        failed = failed or bool(errors)
        if not errors:
            print(f"{path}: valid against {argv[1]}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
