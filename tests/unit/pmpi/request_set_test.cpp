#include <gtest/gtest.h>

#include <random>
#include <set>

#include "requests.hpp"

namespace hpcpat::pmpi {
namespace {

TrackedRequest req(std::uintptr_t key, ReqKind kind = ReqKind::recv) {
  TrackedRequest t;
  t.key = key;
  t.kind = kind;
  return t;
}

TEST(RequestSet, PutFindEraseAndReplace) {
  RequestSet s;
  EXPECT_TRUE(s.empty());
  EXPECT_EQ(s.find(42), nullptr);
  ASSERT_TRUE(s.put(req(42)));
  ASSERT_NE(s.find(42), nullptr);
  EXPECT_EQ(s.find(42)->kind, ReqKind::recv);
  TrackedRequest p = req(42, ReqKind::persistent_send);
  p.bytes = 96;
  p.world_peer = 3;
  ASSERT_TRUE(s.put(p));  // same handle again: replaced, not duplicated
  EXPECT_EQ(s.size(), 1u);
  EXPECT_EQ(s.find(42)->bytes, 96u);
  EXPECT_EQ(s.find(42)->world_peer, 3);
  s.erase(42);
  EXPECT_EQ(s.find(42), nullptr);
  EXPECT_TRUE(s.empty());
  s.erase(42);  // absent: no-op
  EXPECT_TRUE(s.empty());
}

// Backward-shift deletion must keep every remaining key reachable, whatever the collisions.
TEST(RequestSet, RandomChurnMatchesAStdSet) {
  RequestSet s;
  std::set<std::uintptr_t> truth;
  std::mt19937_64 rng(7);
  for (int i = 0; i < 200000; ++i) {
    const std::uintptr_t key = 1 + rng() % 3000;  // dense keys: many collisions
    if (rng() % 2 == 0 && truth.size() < RequestSet::kLimit) {
      ASSERT_TRUE(s.put(req(key)));
      truth.insert(key);
    } else {
      s.erase(key);
      truth.erase(key);
    }
    ASSERT_EQ(s.size(), truth.size());
  }
  for (std::uintptr_t k = 1; k <= 3000; ++k) {
    EXPECT_EQ(s.find(k) != nullptr, truth.count(k) == 1) << k;
  }
}

TEST(RequestSet, BoundedWhenFull) {
  RequestSet s;
  for (std::uintptr_t k = 1; k <= RequestSet::kLimit; ++k) ASSERT_TRUE(s.put(req(k * 8)));
  EXPECT_FALSE(s.put(req(999999)));  // full: refused, so the caller counts it as untracked
  EXPECT_TRUE(s.put(req(8)));        // an existing key can still be updated
  EXPECT_EQ(s.size(), RequestSet::kLimit);
}

TEST(RequestSet, HandleKeysAreNeverZero) {
  EXPECT_NE(handle_key(0), 0u);  // integer handles (MPICH) are offset
  int x = 0;
  EXPECT_EQ(handle_key(&x), reinterpret_cast<std::uintptr_t>(&x));
}

}  // namespace
}  // namespace hpcpat::pmpi
