// The kernels' JSON document (schemas/kernels.v1.schema.json): run metadata of profile v1, the
// placement of every rank, the method (iteration plan, window, budget), one result per size, the
// call ledger per rank and in total, and the validation outcome.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "hpcpat/kernels/kernel_context.hpp"
#include "hpcpat/kernels/kernel_info.hpp"
#include "hpcpat/kernels/measurement.hpp"
#include "hpcpat/kernels/rank_report.hpp"

namespace hpcpat::kernels {

nlohmann::json json_report(const KernelInfo &info, const KernelOptions &options,
                           const nlohmann::json &run, const std::vector<SizeSummary> &rows,
                           const std::vector<RankReport> &ranks);

}  // namespace hpcpat::kernels
