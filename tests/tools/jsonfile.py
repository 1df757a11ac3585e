"""Reads a JSON file for a test checker, or ends the checker with exit status 2 (bad input) and
one message naming the file, instead of a traceback that ctest would count as a failed check.

Checkers outside this folder import it by path (they are run by ctest as plain scripts):
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../tools"))
    import jsonfile
"""
import json
import sys


def load(path):
    # Study specs are YAML (schemas/study.v1.schema.json validates the document they hold).
    if path.endswith((".yaml", ".yml")):
        import yaml  # Debian's python3-yaml, only needed for specs
        try:
            with open(path, encoding="utf-8") as f:
                return yaml.safe_load(f)
        except (OSError, ValueError, yaml.YAMLError) as e:
            print(f"{path}: cannot read YAML: {e}", file=sys.stderr)
            sys.exit(2)
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        print(f"{path}: cannot read JSON: {e}", file=sys.stderr)
        sys.exit(2)
