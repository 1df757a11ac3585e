// The mpiP-like text summary of a profile: run line, MPI share per rank, top calls by time,
// category shares, regions, notes and where the profile is. A pure function of its inputs.
#pragma once

#include <string>

#include "hpcpat/profile/profile.hpp"
#include "hpcpat/report/summary_reporter.hpp"

namespace hpcpat::report {

// The profile path, when given, is printed last.
std::string render_summary(const profile::Profile &p, const SummaryOptions &options);

using TextReporter = RenderingReporter<render_summary>;

}  // namespace hpcpat::report
