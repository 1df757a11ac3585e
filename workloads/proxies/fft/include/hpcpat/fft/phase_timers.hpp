// Seconds a rank spent in each phase of the distributed FFT, accumulated over a run. Kept beside
// the region marks so that the summary can report the split without the interposer.
#pragma once

namespace hpcpat::fft {

struct PhaseTimers {
  double local_fft_s = 0;  // FFTW executes and the 1/N scaling
  double pack_s = 0;       // copying blocks into and out of the exchange buffers
  double transpose_s = 0;  // the all-to-all exchange itself

  void reset() { *this = PhaseTimers{}; }
};

}  // namespace hpcpat::fft
