#include "hpcpat/report/summary_text.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "hpcpat/base/display_command.hpp"
#include "hpcpat/profile/profile_merge.hpp"
#include "hpcpat/report/summary_facts.hpp"
#include "summary_views.hpp"
#include "text_format.hpp"

namespace hpcpat::report {
namespace {

using namespace hpcpat::profile;

std::string plural(long long n, const char *word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

// MPI_Get_library_version strings run over several lines; the first line names the library.
std::string first_line(const std::string &s) {
  return s.substr(0, s.find('\n'));
}

std::string exit_text(const ExitInfo &e) {
  std::string s = e.status == ExitKind::finalized ? "finalized"
                  : e.status == ExitKind::aborted ? "aborted"
                  : e.status == ExitKind::exited  ? "exited without MPI_Finalize"
                                                  : "killed by a signal";
  if (e.code) s += fmt(", code %lld", static_cast<long long>(*e.code));
  if (e.signal) s += fmt(", signal %d", *e.signal);
  return s;
}

void render_run(std::string &out, const Profile &p, const SummaryFacts &facts) {
  const RunInfo &r = p.run;
  out += fmt("hpcpat profile of %s: %s", printable(r.app).c_str(), plural(r.ranks, "rank").c_str());
  if (r.nodes) out += " on " + plural(*r.nodes, "node");
  if (r.ranks_per_node) out += fmt(" (%d per node)", *r.ranks_per_node);
  out += ", launched by " + printable(r.launcher) + "\n";
  if (!p.complete && p.ranks.size() == 1) {
    out += fmt("  PARTIAL profile: only rank %d's data (run %s)\n", p.ranks.front().rank,
               exit_text(r.exit).c_str());
  } else if (!p.complete) {  // partial dumps merged (profile_merge.hpp)
    const RankEntry *cause = exit_rank(p);
    out += fmt("  PARTIAL profile: %zu of %d ranks' dumps merged (run %s%s)\n", p.ranks.size(),
               r.ranks, exit_text(r.exit).c_str(),
               cause != nullptr ? fmt(", on rank %d", cause->rank).c_str() : "");
  }
  out += "  command      " + display_command(r.command) + "\n";
  out += "  MPI library  " + printable(first_line(r.mpi_library)) + " (MPI " + printable(r.mpi_version) + ")\n";
  out += fmt("  wall time    %.3f s (%s)\n", r.wall_s,
             p.complete ? "MPI_Init to MPI_Finalize, slowest rank" : "MPI_Init to the dump");
  out += fmt("  per rank     app %.3f s, MPI %.3f s (%.1f%%), imbalance %.2f (max/mean MPI time)\n",
             p.summary.app_time_s, p.summary.mpi_time_s, facts.per_rank_percent_mpi,
             p.summary.imbalance);
  out += "  started      " + printable(r.started_at) + ", run id " + printable(r.id) + "\n";
  if (!r.tags.empty()) {
    std::string tags;
    for (const auto &[k, v] : r.tags) tags += (tags.empty() ? "" : ", ") + printable(k) + "=" + printable(v);
    out += "  tags         " + tags + "\n";
  }
}

// What measured the run and what that cost: the clock (an overhead figure always names it), the
// interposer's own time and the memory high-water mark.
void render_measurement(std::string &out, const Profile &p, const SummaryFacts &facts) {
  const TimerInfo &t = p.run.timer;
  out += fmt("  timer        %s, %.1f ns a read", t.source.c_str(), t.ns_per_read);
  if (!t.requested.empty() && t.requested != "auto") {
    out += " (HPCPAT_TIMER=" + t.requested + ")";
  }
  if (t.check && t.check->checked_ranks > 0) {
    out += fmt("; checked against CLOCK_MONOTONIC on %s: rate change up to %+.4f%%",
               plural(static_cast<long long>(t.check->checked_ranks), "rank").c_str(),
               100 * t.check->max_rate_change);
  }
  out += "\n";
  out += fmt("  interposer   %.6f s summed over ranks (%.2f%% of MPI time), inside the MPI time\n",
             facts.interposer_time_s, facts.interposer_percent_mpi);
  if (facts.max_rss != nullptr) {
    out += fmt("  memory       high-water mark %.1f MiB (rank %d, the largest)\n",
               static_cast<double>(*facts.max_rss->max_rss_bytes) / (1024.0 * 1024.0),
               facts.max_rss->rank);
  }
}

void render_rank_spread(std::string &out, const Profile &p, const RankTotals &totals) {
  const FractionStats &f = p.summary.mpi_fraction;
  out += "\nMPI time as % of app time, over ranks\n";
  out += fmt("  min %.2f%%   median %.2f%%   max %.2f%%   (worst: rank %d on %s)\n", 100 * f.min,
             100 * f.median, 100 * f.max, totals.worst->rank, printable(totals.worst->host).c_str());
}

void render_calls(std::string &out, const Profile &p, const SummaryFacts &facts) {
  if (p.calls.empty()) {
    out += "\nNo MPI calls were recorded.\n";
    return;
  }
  std::size_t name_width = 4;
  for (const CallFigures &row : facts.top_calls) {
    name_width = std::max(name_width, row.call->name.size());
  }
  const int w = static_cast<int>(name_width);
  out += fmt("\nTop %zu MPI calls by time (of %zu called; time summed over ranks)\n",
             facts.top_calls.size(), p.calls.size());
  out += fmt("  %-*s %12s %12s %7s %7s %12s\n", w, "call", "count", "time (s)", "% MPI", "% app",
             "mean bytes");
  for (const CallFigures &row : facts.top_calls) {
    const CallAggregate &c = *row.call;
    std::string mean_bytes = row.mean_bytes ? fmt("%.0f", *row.mean_bytes) : "-";
    out += fmt("  %-*s %12llu %12.6f %7.2f %7.2f %12s\n", w, printable(c.name).c_str(),
               static_cast<unsigned long long>(c.count), c.time_s.sum, row.percent_mpi,
               row.percent_app, mean_bytes.c_str());
  }
}

// mpiP's "Aggregate Time (top twenty, descending)", one line per (call, site).
void render_callsites(std::string &out, const Profile &p, const SummaryFacts &facts) {
  const Callsites &cs = p.callsites;
  if (!cs.present) return;
  out += fmt("\nTop %zu call sites by MPI time (of %zu; depth %d; time summed over ranks)\n",
             facts.top_sites.size(), cs.sites.size(), cs.depth);
  std::size_t width = 4;
  for (const Callsite *c : facts.top_sites) width = std::max(width, site_label(*c).size());
  const int w = static_cast<int>(width);
  out += fmt("  %-16s %-*s %6s %12s %12s %7s %14s\n", "call", w, "site", "ranks", "count",
             "time (s)", "% MPI", "bytes");
  for (const Callsite *c : facts.top_sites) {
    out += fmt("  %-16s %-*s %6zu %12llu %12.6f %7.2f %14llu\n", c->call.c_str(), w,
               site_label(*c).c_str(), c->ranks, static_cast<unsigned long long>(c->count),
               c->time_s, 100 * c->share_of_mpi, static_cast<unsigned long long>(c->bytes));
  }
  if (cs.other.count > 0) {
    out += fmt("  %-16s %-*s %6s %12llu %12.6f %7.2f %14llu\n", "(other)", w, "beyond the cap", "",
               static_cast<unsigned long long>(cs.other.count), cs.other.time_s,
               100 * cs.other.share_of_mpi, static_cast<unsigned long long>(cs.other.bytes));
  }
}

void render_categories(std::string &out, const SummaryFacts &facts) {
  std::string line;
  for (const CategoryShare &c : facts.categories) {
    // A share that rounds to 0.0% is still there; say so rather than print a zero.
    std::string value = 100 * c.share < 0.05 ? "<0.1%" : fmt("%.1f%%", 100 * c.share);
    line += "  " + std::string(category_name(c.category)) + " " + value;
  }
  if (!line.empty()) out += "\nMPI time by category\n" + line + "\n";
}

void render_regions(std::string &out, const SummaryFacts &facts) {
  if (facts.regions.empty()) return;
  out += "\nRegions (time summed over ranks)\n";
  std::size_t width = 6;
  for (const RegionFigures &row : facts.regions) width = std::max(width, row.region->name.size());
  const int w = static_cast<int>(width);
  out += fmt("  %-*s %7s %12s %12s %12s %7s\n", w, "region", "ranks", "count", "time (s)",
             "MPI (s)", "% MPI");
  for (const RegionFigures &row : facts.regions) {
    const RegionRecord &r = *row.region;
    out += fmt("  %-*s %7lld %12llu %12.6f %12.6f %7.2f\n", w, printable(r.name).c_str(),
               static_cast<long long>(r.ranks), static_cast<unsigned long long>(r.count), r.time_s,
               r.mpi_time_s, row.percent_mpi);
  }
}

void render_notes(std::string &out, const Profile &p) {
  if (p.comm_matrix.truncated || !p.notes.empty()) out += "\n";
  if (p.comm_matrix.truncated) {
    out +=
        fmt("Note: the communication matrix was capped at %llu entries; %llu messages "
            "(%llu bytes) are not in it.\n",
            static_cast<unsigned long long>(p.comm_matrix.cap),
            static_cast<unsigned long long>(p.comm_matrix.dropped_messages),
            static_cast<unsigned long long>(p.comm_matrix.dropped_bytes));
  }
  for (const std::string &note : p.notes) out += "Note: " + printable(note) + "\n";
}

}  // namespace

std::string render_summary(const Profile &p, const SummaryOptions &options) {
  SummaryFacts facts = summary_facts(p, options.top_calls);
  std::string out;
  render_run(out, p, facts);
  render_measurement(out, p, facts);
  render_rank_spread(out, p, facts.totals);
  render_calls(out, p, facts);
  render_callsites(out, p, facts);
  render_categories(out, facts);
  render_regions(out, facts);
  render_views_text(out, p, options);
  render_notes(out, p);
  if (!options.profile_path.empty()) out += "\nProfile: " + printable(options.profile_path) + "\n";
  return out;
}

}  // namespace hpcpat::report
