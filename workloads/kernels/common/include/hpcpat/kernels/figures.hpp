// Figures derived from a size's timing summary, shared by the table and the JSON so both always
// say the same thing: bandwidth (MB/s = 1e6 bytes/s, OSU's unit), message rate, bus bandwidth.
#pragma once

#include <optional>

#include "hpcpat/kernels/bus_bandwidth.hpp"
#include "hpcpat/kernels/kernel_info.hpp"
#include "hpcpat/kernels/measurement.hpp"

namespace hpcpat::kernels {

struct RowFigures {
  std::optional<double> bandwidth_mb_s;  // bandwidth, bibw, message_rate (aggregate), halo
  std::optional<double> messages_per_s;  // message_rate (aggregate over pairs)
  std::optional<Bandwidths> bus;         // allreduce, allgather, alltoall, reduce_scatter
};

RowFigures figures_for(const KernelInfo &info, const SizeSummary &row, int ranks, int window);

}  // namespace hpcpat::kernels
