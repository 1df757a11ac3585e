"""What the application bench scripts share: a command line that ends in
`-- LAUNCHER [FLAGS...] NUMPROC_FLAG`, and runs of an app under that launcher that yield its
self-checked JSON summary. Commands are argv lists; nothing goes through a shell.
"""
import argparse
import json
import os
import subprocess
import sys


def rank_counts(text):
    """'1,2,4' -> [1, 2, 4]; anything else is an argparse error (exit status 2)."""
    try:
        counts = [int(r) for r in text.split(",")]
    except ValueError:
        counts = []
    if not counts or min(counts) < 1:
        raise argparse.ArgumentTypeError(f"expected rank counts like 1,2,4, got '{text}'")
    return counts


def scaling_parser(doc, app):
    """The options every app scaling bench takes: --APP (the executable) and --ranks 1,2,4."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument(f"--{app}", required=True, help=f"the {app} executable")
    parser.add_argument("--ranks", type=rank_counts, default="1,2,4",
                        help="rank counts, comma-separated (default 1,2,4)")
    return parser


def parse_with_launcher(parser, argv=None):
    """Parses the options before '--' with `parser`; returns (options, launcher argv).
    A missing or empty launcher is bad input: the parser's usage message and exit status 2."""
    argv = sys.argv[1:] if argv is None else argv
    split = argv.index("--") if "--" in argv else len(argv)
    args = parser.parse_args(argv[:split])
    launcher = argv[split + 1:]
    if not launcher:
        parser.error("expected '-- LAUNCHER [FLAGS...] NUMPROC_FLAG' at the end")
    return args, launcher


def run_summary(argv, summary_file=None):
    """Runs argv and returns the app's summary: `summary_file` when given (passed to the app as
    --summary), else the last stdout line that starts with '{'. A failed run or a failed
    self-check ends the bench with status 1: its figures would mean nothing."""
    if summary_file is not None:
        argv = argv + ["--summary", summary_file]
    done = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          check=False)
    lines = [l for l in done.stdout.splitlines() if l.startswith("{")]
    if done.returncode != 0 or (summary_file is None and not lines):
        sys.exit(f"{_me()}: {' '.join(argv)} failed with status {done.returncode}:\n"
                 f"{done.stderr.strip()}")
    if summary_file is not None:
        with open(summary_file, encoding="utf-8") as f:
            doc = json.load(f)
    else:
        doc = json.loads(lines[-1])
    if doc.get("ok") is not True:
        sys.exit(f"{_me()}: self-checks failed in {' '.join(argv)}: {doc.get('checks', doc)}")
    return doc


def _me():
    return os.path.basename(sys.argv[0])
