// The profile summary as one JSON document (schemas/summary.v1.schema.json): the facts of the text
// summary (run, wall time, ranks and nodes, MPI fraction over ranks, imbalance, top calls,
// categories, regions, notes, partial flag) for scripts, which thus never re-derive them from the
// raw profile. `hpcpat show --json` prints it.
#pragma once

#include <string>

#include "hpcpat/profile/profile.hpp"
#include "hpcpat/report/summary_reporter.hpp"

namespace hpcpat::report {

// Indented JSON ending in a newline; "profile" is null when options.profile_path is empty.
std::string render_summary_json(const profile::Profile &p, const SummaryOptions &options);

using JsonReporter = RenderingReporter<render_summary_json>;

}  // namespace hpcpat::report
