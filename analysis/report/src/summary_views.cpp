#include "summary_views.hpp"

#include <algorithm>
#include <vector>

#include "hpcpat/base/display_command.hpp"
#include "hpcpat/report/summary_facts.hpp"
#include "text_format.hpp"

namespace hpcpat::report {
namespace {

using namespace hpcpat::profile;
using nlohmann::ordered_json;

// How one rank ended, in the words of its fault: "MPI_Abort(7)", "signal 15", "exit 3".
std::string exit_word(const RankEntry &r) {
  if (!r.exit || r.exit->status == ExitKind::finalized) return "finalized";
  const long long code = r.exit->code ? static_cast<long long>(*r.exit->code) : -1;
  switch (r.exit->status) {
    case ExitKind::aborted: return fmt("MPI_Abort(%lld)", code);
    case ExitKind::exited: return fmt("exit %lld without MPI_Finalize", code);
    default: return r.exit->signal ? fmt("signal %d", *r.exit->signal) : "signal";
  }
}

std::vector<const RankEntry *> by_rank(const Profile &p) {
  std::vector<const RankEntry *> rows;
  for (const RankEntry &r : p.ranks) rows.push_back(&r);
  std::sort(rows.begin(), rows.end(), [](auto *a, auto *b) { return a->rank < b->rank; });
  return rows;
}

// mpiP's closing rows of its Task Time Statistics, each column on its own (the rank with the
// least app time need not be the one with the least MPI time).
struct Column {
  double mean = 0, min = 0, max = 0;
};
struct RankStats {
  Column app, mpi, percent;
};

RankStats rank_stats(const Profile &p) {
  RankStats s;
  bool first = true;
  auto add = [&first](Column &c, double v) {
    c.mean += v;
    c.min = first ? v : std::min(c.min, v);
    c.max = first ? v : std::max(c.max, v);
  };
  for (const RankEntry &r : p.ranks) {
    add(s.app, r.app_time_s);
    add(s.mpi, r.mpi_time_s);
    add(s.percent, 100 * r.mpi_fraction);
    first = false;
  }
  const double n = static_cast<double>(p.ranks.size());
  s.app.mean /= n, s.mpi.mean /= n, s.percent.mean /= n;
  return s;
}

// Entries by bytes, heaviest first (then by src, dst); `top` of them (all when 0).
std::vector<CommEntry> heaviest(const CommMatrix &m, std::size_t top) {
  std::vector<CommEntry> e = m.entries;
  std::stable_sort(e.begin(), e.end(),
                   [](const CommEntry &a, const CommEntry &b) { return a.bytes > b.bytes; });
  if (top != 0 && e.size() > top) e.resize(top);
  return e;
}

void rank_table_text(std::string &out, const Profile &p) {
  out += fmt("\nPer rank (mpiP's Task Time Statistics; %zu of %d ranks)\n", p.ranks.size(),
             p.run.ranks);
  out += fmt("  %6s %-16s %12s %12s %7s  %s\n", "rank", "host", "AppTime (s)", "MPITime (s)",
             "MPI%", "exit");
  for (const RankEntry *r : by_rank(p)) {
    out += fmt("  %6d %-16s %12.6f %12.6f %7.2f  %s\n", r->rank, printable(r->host).c_str(),
               r->app_time_s, r->mpi_time_s, 100 * r->mpi_fraction, exit_word(*r).c_str());
  }
  const RankStats s = rank_stats(p);
  const std::pair<const char *, double Column::*> rows[] = {
      {"mean", &Column::mean}, {"min", &Column::min}, {"max", &Column::max}};
  for (const auto &[name, field] : rows) {
    out += fmt("  %6s %-16s %12.6f %12.6f %7.2f\n", name, "", s.app.*field, s.mpi.*field,
               s.percent.*field);
  }
}

void histograms_text(std::string &out, const Profile &p) {
  bool any = false;
  for (const CallAggregate &c : p.calls) {
    if (c.histogram.empty()) continue;
    any = true;
    out += "\nMessage sizes of " + printable(c.name) + " (summed over ranks)\n";
    out += fmt("  %23s %12s %12s %7s %16s\n", "bytes from..to", "count", "time (s)", "% time",
               "bytes");
    for (const SizeBin &b : c.histogram) {
      std::string range = fmt("%llu..%llu", static_cast<unsigned long long>(b.lo),
                              static_cast<unsigned long long>(b.hi));
      out += fmt("  %23s %12llu %12.6f %7.2f %16llu\n", range.c_str(),
                 static_cast<unsigned long long>(b.count), b.time_s,
                 percent(b.time_s, c.time_s.sum), static_cast<unsigned long long>(b.bytes));
    }
  }
  if (!any) out += "\nNo message sizes were recorded.\n";
}

void grid_text(std::string &out, const Profile &p, const char *what,
               std::uint64_t CommEntry::*field) {
  const int n = p.run.ranks;
  std::vector<std::uint64_t> grid(static_cast<std::size_t>(n) * n, 0);
  for (const CommEntry &e : p.comm_matrix.entries) {
    grid[static_cast<std::size_t>(e.src) * n + e.dst] += e.*field;
  }
  out += fmt("  %s (row: sender, column: receiver)\n  %8s", what, "");
  for (int d = 0; d < n; ++d) out += fmt(" %12d", d);
  out += "\n";
  for (int s = 0; s < n; ++s) {
    out += fmt("  %8d", s);
    for (int d = 0; d < n; ++d) {
      out += fmt(" %12llu", static_cast<unsigned long long>(grid[static_cast<std::size_t>(s) * n + d]));
    }
    out += "\n";
  }
}

void matrix_text(std::string &out, const Profile &p, std::size_t top) {
  const CommMatrix &m = p.comm_matrix;
  out += "\nCommunication matrix (point-to-point and one-sided, as the sender recorded them)\n";
  if (m.entries.empty()) {
    out += "  no messages between ranks were recorded\n";
    return;
  }
  if (p.run.ranks <= kMaxGridRanks) {
    grid_text(out, p, "messages", &CommEntry::messages);
    grid_text(out, p, "bytes", &CommEntry::bytes);
  }
  std::vector<CommEntry> rows = heaviest(m, top);
  out += fmt("  heaviest %zu of %zu sender-receiver pairs, by bytes%s\n", rows.size(),
             m.entries.size(), rows.size() < m.entries.size() ? " (--top 0: all)" : "");
  out += fmt("  %8s %8s %12s %16s\n", "sender", "receiver", "messages", "bytes");
  for (const CommEntry &e : rows) {
    out += fmt("  %8d %8d %12llu %16llu\n", e.src, e.dst,
               static_cast<unsigned long long>(e.messages), static_cast<unsigned long long>(e.bytes));
  }
}

ordered_json column_json(const RankStats &s, double Column::*field) {
  return {{"app_time_s", s.app.*field},
          {"mpi_time_s", s.mpi.*field},
          {"percent_mpi", s.percent.*field}};
}

ordered_json rank_table_json(const Profile &p) {
  ordered_json rows = ordered_json::array();
  for (const RankEntry *r : by_rank(p)) {
    const ExitInfo e = r->exit ? *r->exit : ExitInfo{};
    rows.push_back({{"rank", r->rank},
                    {"host", r->host},
                    {"app_time_s", r->app_time_s},
                    {"mpi_time_s", r->mpi_time_s},
                    {"percent_mpi", 100 * r->mpi_fraction},
                    {"exit", exit_kind_name(e.status)},
                    {"exit_code", e.code ? ordered_json(*e.code) : ordered_json(nullptr)},
                    {"exit_signal", e.signal ? ordered_json(*e.signal) : ordered_json(nullptr)}});
  }
  const RankStats s = rank_stats(p);
  return {{"ranks", rows},
          {"mean", column_json(s, &Column::mean)},
          {"min", column_json(s, &Column::min)},
          {"max", column_json(s, &Column::max)}};
}

ordered_json histograms_json(const Profile &p) {
  ordered_json calls = ordered_json::array();
  for (const CallAggregate &c : p.calls) {
    if (c.histogram.empty()) continue;
    ordered_json bins = ordered_json::array();
    for (const SizeBin &b : c.histogram) {
      bins.push_back({{"bin", b.bin},
                      {"lo", b.lo},
                      {"hi", b.hi},
                      {"count", b.count},
                      {"time_s", b.time_s},
                      {"percent_time", percent(b.time_s, c.time_s.sum)},
                      {"bytes", b.bytes}});
    }
    calls.push_back({{"name", c.name}, {"bins", bins}});
  }
  return calls;
}

ordered_json matrix_json(const Profile &p, std::size_t top) {
  ordered_json entries = ordered_json::array();
  for (const CommEntry &e : heaviest(p.comm_matrix, top)) {
    entries.push_back({{"src", e.src}, {"dst", e.dst}, {"messages", e.messages}, {"bytes", e.bytes}});
  }
  return {{"pairs", p.comm_matrix.entries.size()}, {"heaviest", entries}};
}

}  // namespace

void render_views_text(std::string &out, const Profile &p, const SummaryOptions &options) {
  if (options.ranks) rank_table_text(out, p);
  if (options.histograms) histograms_text(out, p);
  if (options.matrix) matrix_text(out, p, options.top_calls);
}

void add_views_json(ordered_json &doc, const Profile &p, const SummaryOptions &options) {
  if (options.ranks) doc["rank_table"] = rank_table_json(p);
  if (options.histograms) doc["histograms"] = histograms_json(p);
  if (options.matrix) doc["matrix"] = matrix_json(p, options.top_calls);
}

}  // namespace hpcpat::report
