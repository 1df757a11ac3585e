// Message-size sweep and iteration plan with the OSU Micro-Benchmarks methodology: sizes are
// powers of two, and sizes above a "large message" threshold (8 KiB) get fewer warm-up and timed
// iterations, because each one takes long enough for the mean to settle quickly.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace hpcpat::kernels {

struct IterationPlan {
  std::uint64_t warmup = 0;
  std::uint64_t iterations = 0;
};

// The counts a kernel uses for small and large messages; defaults depend on the kernel family
// (latency, bandwidth, collective), see defaults_for() in kernel_catalog.
struct SweepConfig {
  std::size_t min_size = 1;
  std::size_t max_size = 1;
  std::size_t large_threshold = 8192;  // sizes strictly above this are "large" (OSU's rule)
  IterationPlan small{};
  IterationPlan large{};
};

inline bool is_power_of_two(std::size_t v) {
  return v != 0 && (v & (v - 1)) == 0;
}

// min_size, 2*min_size, ... up to max_size inclusive; both must be powers of two.
std::vector<std::size_t> sweep_sizes(std::size_t min_size, std::size_t max_size);

IterationPlan plan_for(const SweepConfig &config, std::size_t size);

}  // namespace hpcpat::kernels
