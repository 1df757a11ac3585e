// Turns every rank's SizeMeasurement into the SizeSummary rank 0 reports: one MPI_Gather of each
// rank's (mean, reporting) pair for avg/min/max over ranks, and one MPI_Reduce of the
// per-iteration samples for percentiles over iterations of the rank-averaged time (none in loop
// timing, where there are no per-iteration samples).
#pragma once

#include "hpcpat/kernels/kernel_context.hpp"
#include "hpcpat/kernels/measurement.hpp"

namespace hpcpat::kernels {

// Collective over ctx.comm. The result is meaningful on rank 0 only.
SizeSummary summarize(KernelContext &ctx, const SizeMeasurement &m);

}  // namespace hpcpat::kernels
