// The optional views of a summary, for what mpiP, IPM and mpitrace users look for beyond it: the
// per-rank table (mpiP's Task Time Statistics), message-size histograms per call with the time in
// each bin, and the communication matrix. Asked for with SummaryOptions::{ranks, histograms,
// matrix} (hpcpat show --ranks/--histograms/--matrix); in text and in JSON, the same rows.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "hpcpat/profile/profile.hpp"
#include "hpcpat/report/summary_reporter.hpp"

namespace hpcpat::report {

// The matrix is printed as two grids (messages, bytes) up to this many ranks (8 columns of 13
// characters stay within a 110-column terminal); beyond, and always in JSON, as its `--top`
// heaviest sender-receiver pairs. The profile itself holds at most HPCPAT_MATRIX_CAP pairs.
inline constexpr int kMaxGridRanks = 8;

void render_views_text(std::string &out, const profile::Profile &p, const SummaryOptions &options);
// Adds "rank_table", "histograms" and "matrix" (each only when asked for) to `doc`.
void add_views_json(nlohmann::ordered_json &doc, const profile::Profile &p,
                    const SummaryOptions &options);

}  // namespace hpcpat::report
