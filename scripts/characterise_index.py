#!/usr/bin/python3
"""Builds index.tsv for a characterisation folder and prints it as a table.

usage: characterise_index.py DIR [HPCPAT]
One row per profile (DIR/<case>.profile.json): ranks, wall time, MPI share (median and max over
ranks), the dominant category and call, and the app's first figure of merit when it wrote a
summary (DIR/<case>.summary.json), or the kernel's headline figure when it wrote results
(DIR/<case>.kernels.json): the one-way latency or collective time at 8 B (barrier: its time), the
bandwidth at the largest size. Cases whose profile is missing are listed as such.

The profile's figures come from `HPCPAT show --json` (HPCPAT defaults to hpcpat on PATH): hpcpat
validates the profile and derives the summary, so this script never re-derives it from raw fields.
"""
import json
import pathlib
import subprocess
import sys


# The figure of merit each app is judged by, in its own summary's names.
HEADLINE_FIGURES = ["atom_steps_per_s", "gflop_per_s", "gflops", "effective_gb_per_s",
                    "samples_per_s"]


def load(path):
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


def kernel_figure(doc):
    """A kernel's headline figure from its results: small-message time or large-message rate."""
    results = doc.get("results") or []
    if not results:
        return None
    if doc.get("family") in ("bandwidth", "message_rate") or doc.get("kernel") == "halo3d":
        r = results[-1]
        return f'bw_{r["size"]}B_mb_s={r["bandwidth_mb_s"]:.4g}' if "bandwidth_mb_s" in r else None
    r = next((r for r in results if r["size"] >= 8), results[0])
    label = "t" if doc.get("kernel") == "barrier" else f't_{r["size"]}B'
    return f'{label}_us={r["time_us"]["avg"]:.3g}'


def profile_summary(hpcpat, path):
    """The summary of a profile (schemas/summary.v1.schema.json), or None with the reason why not."""
    if not path.is_file():
        return None, "no profile"
    done = subprocess.run([hpcpat, "show", "--json", "--top", "1", str(path)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        print(done.stderr.strip(), file=sys.stderr)
        return None, "invalid profile"
    return json.loads(done.stdout), None


def row(case, folder, hpcpat):
    summ, why_not = profile_summary(hpcpat, folder / f"{case}.profile.json")
    if summ is None:
        return [case, "-", "-", "-", "-", why_not, "-", "-"]
    cats = summ["categories"]
    top_cat = max(cats, key=cats.get) if max(cats.values()) > 0 else "-"
    top = summ["calls"]["top"]
    top_call = f'{top[0]["name"]} {top[0]["percent_mpi"]:.0f}%' if top else "-"
    figure = "-"
    figures = (load(folder / f"{case}.summary.json") or {}).get("figures", {})
    name = next((n for n in HEADLINE_FIGURES if n in figures), None)
    if name is not None:
        figure = f"{name}={figures[name]:.4g}"
    elif (kernel := load(folder / f"{case}.kernels.json")) is not None:
        figure = kernel_figure(kernel) or "-"
    run, frac = summ["run"], summ["mpi_fraction"]
    return [case, str(run["ranks"]), f'{run["wall_s"]:.2f}', f'{100 * frac["median"]:.1f}',
            f'{100 * frac["max"]:.1f}', top_cat, top_call, figure]


def main(argv):
    if len(argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    folder = pathlib.Path(argv[1])
    hpcpat = argv[2] if len(argv) == 3 else "hpcpat"
    cases = sorted({p.name.split(".")[0] for p in folder.glob("*.txt")})
    header = ["case", "ranks", "wall_s", "mpi%_median", "mpi%_max", "top_category", "top_call",
              "figure_of_merit"]
    rows = [row(c, folder, hpcpat) for c in cases]
    (folder / "index.tsv").write_text("\n".join("\t".join(r) for r in [header] + rows) + "\n")
    widths = [max(len(r[i]) for r in [header] + rows) for i in range(len(header))]
    for r in [header] + rows:
        print("  ".join(v.ljust(w) for v, w in zip(r, widths)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
