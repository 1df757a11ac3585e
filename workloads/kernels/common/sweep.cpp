#include "hpcpat/kernels/sweep.hpp"

namespace hpcpat::kernels {

std::vector<std::size_t> sweep_sizes(std::size_t min_size, std::size_t max_size) {
  std::vector<std::size_t> sizes;
  for (std::size_t s = min_size; s != 0 && s <= max_size; s *= 2) sizes.push_back(s);
  return sizes;
}

IterationPlan plan_for(const SweepConfig &config, std::size_t size) {
  return size > config.large_threshold ? config.large : config.small;
}

}  // namespace hpcpat::kernels
