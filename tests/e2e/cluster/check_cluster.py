#!/usr/bin/python3
"""hpcpat cluster end to end: emulated nodes stood up, used by a real MPI run, and torn down
without leaving anything behind, whatever happens to the test.

usage: check_cluster.py CASE HPCPAT KERNELS STATE_DIR FLAVOUR
CASE:
  profile2, profile4  up N nodes; hpcpat profile --cluster runs the kernels' multi_lat (2 nodes x
                      2 ranks, 4 nodes x 1 rank: more ranks than cores make MPICH's busy-polling
                      ranks take minutes) and latency (2 x 1) over them; each profile must name
                      N distinct hosts (node1..nodeN, R/N ranks each) and nodes = N, and each
                      node's link must have carried its ranks' payload (Open MPI; Debian's
                      MPICH sends it through UCX's shared memory: harness/launch/
                      mpi_flavours.json says why, and the test prints the bytes). profile2 also measures the 8-B and 1-MiB latency (the kernel's
                      own clock, MPI_Wtime; printed, not asserted) unshaped and at --link-rate.
  scale               hpcpat scale --cluster over 1, 2 and 4 nodes of one 4-node cluster: the
                      study's profiles name node1..nodeN with nodes = N, the index agrees with
                      the folders, the scaling table has an ok row per node count, minimd is
                      labelled halo at 2 and 4 nodes, and the study's hpcpat report draws in
                      headless Chromium (skipped without chromium).
  patterns            the proxy apps, LAMMPS and four kernels on two emulated nodes, one rank
                      each: hpcpat patterns labels each as what it is.
  partial             a link named like node 2's veth exists: up fails at that step, names ip's
                      stderr, and removes everything it made before.
  killed              up of 16 nodes killed with SIGKILL halfway: down removes what it made.
  nonroot             up/down/rsh as uid 65534: exit 2 and the message (skips only when setpriv
                      is missing).
  nocluster           hpcpat profile --cluster with no cluster up: exit 2 and the message.
  cleanup             (ctest FIXTURES_CLEANUP) down for every state file in STATE_DIR (those of
                      cases that did not finish), then FAIL when any namespace or link they list
                      is left (it is removed too).
Every cluster is named hpt<digits> with a state file in STATE_DIR (HPCPAT_CLUSTER_STATE), so the
tests never touch a user's cluster. Cases that need root skip (exit 77) without it or `ip netns`.
"""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

SKIP = 77
TEST_NAMES = re.compile(r"^hpt[0-9]+-")  # every namespace and link the tests make


BROWSER_CHECK = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools",
                             "browser_check.py")


def fail(msg, out=""):
    print(f"FAIL: {msg}\n{out}", file=sys.stderr)
    sys.exit(1)


def run(argv, env=None, timeout=120):
    p = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=timeout)
    return p.returncode, p.stdout, p.stderr


def present():
    """Names of the namespaces and links on this machine."""
    names = [line.split()[0] for line in run(["ip", "netns", "list"])[1].splitlines() if line]
    links = [line.split()[0].split("@")[0]
             for line in run(["ip", "-br", "link"])[1].splitlines() if line]
    return names + links


def free_network():
    """A 10.213.X.0/24 (X from 100) that no interface here has: another build tree's tests, or
    a user's cluster, may be up at the same time."""
    used = run(["ip", "-4", "-o", "addr", "show"])[1]
    for x in range(100 + os.getpid() % 100, 256):
        if f" inet 10.213.{x}." not in used:
            return f"10.213.{x}.0/24"
    fail("no free 10.213.X.0/24 network here")


class Cluster:
    """One test cluster: a unique name, network and state file."""

    def __init__(self, hpcpat, state_dir, tag=""):
        self.hpcpat = hpcpat
        self.name = f"hpt{os.getpid() % 100000}{tag}"
        self.network = free_network()
        self.state = os.path.join(state_dir, self.name + ".json")
        self.env = dict(os.environ, HPCPAT_CLUSTER_STATE=self.state,
                        OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")

    def cmd(self, *args, **kw):
        return run([self.hpcpat, *args], env=self.env, **kw)

    def up(self, nodes, *extra):
        return self.cmd("cluster", "up", "--nodes", str(nodes), "--name", self.name,
                        "--network", self.network, *extra)

    def mine(self):
        return [n for n in present() if n.startswith(self.name + "-")]

    def down_and_check(self):
        code, out, err = self.cmd("cluster", "down")
        if code != 0:
            fail(f"cluster down: exit {code}", out + err)
        if self.mine() or os.path.exists(self.state):
            fail(f"cluster down left {self.mine()} (state file there: "
                 f"{os.path.exists(self.state)})")


def need_root():
    if os.geteuid() != 0:
        print("SKIP: network namespaces need root (this test runs as uid "
              f"{os.geteuid()})")
        sys.exit(SKIP)
    if run(["ip", "netns", "list"])[0] != 0 or not shutil.which("tc"):
        print("SKIP: 'ip netns' or 'tc' is not available here")
        sys.exit(SKIP)


def link_bytes(link):
    """Bytes that went into the bridge from the node behind `link` (its veth's receive side)."""
    stats = json.loads(run(["ip", "-s", "-j", "link", "show", "dev", link])[1])
    return stats[0]["stats64"]["rx"]["bytes"]


def latency_run(c, nodes, ranks, kernels, workdir, label, flavour):
    """hpcpat profile --cluster of the latency kernel; checks the profile's hosts and that every
    message crossed the bridge, returns the kernel's p50 latencies by size."""
    before = [link_bytes(f"{c.name}-{k}") for k in range(1, nodes + 1)]
    profile = os.path.join(workdir, f"{label}.json")
    results = os.path.join(workdir, f"{label}-kernel.json")
    # latency is one pair (2 ranks); multi_lat runs n/2 pairs at once.
    kernel = "latency" if ranks == 2 else "multi_lat"
    largest = "1M" if ranks == 2 else "1K"
    code, out, err = c.cmd("profile", "--cluster", "-N", str(nodes), "-n", str(ranks),
                           "-o", profile, "--", kernels, kernel, "-m", "8", "-M", largest,
                           "-i", "100", "-x", "10", "--iterations-large", "10",
                           "--json", results)
    if code != 0:
        fail(f"hpcpat profile --cluster -N {nodes} -n {ranks}: exit {code}", out + err)
    run_obj = json.load(open(profile))["run"]
    hosts = {h["name"]: h["ranks"] for h in run_obj["hosts"]}
    want = {f"node{k}" for k in range(1, nodes + 1)}
    if set(hosts) != want or run_obj["nodes"] != nodes or run_obj["ranks"] != ranks:
        fail(f"expected hosts {sorted(want)}, nodes = {nodes}, ranks = {ranks}; the profile says "
             f"hosts {hosts}, nodes = {run_obj['nodes']}, ranks = {run_obj['ranks']}")
    if any(len(r) != ranks // nodes for r in hosts.values()):
        fail(f"expected {ranks // nodes} ranks on each node, got {hosts}")
    print(f"profile names {nodes} distinct hosts: {hosts}; nodes = {run_obj['nodes']}")
    kernel = json.load(open(results))
    # Every rank's partner is on another node (latency: 0-1; multi_lat: r and r + n/2), so each
    # node sent at least its ranks' timed payload through its link: the MPI did not take a
    # shared-memory path between the nodes (which share one kernel).
    payload = sum(r["size"] * r["iterations"] for r in kernel["results"]) * (ranks // nodes)
    sent = [link_bytes(f"{c.name}-{k}") - before[k - 1] for k in range(1, nodes + 1)]
    if flavour == "mpich":
        print(f"MPICH (UCX shared memory between the nodes): bytes through the nodes' links "
              f"{sent}, the ranks' payload {payload} each (not checked)")
    elif any(b < payload for b in sent):
        fail(f"bytes sent through the nodes' links {sent}; each node's ranks' messages alone are "
             f"{payload}: the ranks did not talk over the bridge")
    else:
        print(f"every node sent at least its ranks' {payload} payload bytes over the bridge")
    return {r["size"]: r["time_us"]["p50"] for r in kernel["results"]}


def case_profile(hpcpat, kernels, state_dir, nodes, flavour):
    need_root()
    c = Cluster(hpcpat, state_dir)
    workdir = tempfile.mkdtemp(prefix="hpcpat-cluster-")
    try:
        code, out, err = c.up(nodes)
        if code != 0:
            fail(f"cluster up --nodes {nodes}: exit {code}", out + err)
        # The same layout again is no error; another one is.
        code, out, err = c.up(nodes)
        if code != 0 or "already up" not in err:
            fail(f"a second identical up: expected exit 0 and 'already up', got {code}", err)
        code, out, err = c.up(nodes + 1)
        if code != 2 or "is already up" not in err:
            fail(f"up over another cluster: expected exit 2, got {code}", err)
        code, out, err = c.cmd("cluster", "rsh", "node1", "hostname")
        if code != 0 or out.strip() != "node1":
            fail(f"cluster rsh node1 hostname: expected 'node1', got {code} {out!r}", err)
        code, out, err = c.cmd("cluster", "rsh", "node99", "true")
        if code != 2 or "host 'node99': expected a node of" not in err:
            fail(f"rsh to an unknown host: expected exit 2 and the message, got {code}", err)
        if nodes == 2:
            latency_run(c, nodes, 4, kernels, workdir, "two-per-node", flavour)
            plain = latency_run(c, nodes, 2, kernels, workdir, "unshaped", flavour)
        else:
            latency_run(c, nodes, nodes, kernels, workdir, "one-per-node", flavour)
        c.down_and_check()
        if nodes == 2:
            rate = "200mbit"
            code, out, err = c.up(nodes, "--link-rate", rate)
            if code != 0:
                fail(f"cluster up --link-rate {rate}: exit {code}", out + err)
            qdiscs = run(["tc", "qdisc", "show", "dev", f"{c.name}-1"])[1]
            if "tbf" not in qdiscs or "200Mbit" not in qdiscs:
                fail(f"expected a 200Mbit tbf qdisc on {c.name}-1, got {qdiscs!r}")
            shaped = latency_run(c, nodes, nodes, kernels, workdir, "shaped", flavour)
            c.down_and_check()
            for size, what in ((8, "8 B"), (1 << 20, "1 MiB")):
                print(f"latency {what} between the nodes, p50 of the kernel's MPI_Wtime: "
                      f"{plain[size]:.1f} us unshaped, {shaped[size]:.1f} us at {rate} "
                      f"(x{shaped[size] / plain[size]:.2f})")
            # What the cap implies for 1 MiB one way, for the reader to compare with.
            print(f"  ({rate} alone takes {8 * (1 << 20) / 200e6 * 1e6:.0f} us for 1 MiB)")
    finally:
        c.cmd("cluster", "down")
        shutil.rmtree(workdir, ignore_errors=True)


def case_scale(hpcpat, kernels, state_dir):
    """hpcpat scale --cluster over 1, 2 and 4 nodes of one 4-node cluster: a study in the store
    whose profiles name 1, 2 and 4 distinct hosts (node1..nodeN) and say so in `nodes`, whose
    index rows agree with the folders, and whose scaling table has a row per node count."""
    need_root()
    c = Cluster(hpcpat, state_dir, "s")
    results = tempfile.mkdtemp(prefix="hpcpat-cluster-scale-")
    try:
        code, out, err = c.up(4)
        if code != 0:
            fail(f"cluster up --nodes 4: exit {code}", out + err)
        code, out, err = c.cmd("scale", "--cluster", "--launcher", "mpirun", "--nodes", "1,2,4",
                               "--repeats", "1", "--results", results, "--study", "nodes", "--",
                               os.path.join(os.path.dirname(kernels), "minimd"), "--size", "10",
                               "--steps", "50", timeout=600)
        print(out, err)
        if code != 0:
            fail(f"hpcpat scale --cluster: exit {code}", out + err)
        rows = [l.split() for l in out.splitlines() if l.split()[:1] in (["1"], ["2"], ["4"])]
        if [r[0] for r in rows] != ["1", "2", "4"] or any(r[1] != "1/1" for r in rows):
            fail(f"the scaling table lacks an ok row per node count: {rows}")
        code, out, err = c.cmd("results", "export", "--json", "--results", results)
        index = {r["run"]: r for r in json.loads(out)}
        study = os.path.join(results, "nodes")
        folders = sorted(d for d in os.listdir(study) if os.path.isdir(os.path.join(study, d)))
        if sorted(index) != folders or len(folders) != 3:
            fail(f"index rows {sorted(index)} differ from folders {folders}")
        for run in folders:
            with open(os.path.join(study, run, "profile.json")) as f:
                profile = json.load(f)["run"]
            hosts = sorted(h["name"] for h in profile["hosts"])
            nodes = index[run]["nodes"]
            if hosts != [f"node{k}" for k in range(1, nodes + 1)] or profile["nodes"] != nodes:
                fail(f"{run}: profile hosts {hosts}, nodes {profile['nodes']}; expected "
                     f"node1..node{nodes}")
            if index[run]["hosts"] != ",".join(h["name"] for h in profile["hosts"]):
                fail(f"{run}: index hosts {index[run]['hosts']!r} differ from the profile's")
        # minimd across emulated nodes is what it is: a halo exchange at 2 and 4 nodes.
        code, out, err = c.cmd("patterns", "nodes", "--results", results, "--json")
        labelled = json.loads(out) if code == 0 else {"runs": []}
        for r in labelled["runs"]:
            labels = [l["label"] for l in r["labels"]]
            print(f"{r['name']}: nodes {r['nodes']}, labels {labels}")
            if r["nodes"] >= 2 and "halo" not in labels:
                fail(f"{r['name']} on {r['nodes']} emulated nodes is not labelled halo: {labels}")
        if code != 0 or len(labelled["runs"]) != 3:
            fail(f"hpcpat patterns: exit {code}", out + err)
        # The study's page, with time against node count, drawn in a headless browser; its
        # screenshot stays beside the cluster states for a person to look at.
        page = os.path.join(results, "nodes.html")
        code, out, err = c.cmd("report", "nodes", "--results", results, "-o", page)
        if code != 0 or "Time against node count" not in open(page).read():
            fail(f"hpcpat report: exit {code}", out + err)
        browser = subprocess.run([sys.executable, BROWSER_CHECK, page,
                                  os.path.join(os.path.dirname(state_dir), "scale-report.png"),
                                  "--min-plots", "5"], capture_output=True, text=True,
                                 timeout=600)
        print(browser.stdout, browser.stderr)
        if browser.returncode not in (0, 77):
            fail("the scaling study's page did not draw in Chromium", browser.stderr)
        c.down_and_check()
    finally:
        c.cmd("cluster", "down")
        shutil.rmtree(results, ignore_errors=True)


PATTERN_STUDY = """name: emulated
launcher: mpirun
nodes: [2]
ranks_per_node: 1
timeout: 120s
cases:
  - {name: minimd, app: minimd, parameters: {size: 8, steps: 50}}
  - {name: stencil, app: stencil, parameters: {n: 48, iters: 50}}
  - {name: cg, app: cg, parameters: {global: 32, iters: 40, fixed_iters: true}}
  - {name: fft, app: fft, parameters: {n: 64, iters: 3}}
  - {name: mlp, app: mlp, parameters: {global_batch: 128, steps: 20}}
  - {name: latency, app: kernels, parameters: {kernel: latency, max_size: 1K, iterations: 200}}
  - {name: bw, app: kernels, parameters: {kernel: bw, min_size: 256K, max_size: 512K, iterations: 5}}
  - {name: allreduce, app: kernels, parameters: {kernel: allreduce, max_size: 4K, iterations: 100}}
  - {name: alltoall, app: kernels, parameters: {kernel: alltoall, max_size: 4K, iterations: 100}}
"""
LAMMPS_CASE = "  - {name: lammps, command: [lmp, -in, %s, -var, x, '6', -var, steps, '50', -log, none]}\n"
# What each case is (docs/patterns.md), and what it must not be taken for.
PATTERN_TRUTH = {
    "minimd": (["halo"], ["alltoall-heavy", "allreduce-heavy"]),
    "stencil": (["halo"], ["alltoall-heavy", "allreduce-heavy"]),
    "lammps": (["halo"], ["alltoall-heavy"]),
    "cg": (["allreduce-heavy"], ["alltoall-heavy"]),
    "fft": (["alltoall-heavy"], ["halo", "latency-bound-p2p", "bandwidth-bound-p2p"]),
    "mlp": (["allreduce-heavy"], ["halo", "alltoall-heavy", "latency-bound-p2p"]),
    "latency": (["latency-bound-p2p"], ["bandwidth-bound-p2p", "alltoall-heavy"]),
    "bw": (["bandwidth-bound-p2p"], ["latency-bound-p2p", "alltoall-heavy"]),
    "allreduce": (["allreduce-heavy"], ["alltoall-heavy", "halo"]),
    "alltoall": (["alltoall-heavy"], ["allreduce-heavy", "halo"]),
}


def case_patterns(hpcpat, state_dir, flavour):
    """The proxy apps, LAMMPS (Open MPI builds: Debian's lmp is linked with it) and four kernels
    on two emulated nodes, one rank each, so that every message crosses the bridge: each
    labelled as what it is by hpcpat patterns."""
    need_root()
    c = Cluster(hpcpat, state_dir, "p")
    results = tempfile.mkdtemp(prefix="hpcpat-cluster-patterns-")
    try:
        code, out, err = c.up(2)
        if code != 0:
            fail(f"cluster up --nodes 2: exit {code}", out + err)
        spec = PATTERN_STUDY
        if flavour == "openmpi":
            here = os.path.dirname(os.path.abspath(__file__))
            spec += LAMMPS_CASE % os.path.join(here, "..", "..", "..", "workloads", "wrapped",
                                               "lammps", "in.lj")
        with open(os.path.join(results, "emulated.yaml"), "w") as f:
            f.write(spec)
        code, out, err = c.cmd("run", os.path.join(results, "emulated.yaml"), "--cluster",
                               "--results", results, timeout=900)
        if code != 0:
            fail(f"hpcpat run --cluster: exit {code}", out + err)
        code, out, err = c.cmd("patterns", "emulated", "--results", results, "--json")
        if code != 0:
            fail(f"hpcpat patterns: exit {code}", out + err)
        problems = []
        runs = {r["case"]: r for r in json.loads(out)["runs"]}
        for case, (must, must_not) in PATTERN_TRUTH.items():
            if case == "lammps" and flavour != "openmpi":
                continue
            labels = [l["label"] for l in runs.get(case, {}).get("labels", [])]
            print(f"{case}: {labels}")
            if case not in runs or any(l not in labels for l in must) or \
                    any(l in labels for l in must_not):
                problems.append(f"{case}: {labels}, expected {must} and none of {must_not}")
        if problems:
            fail("on emulated nodes:\n" + "\n".join(problems))
        c.down_and_check()
    finally:
        c.cmd("cluster", "down")
        shutil.rmtree(results, ignore_errors=True)


def case_partial(hpcpat, state_dir):
    need_root()
    c = Cluster(hpcpat, state_dir)
    decoy = f"{c.name}-2"  # node 2's veth: its creation is the step that fails
    code, out, err = run(["ip", "link", "add", "name", decoy, "type", "bridge"])
    if code != 0:
        fail(f"cannot make the decoy link {decoy}", err)
    try:
        code, out, err = c.up(3)
        if code != 1 or "File exists" not in err or \
                "everything made before it was removed" not in err:
            fail(f"up over a taken name: expected exit 1 with ip's 'File exists', got {code}", err)
        print(err.strip())
        left = [n for n in c.mine() if n != decoy]
        if left or os.path.exists(c.state):
            fail(f"the failed up left {left} (state file there: {os.path.exists(c.state)})")
        if decoy not in c.mine():
            fail(f"the failed up deleted {decoy}, which it did not make")
    finally:
        run(["ip", "link", "delete", "dev", decoy])
        c.cmd("cluster", "down")


def case_killed(hpcpat, state_dir):
    need_root()
    c = Cluster(hpcpat, state_dir)
    p = subprocess.Popen([hpcpat, "cluster", "up", "--nodes", "16", "--name", c.name,
                          "--network", c.network], env=c.env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    state = None
    deadline = time.monotonic() + 60
    # Killed once it has made a few objects (the state file says which), well before the end.
    while time.monotonic() < deadline and p.poll() is None:
        try:
            state = json.load(open(c.state))
            if len(state["made"]) >= 4:
                break
        except (OSError, ValueError):
            pass
        time.sleep(0.002)
    p.send_signal(signal.SIGKILL)
    p.wait()
    state = json.load(open(c.state))
    if state["complete"]:
        fail("the up finished before it was killed: the test proves nothing")
    print(f"killed after {len(state['made'])} objects: {[m['name'] for m in state['made']]}")
    if not c.mine():
        fail("nothing of the killed up is there: the test proves nothing")
    c.down_and_check()


def case_nonroot(hpcpat, state_dir):
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            print("SKIP: setpriv is missing (needed to run as another user)")
            sys.exit(SKIP)
        prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        if run(prefix + [hpcpat, "--version"])[0] != 0:
            print(f"SKIP: uid 65534 cannot run {hpcpat} (a private directory on its path)")
            sys.exit(SKIP)
    else:
        prefix = []
    env = dict(os.environ, HPCPAT_CLUSTER_STATE=os.path.join(state_dir, "nonroot.json"))
    for args, what in ((["up", "--nodes", "2"], "cluster up"), (["down"], "cluster down"),
                       (["rsh", "node1", "true"], "cluster rsh")):
        code, out, err = run(prefix + [hpcpat, "cluster", *args], env=env)
        expected = f"hpcpat: {what}: network namespaces and links need root"
        if code != 2 or not err.startswith(expected):
            fail(f"{what} as a user: expected exit 2 and '{expected}', got {code}", err)
        print(err.strip())


def case_nocluster(hpcpat, state_dir):
    missing = os.path.join(state_dir, "no-such-cluster.json")
    env = dict(os.environ, HPCPAT_CLUSTER_STATE=missing)
    code, out, err = run([hpcpat, "profile", "--cluster", "-n", "2", "--", "true"], env=env)
    expected = f"hpcpat: --cluster: no cluster is up ({missing} does not exist)"
    if code != 2 or not err.startswith(expected):
        fail(f"profile --cluster without a cluster: expected exit 2 and '{expected}', got {code}",
             err)
    code, out, err = run([hpcpat, "profile", "-N", "2", "-n", "2", "--", "true"], env=env)
    if code != 2 or "-N 2: expected --cluster with it" not in err:
        fail(f"-N without --cluster: expected exit 2, got {code}", err)
    print("no cluster: exit 2 with the message")


def case_cleanup(hpcpat, state_dir):
    """Only what this build tree's tests recorded: another tree's tests may be running now. Every
    object is in a state file before it is made, so a killed test's objects are all listed."""
    need_root()
    listed = []
    for f in sorted(os.listdir(state_dir)) if os.path.isdir(state_dir) else []:
        if f.endswith(".json") and TEST_NAMES.match(f[:-len(".json")] + "-"):
            path = os.path.join(state_dir, f)
            try:
                listed += [m["name"] for m in json.load(open(path))["made"]]
            except (OSError, ValueError, KeyError) as e:
                print(f"{path}: unreadable ({e}); down will say more")
            code, out, err = run([hpcpat, "cluster", "down"],
                                 env=dict(os.environ, HPCPAT_CLUSTER_STATE=path))
            print(f"down {f}: exit {code} {err.strip()}")
    left = [n for n in present() if n in listed]
    for name in left:  # the machine is left clean either way; the test still fails
        run(["ip", "netns", "delete", name])
        run(["ip", "link", "delete", "dev", name])
    if left:
        fail(f"the cluster tests left these behind, even after down: {left}")
    print(f"nothing left behind ({len(listed)} object(s) recorded by tests that did not finish)")


def main():
    if len(sys.argv) != 6:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    case, hpcpat, kernels, state_dir, flavour = sys.argv[1:]
    os.makedirs(state_dir, exist_ok=True)
    if case in ("profile2", "profile4"):
        case_profile(hpcpat, kernels, state_dir, int(case[-1]), flavour)
    elif case == "scale":
        case_scale(hpcpat, kernels, state_dir)
    elif case == "patterns":
        case_patterns(hpcpat, state_dir, flavour)
    elif case == "partial":
        case_partial(hpcpat, state_dir)
    elif case == "killed":
        case_killed(hpcpat, state_dir)
    elif case == "nonroot":
        case_nonroot(hpcpat, state_dir)
    elif case == "nocluster":
        case_nocluster(hpcpat, state_dir)
    elif case == "cleanup":
        case_cleanup(hpcpat, state_dir)
    else:
        fail(f"unknown case {case}")


if __name__ == "__main__":
    main()
