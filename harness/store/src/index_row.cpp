// IndexRow to and from the cells of kRunColumns, the one mapping the SQL, CSV and JSON share.
#include "hpcpat/store/index_row.hpp"

#include <cstddef>

namespace hpcpat::store {
namespace {

template <class T>
Cell optional_cell(const std::optional<T> &v) {
  return v ? Cell(*v) : Cell();
}

std::string text(const Cell &c) {
  if (const auto *s = std::get_if<std::string>(&c)) return *s;
  return "";
}
std::int64_t integer(const Cell &c) {
  if (const auto *i = std::get_if<std::int64_t>(&c)) return *i;
  if (const auto *d = std::get_if<double>(&c)) return static_cast<std::int64_t>(*d);
  return 0;
}
std::optional<std::int64_t> optional_integer(const Cell &c) {
  if (std::holds_alternative<std::monostate>(c)) return std::nullopt;
  return integer(c);
}
std::optional<double> optional_real(const Cell &c) {
  if (const auto *d = std::get_if<double>(&c)) return *d;
  if (const auto *i = std::get_if<std::int64_t>(&c)) return static_cast<double>(*i);
  return std::nullopt;
}
double real(const Cell &c) { return optional_real(c).value_or(0); }

}  // namespace

std::vector<Cell> row_cells(const IndexRow &r) {
  return {r.study,          r.run,
          r.case_name,      r.app,
          r.parameters,     r.nodes,
          r.ranks,          r.ranks_per_node,
          r.threads,        r.repeat,
          r.launcher,       r.status,
          r.cause,          optional_cell(r.exit_code),
          optional_cell(r.signal), r.wall_s,
          optional_cell(r.mpi_fraction_median), optional_cell(r.mpi_fraction_max),
          r.top_call,       r.fom_name,
          optional_cell(r.fom_value), r.hosts,
          r.mpi_library,    r.container,
          r.hpcpat_version, r.git_sha,
          r.started_at,     r.started_epoch_s,
          r.ended_at,       r.ended_epoch_s,
          r.labels};
}

IndexRow row_from_cells(const std::vector<Cell> &c) {
  IndexRow r;
  if (c.size() != kRunColumns.size()) return r;
  std::size_t i = 0;
  r.study = text(c[i++]);
  r.run = text(c[i++]);
  r.case_name = text(c[i++]);
  r.app = text(c[i++]);
  r.parameters = text(c[i++]);
  r.nodes = integer(c[i++]);
  r.ranks = integer(c[i++]);
  r.ranks_per_node = integer(c[i++]);
  r.threads = integer(c[i++]);
  r.repeat = integer(c[i++]);
  r.launcher = text(c[i++]);
  r.status = text(c[i++]);
  r.cause = text(c[i++]);
  r.exit_code = optional_integer(c[i++]);
  r.signal = optional_integer(c[i++]);
  r.wall_s = real(c[i++]);
  r.mpi_fraction_median = optional_real(c[i++]);
  r.mpi_fraction_max = optional_real(c[i++]);
  r.top_call = text(c[i++]);
  r.fom_name = text(c[i++]);
  r.fom_value = optional_real(c[i++]);
  r.hosts = text(c[i++]);
  r.mpi_library = text(c[i++]);
  r.container = text(c[i++]);
  r.hpcpat_version = text(c[i++]);
  r.git_sha = text(c[i++]);
  r.started_at = text(c[i++]);
  r.started_epoch_s = real(c[i++]);
  r.ended_at = text(c[i++]);
  r.ended_epoch_s = real(c[i++]);
  r.labels = text(c[i++]);
  return r;
}

}  // namespace hpcpat::store
