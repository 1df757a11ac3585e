// The partial per-rank profile written when a run ends without MPI_Finalize: MPI_Abort in the app,
// SIGTERM/SIGINT (a launcher's timeout), or exit() without MPI_Finalize. Same shape as a full profile with "complete": false,
// run.exit filled and `ranks` holding only this rank; no collective is involved, so a dump never
// waits for another rank.
//
// Async-signal-safety, honestly: everything variable-sized was formatted at MPI_Init
// (run metadata, notes) and the storage (snapshot, record, output buffer) allocated there. The
// dump itself only merges the fixed tables, formats numbers with std::to_chars into the
// preallocated buffer (allocation- and lock-free in libstdc++, though not on POSIX's list) and
// writes with open/write/fsync/rename (on POSIX's list). The hot path may be writing the tables
// while we read: counts can be off by the calls in flight.
#pragma once

namespace hpcpat::pmpi::report {

struct ExitInfo {
  const char *status;  // "aborted", "signal" or "exited" (without MPI_Finalize)
  bool has_code;
  int code;    // MPI_Abort's errorcode, or the exit status
  int signal;  // 0: none
};

// Returns true when the file was written. Only the first call per process dumps.
bool write_partial_dump(const ExitInfo &exit) noexcept;

// Bytes the dump buffer needs in the worst case, given the preformatted fragments' sizes.
unsigned long partial_dump_capacity(unsigned long fragments_size,
                                    unsigned long peer_cells) noexcept;

}  // namespace hpcpat::pmpi::report
