// The profile's `callsites` section (mpiP's callsite tables): at MPI_Finalize every rank merges
// its threads' site tables (hot/site_table.hpp), resolves each frame where it was recorded (its
// own address space: site_resolver.hpp) to module+offset, function, file and line, and sends the
// result to rank 0, which merges sites with the same call and frames over ranks.
#pragma once

#include <mpi.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace hpcpat::pmpi::report {

// A rank keeps at most this many sites (its heaviest by time) for rank 0; the rest are folded
// into its "other" bucket, so rank 0 receives O(ranks x this) sites whatever the cap.
inline constexpr std::size_t kMaxSitesPerRank = 256;

// Collective over `comm` (every rank calls it when HPCPAT_CALLSITES is on). `mpi_s` is this
// rank's MPI time in the app window. On rank 0 fills `section` and appends to `notes`; returns
// what failed ("" on success).
std::string gather_callsites(MPI_Comm comm, double seconds_per_tick, double mpi_s,
                             nlohmann::json &section, std::vector<std::string> &notes) noexcept;

}  // namespace hpcpat::pmpi::report
