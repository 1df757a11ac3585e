// What this rank claims to have issued: how many calls of each MPI routine and how many bytes
// they carried. The kernels add whole loops at once (calls x bytes per call, computed from the
// loop's structure), never on the hot path. The JSON reports the ledger per rank and in total so
// that a checker can compare it exactly with the interposer's profile of the same run: every
// communication call the program makes, including its own control and reporting traffic, is in
// the ledger. Byte counts follow the interposer's convention (interposer/gen/mpi_calls.tbl):
//   sends and blocking receives count their message; MPI_Irecv counts 0 and the bytes it receives
//   are counted by the MPI_Wait/MPI_Waitall that completes it; collectives count what this rank
//   sends (Bcast: the message on every rank; Scatter: the root's whole buffer, 0 elsewhere;
//   Alltoall: sendcount x ranks; Reduce_scatter: the whole vector).
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace hpcpat::kernels {

enum class Routine : int {
  send,
  recv,
  isend,
  irecv,
  wait,
  waitall,
  barrier,
  bcast,
  reduce,
  allreduce,
  allgather,
  allgatherv,
  alltoall,
  alltoallv,
  reduce_scatter,
  gather,
  gatherv,
  scatter,
  scatterv,
  iallreduce,
  ialltoall,
  count_  // number of routines
};

inline constexpr int kNumRoutines = static_cast<int>(Routine::count_);

std::string_view routine_name(Routine r);  // "MPI_Allreduce"

struct RoutineTally {
  std::uint64_t calls = 0;
  std::uint64_t bytes = 0;
};

class CallLedger {
 public:
  void add(Routine r, std::uint64_t calls, std::uint64_t bytes_per_call) {
    auto &t = tallies_[static_cast<int>(r)];
    t.calls += calls;
    t.bytes += calls * bytes_per_call;
  }
  const RoutineTally &operator[](Routine r) const { return tallies_[static_cast<int>(r)]; }
  const RoutineTally &at(int index) const { return tallies_[index]; }

 private:
  std::array<RoutineTally, kNumRoutines> tallies_{};
};

}  // namespace hpcpat::kernels
