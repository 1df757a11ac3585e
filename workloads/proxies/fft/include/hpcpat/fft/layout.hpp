// Where a rank's part of the global Nx×Ny×Nz grid lives: a box of global indices and the order
// in which its axes are stored (slowest to fastest). Every stage of the distributed FFT is one
// layout; a transpose moves data from one layout to the next.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace hpcpat::fft {

enum Axis : int { kX = 0, kY = 1, kZ = 2 };

// A box of global indices: lo[a] <= i[a] < lo[a] + n[a] on each axis a.
struct Box {
  std::array<std::int64_t, 3> lo{0, 0, 0};
  std::array<std::int64_t, 3> n{0, 0, 0};

  std::int64_t volume() const { return n[0] * n[1] * n[2]; }
};

// Part `part` of `parts` of an axis of length `len`, as even as possible (block distribution:
// the first len % parts parts get one more index). Allows uneven splits; callers make sure that
// every part is non-empty.
struct Range {
  std::int64_t lo;
  std::int64_t n;
};
inline Range split(std::int64_t len, int parts, int part) {
  const std::int64_t base = len / parts, extra = len % parts;
  const std::int64_t lo = part * base + (part < extra ? part : extra);
  return {lo, base + (part < extra ? 1 : 0)};
}

inline Box intersect(const Box &a, const Box &b) {
  Box r;
  for (int ax = 0; ax < 3; ++ax) {
    const std::int64_t lo = a.lo[ax] > b.lo[ax] ? a.lo[ax] : b.lo[ax];
    const std::int64_t hi_a = a.lo[ax] + a.n[ax], hi_b = b.lo[ax] + b.n[ax];
    const std::int64_t hi = hi_a < hi_b ? hi_a : hi_b;
    r.lo[ax] = lo;
    r.n[ax] = hi > lo ? hi - lo : 0;
  }
  return r;
}

struct Layout {
  Box box;
  std::array<int, 3> order{kX, kY, kZ};  // storage order: order[2] is contiguous

  // Distance in elements between neighbours along axis `ax` in local storage.
  std::int64_t stride(int ax) const {
    std::int64_t s = 1;
    for (int k = 2; k >= 0; --k) {
      if (order[k] == ax) return s;
      s *= box.n[order[k]];
    }
    return 0;  // unreachable for a valid axis
  }

  // Local storage offset of a global index that lies inside the box.
  std::int64_t offset(const std::array<std::int64_t, 3> &g) const {
    return (g[0] - box.lo[0]) * stride(kX) + (g[1] - box.lo[1]) * stride(kY) +
           (g[2] - box.lo[2]) * stride(kZ);
  }

  std::size_t size() const { return static_cast<std::size_t>(box.volume()); }
};

}  // namespace hpcpat::fft
