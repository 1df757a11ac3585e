// The topology we load counts this node's objects and never moves the calling thread. hwloc's x86
// backend binds the thread to every PU in turn to run cpuid there; this test executable defines
// sched_setaffinity itself (the dynamic linker binds hwloc's calls to it) and counts the calls.
#include "hpcpat/topology/loaded_topology.hpp"

#include <gtest/gtest.h>
#include <sched.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>

namespace {
std::atomic<int> setaffinity_calls{0};
}

extern "C" int sched_setaffinity(pid_t pid, size_t size, const cpu_set_t *set) {
  ++setaffinity_calls;
  return static_cast<int>(syscall(SYS_sched_setaffinity, pid, size, set));
}

namespace {

TEST(LoadedTopology, CountsThisNode) {
  const hpcpat::topology::LoadedTopology topology;
  ASSERT_TRUE(topology.ok());
  cpu_set_t allowed;
  ASSERT_EQ(sched_getaffinity(0, sizeof allowed, &allowed), 0);
  EXPECT_GE(topology.count(HWLOC_OBJ_PU), CPU_COUNT(&allowed));
  EXPECT_GE(topology.count(HWLOC_OBJ_CORE), 1);
  EXPECT_LE(topology.count(HWLOC_OBJ_CORE), topology.count(HWLOC_OBJ_PU));
  EXPECT_GE(topology.count(HWLOC_OBJ_PACKAGE), 1);
}

TEST(LoadedTopology, NeverRebindsTheCallingThread) {
  setaffinity_calls = 0;
  const hpcpat::topology::LoadedTopology topology;
  ASSERT_TRUE(topology.ok());
  EXPECT_EQ(setaffinity_calls.load(), 0);
}

// The test above can fail: where hwloc has the x86 backend, a plain load rebinds the thread.
TEST(LoadedTopology, PlainLoadRebindsWhereX86BackendRuns) {
  setaffinity_calls = 0;
  hwloc_topology_t plain;
  ASSERT_EQ(hwloc_topology_init(&plain), 0);
  ASSERT_EQ(hwloc_topology_load(plain), 0);
  hwloc_topology_destroy(plain);
  if (setaffinity_calls.load() == 0) GTEST_SKIP() << "this hwloc does not rebind (no x86 backend)";
  SUCCEED() << setaffinity_calls.load() << " sched_setaffinity calls in a plain load";
}

}  // namespace
