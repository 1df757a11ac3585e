// The six categories MPI time is split into (profile v1 `category` values).
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace hpcpat::profile {

enum class Category { point_to_point, collective, wait_sync, one_sided, io, other };

inline constexpr std::array<Category, 6> kCategories = {
    Category::point_to_point, Category::collective, Category::wait_sync,
    Category::one_sided,      Category::io,         Category::other};

// "point_to_point", ... exactly as written in profiles.
std::string_view category_name(Category c);
std::optional<Category> category_from_name(std::string_view name);

}  // namespace hpcpat::profile
