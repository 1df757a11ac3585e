#include "hpcpat/kernels/measurement.hpp"

#include <numeric>

namespace hpcpat::kernels {

double SizeMeasurement::mean_us() const {
  if (loop_mean_us) return *loop_mean_us;
  if (samples_us.empty()) return 0.0;
  return std::accumulate(samples_us.begin(), samples_us.end(), 0.0) /
         static_cast<double>(samples_us.size());
}

}  // namespace hpcpat::kernels
