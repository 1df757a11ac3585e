#include "hpcpat/profile/category.hpp"

namespace hpcpat::profile {

std::string_view category_name(Category c) {
  switch (c) {
    case Category::point_to_point:
      return "point_to_point";
    case Category::collective:
      return "collective";
    case Category::wait_sync:
      return "wait_sync";
    case Category::one_sided:
      return "one_sided";
    case Category::io:
      return "io";
    case Category::other:
      return "other";
  }
  return "other";
}

std::optional<Category> category_from_name(std::string_view name) {
  for (Category c : kCategories) {
    if (category_name(c) == name) return c;
  }
  return std::nullopt;
}

}  // namespace hpcpat::profile
