// Statistics the tables and JSON report per message size.
#pragma once

#include <vector>

namespace hpcpat::kernels {

// Percentile p in [0, 100] of samples, by linear interpolation between closest ranks (the
// "type 7" definition of R and NumPy's default). Empty input gives 0.
double percentile(std::vector<double> samples, double p);

struct Spread {
  double avg = 0, min = 0, max = 0;
};

// avg/min/max of values (empty input gives zeros).
Spread spread_of(const std::vector<double> &values);

}  // namespace hpcpat::kernels
