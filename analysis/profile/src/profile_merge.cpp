// Merging partial dumps: every figure a partial dump holds is either one rank's (ranks[], the
// matrix rows, its calls' sums) or derived from them, so the merge keeps the former and derives
// the rest again with the interposer's definitions (docs/profile-format.md).
#include "hpcpat/profile/profile_merge.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "hpcpat/base/input_error.hpp"

namespace hpcpat::profile {
namespace {

// Lower is the likelier first cause: an MPI_Abort ends the others, who then get a signal.
int cause_order(ExitKind k) {
  switch (k) {
    case ExitKind::aborted: return 0;
    case ExitKind::exited: return 1;
    case ExitKind::signal: return 2;
    case ExitKind::finalized: return 3;
  }
  return 3;
}

bool same_exit(const ExitInfo &a, const ExitInfo &b) {
  return a.status == b.status && a.code == b.code && a.signal == b.signal;
}

void check_one_run(const std::vector<SourcedProfile> &parts) {
  const SourcedProfile &first = parts.front();
  std::map<int, const std::string *> seen;
  for (const SourcedProfile &s : parts) {
    const RunInfo &r = s.profile.run;
    if (r.id != first.profile.run.id || r.ranks != first.profile.run.ranks) {
      throw InputError(s.source + ": run id '" + r.id + "' (" + std::to_string(r.ranks) +
                       " ranks) is not the run of " + first.source + " ('" +
                       first.profile.run.id + "', " + std::to_string(first.profile.run.ranks) +
                       " ranks): partial dumps of different runs cannot be merged");
    }
    const int rank = s.profile.ranks.front().rank;
    auto [it, fresh] = seen.emplace(rank, &s.source);
    if (!fresh) {
      throw InputError(s.source + ": rank " + std::to_string(rank) + " has a partial dump already (" +
                       *it->second + "): give each rank's dump once");
    }
  }
}

FractionStats fraction_stats(std::vector<double> v) {
  FractionStats f;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  f.min = v.front();
  f.max = v.back();
  f.median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  double sum = 0;
  for (double x : v) sum += x;
  f.mean = sum / static_cast<double>(n);
  double sq = 0;
  for (double x : v) sq += (x - f.mean) * (x - f.mean);
  f.stdev = std::sqrt(sq / static_cast<double>(n));
  return f;
}

// calls[] over the ranks read: sums, histograms bin by bin, and min/max/mean/cov of the per-rank
// totals (a rank that never called it counts as 0).
std::vector<CallAggregate> merge_calls(const std::vector<SourcedProfile> &parts) {
  std::map<std::string, CallAggregate> by_name;
  std::map<std::string, std::map<int, SizeBin>> bins;
  std::map<std::string, std::vector<double>> per_rank;
  const std::size_t n = parts.size();
  for (std::size_t i = 0; i < n; ++i) {
    for (const CallAggregate &c : parts[i].profile.calls) {
      CallAggregate &m = by_name[c.name];
      m.name = c.name;
      m.category = c.category;
      m.count += c.count;
      m.bytes += c.bytes;
      m.time_s.sum += c.time_s.sum;
      auto &times = per_rank[c.name];
      times.resize(n, 0.0);
      times[i] = c.time_s.sum;  // a partial dump's sum is its one rank's total
      for (const SizeBin &b : c.histogram) {
        SizeBin &into = bins[c.name][b.bin];
        into.bin = b.bin, into.lo = b.lo, into.hi = b.hi;
        into.count += b.count, into.time_s += b.time_s, into.bytes += b.bytes;
      }
    }
  }
  std::vector<CallAggregate> calls;
  for (auto &[name, c] : by_name) {
    const std::vector<double> &t = per_rank[name];
    c.time_s.min = *std::min_element(t.begin(), t.end());
    c.time_s.max = *std::max_element(t.begin(), t.end());
    c.time_s.mean = c.time_s.sum / static_cast<double>(n);
    double sq = 0;
    for (double x : t) sq += (x - c.time_s.mean) * (x - c.time_s.mean);
    c.time_s.cov = c.time_s.mean > 0 ? std::sqrt(sq / static_cast<double>(n)) / c.time_s.mean : 0;
    for (auto &[bin, b] : bins[name]) c.histogram.push_back(b);
    calls.push_back(std::move(c));
  }
  std::stable_sort(calls.begin(), calls.end(), [](const CallAggregate &a, const CallAggregate &b) {
    return a.time_s.sum > b.time_s.sum;
  });
  return calls;
}

Summary merge_summary(const std::vector<RankEntry> &ranks, const std::vector<CallAggregate> &calls) {
  Summary s;
  std::vector<double> fractions;
  double app = 0, mpi = 0, max_mpi = 0;
  for (const RankEntry &r : ranks) {
    fractions.push_back(r.mpi_fraction);
    app += r.app_time_s;
    mpi += r.mpi_time_s;
    max_mpi = std::max(max_mpi, r.mpi_time_s);
  }
  const double n = static_cast<double>(ranks.size());
  s.mpi_fraction = fraction_stats(fractions);
  s.app_time_s = app / n;
  s.mpi_time_s = mpi / n;
  s.imbalance = s.mpi_time_s > 0 ? max_mpi / s.mpi_time_s : 1;
  double total = 0;
  for (const CallAggregate &c : calls) total += c.time_s.sum;
  if (total > 0) {
    for (const CallAggregate &c : calls) {
      s.categories[static_cast<std::size_t>(c.category)] += c.time_s.sum / total;
    }
  }
  return s;
}

CommMatrix merge_matrix(const std::vector<SourcedProfile> &parts) {
  CommMatrix m;
  for (const SourcedProfile &s : parts) {
    const CommMatrix &c = s.profile.comm_matrix;
    m.entries.insert(m.entries.end(), c.entries.begin(), c.entries.end());
    m.cap = std::max(m.cap, c.cap);
    m.truncated = m.truncated || c.truncated;
    m.dropped_messages += c.dropped_messages;
    m.dropped_bytes += c.dropped_bytes;
  }
  std::sort(m.entries.begin(), m.entries.end(), [](const CommEntry &a, const CommEntry &b) {
    return a.src != b.src ? a.src < b.src : a.dst < b.dst;
  });
  return m;
}

std::vector<RegionRecord> merge_regions(const std::vector<SourcedProfile> &parts) {
  std::map<std::string, RegionRecord> by_name;
  for (const SourcedProfile &s : parts) {
    for (const RegionRecord &r : s.profile.regions) {
      RegionRecord &m = by_name[r.name];
      m.name = r.name;
      m.ranks += r.ranks, m.count += r.count, m.time_s += r.time_s, m.mpi_time_s += r.mpi_time_s;
    }
  }
  std::vector<RegionRecord> out;
  for (auto &[name, r] : by_name) out.push_back(r);
  std::stable_sort(out.begin(), out.end(),
                   [](const RegionRecord &a, const RegionRecord &b) { return a.time_s > b.time_s; });
  return out;
}

std::string rank_list(const std::vector<int> &ranks) {
  std::string s;
  for (std::size_t i = 0; i < ranks.size(); ++i) {
    if (i == 8 && ranks.size() > 9) return s + ", ... (" + std::to_string(ranks.size()) + " in all)";
    s += (i ? ", " : "") + std::to_string(ranks[i]);
  }
  return s;
}

std::string merge_note(const std::vector<RankEntry> &ranks, int world) {
  std::vector<bool> have(static_cast<std::size_t>(world), false);
  std::vector<int> read, missing;
  for (const RankEntry &r : ranks) have[static_cast<std::size_t>(r.rank)] = true, read.push_back(r.rank);
  for (int r = 0; r < world; ++r) {
    if (!have[static_cast<std::size_t>(r)]) missing.push_back(r);
  }
  std::string note = std::to_string(ranks.size()) + " partial dumps merged (ranks " +
                     rank_list(read) + " of " + std::to_string(world) + ")";
  if (!missing.empty()) note += "; no dump from ranks " + rank_list(missing);
  return note + ": figures over ranks are over the ranks read";
}

}  // namespace

const RankEntry *exit_rank(const Profile &p) {
  const RankEntry *found = nullptr;
  for (const RankEntry &r : p.ranks) {
    if (r.exit && same_exit(*r.exit, p.run.exit) && (found == nullptr || r.rank < found->rank)) {
      found = &r;
    }
  }
  return found;
}

Profile merge_partials(std::vector<SourcedProfile> parts) {
  check_one_run(parts);
  std::sort(parts.begin(), parts.end(), [](const SourcedProfile &a, const SourcedProfile &b) {
    return a.profile.ranks.front().rank < b.profile.ranks.front().rank;
  });
  Profile out;
  out.complete = false;
  out.run = parts.front().profile.run;  // the lowest rank's: rank 0's has topology and fabric
  std::map<std::string, std::set<int>> hosts;
  std::set<std::string> seen_notes;
  const ExitInfo *cause = nullptr;
  for (const SourcedProfile &s : parts) {
    const Profile &p = s.profile;
    const RankEntry &r = p.ranks.front();
    out.ranks.push_back(r);
    out.run.wall_s = std::max(out.run.wall_s, p.run.wall_s);
    if (!out.run.topology) out.run.topology = p.run.topology;
    if (!out.run.fabric) out.run.fabric = p.run.fabric;
    out.run.threads.max_per_rank = std::max(out.run.threads.max_per_rank, p.run.threads.max_per_rank);
    for (const HostEntry &h : p.run.hosts) hosts[h.name].insert(h.ranks.begin(), h.ranks.end());
    if (cause == nullptr || cause_order(p.run.exit.status) < cause_order(cause->status)) {
      cause = &p.run.exit;
    }
    for (const std::string &note : p.notes) {
      if (seen_notes.insert(note).second) out.notes.push_back(note);
    }
  }
  out.run.exit = *cause;
  out.run.hosts.clear();
  for (const auto &[name, ranks] : hosts) out.run.hosts.push_back({name, {ranks.begin(), ranks.end()}});
  out.calls = merge_calls(parts);
  out.summary = merge_summary(out.ranks, out.calls);
  out.comm_matrix = merge_matrix(parts);
  out.regions = merge_regions(parts);
  out.notes.push_back(merge_note(out.ranks, out.run.ranks));
  return out;
}

}  // namespace hpcpat::profile
