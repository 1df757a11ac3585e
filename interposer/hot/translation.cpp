// World-rank translation of communicator and window groups, cached per thread (record.hpp).
#include <new>

#include "record.hpp"

namespace hpcpat::pmpi {

namespace {

// Groups larger than this are translated rank by rank instead of cached whole (memory bound:
// kCachedGroups x 8 bytes x kMaxCachedSize = 8 MiB per thread at most, for 64 communicators of
// 16384 ranks or more each).
constexpr int kMaxCachedSize = 1 << 14;

int translate_one(MPI_Group group, int rank) noexcept {
  int world = MPI_UNDEFINED;
  if (PMPI_Group_translate_ranks(group, 1, &rank, g_world_group, &world) != MPI_SUCCESS) return -1;
  return world == MPI_UNDEFINED ? -1 : world;
}

// Translates `rank` of `group` and caches the whole group's translation under `key`.
int translate(ThreadState &s, std::uintptr_t key, bool is_win, MPI_Group group, int rank) noexcept {
  int size = 0;
  PMPI_Group_size(group, &size);
  if (rank >= size) return -1;
  if (size > kMaxCachedSize) return translate_one(group, rank);
  int *ranks = new (std::nothrow) int[2 * static_cast<std::size_t>(size)];
  if (ranks == nullptr) return translate_one(group, rank);
  int *world = ranks + size;
  for (int i = 0; i < size; ++i) ranks[i] = i;
  if (PMPI_Group_translate_ranks(group, size, ranks, g_world_group, world) != MPI_SUCCESS) {
    delete[] ranks;
    return -1;
  }
  for (int i = 0; i < size; ++i) {
    ranks[i] = world[i] == MPI_UNDEFINED ? -1 : world[i];  // compact into the first half
  }
  GroupTranslation &g = translation_slot(s, key, is_win);
  delete[] g.world;
  g.key = key;
  g.is_win = is_win;
  g.generation = freed_generation(key);
  g.size = size;
  g.world = ranks;
  return ranks[rank];
}

}  // namespace

int world_rank_comm_slow(ThreadState &s, MPI_Comm comm, int rank) noexcept {
  if (comm == MPI_COMM_NULL || g_world_group == MPI_GROUP_NULL) return -1;
  int inter = 0;
  PMPI_Comm_test_inter(comm, &inter);
  MPI_Group group = MPI_GROUP_NULL;
  const int rc = inter ? PMPI_Comm_remote_group(comm, &group) : PMPI_Comm_group(comm, &group);
  if (rc != MPI_SUCCESS) return -1;
  const int w = translate(s, handle_key(comm), false, group, rank);
  PMPI_Group_free(&group);
  return w;
}

int world_rank_win_slow(ThreadState &s, MPI_Win win, int rank) noexcept {
  if (win == MPI_WIN_NULL || g_world_group == MPI_GROUP_NULL) return -1;
  MPI_Group group = MPI_GROUP_NULL;
  if (PMPI_Win_get_group(win, &group) != MPI_SUCCESS) return -1;
  const int w = translate(s, handle_key(win), true, group, rank);
  PMPI_Group_free(&group);
  return w;
}

}  // namespace hpcpat::pmpi
