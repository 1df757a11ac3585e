// The per-thread cache of rank translations (record.hpp): a program's working set of
// communicators stays cached, and freeing one handle drops its entry only.
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "record.hpp"

namespace hpcpat::pmpi {
namespace {

// Handles as Open MPI hands them out: heap objects a few hundred bytes apart.
std::uintptr_t handle(int i) {
  return 0x5555'5a00'0000ull + static_cast<std::uintptr_t>(i) * 0x1b0;
}

void fill(ThreadState &s, std::uintptr_t key, int *world) {
  GroupTranslation &g = translation_slot(s, key, false);
  g.key = key;
  g.is_win = 0;
  g.generation = freed_generation(key);
  g.size = 2;
  g.world = world;
}

TEST(TranslationCache, ARoundRobinOverTwelveCommunicatorsHitsAfterTheFirstRound) {
  ThreadState s;
  int world[2] = {7, 9};
  for (int i = 0; i < 12; ++i) fill(s, handle(i), world);
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 12; ++i) {
      EXPECT_EQ(cached_world_rank(s, handle(i), false, 1), 9) << "communicator " << i;
    }
  }
  for (GroupTranslation &g : s.groups) g.world = nullptr;  // not owned here
}

TEST(TranslationCache, FreeingOneHandleDropsItsEntryOnly) {
  ThreadState s;
  int world[2] = {3, 4};
  for (int i = 0; i < 6; ++i) fill(s, handle(100 + i), world);
  handle_freed(handle(102));
  EXPECT_EQ(cached_world_rank(s, handle(102), false, 0), -2);  // a new communicator may be here
  for (int i : {100, 101, 103, 104, 105}) {
    EXPECT_EQ(cached_world_rank(s, handle(i), false, 0), 3) << "communicator " << i;
  }
  fill(s, handle(102), world);  // refilled in its own slot, current again
  EXPECT_EQ(cached_world_rank(s, handle(102), false, 1), 4);
  for (GroupTranslation &g : s.groups) g.world = nullptr;
}

TEST(TranslationCache, AWindowAndACommunicatorAtTheSameAddressAreTwoEntries) {
  ThreadState s;
  int comm_world[2] = {0, 1}, win_world[2] = {5, 6};
  fill(s, handle(200), comm_world);
  GroupTranslation &w = translation_slot(s, handle(200), true);
  w = GroupTranslation{handle(200), freed_generation(handle(200)), 1, 2, win_world};
  EXPECT_EQ(cached_world_rank(s, handle(200), false, 1), 1);
  EXPECT_EQ(cached_world_rank(s, handle(200), true, 1), 6);
  for (GroupTranslation &g : s.groups) g.world = nullptr;
}

}  // namespace
}  // namespace hpcpat::pmpi
