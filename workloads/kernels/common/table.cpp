#include "hpcpat/kernels/table.hpp"

#include <algorithm>
#include <optional>

#include "hpcpat/runinfo/run_facts.hpp"

namespace hpcpat::kernels {
namespace {

bool has_size(const KernelInfo &info) {
  return info.family != Family::barrier;
}

}  // namespace

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
  if (has_size(info))
    std::fprintf(out, "%-12zu", row.size);
  else
    std::fprintf(out, "  ");
  switch (info.family) {
    case Family::bandwidth:
      std::fprintf(out, "%18.2f", figures.bandwidth_mb_s.value_or(0));
      break;
    case Family::message_rate:
      std::fprintf(out, "%14.2f%16.2f", figures.bandwidth_mb_s.value_or(0),
                   figures.messages_per_s.value_or(0));
      break;
    case Family::overlap: {
      const Overlap o = row.overlap.value_or(Overlap{});
      std::fprintf(out, "%14.2f%14.2f%16.2f%12.2f", o.overall_us, o.compute_us, o.pure_comm_us,
                   o.overlap_pct);
      break;
    }
    default:
      std::fprintf(out, "%17.2f%17.2f%17.2f", row.time_us.avg, row.time_us.min, row.time_us.max);
      break;
  }
  for (const std::optional<double> &p : {row.p50_us, row.p90_us, row.p99_us}) {
    if (p)
      std::fprintf(out, "%10.2f", *p);
    else
      std::fprintf(out, "%10s", "-");
  }
  if (info.family == Family::halo) std::fprintf(out, "%14.2f", figures.bandwidth_mb_s.value_or(0));
  if (figures.bus) std::fprintf(out, "%13.3f%13.3f", figures.bus->alg_gb_s, figures.bus->bus_gb_s);
  std::fprintf(out, "%12llu%s\n", static_cast<unsigned long long>(row.iterations),
               row.budget_hit ? " (budget)" : "");
  std::fflush(out);
}

}  // namespace hpcpat::kernels
