// The categories MPI time is split into: the one list that the interposer (which measures them)
// and the analysis (which reads profiles back) both use. The spelling is profile v1's `category`
// enum (schemas/profile.v1.schema.json); interposer/gen/mpi_calls.tbl files each routine under a
// short code that interposer/gen/wrapgen.py maps onto these names and checks against this list.
// The ctest check `mpi_categories` fails when the table, this list and the schema disagree.
//
// Dependency-free, constexpr and noexcept: the interposer's hot path (built without exceptions)
// includes it as freely as the analysis does. The X-macro spells each name exactly once here.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#define HPCPAT_MPI_CATEGORIES(X)                                                   \
  X(point_to_point) /* send/recv families, probes, persistent starts */            \
  X(collective)     /* blocking, nonblocking and neighborhood collectives */       \
  X(wait_sync)      /* Wait/Test families */                                       \
  X(one_sided)      /* RMA: put/get/accumulate, fence, lock/unlock, flush, PSCW */ \
  X(io)             /* MPI-IO */                                                   \
  X(other)          /* setup and bookkeeping: Init, Finalize, communicators, Pcontrol */

namespace hpcpat {

#define HPCPAT_MPI_CATEGORY_ENUMERATOR(name) name,
enum class MpiCategory : std::uint8_t { HPCPAT_MPI_CATEGORIES(HPCPAT_MPI_CATEGORY_ENUMERATOR) };
#undef HPCPAT_MPI_CATEGORY_ENUMERATOR

#define HPCPAT_MPI_CATEGORY_NAME(name) std::string_view{#name},
inline constexpr std::array kMpiCategoryNames = {HPCPAT_MPI_CATEGORIES(HPCPAT_MPI_CATEGORY_NAME)};
#undef HPCPAT_MPI_CATEGORY_NAME

inline constexpr std::size_t kNumMpiCategories = kMpiCategoryNames.size();

#define HPCPAT_MPI_CATEGORY_VALUE(name) MpiCategory::name,
inline constexpr std::array<MpiCategory, kNumMpiCategories> kMpiCategories = {
    HPCPAT_MPI_CATEGORIES(HPCPAT_MPI_CATEGORY_VALUE)};
#undef HPCPAT_MPI_CATEGORY_VALUE

// "point_to_point", ... exactly as written in profiles.
constexpr std::string_view mpi_category_name(MpiCategory c) noexcept {
  return kMpiCategoryNames[static_cast<std::size_t>(c)];
}

constexpr std::optional<MpiCategory> mpi_category_from_name(std::string_view name) noexcept {
  for (MpiCategory c : kMpiCategories) {
    if (mpi_category_name(c) == name) return c;
  }
  return std::nullopt;
}

}  // namespace hpcpat
