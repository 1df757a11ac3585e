#!/usr/bin/env python3
"""Opens an hpcpat HTML report in headless Chromium and checks that it drew: every plot rendered,
each with data marks, no error of any kind, nothing fetched from the network; saves a screenshot.

Two independent looks at the page after its scripts ran (--dump-dom):
  - the status line report.js writes (#hpcpat-status): plots, drawn, marks per plot, errors
    (failed embeds, uncaught exceptions and console.error calls, all caught by the page);
  - the DOM itself: every plot's <div> holds an <svg> with mark groups (class role-mark) that
    contain drawn items.
The browser runs with every host name unresolvable, so a page that needs the network fails.

usage: browser_check.py PAGE.html SCREENSHOT.png [--min-plots N]
exit 0: the page drew; 1: it did not (each problem on stderr); 77: no chromium here.
"""
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

BROWSERS = ("chromium", "chromium-browser", "google-chrome")


def find_browser():
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    return None


def chromium(browser, page, *args):
    with tempfile.TemporaryDirectory(prefix="hpcpat-chromium-") as profile:
        argv = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                f"--user-data-dir={profile}", "--host-resolver-rules=MAP * ~NOTFOUND",
                "--virtual-time-budget=60000", *args, "file://" + os.path.abspath(page)]
        return subprocess.run(argv, capture_output=True, text=True, timeout=180)


class PlotMarks(html.parser.HTMLParser):
    """Per plot div (id plot-N): how many drawn items sit inside its mark groups."""

    def __init__(self):
        super().__init__()
        self.stack = []  # (tag, plot id or None, inside a role-mark group)
        self.items = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        plot = self.stack[-1][1] if self.stack else None
        in_mark = self.stack[-1][2] if self.stack else False
        if tag == "div" and re.fullmatch(r"plot-\d+", a.get("id") or ""):
            plot = a["id"]
            self.items.setdefault(plot, 0)
        if "role-mark" in (a.get("class") or "").split():
            in_mark = True
        elif in_mark and plot and tag in ("path", "rect", "line", "circle", "text"):
            self.items[plot] += 1
        if tag not in ("path", "rect", "line", "circle", "img", "br", "meta", "input", "use"):
            self.stack.append((tag, plot, in_mark))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break


def check(page, screenshot, min_plots):
    browser = find_browser()
    if browser is None:
        print("browser_check: no chromium on PATH; skipped", file=sys.stderr)
        return 77
    problems = []
    text = open(page, encoding="utf-8").read()
    specs = len(re.findall(r'<script type="application/json" data-plot="plot-\d+">', text))
    if specs < min_plots:
        problems.append(f"{specs} plots in the page, expected at least {min_plots}")
    for url in re.findall(r'(?:src|href)="(https?:[^"]*)"', text):
        problems.append(f"the page loads {url}")

    dom = chromium(browser, page, "--dump-dom")
    if dom.returncode != 0:
        problems.append(f"chromium --dump-dom exit {dom.returncode}: {dom.stderr[-500:]}")
    match = re.search(r'<pre id="hpcpat-status">(.*?)</pre>', dom.stdout, re.S)
    status = None
    if not match:
        problems.append("no #hpcpat-status in the rendered page")
    else:
        try:
            status = json.loads(html.unescape(match.group(1)))
        except json.JSONDecodeError:
            problems.append(f"the page never finished drawing: {match.group(1)[:200]!r}")
    if status is not None:
        if status["errors"]:
            problems.append(f"errors in the page: {status['errors']}")
        if status["plots"] != specs or status["drawn"] != specs:
            problems.append(f"{status['drawn']} of {status['plots']} plots drawn, {specs} specs")
        empty = [p for p, n in status["marks"].items() if n <= 0]
        if empty:
            problems.append(f"plots without data marks (Vega's scenegraph): {empty}")
    parser = PlotMarks()
    parser.feed(dom.stdout)
    if len(parser.items) != specs:
        problems.append(f"{len(parser.items)} plot containers in the DOM, {specs} specs")
    bare = sorted(p for p, n in parser.items.items() if n == 0)
    if bare:
        problems.append(f"plots without drawn SVG marks in the DOM: {bare}")
    for line in dom.stderr.splitlines():
        if "CONSOLE" in line and ("ERROR" in line or "Uncaught" in line):
            problems.append(f"browser console: {line[:300]}")

    shot = chromium(browser, page, "--hide-scrollbars", "--window-size=1280,4000",
                    f"--screenshot={os.path.abspath(screenshot)}")
    if shot.returncode != 0 or not os.path.exists(screenshot):
        problems.append(f"no screenshot: {shot.stderr[-300:]}")
    else:
        with open(screenshot, "rb") as f:
            if f.read(8) != b"\x89PNG\r\n\x1a\n" or os.path.getsize(screenshot) < 20000:
                problems.append("the screenshot is not a PNG of a drawn page")
    for p in problems:
        print(f"{page}: {p}", file=sys.stderr)
    if not problems:
        print(f"{page}: {specs} plots drawn, marks per plot {status['marks']}; "
              f"screenshot {screenshot}")
    return 1 if problems else 0


def main(argv):
    if len(argv) not in (3, 5) or (len(argv) == 5 and argv[3] != "--min-plots"):
        print(__doc__, file=sys.stderr)
        return 2
    return check(argv[1], argv[2], int(argv[4]) if len(argv) == 5 else 1)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
