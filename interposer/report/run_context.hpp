// What the report keeps between MPI_Init and MPI_Finalize (or a fault): who we are, when the app
// window began, where to write, the metadata gathered at MPI_Init, and the storage the fault paths
// use, allocated up front because a signal handler must not allocate.
#pragma once

#include <mpi.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "hpcpat/base/atomic_file.hpp"
#include "rank_wire_record.hpp"

namespace hpcpat::pmpi::report {

enum class Phase : int {
  off = 0,         // before MPI_Init, or the profiler is disabled, or on_init failed
  running = 1,     // between MPI_Init and MPI_Finalize
  finalizing = 2,  // inside on_finalize: the full profile is on its way
  done = 3,        // a profile or a partial dump was written (or given up): nothing more to do
};

struct RunContext {
  std::atomic<int> phase{static_cast<int>(Phase::off)};
  std::atomic<bool> fault_dump_taken{false};  // the first fault path wins, later ones skip

  int rank = 0;
  int size = 1;
  int thread_level = MPI_THREAD_SINGLE;
  MPI_Comm comm = MPI_COMM_NULL;  // private PMPI_Comm_dup of MPI_COMM_WORLD
  Ticks init_ticks = 0;
  double seconds_per_tick = 0.0;  // set at MPI_Finalize, after the timer froze its calibration
  std::uint32_t matrix_cap = 0;
  char host[kHostMax] = {};

  std::string output_path;         // the full profile (rank 0)
  std::string partial_path;        // this rank's partial dump
  base::Replace replace = base::Replace::never;  // HPCPAT_OVERWRITE=1: regular_file
  nlohmann::json run_static;       // run.* known at MPI_Init (same on every rank but command)
  std::string run_members;         // run_static as `"k":v,...` without braces, for partial dumps
  std::vector<std::string> notes;  // problems met at MPI_Init (bad environment values, ...)
  std::string notes_members;       // notes as `"a","b"` for partial dumps

  // Fault-path storage (allocated in on_init).
  std::unique_ptr<RankSnapshot> fault_snapshot;
  std::unique_ptr<MergedPeer[]> fault_peers;
  std::unique_ptr<RankWireRecord> fault_record;
  std::unique_ptr<char[]> fault_buffer;
  std::size_t fault_buffer_size = 0;
};

RunContext &context() noexcept;

inline Phase phase() noexcept {
  return static_cast<Phase>(context().phase.load());
}
inline void set_phase(Phase p) noexcept {
  context().phase.store(static_cast<int>(p));
}

}  // namespace hpcpat::pmpi::report
