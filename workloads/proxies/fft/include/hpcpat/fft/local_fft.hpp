// The on-rank part of a distributed FFT: FFTW transforms along the axes that a layout holds
// whole, batched over the other axes with one guru plan (no copies, any storage order).
#pragma once

#include <fftw3.h>

#include <vector>

#include "hpcpat/fft/layout.hpp"
#include "hpcpat/fft/transpose.hpp"

namespace hpcpat::fft {

enum class Planner { kEstimate, kMeasure };

class LocalFft {
 public:
  // Plans an in-place transform of `data` (stored in `layout`) along `axes`, in direction
  // `sign` (FFTW_FORWARD or FFTW_BACKWARD). FFTW_MEASURE overwrites `data` while planning.
  LocalFft(const Layout &layout, const std::vector<int> &axes, int sign, Planner planner,
           Complex *data);
  ~LocalFft();
  LocalFft(const LocalFft &) = delete;
  LocalFft &operator=(const LocalFft &) = delete;

  void run() const { fftw_execute(plan_); }

 private:
  fftw_plan plan_ = nullptr;
};

}  // namespace hpcpat::fft
