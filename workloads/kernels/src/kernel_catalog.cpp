#include "kernel_catalog.hpp"

namespace hpcpat::kernels {
namespace {

KernelEntry entry(std::string_view name, Family family, RankRule ranks,
                  std::string_view description, KernelFn run) {
  KernelEntry e{{name, family, ranks, description}, run};
  e.info.point_to_point = family == Family::latency || family == Family::multi_latency ||
                          family == Family::bandwidth || family == Family::message_rate;
  return e;
}

KernelEntry with(KernelEntry e, std::size_t min_element, double sent, bool per_window) {
  e.info.min_element = min_element;
  e.info.sent_per_iteration = sent;
  e.info.per_window = per_window;
  return e;
}

std::vector<KernelEntry> build() {
  using F = Family;
  using R = RankRule;
  constexpr std::size_t kFloat = sizeof(float);
  return {
      entry("latency", F::latency, R::exactly_two, "MPI Latency Test", run_pingpong),
      entry("multi_lat", F::multi_latency, R::even, "Multi-pair MPI Latency Test", run_pingpong),
      with(entry("bw", F::bandwidth, R::exactly_two, "MPI Bandwidth Test", run_window), 1, 1, true),
      with(entry("bibw", F::bandwidth, R::exactly_two, "MPI Bi-Directional Bandwidth Test",
                 run_bibw),
           1, 2, true),
      with(entry("mbw_mr", F::message_rate, R::even, "Multiple Bandwidth / Message Rate Test",
                 run_window),
           1, 1, true),
      entry("barrier", F::barrier, R::at_least_two, "MPI Barrier Latency Test", run_barrier),
      entry("bcast", F::collective, R::at_least_two, "MPI Broadcast Latency Test", run_collective),
      with(entry("reduce", F::collective, R::at_least_two, "MPI Reduce Latency Test",
                 run_collective),
           kFloat, 0, false),
      with(entry("allreduce", F::collective, R::at_least_two, "MPI Allreduce Latency Test",
                 run_collective),
           kFloat, 0, false),
      entry("allgather", F::collective, R::at_least_two, "MPI Allgather Latency Test",
            run_collective),
      entry("allgatherv", F::collective, R::at_least_two, "MPI Allgatherv Latency Test",
            run_collective),
      entry("alltoall", F::collective, R::at_least_two,
            "MPI All-to-All Personalized Exchange "
            "Latency Test",
            run_collective),
      entry("alltoallv", F::collective, R::at_least_two,
            "MPI All-to-Allv Personalized Exchange "
            "Latency Test",
            run_collective),
      with(entry("reduce_scatter", F::collective, R::at_least_two,
                 "MPI Reduce_scatter Latency Test", run_collective),
           kFloat, 0, false),
      entry("gather", F::collective, R::at_least_two, "MPI Gather Latency Test", run_collective),
      entry("gatherv", F::collective, R::at_least_two, "MPI Gatherv Latency Test", run_collective),
      entry("scatter", F::collective, R::at_least_two, "MPI Scatter Latency Test", run_collective),
      entry("scatterv", F::collective, R::at_least_two, "MPI Scatterv Latency Test",
            run_collective),
      with(entry("halo3d", F::halo, R::at_least_two, "3D Halo Exchange Test (6 faces)", run_halo3d),
           1, 6, false),
      with(entry("iallreduce", F::overlap, R::at_least_two,
                 "MPI Non-blocking Allreduce Latency Test (overlap)", run_overlap),
           kFloat, 0, false),
      entry("ialltoall", F::overlap, R::at_least_two,
            "MPI Non-blocking All-to-All Latency Test (overlap)", run_overlap),
  };
}

}  // namespace

const std::vector<KernelEntry> &kernel_catalog() {
  static const std::vector<KernelEntry> catalog = build();
  return catalog;
}

const KernelEntry *find_kernel(std::string_view name) {
  for (const KernelEntry &e : kernel_catalog()) {
    if (e.info.name == name) return &e;
  }
  return nullptr;
}

}  // namespace hpcpat::kernels
