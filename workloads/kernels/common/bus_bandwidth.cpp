#include "hpcpat/kernels/bus_bandwidth.hpp"

namespace hpcpat::kernels {

std::optional<BusPattern> bus_pattern_of(std::string_view kernel) {
  if (kernel == "allreduce") return BusPattern::allreduce;
  if (kernel == "allgather") return BusPattern::allgather;
  if (kernel == "alltoall") return BusPattern::alltoall;
  if (kernel == "reduce_scatter") return BusPattern::reduce_scatter;
  return std::nullopt;
}

double bus_factor(BusPattern pattern, int ranks) {
  const double n = ranks;
  switch (pattern) {
    case BusPattern::allreduce:
      return 2.0 * (n - 1.0) / n;
    case BusPattern::allgather:
    case BusPattern::alltoall:
    case BusPattern::reduce_scatter:
      return (n - 1.0) / n;
  }
  return 0.0;
}

double nccl_size(BusPattern pattern, std::size_t osu_size, int ranks) {
  const double s = static_cast<double>(osu_size);
  switch (pattern) {
    case BusPattern::allreduce:
    case BusPattern::reduce_scatter:
      return s;
    case BusPattern::allgather:
    case BusPattern::alltoall:
      return s * ranks;
  }
  return s;
}

Bandwidths bus_bandwidth(BusPattern pattern, std::size_t osu_size, int ranks, double seconds) {
  const double alg = nccl_size(pattern, osu_size, ranks) / seconds / 1e9;
  return {alg, alg * bus_factor(pattern, ranks)};
}

}  // namespace hpcpat::kernels
