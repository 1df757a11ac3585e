// OSU's pairing for the pairwise kernels: rank i < n/2 sends to (and is timed against) rank
// i + n/2. With exactly 2 ranks that is the classic 0 <-> 1.
#pragma once

namespace hpcpat::kernels {

struct Pair {
  bool sender;  // lower half: starts the exchange and reports the time
  int partner;
};

inline Pair pair_of(int rank, int ranks) {
  const int half = ranks / 2;
  return rank < half ? Pair{true, rank + half} : Pair{false, rank - half};
}

}  // namespace hpcpat::kernels
