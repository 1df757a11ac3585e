// What the interposer knows about each MPI routine it wraps. The generated calls.hpp holds one
// CallInfo per routine, in the order of the declarative table (gen/), and the CallId of each.
#pragma once

#include <cstdint>

#include "hpcpat/mpi_category.hpp"

namespace hpcpat::pmpi {

// The categories are include/hpcpat/mpi_category.hpp's, shared with the analysis that reads the
// profile back; these names keep the interposer's code short.
using Category = MpiCategory;
inline constexpr int kNumCategories = static_cast<int>(kNumMpiCategories);

// The names are string literals, so data() is NUL-terminated for the C-string JSON writers.
inline const char *category_name(Category c) {
  return mpi_category_name(c).data();
}

struct CallInfo {
  const char *name;  // "MPI_Send"
  Category category;
};

}  // namespace hpcpat::pmpi
