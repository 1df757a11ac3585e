"""Shared helpers of the profile tests: schema validation through tests/tools/validate_json.py,
assertions that name what differed, and a launcher command builder (argv lists, no shell)."""
import json
import os
import re
import subprocess
import sys


class CheckFailed(Exception):
    pass


def expect(cond, what):
    if not cond:
        raise CheckFailed(what)


def expect_close(actual, wanted, tol, what):
    expect(abs(actual - wanted) <= tol, f"{what}: {actual!r} differs from {wanted!r} by more than {tol}")


def validate(validator, schema, paths):
    """Runs validate_json.py with this interpreter (Debian's python3 with jsonschema)."""
    r = subprocess.run([sys.executable, validator, schema, *paths], capture_output=True, text=True)
    expect(r.returncode == 0, f"schema validation failed:\n{r.stdout}{r.stderr}")


def load(path):
    expect(os.path.exists(path), f"{path} does not exist")
    with open(path, encoding="utf-8") as f:
        return json.load(f)


# How each flavour's launcher passes environment to the ranks: harness/launch/mpi_flavours.json,
# the same table the C++ launcher and cmake/HpcpatMpi.cmake read.
FLAVOURS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "harness",
                        "launch", "mpi_flavours.json")


def flavour_args(flavour, key, **values):
    """The flavour's argument template `key` with {name}-style fields filled in."""
    with open(FLAVOURS, encoding="utf-8") as f:
        templ = json.load(f)[flavour][key]
    return [re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), a) for a in templ]


class Launcher:
    """Builds `mpirun ... -n NP [env flags] CMD` the way cmake/HpcpatTesting.cmake does."""

    def __init__(self, exe, flags, np_flag, flavour, preload):
        self.exe, self.flags, self.np_flag = exe, [f for f in flags.split(";") if f], np_flag
        self.flavour, self.preload = flavour, preload

    def command(self, np, env, argv, extra_flags=()):
        env = dict(env)
        env["LD_PRELOAD"] = self.preload
        env_args = []
        for k, v in env.items():
            env_args += flavour_args(self.flavour, "rank_env", name=k, value=v)
        return [self.exe, *self.flags, *extra_flags, self.np_flag, str(np), *env_args, *argv]


def add_launcher_args(parser):
    parser.add_argument("--launcher", required=True)
    parser.add_argument("--launcher-flags", default="")
    parser.add_argument("--np-flag", default="-n")
    parser.add_argument("--flavour", default="openmpi")
    parser.add_argument("--preload", required=True)
    parser.add_argument("--schema", required=True)
    parser.add_argument("--validator", required=True)


def launcher_from(args):
    return Launcher(args.launcher, args.launcher_flags, args.np_flag, args.flavour, args.preload)


def run_main(fn):
    try:
        fn()
    except CheckFailed as e:
        print(f"FAILED: {e}", file=sys.stderr)
        sys.exit(1)
    print("ok")
