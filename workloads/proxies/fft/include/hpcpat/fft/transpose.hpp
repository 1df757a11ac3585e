// One global transpose: data stored in layout `from` on every rank of a communicator moves to
// layout `to`. Each rank sends to each peer the intersection of its `from` box with the peer's
// `to` box, packed in `from` storage order; the exchange is one MPI_Alltoall when every block has
// the same size (even decomposition) and MPI_Alltoallv otherwise (uneven slabs or pencils).
#pragma once

#include <mpi.h>

#include <complex>
#include <vector>

#include "hpcpat/fft/layout.hpp"
#include "hpcpat/fft/phase_timers.hpp"

namespace hpcpat::fft {

using Complex = std::complex<double>;

class Transpose {
 public:
  // Collective over `comm`: gathers every rank's boxes once so that block sizes are known.
  Transpose(MPI_Comm comm, const Layout &from, const Layout &to);

  // Moves `data` (layout `from`) into layout `to`, in place: the same array holds the result.
  // `data` must have room for max(from.size(), to.size()) elements.
  void run(Complex *data, PhaseTimers &timers);

  // True when the exchange is a plain MPI_Alltoall (all blocks equal).
  bool uniform() const { return uniform_; }

 private:
  void pack(const Complex *data);
  void unpack(Complex *data) const;

  MPI_Comm comm_;
  Layout from_, to_;
  std::vector<Box> send_blocks_, recv_blocks_;  // per peer, in global indices
  std::vector<int> send_counts_, send_displs_, recv_counts_, recv_displs_;
  std::vector<Complex> send_buf_, recv_buf_;
  bool uniform_ = false;
};

}  // namespace hpcpat::fft
