// What the interposer knows about each MPI routine it wraps. The generated calls.hpp holds one
// CallInfo per routine, in the order of the declarative table (gen/), and the CallId of each.
#pragma once

#include <cstdint>

namespace hpcpat::pmpi {

// Category shares appear in the profile summary; names match profile.v1's `category` enum.
enum class Category : std::uint8_t {
  point_to_point,  // send/recv families, probes, persistent starts
  collective,      // blocking, nonblocking and neighborhood collectives
  wait_sync,       // Wait/Test families, Barrier-like synchronisation inside requests
  one_sided,       // RMA: put/get/accumulate, fence, lock/unlock, flush, PSCW
  io,              // MPI-IO
  other,           // setup and bookkeeping: Init, Finalize, communicator creation, Pcontrol
};

inline constexpr int kNumCategories = 6;

inline const char *category_name(Category c) {
  switch (c) {
    case Category::point_to_point: return "point_to_point";
    case Category::collective: return "collective";
    case Category::wait_sync: return "wait_sync";
    case Category::one_sided: return "one_sided";
    case Category::io: return "io";
    case Category::other: return "other";
  }
  return "other";
}

struct CallInfo {
  const char *name;  // "MPI_Send"
  Category category;
};

}  // namespace hpcpat::pmpi
