// Each launcher builds exactly the argv it should; arguments pass through untouched, one element
// each, whatever characters they hold (no shell is ever involved).
#include <gtest/gtest.h>
#include <unistd.h>

#include <thread>

#include "hpcpat/base/input_error.hpp"
#include "hpcpat/launch/container_command.hpp"
#include "hpcpat/launch/flux_launcher.hpp"
#include "hpcpat/launch/mpirun_launcher.hpp"
#include "hpcpat/launch/srun_launcher.hpp"

namespace hpcpat::launch {
namespace {

using Argv = std::vector<std::string>;

// Arguments a shell would mangle: spaces, both quotes, $, ;, glob, backslash, newline, empty.
const Argv kNastyProgram = {"./app",      "a b", "it's",        "say \"hi\"",  "$HOME",
                            "x;rm -rf /", "*",   "back\\slash", "line\nbreak", ""};

LaunchRequest request(int ranks, std::optional<int> nodes = std::nullopt) {
  return LaunchRequest{ranks,
                       nodes,
                       {"./app", "-x", "1"},
                       {{"LD_PRELOAD", "/opt/lib/libhpcpat-pmpi.so"}, {"HPCPAT_TAGS", "a=1,b=2"}}};
}

Argv concat(Argv a, const Argv &b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

TEST(MpirunLauncher, OpenMpiAsRootOversubscribed) {
  MpirunLauncher l(MpiFlavour::openmpi, "/usr/bin/mpirun.openmpi", HostFacts{true, 2});
  LaunchCommand c = l.command(request(4));
  EXPECT_EQ(c.argv, (Argv{"/usr/bin/mpirun.openmpi", "--allow-run-as-root", "--oversubscribe",
                          "--noprefix", "-n", "4", "-x", "LD_PRELOAD=/opt/lib/libhpcpat-pmpi.so", "-x",
                          "HPCPAT_TAGS=a=1,b=2", "./app", "-x", "1"}));
  EXPECT_TRUE(c.launcher_env.empty());
  EXPECT_EQ(l.name(), "mpirun");
}

TEST(MpirunLauncher, OpenMpiAsUserWithinCoresNeedsNoExtraFlags) {
  MpirunLauncher l(MpiFlavour::openmpi, "mpirun", HostFacts{false, 2});
  EXPECT_EQ(l.command(request(2)).argv,
            (Argv{"mpirun", "--noprefix", "-n", "2", "-x", "LD_PRELOAD=/opt/lib/libhpcpat-pmpi.so", "-x",
                  "HPCPAT_TAGS=a=1,b=2", "./app", "-x", "1"}));
}

TEST(MpirunLauncher, OpenMpiSpreadsRanksOverNodes) {
  MpirunLauncher l(MpiFlavour::openmpi, "mpirun", HostFacts{false, 64});
  LaunchRequest r = request(5, 2);
  r.rank_env.clear();
  EXPECT_EQ(l.command(r).argv,
            (Argv{"mpirun", "--noprefix", "-n", "5", "--map-by", "ppr:3:node", "./app", "-x", "1"}));
}

TEST(MpirunLauncher, MpichUsesGenvWithSeparateNameAndValue) {
  MpirunLauncher l(MpiFlavour::mpich, "/usr/bin/mpiexec.mpich", HostFacts{true, 2});
  EXPECT_EQ(l.command(request(4)).argv, (Argv{"/usr/bin/mpiexec.mpich", "-n", "4", "-genv",
                                              "LD_PRELOAD", "/opt/lib/libhpcpat-pmpi.so", "-genv",
                                              "HPCPAT_TAGS", "a=1,b=2", "./app", "-x", "1"}));
  LaunchRequest r = request(4, 2);
  r.rank_env.clear();
  EXPECT_EQ(l.command(r).argv,
            (Argv{"/usr/bin/mpiexec.mpich", "-n", "4", "-ppn", "2", "./app", "-x", "1"}));
}

TEST(MpirunLauncher, ArgumentsAndValuesPassVerbatim) {
  LaunchRequest r{2, std::nullopt, kNastyProgram, {{"X", "a b;$y 'q' \"d\""}}};
  MpirunLauncher ompi(MpiFlavour::openmpi, "mpirun", HostFacts{false, 8});
  EXPECT_EQ(ompi.command(r).argv,
            concat({"mpirun", "--noprefix", "-n", "2", "-x", "X=a b;$y 'q' \"d\""}, kNastyProgram));
  MpirunLauncher mpich(MpiFlavour::mpich, "mpiexec", HostFacts{false, 8});
  EXPECT_EQ(mpich.command(r).argv,
            concat({"mpiexec", "-n", "2", "-genv", "X", "a b;$y 'q' \"d\""}, kNastyProgram));
}

TEST(FluxLauncher, Argv) {
  FluxLauncher l;
  EXPECT_EQ(l.name(), "flux");
  LaunchCommand c = l.command(request(8, 2));
  EXPECT_EQ(c.argv, (Argv{"flux", "run", "-N", "2", "-n", "8",
                          "--env=LD_PRELOAD=/opt/lib/libhpcpat-pmpi.so",
                          "--env=HPCPAT_TAGS=a=1,b=2", "./app", "-x", "1"}));
  EXPECT_TRUE(c.launcher_env.empty());
  LaunchRequest r{3, std::nullopt, kNastyProgram, {}};
  EXPECT_EQ(FluxLauncher("/opt/flux/bin/flux").command(r).argv,
            concat({"/opt/flux/bin/flux", "run", "-n", "3"}, kNastyProgram));
}

TEST(FluxLauncher, EveryOptionInItsPlace) {
  FluxOptions o;
  o.executable = "/opt/flux/bin/flux";
  o.mode = FluxOptions::Mode::submit;
  o.cores_per_task = 2;
  o.exclusive = true;
  o.time_limit_s = 90.5;
  o.cpu_affinity = "off";
  o.pmi = "pmix";
  o.user_attributes = {{"study", "s1"}, {"run", "minimd.size-8.n2.rep0"}};
  LaunchRequest r = request(8, 2);
  r.launcher_flags = {"--requires=host:node1"};
  EXPECT_EQ(FluxLauncher(o).command(r).argv,
            (Argv{"/opt/flux/bin/flux", "submit", "-N", "2", "-n", "8", "-c", "2", "--exclusive",
                  "-t", "90.5s", "-o", "cpu-affinity=off", "-o", "pmi=pmix",
                  "--setattr=user.study=s1", "--setattr=user.run=minimd.size-8.n2.rep0",
                  "--env=LD_PRELOAD=/opt/lib/libhpcpat-pmpi.so", "--env=HPCPAT_TAGS=a=1,b=2",
                  "--requires=host:node1", "./app", "-x", "1"}));
}

// Flux expands $NAME in --env values; a doubled '$' is a literal one (checked with flux-core
// 0.88: the ranks saw '$HOME/a' and '$(touch x)' verbatim).
TEST(FluxLauncher, DollarsInValuesReachTheRanksVerbatim) {
  LaunchRequest r{1, std::nullopt, {"./app"}, {{"X", "$HOME/a"}, {"Y", "$(touch x)${z}$$"}}};
  EXPECT_EQ(FluxLauncher().command(r).argv,
            (Argv{"flux", "run", "-n", "1", "--env=X=$$HOME/a", "--env=Y=$$(touch x)$${z}$$$$",
                  "./app"}));
}

TEST(FluxLauncher, DurationsInFluxSyntax) {
  EXPECT_EQ(flux_duration(30), "30s");
  EXPECT_EQ(flux_duration(0.25), "0.25s");
  EXPECT_EQ(flux_duration(3600), "3600s");
  EXPECT_THROW(flux_duration(0), InputError);
  EXPECT_THROW(flux_duration(-1), InputError);
}

TEST(FluxLauncher, AttributesThatFluxWouldReadOtherwiseAreRefused) {
  FluxOptions o;
  o.user_attributes = {{"study", "a b"}};
  EXPECT_THROW(FluxLauncher(o).command(request(1, 1)), InputError);
  o.user_attributes = {{"st=udy", "a"}};
  EXPECT_THROW(FluxLauncher(o).command(request(1, 1)), InputError);
}

TEST(SrunLauncher, ValuesWithCommasGoThroughSrunsEnvironment) {
  SrunLauncher l;
  EXPECT_EQ(l.name(), "srun");
  LaunchCommand c = l.command(request(8, 2));
  EXPECT_EQ(c.argv,
            (Argv{"srun", "-N", "2", "-n", "8",
                  "--export=ALL,LD_PRELOAD=/opt/lib/libhpcpat-pmpi.so", "./app", "-x", "1"}));
  EXPECT_EQ(c.launcher_env, (std::vector<EnvVar>{{"HPCPAT_TAGS", "a=1,b=2"}}));
  LaunchRequest r{1, std::nullopt, kNastyProgram, {}};
  EXPECT_EQ(l.command(r).argv, concat({"srun", "-n", "1", "--export=ALL"}, kNastyProgram));
}

TEST(SrunLauncher, RefusesAPreloadItCannotKeepOutOfSrun) {
  LaunchRequest r{2, std::nullopt, {"./app"}, {{"LD_PRELOAD", "/a.so,/b.so"}}};
  try {
    SrunLauncher().command(r);
    FAIL() << "expected InputError";
  } catch (const InputError &e) {
    EXPECT_EQ(std::string(e.what()),
              "srun: LD_PRELOAD='/a.so,/b.so': srun --export cannot carry a value with ',' and "
              "LD_PRELOAD must not be set in srun's own environment; expected a value without "
              "','");
  }
}

std::string request_error(const LaunchRequest &r) {
  try {
    FluxLauncher().command(r);
  } catch (const InputError &e) {
    return e.what();
  }
  return "(no error)";
}

TEST(LaunchRequest, BadRequestsAreInputErrors) {
  EXPECT_EQ(request_error({0, std::nullopt, {"./a"}, {}}),
            "flux: ranks: expected an integer >= 1, got 0");
  EXPECT_EQ(request_error({2, 3, {"./a"}, {}}),
            "flux: nodes: expected an integer in [1, 2] (at most one node per rank), got 3");
  EXPECT_EQ(request_error({2, std::nullopt, {}, {}}), "flux: no program to run");
  EXPECT_EQ(request_error({2, std::nullopt, {"./a"}, {{"1X", "v"}}}),
            "flux: environment variable name '1X': expected letters, digits and '_', not "
            "starting with a digit");
  EXPECT_EQ(request_error({2, std::nullopt, {"./a"}, {{"A=B", "v"}}}),
            "flux: environment variable name 'A=B': expected letters, digits and '_', not "
            "starting with a digit");
}

TEST(MpiFlavour, ParsesAndNamesTheFlag) {
  EXPECT_EQ(parse_flavour("mpich", "--mpi"), MpiFlavour::mpich);
  EXPECT_EQ(parse_flavour("openmpi", "--mpi"), MpiFlavour::openmpi);
  try {
    parse_flavour("intel", "--mpi");
    FAIL() << "expected InputError";
  } catch (const InputError &e) {
    EXPECT_EQ(std::string(e.what()), "--mpi: expected openmpi or mpich, got 'intel'");
  }
}

TEST(HostFacts, DetectsThisMachine) {
  HostFacts f = HostFacts::detect();
  EXPECT_EQ(f.is_root, geteuid() == 0);
  EXPECT_GE(f.cores, 1);
  EXPECT_LE(f.cores, static_cast<int>(std::thread::hardware_concurrency()));
}

// A run in a container: the host's network and IPC, the run's folder bound at the same path and
// made the working folder, the environment set inside, the runtime's own flags before the image,
// and the command after it, each argument untouched.
TEST(ContainerArgv, PodmanAndApptainer) {
  ContainerInvocation c;
  c.runtime = "podman";
  c.image = "localhost/hpcpat:ompi";
  c.options = {"--runtime=runc"};
  c.workdir = "/r/s/run 1";
  c.env = {{"OMPI_ALLOW_RUN_AS_ROOT", "1"}, {"X", "a b"}};
  c.command = kNastyProgram;
  EXPECT_EQ(container_argv(c),
            concat({"podman", "run", "--rm", "--network=host", "--ipc=host", "--uts=host", "-v",
                    "/r/s/run 1:/r/s/run 1", "-w", "/r/s/run 1", "-e", "OMPI_ALLOW_RUN_AS_ROOT=1",
                    "-e", "X=a b", "--runtime=runc", "localhost/hpcpat:ompi"},
                   kNastyProgram));
  c.runtime = "apptainer";
  c.image = "/images/h.sif";
  c.options = {};
  EXPECT_EQ(container_argv(c),
            concat({"apptainer", "exec", "--bind", "/r/s/run 1", "--pwd", "/r/s/run 1", "--env",
                    "OMPI_ALLOW_RUN_AS_ROOT=1", "--env", "X=a b", "/images/h.sif"},
                   kNastyProgram));
  c.image = "--privileged";
  EXPECT_THROW(container_argv(c), std::invalid_argument);
  c.image = "x";
  c.runtime = "docker";
  EXPECT_THROW(container_argv(c), std::invalid_argument);
}

}  // namespace
}  // namespace hpcpat::launch
