// A distributed 3D complex FFT built from FFTW's on-rank transforms and our own all-to-all
// transposes (not FFTW's MPI interface: the exchange pattern is the point of this proxy app).
//
//   slab   (P ranks):      x split over P, FFT along y,z  ─Alltoall(v)─▶ y split over P, FFT x
//   pencil (Pr×Pc grid):   x,y split, FFT z ─row Alltoall(v)─▶ x,z split, FFT y
//                                           ─column Alltoall(v)─▶ y,z split, FFT x
//
// The forward transform ends in the transposed layout (as FFTW_MPI_TRANSPOSED_OUT does); the
// inverse walks back and returns to the input layout, scaled by 1/N so that a pair is identity.
#pragma once

#include <mpi.h>

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "hpcpat/fft/layout.hpp"
#include "hpcpat/fft/local_fft.hpp"
#include "hpcpat/fft/phase_timers.hpp"
#include "hpcpat/fft/transpose.hpp"

namespace hpcpat::fft {

enum class Decomp { kSlab, kPencil };

struct Shape {
  std::int64_t nx, ny, nz;
  std::int64_t points() const { return nx * ny * nz; }
};

// The process grid a decomposition uses for `ranks` ranks: {P, 1} for slabs, MPI_Dims_create's
// most square {Pr, Pc} for pencils.
std::array<int, 2> process_grid(Decomp decomp, int ranks);

// Why `shape` cannot be decomposed over `ranks` ranks (every rank must own at least one plane or
// pencil in every stage, and a rank's part must fit an MPI count), or nothing when it can.
std::optional<std::string> why_not_decomposable(const Shape &shape, Decomp decomp, int ranks);

class DistributedFft {
 public:
  // Collective over `comm`. The caller has checked why_not_decomposable() first.
  DistributedFft(MPI_Comm comm, const Shape &shape, Decomp decomp, Planner planner);
  ~DistributedFft();
  DistributedFft(const DistributedFft &) = delete;
  DistributedFft &operator=(const DistributedFft &) = delete;

  const Layout &input_layout() const { return stages_.front().layout; }
  const Layout &spectral_layout() const { return stages_.back().layout; }
  Complex *data() { return data_.get(); }
  const Complex *data() const { return data_.get(); }

  void forward(PhaseTimers &timers);
  void inverse(PhaseTimers &timers);  // includes the 1/N scaling

  // "alltoall" when every transpose exchanges equal blocks, else "alltoallv".
  std::string exchange_kind() const;

 private:
  struct Stage {
    Layout layout;
    std::vector<int> axes;  // transformed on this stage
  };
  struct FftwFree {
    void operator()(Complex *p) const;
  };

  void build(Planner planner, const std::vector<MPI_Comm> &links);

  Shape shape_;
  std::vector<Stage> stages_;
  std::vector<MPI_Comm> owned_comms_;
  std::unique_ptr<Complex[], FftwFree> data_;
  std::vector<std::unique_ptr<LocalFft>> forward_ffts_, inverse_ffts_;
  std::vector<std::unique_ptr<Transpose>> forward_moves_, inverse_moves_;  // stage i ↔ i+1
};

}  // namespace hpcpat::fft
