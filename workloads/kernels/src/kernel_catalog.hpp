// Every kernel the program offers: its description (common/kernel_info.hpp) and the function that
// runs it. A kernel runs its size sweep and hands one SizeMeasurement per size to `emit`, which
// summarizes over ranks (a collective call) and prints the row.
#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "hpcpat/kernels/kernel_context.hpp"
#include "hpcpat/kernels/kernel_info.hpp"
#include "hpcpat/kernels/measurement.hpp"

namespace hpcpat::kernels {

using Emit = std::function<void(const SizeMeasurement &)>;
using KernelFn = void (*)(KernelContext &, const KernelInfo &, const Emit &);

struct KernelEntry {
  KernelInfo info;
  KernelFn run;
};

const std::vector<KernelEntry> &kernel_catalog();
const KernelEntry *find_kernel(std::string_view name);

// The kernels, one family per file.
void run_pingpong(KernelContext &, const KernelInfo &, const Emit &);  // latency, multi_lat
void run_window(KernelContext &, const KernelInfo &, const Emit &);    // bw, mbw_mr
void run_bibw(KernelContext &, const KernelInfo &, const Emit &);
void run_barrier(KernelContext &, const KernelInfo &, const Emit &);
void run_collective(KernelContext &, const KernelInfo &, const Emit &);  // the sized ones
void run_halo3d(KernelContext &, const KernelInfo &, const Emit &);
void run_overlap(KernelContext &, const KernelInfo &, const Emit &);  // iallreduce, ialltoall

}  // namespace hpcpat::kernels
