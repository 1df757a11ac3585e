#include "hpcpat/kernels/table.hpp"

#include <algorithm>
#include <optional>
#include <string>

#include "hpcpat/runinfo/run_facts.hpp"

namespace hpcpat::kernels {
namespace {

bool has_size(const KernelInfo &info) {
  return info.family != Family::barrier;
}

void put(std::FILE *out, const std::string &cell) { std::fputs(cell.c_str(), out); }

}  // namespace

std::string table_cell(const std::string &text, int width) {
  std::string cell = text.size() < static_cast<std::size_t>(width)
                         ? std::string(static_cast<std::size_t>(width) - text.size(), ' ')
                         : std::string(1, ' ');
  return cell + text;
}

std::string table_cell(double value, int width, int precision) {
  char text[400];  // %.2f of DBL_MAX is 312 characters
  std::snprintf(text, sizeof text, "%.*f", precision, value);
  return table_cell(std::string(text), width);
}

void print_table_header(std::FILE *out, const KernelInfo &info, const TableSetup &setup) {
  std::fprintf(out, "# OSU-like %.*s (hpcpat-kernels %s, kernel %.*s)\n",
               static_cast<int>(info.description.size()), info.description.data(),
               runinfo::hpcpat_version(), static_cast<int>(info.name.size()), info.name.data());
  // The library's first clause ("Open MPI v4.1.4"); the JSON has the whole string. MPICH's string
  // has no commas but repeats its name before each field ("MPICH Version: 4.0.2 MPICH Release
  // date: ..."): cut there too.
  const std::string &all = setup.mpi_library;
  std::string next_field(1, ' ');  // " MPICH "; built by append: GCC 12 misreports operator+
  next_field.append(all, 0, all.find(' ')).push_back(' ');
  const std::string library = all.substr(0, std::min(all.find(','), all.find(next_field, 1)));
  std::fprintf(out, "# %s; %d ranks on %d node(s)", library.c_str(), setup.ranks, setup.nodes);
  if (info.per_window) std::fprintf(out, "; window %d", setup.window);
  if (setup.budget_s > 0) std::fprintf(out, "; budget %.3g s per size", setup.budget_s);
  if (setup.loop_timing) std::fprintf(out, "; whole-loop timing (no percentiles)");
  std::fputc('\n', out);
  if (setup.validate) {
    std::fprintf(out,
                 "# --validate: every received byte is checked; times include the checks on "
                 "the critical path and are not benchmark figures\n");
  }
  if (has_size(info))
    std::fprintf(out, "# %-10s", "Size");
  else
    std::fprintf(out, "# ");
  switch (info.family) {
    case Family::bandwidth:
      std::fprintf(out, "%18s", "Bandwidth (MB/s)");
      break;
    case Family::message_rate:
      std::fprintf(out, "%14s%16s", "MB/s", "Messages/s");
      break;
    case Family::overlap:
      std::fprintf(out, "%14s%14s%16s%12s", "Overall(us)", "Compute(us)", "Pure Comm.(us)",
                   "Overlap(%)");
      break;
    default:
      std::fprintf(out, "%17s%17s%17s", "Avg Latency(us)", "Min Latency(us)", "Max Latency(us)");
      break;
  }
  std::fprintf(out, "%10s%10s%10s", "P50(us)", "P90(us)", "P99(us)");
  if (info.family == Family::halo) std::fprintf(out, "%14s", "MB/s");
  if (bus_pattern_of(info.name)) std::fprintf(out, "%13s%13s", "AlgBW(GB/s)", "BusBW(GB/s)");
  std::fprintf(out, "%12s\n", "Iterations");
  std::fflush(out);
}

void print_table_row(std::FILE *out, const KernelInfo &info, const SizeSummary &row,
                     const RowFigures &figures) {
  // The size is left-aligned under "# Size"; a value wider than its field still gets one space.
  if (has_size(info)) {
    std::string size = std::to_string(row.size);
    size.resize(std::max<std::size_t>(size.size() + 1, 12), ' ');
    put(out, size);
  } else {
    std::fprintf(out, "  ");
  }
  switch (info.family) {
    case Family::bandwidth:
      put(out, table_cell(figures.bandwidth_mb_s.value_or(0), 18, 2));
      break;
    case Family::message_rate:
      put(out, table_cell(figures.bandwidth_mb_s.value_or(0), 14, 2));
      put(out, table_cell(figures.messages_per_s.value_or(0), 16, 2));
      break;
    case Family::overlap: {
      const Overlap o = row.overlap.value_or(Overlap{});
      put(out, table_cell(o.overall_us, 14, 2));
      put(out, table_cell(o.compute_us, 14, 2));
      put(out, table_cell(o.pure_comm_us, 16, 2));
      put(out, table_cell(o.overlap_pct, 12, 2));
      break;
    }
    default:
      for (double t : {row.time_us.avg, row.time_us.min, row.time_us.max})
        put(out, table_cell(t, 17, 2));
      break;
  }
  for (const std::optional<double> &p : {row.p50_us, row.p90_us, row.p99_us})
    put(out, p ? table_cell(*p, 10, 2) : table_cell("-", 10));
  if (info.family == Family::halo) put(out, table_cell(figures.bandwidth_mb_s.value_or(0), 14, 2));
  if (figures.bus) {
    put(out, table_cell(figures.bus->alg_gb_s, 13, 3));
    put(out, table_cell(figures.bus->bus_gb_s, 13, 3));
  }
  put(out, table_cell(std::to_string(row.iterations), 12));
  std::fprintf(out, "%s\n", row.budget_hit ? " (budget)" : "");
  std::fflush(out);
}

}  // namespace hpcpat::kernels
