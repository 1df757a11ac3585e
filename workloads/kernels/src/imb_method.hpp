// --method imb: the Intel MPI Benchmarks' measurement loop for ping-pong and the blocking
// collectives (imb_method.cpp says which IMB source each step follows).
#pragma once

#include <string>

#include "kernel_catalog.hpp"

namespace hpcpat::kernels {

// Why --method imb cannot run these options ("" when it can). counts_given: -i/-x or their large
// variants were on the command line.
std::string imb_problem(const KernelInfo &info, const KernelOptions &options, bool counts_given);

// Runs the kernel's sweep with IMB's loop; one SizeMeasurement per size to `emit` (loop_mean_us:
// this rank's time per repetition; warmup: the untimed calibration and warm-up repetitions).
void run_imb(KernelContext &ctx, const KernelInfo &info, const Emit &emit);

}  // namespace hpcpat::kernels
