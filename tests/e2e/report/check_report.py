#!/usr/bin/python3
"""hpcpat report end to end: a real study (stencil at 1 and 2 ranks, the latter at three
iteration counts, the latency and bandwidth kernels, two repeats each, under mpirun) made into one
HTML page, then checked:
  - the page's plot specs carry the store's and the profiles' numbers exactly (wall times per
    run, per-rank MPI fractions, the communication matrix, the kernels' latency per size, the
    duration model's points as the medians of the repeats);
  - its pattern table shows the labels `hpcpat patterns --json` gives each run, and --baseline
    adds the regression check against a study (the study itself: no regression);
  - it opens in headless Chromium with no network, every plot drawn with marks and no error
    (tests/tools/browser_check.py), and a screenshot is kept (WORKDIR/report.png);
  - the check can fail: a page with one broken spec is refused;
  - an existing page is never replaced without --force; a missing study is named (exit 2).

usage: check_report.py HPCPAT WORKDIR
"""
import json
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BROWSER_CHECK = os.path.join(HERE, "..", "..", "tools", "browser_check.py")
FAILURES = []

SPEC = """name: report-e2e
launcher: mpirun
nodes: [1]
repeats: 2
timeout: 60s
env:
  OMPI_MCA_btl: self,vader,tcp
cases:
  - {name: stencil-1, app: stencil, ranks_per_node: 1, parameters: {n: 32, iters: 50}}
  - {name: stencil-2, app: stencil, ranks_per_node: 2, parameters: {n: 32, iters: [50, 100, 150]}}
  - {name: latency, app: kernels, ranks_per_node: 2,
     parameters: {kernel: latency, max_size: 4K, iterations: 200}}
  - {name: bw, app: kernels, ranks_per_node: 2,
     parameters: {kernel: bw, max_size: 64K, iterations: 20}}
"""


def check(ok, what):
    if not ok:
        FAILURES.append(what)
        print(f"FAIL: {what}", file=sys.stderr)


def run(argv, expect=0):
    out = subprocess.run(argv, capture_output=True, text=True, timeout=240)
    check(out.returncode == expect,
          f"{argv[:3]}...: exit {out.returncode}, expected {expect}\n{out.stdout}\n{out.stderr}")
    return out


def text_of(page):
    return open(page, encoding="utf-8").read()


def plot_specs(page):
    found = re.findall(r'<script type="application/json" data-plot="(plot-\d+)">(.*?)</script>',
                       open(page, encoding="utf-8").read(), re.S)
    return {pid: json.loads(text) for pid, text in found}


def rows_of(specs, *fields):
    """The data rows of the first plot whose rows have all these fields."""
    for spec in specs.values():
        rows = spec.get("data", {}).get("values", [])
        if rows and all(f in rows[0] for f in fields):
            return rows
    return None


def main(hpcpat, work):
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    results = os.path.join(work, "results")
    spec = os.path.join(work, "study.yaml")
    with open(spec, "w") as f:
        f.write(SPEC)
    run([hpcpat, "run", spec, "--results", results])
    listed = json.loads(run([hpcpat, "results", "list", "--results", results,
                             "--json"]).stdout)
    check(len(listed) == 12 and all(r["status"] == "ok" for r in listed),
          f"study: {[(r['run'], r['status']) for r in listed]}")

    page = os.path.join(work, "report.html")
    out = run([hpcpat, "report", "report-e2e", "--results", results, "-o", page])
    check(re.search(r": 12 runs, \d+ plots", out.stdout), f"report: {out.stdout}")
    specs = plot_specs(page)
    check(len(specs) >= 6, f"{len(specs)} plots")

    walls = rows_of(specs, "run", "wall_s")
    check(walls is not None and {r["run"]: r["wall_s"] for r in walls} ==
          {r["run"]: r["wall_s"] for r in listed}, "wall times differ from the store's")

    # Per-rank views show, per case, the run with the most ranks, first repeat: stencil-2 rep 1.
    # stencil-2 ran at three iteration counts: its duration model is on the page, fitted to
    # the medians of the store's own runs.
    fitted = rows_of(specs, "fitted_s", "wall_s") or []
    for iters in (50, 100, 150):
        walls = sorted(r["wall_s"] for r in listed
                       if r["case"] == "stencil-2" and f".iters-{iters}." in r["run"])
        median = (walls[0] + walls[1]) / 2
        point = [f for f in fitted if f.get("duration") == iters]
        check(len(point) == 1 and abs(point[0]["wall_s"] - median) < 1e-9,
              f"stencil-2 iters={iters}: model point {point}, store median {median}")
    check("Duration models" in text_of(page), "no duration-model section")

    shown = next(r for r in listed if r["case"] == "stencil-2" and r["repeat"] == 1)
    profile = json.load(open(os.path.join(results, "report-e2e", shown["run"], "profile.json")))
    ranks = [r for r in rows_of(specs, "rank", "mpi_fraction") or [] if r["case"] == "stencil-2"]
    check(sorted((r["rank"], r["mpi_fraction"]) for r in ranks) ==
          sorted((r["rank"], r["mpi_fraction"]) for r in profile["ranks"]),
          "per-rank MPI fractions differ from the profile's")
    matrix = [r for r in rows_of(specs, "src", "dst", "bytes") or [] if r["case"] == "stencil-2"]
    check(sorted((r["src"], r["dst"], r["bytes"], r["messages"]) for r in matrix) ==
          sorted((src, dst, nbytes, messages)  # entries are [src, dst, messages, bytes]
                 for src, dst, messages, nbytes in profile["comm_matrix"]["entries"]) and matrix,
          "communication matrix differs from the profile's")

    kernel_rows = rows_of(specs, "kernel", "size", "time_us") or []
    for case in ("latency", "bw"):
        for r in (r for r in listed if r["case"] == case):
            summary = json.load(open(os.path.join(results, "report-e2e", r["run"],
                                                  "summary.json")))
            want = sorted((p["size"], p["time_us"]["avg"]) for p in summary["results"])
            got = sorted((k["size"], k["time_us"]) for k in kernel_rows if k["run"] == r["run"])
            check(got == want and want, f"{r['run']}: kernel points differ from its summary")

    labelled = json.loads(run([hpcpat, "patterns", "report-e2e", "--results", results, "--json",
                               "--no-store"]).stdout)
    for r in labelled["runs"]:
        shown = ", ".join(f"{l['label']} {l['confidence']:.2f}" for l in r["labels"]) or "-"
        check(f"<td>{r['name']}</td><td>{r['case']}</td>" in text_of(page) and
              f"<td>{shown}</td>" in text_of(page), f"{r['name']}: labels [{shown}] not on the page")

    self_page = os.path.join(work, "self.html")
    run([hpcpat, "report", "report-e2e", "--results", results, "--baseline", "report-e2e", "-o",
         self_page])
    check("Against the baseline report-e2e" in text_of(self_page) and
          "regression</td>" not in text_of(self_page), "--baseline: the regression section")

    browser = subprocess.run([sys.executable, BROWSER_CHECK, page,
                              os.path.join(work, "report.png"), "--min-plots", "6"],
                             capture_output=True, text=True, timeout=600)
    print(browser.stdout + browser.stderr, end="")
    if browser.returncode == 77:
        print("report: no chromium here; the browser checks were skipped")
        return 77 if not FAILURES else 1
    check(browser.returncode == 0, "the page did not draw in Chromium")

    broken = os.path.join(work, "broken.html")
    text = open(page, encoding="utf-8").read()
    open(broken, "w", encoding="utf-8").write(text.replace('"mark":"bar"', '"mark":"nosuch"', 1))
    refused = subprocess.run([sys.executable, BROWSER_CHECK, broken,
                              os.path.join(work, "broken.png")], capture_output=True, text=True,
                             timeout=600)
    check(refused.returncode == 1, f"a broken page passed the browser check: {refused.stderr}")

    before = os.stat(page).st_mtime_ns, text
    out = run([hpcpat, "report", "report-e2e", "--results", results, "-o", page], expect=2)
    check("--force" in out.stderr, f"existing page: {out.stderr}")
    check((os.stat(page).st_mtime_ns, open(page, encoding="utf-8").read()) == before,
          "an existing page was replaced")
    run([hpcpat, "report", "report-e2e", "--results", results, "-o", page, "--force"])
    out = run([hpcpat, "report", "nosuch", "--results", results, "-o",
               os.path.join(work, "x.html")], expect=2)
    check("no complete run of study 'nosuch' (it has: report-e2e)" in out.stderr,
          f"missing study: {out.stderr}")
    check(not os.path.exists(os.path.join(work, "x.html")), "a page for a missing study")

    print("ok" if not FAILURES else f"{len(FAILURES)} failure(s)")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(*sys.argv[1:]))
