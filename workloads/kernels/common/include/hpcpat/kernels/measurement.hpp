// One rank's measurement of one message size, and the summary over ranks that rank 0 reports.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "hpcpat/kernels/bus_bandwidth.hpp"
#include "hpcpat/kernels/stats.hpp"
#include "hpcpat/kernels/sweep.hpp"

namespace hpcpat::kernels {

// OSU's nonblocking-collective figures (averages over ranks, microseconds).
struct Overlap {
  double overall_us = 0;    // post + compute + wait
  double compute_us = 0;    // the compute part of it
  double pure_comm_us = 0;  // post + wait alone
  double overlap_pct = 0;   // max(0, 100 * (1 - (overall - compute) / pure_comm))
};

struct SizeMeasurement {
  std::size_t size = 0;
  std::uint64_t warmup = 0;
  std::uint64_t iterations = 0;  // timed iterations actually run (all ranks agree)
  std::uint64_t planned = 0;
  bool budget_hit = false;
  bool reporting = true;           // this rank's times are part of the figure
  std::vector<double> samples_us;  // per timed iteration; zeros when !reporting; empty in loop timing
  std::optional<double> loop_mean_us;  // loop timing: whole-loop time / iterations
  Overlap overlap{};               // overlap kernels only (this rank's values)
  double mean_us() const;

  // A measurement of `size` about to run `plan`, with room for its samples if it keeps them.
  static SizeMeasurement start(std::size_t size, const IterationPlan &plan, bool keeps_samples) {
    SizeMeasurement m;
    m.size = size;
    m.warmup = plan.warmup;
    m.planned = plan.iterations;
    if (keeps_samples) m.samples_us.reserve(plan.iterations);
    return m;
  }
};

struct SizeSummary {
  std::size_t size = 0;
  std::uint64_t warmup = 0, iterations = 0, planned = 0;
  bool budget_hit = false;
  Spread time_us{};  // mean time per iteration: avg/min/max over reporting ranks
  // Over iterations of the rank-averaged time; absent in loop timing (no per-iteration times).
  std::optional<double> p50_us, p90_us, p99_us;
  std::vector<double> rank_means_us;          // reporting ranks' mean times
  std::optional<Overlap> overlap;             // averaged over ranks
};

}  // namespace hpcpat::kernels
