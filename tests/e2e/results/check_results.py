#!/usr/bin/python3
"""hpcpat results, end to end, on a store filled as the study runner fills it.

Plays the runner with store_tool (the store's API: begin, dir, finish) around two real launches
of the e2e MPI program under `hpcpat profile` (2 ranks; one exits 0, one exits 3), plus a run that
is launched and never finished (interrupted). Then checks, against truth known here:
  - every record.json validates against schemas/run-record.v1;
  - `results list --json` and `export --csv` agree with the folders exactly, and their MPI
    fractions (median and max over ranks) and top call with the profiles' own rank records;
  - RFC 4180: a cause with a comma, quotes and a newline comes back from the CSV verbatim;
  - `results show` prints the record and the summary line (--csv: its index row); an argument
    like $(...) arrives as is;
  - `export --caliper DIR` writes each run's profile in Caliper's json-split format, which an
    independent reader (tests/tools/caliper_split_reader.py) loads with every rank's figures
    equal to the profile's and the run's record as metadata; files there are never replaced;
  - `reindex` rebuilds the same rows, and names the file and field of a truncated record while
    still indexing the rest (exit 1);
  - a damaged hpcpat.db gives the reindex hint (exit 2), and reindex mends it;
  - a missing store is named (exit 2), HPCPAT_RESULTS is the default folder.

usage: check_results.py HPCPAT STORE_TOOL MPI_PROGRAM RECORD_SCHEMA VALIDATOR WORKDIR
"""
import csv
import io
import json
import os
import shutil
import statistics
import subprocess
import sys

FAILURES = []


def check(ok, what):
    if not ok:
        FAILURES.append(what)
        print(f"FAIL: {what}", file=sys.stderr)


def run(argv, env=None, expect=0, text=True):
    out = subprocess.run(argv, capture_output=True, text=text, env=env, timeout=180)
    check(out.returncode == expect,
          f"{argv[:4]}...: exit {out.returncode}, expected {expect}\n{out.stdout}\n{out.stderr}")
    return out


def record(study, run_name, status, exit_code, cause, argv, has_summary):
    return {
        "schema": "hpcpat.run-record.v1", "study": study, "run": run_name, "case": "calls-2",
        "app": "hpcpat-e2e-mpi-calls", "parameters": {"exit_code": exit_code},
        "nodes": 1, "ranks": 2, "ranks_per_node": 2, "threads": 1, "repeat": 0,
        "launcher": "mpirun", "argv": argv, "env": {"HPCPAT_TAGS": "study=e2e"},
        "status": status, "cause": cause, "exit_code": exit_code, "signal": None,
        "start": {"utc": "2026-12-07T00:00:00.000Z", "epoch_s": 1796601600.0},
        "end": {"utc": "2026-12-07T00:00:01.500Z", "epoch_s": 1796601601.5}, "wall_s": 1.5,
        "hosts": [], "mpi_library": "", "container": None,
        "hpcpat": {"version": "0.1.0", "git_sha": "e2e"}, "tags": {"study": "e2e"},
        "figure_of_merit": "allreduces" if has_summary else None,
        "files": {"profile": "profile.json", "summary": "summary.json" if has_summary else None,
                  "stdout": "stdout", "stderr": "stderr", "launcher": None},
        "figures": {"mpi_fraction_median": None, "mpi_fraction_max": None, "top_call": None,
                    "figure_of_merit": None},
    }


def profile_truth(path):
    p = json.load(open(path))
    fractions = [r["mpi_fraction"] for r in p["ranks"]]
    top = max(p["calls"], key=lambda c: c["time_s"]["sum"])["name"]
    return statistics.median(fractions), max(fractions), top, [h["name"] for h in p["run"]["hosts"]]


def main(hpcpat, tool, program, schema, validator, work):
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    results = os.path.join(work, "results")
    spec = os.path.join(work, "study.yaml")
    with open(spec, "w") as f:
        f.write("name: e2e\ncases: [calls]\n")
    run([tool, "begin", results, "e2e", spec, "ok-2", "fail-2", "cut-2"])

    weird = "$(touch " + os.path.join(work, "pwned") + ")"
    cause = 'exit status 3, "as asked"\nsecond line'
    truth = {}
    for name, code in (("ok-2", 0), ("fail-2", 3)):
        d = run([tool, "dir", results, "e2e", name]).stdout.strip()
        argv = [hpcpat, "profile", "-n", "2", "-o", os.path.join(d, "profile.json"), "--",
                program, weird, "--exit-code", str(code)]
        with open(os.path.join(d, "stdout"), "w") as out, open(os.path.join(d, "stderr"), "w") as err:
            rc = subprocess.run(argv, stdout=out, stderr=err, timeout=180).returncode
        check(rc == code, f"{name}: hpcpat profile exit {rc}, expected {code}")
        if code == 0:
            with open(os.path.join(d, "summary.json"), "w") as f:
                f.write('{"app":"calls","figures":{"allreduces":10},"ok":true}\n')
        rec = record("e2e", name, "ok" if code == 0 else "failed", code, cause if code else "",
                     argv, code == 0)
        rec_file = os.path.join(work, name + ".json")
        json.dump(rec, open(rec_file, "w"))
        notes = run([tool, "finish", results, rec_file]).stderr
        check(notes == "", f"{name}: finish_run notes: {notes}")
        truth[name] = (rec, profile_truth(os.path.join(d, "profile.json")))
    run([tool, "dir", results, "e2e", "cut-2"])  # launched, never finished: interrupted
    check(not os.path.exists(os.path.join(work, "pwned")), "$(...) was run by a shell")

    records = [os.path.join(results, "e2e", n, "record.json") for n in ("ok-2", "fail-2")]
    run([sys.executable, validator, schema] + records)
    written = {n: json.load(open(os.path.join(results, "e2e", n, "record.json")))
               for n in ("ok-2", "fail-2")}
    check(written["ok-2"]["argv"][8] == weird, "argv not kept verbatim")

    def check_rows(rows, source):
        by_run = {r["run"]: r for r in rows}
        check(set(by_run) == {"ok-2", "fail-2", "cut-2"}, f"{source}: runs {sorted(by_run)}")
        check(by_run.get("cut-2", {}).get("status") == "interrupted", f"{source}: cut-2 status")
        for name, (rec, (median, top_max, top, hosts)) in truth.items():
            row = by_run.get(name, {})
            check(row.get("mpi_fraction_median") == median,
                  f"{source}: {name} median {row.get('mpi_fraction_median')} != {median}")
            check(row.get("mpi_fraction_max") == top_max, f"{source}: {name} max")
            check(row.get("top_call") == top, f"{source}: {name} top call {row.get('top_call')}")
            for key in ("study", "case", "nodes", "ranks", "repeat", "status", "wall_s"):
                check(row.get(key) == rec[key], f"{source}: {name} {key} {row.get(key)}")
            check(written[name]["hosts"] == hosts, f"{name}: hosts from the profile")

    listed = json.loads(run([hpcpat, "results", "list", "--results", results, "--json"]).stdout)
    check_rows(listed, "list --json")

    # bytes: text mode would turn the CSV's CRLF into LF
    exported = run([hpcpat, "results", "export", "--results", results, "--csv"],
                   text=False).stdout.decode()
    check("\r\n" in exported, "CSV lines end with CRLF")
    rows = list(csv.DictReader(io.StringIO(exported, newline="")))
    check(len(rows) == 2, f"export: {len(rows)} rows")
    for row in rows:
        rec = written[row["run"]]
        check(row["cause"] == rec["cause"], f"export: cause {row['cause']!r}")
        check(json.loads(row["parameters"]) == rec["parameters"], "export: parameters")
        check(float(row["mpi_fraction_max"]) == truth[row["run"]][1][1], "export: max fraction")
        check(row["hosts"] == ",".join(rec["hosts"]), "export: hosts")
        check(row["exit_code"] == str(rec["exit_code"]), "export: exit code")
    fom = [r["fom_value"] for r in rows if r["run"] == "ok-2"]
    check(fom == ["10"], f"figure of merit {fom}")

    shown = run([hpcpat, "results", "show", "--results", results, "e2e/ok-2", "--csv"],
                text=False).stdout.decode()
    shown_rows = list(csv.DictReader(io.StringIO(shown, newline="")))
    check([r["run"] for r in shown_rows] == ["ok-2"], f"show --csv: {shown!r}")

    reader = os.path.join(os.path.dirname(validator), "caliper_split_reader.py")
    caliper = os.path.join(work, "caliper")
    out = run([hpcpat, "results", "export", "--results", results, "--caliper", caliper]).stdout
    check("2 Caliper json-split files written" in out, f"export --caliper: {out}")
    for name, (rec, _) in truth.items():
        exported_file = os.path.join(caliper, f"e2e.{name}.json")
        run([sys.executable, reader, exported_file,
             os.path.join(results, "e2e", name, "profile.json"),
             "--extra-metadata", "study=\"e2e\"", "--extra-metadata", f"run=\"{name}\"",
             "--extra-metadata", "case=\"calls-2\"",
             "--extra-metadata", f"param.exit_code={rec['parameters']['exit_code']}"])
    before = open(os.path.join(caliper, "e2e.ok-2.json")).read()
    out = run([hpcpat, "results", "export", "--results", results, "--caliper", caliper], expect=2)
    check("never replaced" in out.stderr, f"export --caliper again: {out.stderr}")
    check(open(os.path.join(caliper, "e2e.ok-2.json")).read() == before, "export replaced a file")
    doc = json.loads(before)  # the reader must be able to fail: one count off by one
    doc["data"][1][4] += 1
    tampered = os.path.join(work, "tampered.json")
    json.dump(doc, open(tampered, "w"))
    run([sys.executable, reader, tampered, os.path.join(results, "e2e", "ok-2", "profile.json")],
        expect=1)

    shown = run([hpcpat, "results", "show", "--results", results, "e2e/ok-2"]).stdout
    check('"status": "ok"' in shown and "summary: {\"app\":\"calls\"" in shown,
          f"show: {shown[-300:]}")
    shown = json.loads(run([hpcpat, "results", "show", "--results", results, "--study", "e2e",
                            "fail-2", "--json"]).stdout)
    check(shown["record"] == written["fail-2"] and shown["summary"] is None, "show --json")
    out = run([hpcpat, "results", "show", "--results", results, "cut-2"]).stdout
    check("interrupted" in out, f"show interrupted: {out}")
    listed_app = json.loads(run([hpcpat, "results", "list", "--results", results, "--app",
                                 "calls-2", "--json"]).stdout)
    check(len(listed_app) == 2, "list --app (interrupted runs have no app)")

    out = run([hpcpat, "results", "reindex", "--results", results]).stdout
    check("1 studies, 2 runs indexed, 1 interrupted, 0 problems" in out, f"reindex: {out}")
    check_rows(json.loads(run([hpcpat, "results", "list", "--results", results,
                               "--json"]).stdout), "list after reindex")

    cut = os.path.join(results, "e2e", "fail-2", "record.json")
    text = open(cut).read()
    open(cut, "w").write(text[:text.index('"hosts"') + 10])
    out = run([hpcpat, "results", "reindex", "--results", results], expect=1)
    check(f"{cut}: not valid JSON at field 'hosts" in out.stderr, f"reindex stderr: {out.stderr}")
    check("1 runs indexed" in out.stdout, f"reindex stdout: {out.stdout}")
    open(cut, "w").write(text)

    for suffix in ("-wal", "-shm"):
        if os.path.exists(os.path.join(results, "hpcpat.db" + suffix)):
            os.remove(os.path.join(results, "hpcpat.db" + suffix))
    open(os.path.join(results, "hpcpat.db"), "w").write("x" * 8192)
    out = run([hpcpat, "results", "list", "--results", results], expect=2)
    check("not a usable index" in out.stderr and "hpcpat results reindex" in out.stderr,
          f"damaged index: {out.stderr}")
    run([hpcpat, "results", "reindex", "--results", results])
    env = dict(os.environ, HPCPAT_RESULTS=results)
    listed = run([hpcpat, "results", "list"], env=env).stdout
    check(listed.count("\n") == 4 and "interrupted" in listed and "MPI_" in listed,
          f"text list via HPCPAT_RESULTS:\n{listed}")

    missing = os.path.join(work, "none")
    out = run([hpcpat, "results", "list", "--results", missing], expect=2)
    check(out.stderr.startswith(f"hpcpat: no results store at '{missing}' (--results)"),
          f"missing store: {out.stderr}")
    out = run([hpcpat, "results", "list"], env=dict(env, HPCPAT_RESULTS=missing), expect=2)
    check("(HPCPAT_RESULTS)" in out.stderr, f"missing store via env: {out.stderr}")

    print("ok" if not FAILURES else f"{len(FAILURES)} failure(s)")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    if len(sys.argv) != 7:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(*sys.argv[1:]))
