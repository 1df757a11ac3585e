// One run from the partial dumps of its ranks (docs/profile-format.md, "Partial dumps"): a run that
// ended without MPI_Finalize leaves one `<stem>.rank<N>.partial.json` per rank that could write
// one, and each alone tells only that rank's story (rank 0 "killed by signal 15" while rank 1
// called MPI_Abort(7)). Merged, the summary covers every rank read and the run's exit is the one
// that started the end.
#pragma once

#include <string>
#include <vector>

#include "hpcpat/profile/profile.hpp"

namespace hpcpat::profile {

struct SourcedProfile {
  std::string source;  // the file it was read from, for messages
  Profile profile;
};

// Merges partial dumps (complete: false) of one run into one partial profile over the ranks read.
// Throws InputError (exit 2) when the dumps come from different runs (run.id or run.ranks differ)
// or two hold the same rank, naming both files. Figures are recomputed over the ranks read: calls'
// min/max/mean/cov, the summary's fractions, categories and imbalance, exactly as the interposer
// defines them over a run's ranks. The run's exit is the first cause found among the ranks:
// `aborted` (MPI_Abort) before `exited` (exit without MPI_Finalize) before `signal` (what the
// launcher sends the others), the lowest rank on ties. A note lists the ranks read and missing.
Profile merge_partials(std::vector<SourcedProfile> parts);

// The world rank whose own end is the run's exit (for "aborted, code 7, on rank 1"): the lowest
// rank record with that exit, or none (a complete profile).
const RankEntry *exit_rank(const Profile &p);

}  // namespace hpcpat::profile
