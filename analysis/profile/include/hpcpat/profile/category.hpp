// The categories MPI time is split into (profile v1 `category` values), under the profile model's
// names. The list itself is include/hpcpat/mpi_category.hpp's, the one the interposer writes with.
#pragma once

#include <optional>
#include <string_view>

#include "hpcpat/mpi_category.hpp"

namespace hpcpat::profile {

using Category = MpiCategory;

inline constexpr auto kCategories = kMpiCategories;

// "point_to_point", ... exactly as written in profiles.
constexpr std::string_view category_name(Category c) noexcept {
  return mpi_category_name(c);
}
constexpr std::optional<Category> category_from_name(std::string_view name) noexcept {
  return mpi_category_from_name(name);
}

}  // namespace hpcpat::profile
