#include "hpcpat/fft/local_fft.hpp"

#include <algorithm>
#include <stdexcept>

namespace hpcpat::fft {

LocalFft::LocalFft(const Layout &layout, const std::vector<int> &axes, int sign, Planner planner,
                   Complex *data) {
  std::vector<fftw_iodim64> dims, loops;
  // Walk the axes in storage order so that FFTW sees transform and loop dimensions from the
  // slowest to the fastest, the order its planner expects for contiguous cases.
  for (int ax : layout.order) {
    const fftw_iodim64 d{layout.box.n[ax], layout.stride(ax), layout.stride(ax)};
    const bool transformed = std::find(axes.begin(), axes.end(), ax) != axes.end();
    (transformed ? dims : loops).push_back(d);
  }
  const unsigned flags = planner == Planner::kMeasure ? FFTW_MEASURE : FFTW_ESTIMATE;
  auto *io = reinterpret_cast<fftw_complex *>(data);
  plan_ = fftw_plan_guru64_dft(static_cast<int>(dims.size()), dims.data(),
                               static_cast<int>(loops.size()), loops.data(), io, io, sign, flags);
  if (plan_ == nullptr) throw std::runtime_error("FFTW could not plan a local transform");
}

LocalFft::~LocalFft() {
  if (plan_ != nullptr) fftw_destroy_plan(plan_);
}

}  // namespace hpcpat::fft
