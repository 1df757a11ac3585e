#include "run_views.hpp"

#include <algorithm>
#include <map>

#include "hpcpat/base/input_error.hpp"
#include "hpcpat/base/text_file.hpp"
#include "hpcpat/profile/profile_reader.hpp"

namespace hpcpat::html {
namespace {

using nlohmann::json;

// Kernel summaries are small; anything larger than this is not one.
constexpr std::uint64_t kMaxSummaryBytes = std::uint64_t{64} << 20;

std::string bin_label(const profile::SizeBin &b) {
  if (b.hi == 0) return "0 B";
  const auto human = [](std::uint64_t v) {
    const char *units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    int u = 0;
    while (v >= 1024 && v % 1024 == 0 && u < 4) {
      v /= 1024;
      ++u;
    }
    return std::to_string(v) + " " + units[u];
  };
  return b.lo == b.hi ? human(b.lo) : human(b.lo) + "-" + human(b.hi + 1);
}

}  // namespace

std::vector<ProfiledRun> read_profiles(const std::vector<runs::RunSample> &runs,
                                       std::vector<std::string> &notes) {
  std::vector<ProfiledRun> out;
  for (const runs::RunSample &r : runs) {
    if (!r.ok() || r.profile.empty()) continue;
    try {
      out.push_back({&r, profile::read_profile(r.profile)});
    } catch (const InputError &e) {
      notes.push_back(r.study + "/" + r.run + ": profile left out: " + e.what());
    }
  }
  return out;
}

std::vector<const ProfiledRun *> representative_runs(const std::vector<ProfiledRun> &profiled) {
  std::map<std::string, const ProfiledRun *> best;
  std::vector<std::string> order;
  for (const ProfiledRun &p : profiled) {
    auto [it, inserted] = best.try_emplace(p.run->case_name, &p);
    if (inserted) {
      order.push_back(p.run->case_name);
      continue;
    }
    const runs::RunSample &now = *it->second->run;
    if (p.run->ranks > now.ranks || (p.run->ranks == now.ranks && p.run->repeat < now.repeat)) {
      it->second = &p;
    }
  }
  std::vector<const ProfiledRun *> out;
  for (const std::string &c : order) out.push_back(best[c]);
  return out;
}

json wall_rows(const std::vector<runs::RunSample> &runs) {
  json rows = json::array();
  for (const runs::RunSample &r : runs) {
    rows.push_back({{"case", r.case_name}, {"nodes", r.nodes},   {"ranks", r.ranks},
                    {"repeat", r.repeat},  {"run", r.run},       {"status", r.status},
                    {"wall_s", r.wall_s}});
  }
  return rows;
}

json category_rows(const std::vector<ProfiledRun> &profiled) {
  json rows = json::array();
  for (const ProfiledRun &p : profiled) {
    const profile::Summary &s = p.profile.summary;
    if (s.app_time_s <= 0) continue;
    const double mpi_share = s.mpi_time_s / s.app_time_s;
    for (profile::Category c : profile::kCategories) {
      const double f = mpi_share * s.share(c);
      if (f <= 0) continue;
      rows.push_back({{"case", p.run->case_name},
                      {"nodes", p.run->nodes},
                      {"run", p.run->run},
                      {"category", std::string(profile::category_name(c))},
                      {"fraction", f}});
    }
  }
  return rows;
}

json rank_rows(const std::vector<const ProfiledRun *> &shown) {
  json rows = json::array();
  for (const ProfiledRun *p : shown) {
    for (const profile::RankEntry &r : p->profile.ranks) {
      rows.push_back({{"case", p->run->case_name}, {"run", p->run->run}, {"rank", r.rank},
                      {"host", r.host}, {"mpi_fraction", r.mpi_fraction}});
    }
  }
  return rows;
}

json size_rows(const std::vector<const ProfiledRun *> &shown) {
  json rows = json::array();
  for (const ProfiledRun *p : shown) {
    for (const profile::CallAggregate &call : p->profile.calls) {
      for (const profile::SizeBin &b : call.histogram) {
        if (b.count == 0) continue;
        rows.push_back({{"case", p->run->case_name}, {"run", p->run->run}, {"call", call.name},
                        {"bin", b.bin}, {"sizes", bin_label(b)}, {"count", b.count},
                        {"bytes", b.bytes}});
      }
    }
  }
  return rows;
}

json matrix_rows(const std::vector<const ProfiledRun *> &shown) {
  json rows = json::array();
  for (const ProfiledRun *p : shown) {
    for (const profile::CommEntry &e : p->profile.comm_matrix.entries) {
      rows.push_back({{"case", p->run->case_name}, {"run", p->run->run}, {"src", e.src},
                      {"dst", e.dst}, {"messages", e.messages}, {"bytes", e.bytes}});
    }
  }
  return rows;
}

json kernel_rows(const std::vector<runs::RunSample> &runs, std::vector<std::string> &notes) {
  json rows = json::array();
  for (const runs::RunSample &r : runs) {
    if (!r.ok() || r.summary.empty()) continue;
    json doc;
    try {
      doc = json::parse(read_text_file(r.summary, kMaxSummaryBytes), nullptr, false);
    } catch (const InputError &e) {
      notes.push_back(r.study + "/" + r.run + ": summary left out: " + e.what());
      continue;
    }
    if (!doc.is_object() || doc.value("schema", "") != "hpcpat.kernels.v1") continue;
    const json results = doc.value("results", json::array());
    if (!results.is_array()) continue;
    const std::string kernel = doc.value("kernel", r.case_name);
    for (const json &point : results) {
      if (!point.is_object() || !point.contains("size") || !point.contains("time_us")) continue;
      const json &t = point["time_us"];
      if (!t.is_object() || !t.contains("avg") || !t["avg"].is_number()) continue;
      json row = {{"kernel", kernel}, {"case", r.case_name}, {"run", r.run},
                  {"nodes", r.nodes}, {"ranks", r.ranks},    {"size", point["size"]},
                  {"time_us", t["avg"]}};
      if (point.contains("bandwidth_mb_s")) row["bandwidth_mb_s"] = point["bandwidth_mb_s"];
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

}  // namespace hpcpat::html
