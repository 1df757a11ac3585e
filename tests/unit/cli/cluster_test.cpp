// Emulated nodes as data: the mpirun argv that reaches them through the rsh agent (both flavours,
// from mpi_flavours.json), the requests a launcher refuses, the cluster plan's names and
// addresses, its bad inputs, and the state file's round trip. The real namespaces, runs and
// teardown are tests/e2e/cluster (root only).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "hpcpat/base/input_error.hpp"
#include "hpcpat/cluster/cluster_state.hpp"
#include "hpcpat/cluster/rsh_agent.hpp"
#include "hpcpat/launch/captured_process.hpp"
#include "hpcpat/launch/flux_launcher.hpp"
#include "hpcpat/launch/mpirun_launcher.hpp"

namespace hpcpat {
namespace {
namespace fs = std::filesystem;
using Argv = std::vector<std::string>;
using launch::LaunchRequest;
using launch::MpiFlavour;
using launch::MpirunLauncher;

LaunchRequest remote_request(int ranks, int nodes) {
  const cluster::ClusterState plan = cluster::plan_cluster(nodes, "hpcpat", "10.213.0.0/24", "");
  cluster::ClusterState up = plan;
  up.complete = true;
  LaunchRequest r{ranks, nodes, {"./app"}, {{"A", "1"}}};
  r.remote = cluster::remote_nodes(up, nodes, "/opt/bin/hpcpat-rsh");
  return r;
}

std::string input_error(const std::function<void()> &f) {
  try {
    f();
  } catch (const InputError &e) {
    return e.what();
  }
  return "(no error)";
}

TEST(ClusterLaunch, OpenMpiReachesTheNodesThroughTheAgentOverTcpOnTheirNetwork) {
  MpirunLauncher l(MpiFlavour::openmpi, "mpirun", launch::HostFacts{false, 64});
  EXPECT_EQ(l.command(remote_request(4, 2)).argv,
            (Argv{"mpirun", "--noprefix", "-n", "4", "--map-by", "ppr:2:node", "--host",
                  "node1:2,node2:2", "--mca", "plm_rsh_agent", "/opt/bin/hpcpat-rsh", "--mca",
                  "btl_tcp_if_include", "10.213.0.0/24", "--mca", "oob_tcp_if_include",
                  "10.213.0.0/24", "--mca", "pml", "ob1", "--mca", "btl", "self,vader,tcp",
                  "--mca", "mpi_yield_when_idle", "1", "-x", "A=1", "./app"}));
}

TEST(ClusterLaunch, MpichHydraStartsItsProxiesThroughTheAgentAndIsCalledBackOnTheBridge) {
  MpirunLauncher l(MpiFlavour::mpich, "mpiexec", launch::HostFacts{true, 2});
  EXPECT_EQ(l.command(remote_request(4, 4)).argv,
            (Argv{"mpiexec", "-n", "4", "-ppn", "1", "-hosts", "node1:1,node2:1,node3:1,node4:1",
                  "-launcher", "rsh", "-launcher-exec", "/opt/bin/hpcpat-rsh", "-localhost",
                  "10.213.0.1", "-genv", "A", "1", "./app"}));
}

TEST(ClusterLaunch, RequestsALauncherCannotHonourAreInputErrors) {
  LaunchRequest r = remote_request(2, 2);
  EXPECT_EQ(input_error([&] { launch::FluxLauncher("flux").command(r); }),
            "flux: nodes reached through an rsh agent (--cluster): expected the mpirun launcher");
  MpirunLauncher l(MpiFlavour::openmpi, "mpirun", launch::HostFacts{false, 64});
  r.nodes = 1;
  EXPECT_EQ(input_error([&] { l.command(r); }),
            "mpirun: remote hosts: expected one host per node (1 nodes, 2 hosts)");
  r.nodes = 2;
  r.remote->rsh_agent = "/opt/my bin/hpcpat-rsh";
  EXPECT_EQ(input_error([&] { l.command(r); }),
            "mpirun: rsh agent '/opt/my bin/hpcpat-rsh': expected the path of one executable, "
            "without white space");
}

TEST(ClusterPlan, NamesAndAddressesFollowFromNameAndNetwork) {
  const cluster::ClusterState s = cluster::plan_cluster(3, "hpt12", "10.9.8.0/24", "1gbit");
  EXPECT_EQ(s.bridge, "hpt12-br0");
  EXPECT_EQ(s.bridge_address, "10.9.8.1");
  EXPECT_EQ(s.link_rate, "1gbit");
  ASSERT_EQ(s.nodes.size(), 3u);
  EXPECT_EQ(s.nodes[2], (cluster::Node{"node3", "hpt12-node3", "hpt12-3", "10.9.8.13"}));
  EXPECT_FALSE(s.complete);
  EXPECT_TRUE(s.made.empty());
  EXPECT_DOUBLE_EQ(cluster::link_rate_bits("200mbit"), 200e6);
  EXPECT_DOUBLE_EQ(cluster::link_rate_bits("1.5gbit"), 1.5e9);
}

TEST(ClusterPlan, BadValuesNameTheFlag) {
  auto plan = [](int n, const char *name, const char *net, const char *rate) {
    return input_error([&] { cluster::plan_cluster(n, name, net, rate); });
  };
  EXPECT_EQ(plan(0, "hpcpat", "10.213.0.0/24", ""), "--nodes 0: expected an integer in [1, 64]");
  EXPECT_EQ(plan(65, "hpcpat", "10.213.0.0/24", ""), "--nodes 65: expected an integer in [1, 64]");
  EXPECT_EQ(plan(2, "a;b", "10.213.0.0/24", ""),
            "--name 'a;b': expected 1-10 characters of [a-z0-9] starting with a letter (link "
            "names are made from it and the kernel allows 15 characters)");
  EXPECT_NE(plan(2, "abcdefghijk", "10.213.0.0/24", "").find("--name 'abcdefghijk'"),
            std::string::npos);
  EXPECT_EQ(plan(2, "hpcpat", "192.168.1.0/24", ""),
            "--network '192.168.1.0/24': expected a /24 of the private range 10.0.0.0/8, as "
            "10.X.Y.0/24");
  EXPECT_NE(plan(2, "hpcpat", "10.256.0.0/24", "").find("--network"), std::string::npos);
  EXPECT_EQ(plan(2, "hpcpat", "10.213.0.0/24", "fast"),
            "--link-rate 'fast': expected a rate from 8kbit to 100gbit as a number and one of "
            "bit, kbit, mbit, gbit (tc's units), e.g. 1gbit");
  EXPECT_NE(plan(2, "hpcpat", "10.213.0.0/24", "1gbit;reboot").find("--link-rate"),
            std::string::npos);
  for (const char *net : {"10.1.2.0/24x", "10.1.2.3/24", "10.1.2.0/16", "10.1234.2.0/24",
                          "10..2.0/24", "x10.1.2.0/24"}) {
    EXPECT_NE(plan(2, "hpcpat", net, "").find("--network"), std::string::npos) << net;
  }
  for (const char *rate : {".5gbit", "1.gbit", "1..5gbit", "5Gbit", "1gbitx", "mbit", "7kbit"}) {
    EXPECT_NE(plan(2, "hpcpat", "10.213.0.0/24", rate).find("--link-rate"), std::string::npos)
        << rate;
  }
  for (const char *name : {"", "1abc", "Abc", "ab-c"}) {
    EXPECT_NE(plan(2, name, "10.213.0.0/24", "").find("--name"), std::string::npos) << name;
  }
}

TEST(ClusterState, RoundTripsThroughItsFileAndNamesABadField) {
  const fs::path dir = fs::temp_directory_path() / ("hpcpat-cluster-" + std::to_string(getpid()));
  const fs::path file = dir / "sub" / "cluster.json";  // the directory is made when missing
  cluster::ClusterState s = cluster::plan_cluster(2, "hpt1", "10.213.5.0/24", "200mbit");
  s.made = {{"link", "hpt1-br0"}, {"netns", "hpt1-node1"}};
  cluster::write_state(file, s);
  const std::optional<cluster::ClusterState> back = cluster::read_state(file);
  ASSERT_TRUE(back);
  EXPECT_TRUE(cluster::same_layout(*back, s));
  EXPECT_EQ(back->made, s.made);
  EXPECT_FALSE(back->complete);
  EXPECT_FALSE(cluster::read_state(dir / "none.json"));
  std::ofstream(file) << R"({"schema": "hpcpat.cluster.v1", "name": 3})";
  EXPECT_NE(input_error([&] { cluster::read_state(file); }).find("field 'name'"),
            std::string::npos);
  fs::remove_all(dir);
}

TEST(ClusterState, RemoteNodesNeedACompleteClusterWithEnoughNodes) {
  cluster::ClusterState s = cluster::plan_cluster(2, "hpcpat", "10.213.0.0/24", "");
  EXPECT_NE(input_error([&] { cluster::remote_nodes(s, 2, "a"); }).find("did not finish"),
            std::string::npos);
  s.complete = true;
  EXPECT_EQ(input_error([&] { cluster::remote_nodes(s, 3, "a"); }),
            "-N 3: expected 1 to 2, the nodes of the cluster that is up");
  const launch::RemoteNodes r = cluster::remote_nodes(s, 1, "/a/hpcpat-rsh");
  EXPECT_EQ(r.hosts, (Argv{"node1"}));
  EXPECT_EQ(r.network, "10.213.0.0/24");
  EXPECT_EQ(r.launcher_address, "10.213.0.1");
}

TEST(CapturedProcess, KeepsBothStreamsAndTheStatusWithoutAShell) {
  const launch::CapturedProcess p =
      launch::run_captured({"sh", "-c", "echo out; echo err >&2; exit 3", "$(true)"});
  EXPECT_EQ(p.exit_code, 3);
  EXPECT_FALSE(p.signal);
  EXPECT_EQ(p.out, "out\n");
  EXPECT_EQ(p.err, "err\n");
  EXPECT_FALSE(p.ok());
  const launch::CapturedProcess echo = launch::run_captured({"echo", "a b", "$(id)"});
  EXPECT_EQ(echo.out, "a b $(id)\n");  // each element one argument, nothing expanded
  EXPECT_TRUE(echo.ok());
  const launch::CapturedProcess missing = launch::run_captured({"hpcpat-no-such-program"});
  EXPECT_EQ(missing.exit_code, 127);
  EXPECT_EQ(missing.err, "hpcpat-no-such-program: No such file or directory");
}

}  // namespace
}  // namespace hpcpat
