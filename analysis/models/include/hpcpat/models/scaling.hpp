// Strong scaling of each case across node counts (docs/models.md): speedup and parallel
// efficiency against the smallest node count measured, Amdahl's serial fraction fitted by least
// squares, the Karp–Flatt metric, where efficiency first falls below a threshold, and the MPI
// fraction per node count. One series per case and parameter set (runs::group_key omitting the
// nodes); the repeats of one node count are reduced by their median, ok runs only.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "hpcpat/runs/run_sample.hpp"

namespace hpcpat::models {

struct ScalingOptions {
  // Efficiency below this marks the end of useful scaling. 0.5: half of each added node's work
  // is lost, the point past which adding nodes costs more node-hours than it saves time.
  double efficiency_threshold = 0.5;
};

struct ScalingPoint {
  int nodes = 0, ranks = 0;
  int repeats = 0;                     // ok runs reduced to this point by their median
  double wall_s = 0;                   // median wall time over the repeats
  double speedup = 0;                  // baseline wall / this wall
  double efficiency = 0;               // speedup / (nodes / baseline nodes)
  std::optional<double> karp_flatt;    // none at the baseline (1/p − 1 = 0 there)
  std::optional<double> mpi_fraction;  // median over repeats of each run's median over ranks
  std::optional<double> amdahl_wall_s, amdahl_residual_s;  // the fitted curve here; none unfitted
};

// T(N) = T1·(s + (1 − s)/N) over the node count N, fitted as T = α + β/N (α = T1·s, β = T1·(1−s)):
// the same curve, linear in (α, β), so ordinary least squares on the measured times is exact.
struct AmdahlFit {
  double serial_fraction = 0;  // s = α / (α + β)
  double t1_s = 0;             // T1 = α + β, the one-node time (extrapolated when not measured)
  double r2 = 0;
  int points = 0;
  std::optional<double> serial_fraction_ci95;  // half-width (delta method, Student's t); dof ≥ 1
};

struct CaseScaling {
  std::string key;  // runs::group_key omitting nodes: the case and its parameters
  std::string case_name, app;
  int baseline_nodes = 0;                  // the smallest node count with an ok run
  std::vector<ScalingPoint> points;        // by node count, ascending
  std::optional<AmdahlFit> amdahl;         // none with fewer than two node counts
  std::optional<int> efficiency_below_at;  // first node count with efficiency < threshold
  int runs_not_ok = 0;                     // runs left out because their status is not ok
  std::vector<std::string> notes;          // why something is missing, which baseline, ...
};

struct ScalingReport {
  ScalingOptions options;
  int runs = 0;                    // samples given
  std::vector<CaseScaling> cases;  // in the order of each case's first run
};

ScalingReport analyse_scaling(std::span<const runs::RunSample> samples,
                              const ScalingOptions &options = {});

}  // namespace hpcpat::models
