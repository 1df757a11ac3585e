// A profile in Caliper's json-split format, the one Hatchet's and Thicket's CaliperReader load
// (`hatchet.GraphFrame.from_caliper(file)`, `thicket.Thicket.from_caliperreader([files])`), so
// a study's profiles go into those tools unchanged. The document has four sections and the run's
// metadata beside them:
//
//   "nodes":   the call tree, {"label", "column": "path", "parent": index} (no parent: a root).
//              One root, the program (its exclusive time is the time outside MPI), and one child
//              per MPI routine any rank called.
//   "columns": "path" (an index into nodes), "mpi.rank", "sum#time.duration" (exclusive seconds,
//              Hatchet's `time`), "inclusive#sum#time.duration" (`time (inc)`), "count" (calls;
//              1 for the program), "sum#mpi.msg.size" (bytes the calls moved, as the profile
//              counts them).
//   "column_metadata": {"is_value": bool} per column: the path is a reference, the rest values.
//   "data":    one row per (node, rank) the rank had, in column order.
//   Every other top-level key is run metadata (Thicket's metadata table): the run id, app,
//   command, launcher, MPI library, ranks ("mpi.world.size"), nodes ("numhosts", adiak's name),
//   timer, tags ("tag.<name>"), and what the caller adds (a study's case and parameters).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "hpcpat/profile/profile.hpp"
#include "hpcpat/report/summary_reporter.hpp"

namespace hpcpat::report {

// The document; `metadata` (a JSON object of scalars) is merged into the top level after the
// profile's own keys. Keys that would replace a section are refused (std::invalid_argument).
nlohmann::json caliper_split(const profile::Profile &p,
                             const nlohmann::json &metadata = nlohmann::json::object());

// As text ending in a newline, for the reporter seam (`hpcpat show --caliper`).
std::string render_caliper_split(const profile::Profile &p, const SummaryOptions &options);

using CaliperReporter = RenderingReporter<render_caliper_split>;

}  // namespace hpcpat::report
